"""The last good copy of each published item, kept between site builds.

Where it sits: inside ``site_gen.build``. After ``check`` and the publishing gate
(``site_gen.content.gate``) leave an item out for its errors, :func:`restore` reads that
item's last good files back, through the same loader ``check`` uses and the same gate, so
the item stays on the site and on the screens as it last was ("held back"). After every
build that succeeds, :func:`save` writes the new copies into a fresh folder, which the build
swaps in beside the new site. The warm builder of the long-running services
(``site_gen.warm``) calls :func:`update` instead, after the swap: it rewrites, in place, only
the copies whose source changed since the last build, and deletes those no longer wanted.

The copies live next to the site in a hidden folder, ``.<site>.last-good/content/…``
(``site/`` → ``.site.last-good/``), outside the folder the web server serves; the folder
mirrors ``content/`` (the Markdown files byte for byte, and the media their front matter
names), so messages about a copy name the same path as the editor's file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .content.check import load_items
from .content.files import ContentFileError, safe_content_file
from .content.gate import LeftOut, media_of, publishable
from .content.model import ContentSet, Item

CONTENT = "content"  # the copies' folder inside the state folder: shown paths stay the same


def state_dir(out: Path) -> Path:
    """Where the last good copies of the site ``out`` are kept."""
    return out.with_name(f".{out.name}.last-good")


@dataclass(frozen=True, slots=True)
class Restored:
    items: tuple[Item, ...]  # last good versions put back
    held_back: tuple[LeftOut, ...]  # their current errors, for the build's report
    left_out: tuple[LeftOut, ...]  # no usable last good copy: out of the site and the screens


def _files(root: Path, key: str) -> list[Path]:
    folder, _, stem = key.rpartition("/")
    where = root / folder if folder else root
    return sorted(where / f"{stem}.{lang}.md" for lang in ("kk", "ru")
                  if (where / f"{stem}.{lang}.md").is_file())


# An edit whose error is personal data is never answered with an older copy that itself
# carried personal data under a consent: the consent may be what was withdrawn. An older copy
# with no personal data at all (a number pasted in by mistake) is safe to keep on the air.
PERSONAL = frozenset({"personal-data"})


def restore(state: Path, left_out: Sequence[LeftOut], like: ContentSet) -> Restored:
    """The last good copy of every left-out item that has one and still passes ``check``."""
    root = state / CONTENT
    wanted = [left for left in left_out if left.is_item]
    files = [f for left in wanted for f in _files(root, left.key)] if root.is_dir() else []
    if not files:
        return Restored((), (), tuple(left_out))
    loaded, diagnostics = load_items(root, files, like)
    # Held to today's rules: a copy that now fails (a screen removed, personal data rules)
    # is not put back. A copy is whole: both languages it had, or nothing.
    gated = publishable(replace(like, root=root, items=loaded), diagnostics)
    personal = {left.key for left in wanted if any(d.code in PERSONAL for d in left.errors)}
    good = {item.key: item for item in gated.content.items
            if len(item.versions) == len(_files(root, item.key))
            and not (item.key in personal
                     and any(v.personal_data_consent for v in item.versions.values()))}
    held = tuple(left for left in wanted if left.key in good)
    return Restored(tuple(good[left.key] for left in held), held,
                    tuple(left for left in left_out if left.key not in good))


# What the copies are, by their path under CONTENT: the size and modification time their
# source had when copied (the copy keeps both: shutil.copy2, or a link to an equal copy).
Saved = dict[str, tuple[int, int]]


def _wanted(sources: Iterable[tuple[Item, Path]]) -> tuple[dict[str, Path], int]:
    """Every file to keep a copy of (by its path under CONTENT; the first source of a
    picture two items share) and how many items."""
    files: dict[str, Path] = {}
    items = 0
    for item, source_root in sources:
        if not any(v.approved for v in item.versions.values()):
            continue
        for v in item.versions.values():
            files.setdefault(v.source.relative_to(source_root).as_posix(), v.source)
        for media in media_of(item):
            try:  # the same gate as every channel: a regular file inside content/ only
                src = safe_content_file(source_root, media)
            except ContentFileError:
                continue  # check has named it; the held-back copy goes out without it
            files.setdefault(media.as_posix(), src)
        items += 1
    return files, items


def save(fresh: Path, previous: Path, sources: Iterable[tuple[Item, Path]],
         saved: Saved | None = None) -> int:
    """Write into ``fresh`` (a new folder) the copy of each approved item of ``sources``
    (an item and the content root its files are under); return how many items were kept.
    ``saved``, when given, is filled with what was copied (for :func:`update`).

    A media file whose copy in ``previous`` has the same size and time is linked, not
    copied again: a kept video costs its space once.
    """
    root, before = fresh / CONTENT, previous / CONTENT
    root.mkdir(parents=True)
    files, kept = _wanted(sources)
    for rel, src in files.items():
        mark = _copy(src, root / rel, before / rel)
        if saved is not None:
            saved[rel] = mark
    return kept


def update(state: Path, sources: Iterable[tuple[Item, Path]], saved: Saved) -> int:
    """Bring the copies in ``state`` (the live state folder) to ``sources`` in place: a
    file is copied again only when its source's size or time differs from ``saved`` (what
    :func:`save` or the last update copied; updated here), and copies no longer wanted are
    deleted. One ``stat`` per source file, a copy per changed one. Each copy is written
    beside its place and renamed in, so a crash leaves every copy whole."""
    root = state / CONTENT
    files, kept = _wanted(sources)
    for rel, src in files.items():
        dst = root / rel
        try:
            st = src.stat()
        except OSError:
            continue  # gone since check: its old copy stays until the next build
        mark = (st.st_size, st.st_mtime_ns)
        if saved.get(rel) == mark or src == dst:
            saved[rel] = mark
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.tmp")
        try:
            shutil.copy2(src, tmp)
            os.replace(tmp, dst)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        saved[rel] = mark
    for rel in [rel for rel in saved if rel not in files]:
        (root / rel).unlink(missing_ok=True)
        del saved[rel]
    return kept


def _copy(src: Path, dst: Path, same: Path | None) -> tuple[int, int]:
    """Copy (or link from ``same``) ``src`` to ``dst``; the source's size and time."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    a = src.stat()
    if same is not None:
        try:
            b = same.stat()
            if (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
                os.link(same, dst)
                return a.st_size, a.st_mtime_ns
        except OSError:
            pass  # no earlier copy, or links not possible here: copy it
    shutil.copy2(src, dst)
    return a.st_size, a.st_mtime_ns


__all__ = ["CONTENT", "Restored", "Saved", "restore", "save", "state_dir", "update"]
