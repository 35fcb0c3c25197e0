"""The one publishing gate: an item with an error goes out on no channel.

Where it sits: right after :func:`site_gen.content.check`, before any channel (the site
build, the signage bundle, the digest, posters, print) takes the ContentSet. ``check`` keeps
every version that could be read, even one with an error found later (personal data, a
duplicate address); :func:`publishable` takes the diagnostics and removes every item that
has an error in either of its files: a pair is one item, so a bad Russian file holds back
the Kazakh one too. An error in a file that is not an item's (``content/_data/site.yml``,
``screens.yml``, an issue file) is not about one item: it is returned apart, and the
channel refuses to run as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .diagnostics import Diagnostic, sort_key
from .model import LANGS, ContentSet, Item

_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[^./]+)\.md$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An item (or a file of content/ that is no item's) that has errors."""

    key: str  # the item's key ('news/2026-11-23-x'), or the file's shown path
    errors: tuple[Diagnostic, ...]  # sorted by file and line
    is_item: bool = True


@dataclass(frozen=True, slots=True)
class Gated:
    """What a channel may publish, and what it must not."""

    content: ContentSet  # only items whose files have no error
    left_out: tuple[LeftOut, ...]  # by key
    general: tuple[Diagnostic, ...]  # errors about no one item: the channel refuses all


def item_key(path: str) -> str | None:
    """The key of the item a shown path (``content/news/x.kk.md``) belongs to, if any."""
    parts = PurePosixPath(unicodedata.normalize("NFC", path)).parts
    if len(parts) < 2 or any(p.startswith((".", "_")) for p in parts[1:]):
        return None
    m = _NAME.match(parts[-1])
    if m is None or m["lang"] not in LANGS:
        return None
    return "/".join((*parts[1:-1], m["stem"]))


def _inside_content(path: str, root_name: str) -> bool:
    parts = PurePosixPath(path).parts
    return len(parts) >= 2 and parts[0] == root_name and not parts[1].startswith(("_", "."))


def media_of(item: Item) -> set[PurePosixPath]:
    """The media files an item's front matter names (content-relative)."""
    used: set[PurePosixPath] = set()
    for v in item.versions.values():
        paths = [v.image]
        if v.signage is not None:
            paths += [v.signage.image, v.signage.video]
        if v.event is not None:
            paths.append(v.event.report)
        used.update(p for p in paths if p is not None)
    return used


def publishable(content: ContentSet, diagnostics: Iterable[Diagnostic]) -> Gated:
    """Split ``content`` by ``check``'s diagnostics: the items with no error, the items
    left out (each with its errors), and the errors that concern no one item.

    An error at an item's Markdown file leaves that item out (both languages). An error at
    another file inside content/ (a media file, a Markdown file with a wrong name) leaves
    out the items whose front matter names that file, and the file itself is named as left
    out. An error anywhere else (``_data/``, the configuration) is ``general``.
    """
    root_name = content.root.name
    by_media: dict[str, list[str]] = {}
    for item in content.items:
        for media in media_of(item):
            by_media.setdefault(f"{root_name}/{media}", []).append(item.key)
    errors: dict[tuple[str, bool], list[Diagnostic]] = {}
    general: list[Diagnostic] = []
    for d in diagnostics:
        if d.severity != "error":
            continue
        key = item_key(d.path) if _inside_content(d.path, root_name) else None
        if key is not None:
            errors.setdefault((key, True), []).append(d)
        elif _inside_content(d.path, root_name):
            errors.setdefault((d.path, False), []).append(d)
            for owner in by_media.get(d.path, ()):
                errors.setdefault((owner, True), []).append(d)
        else:
            general.append(d)
    out = {key for key, is_item in errors if is_item}
    kept = tuple(item for item in content.items if item.key not in out)
    left = tuple(LeftOut(key, tuple(sorted(found, key=sort_key)), is_item)
                 for (key, is_item), found in sorted(errors.items()))
    return Gated(replace(content, items=kept), left, tuple(sorted(general, key=sort_key)))


__all__ = ["Gated", "LeftOut", "item_key", "media_of", "publishable"]
