"""The search index follows the pages: an incremental build goes live before Pagefind runs.

Where it sits: in ``site_gen.build`` and ``site_gen.warmpath`` (and the live preview,
``site_gen.serve``), around ``site_gen.search``. Pagefind has no incremental mode: it reads
every page it is given (about 1–1.5 s per 1,000 pages on this machine). So when a language
was rendered incrementally (``site_gen.incremental``):

1. :func:`carry` hard-links the last site's index (``<lang>/pagefind/``) into the fresh site,
   which then goes live with the pages: search works, and finds the last push's texts;
2. after the swap, :func:`follow` writes the new index. Given what the push wrote and
   removed in a language (``changes``), :func:`follow_language` indexes again only the parts
   that hold those pages (a page's part is fixed by a hash of its address,
   ``site_gen.search.part_of``, so an added page lands in one part and the others keep their
   files) and moves them in so that no reader meets an entry naming a missing file
   (:func:`_move_in`). Without ``changes``, or when the number of pages puts the index in
   another number of parts, the whole language is indexed again in a linked copy and moved
   in with two renames. Files of the index whose bytes did not change keep their
   modification time (``site_gen.keeptimes``), as everywhere else.

The build returns after both; ``BuildReport.seconds`` holds ``live`` (pages and bundle
served) and ``search follows`` (the index's own time). After step 2 the index is byte for
byte what a full build writes (tests/site/test_search_follow.py,
tests/site/test_incremental_build.py).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import keeptimes, search
from .content.model import Lang


def link_tree(src: Path, dst: Path, *, skip: str = "") -> int:
    """Hard-link every file under ``src`` to the same place under ``dst``; a top folder
    named ``skip`` is left out. Returns the number of files."""
    count = 0
    for folder, dirs, names in os.walk(src):
        rel = os.path.relpath(folder, src)
        if rel == "." and skip in dirs:
            dirs.remove(skip)
        target = os.path.normpath(os.path.join(dst, rel))
        os.makedirs(target, exist_ok=True)
        for name in names:
            os.link(os.path.join(folder, name), os.path.join(target, name))
            count += 1
    return count


def carry(previous: Path, fresh: Path) -> bool:
    """Link the last site's index of one language into the fresh site; False when there is
    none (the index is then written now, as in a full build)."""
    index = previous / search.OUTPUT
    if not (index / "pagefind-entry.json").is_file():
        return False
    link_tree(index, fresh / search.OUTPUT)
    return True


Changes = tuple[Iterable[str], Iterable[str]]  # (written or changed, removed) files of a language


@dataclass
class Followed:
    """What following one language did."""

    parts: list[int] = field(default_factory=list)  # the parts indexed again
    of: int = 0  # how many parts the index has
    whole: str = ""  # why the whole index was written again; "" when only ``parts`` were
    seconds: float = 0.0


def follow(out: Path, langs: list[Lang], changes: Mapping[Lang, Changes] | None = None
           ) -> float:
    """Index the live site's ``langs`` again and put the new indexes in; return seconds.

    ``changes`` maps a language to the files of ``<out>/<lang>/`` written (changed or
    added) and removed since its index was written, as paths under the language folder
    with ``/`` (``news/x/index.html``; files other than pages are ignored): only the parts
    that hold them are indexed again (:func:`follow_language`). A language without an entry
    is indexed whole, as a full build does."""
    started = time.perf_counter()
    if langs:
        def one(lang: Lang) -> None:
            if changes is not None and lang in changes:
                written, removed = changes[lang]
                follow_language(out, lang, written, removed)
            else:
                _follow_one(out, lang)

        with ThreadPoolExecutor(max_workers=len(langs)) as pool:  # Pagefind: a subprocess each
            list(pool.map(one, langs))
    return time.perf_counter() - started


def pages_of(staged: Iterable[str]) -> set[str]:
    """The pages that staged Markdown files (``Outcome.paths``, ``StageResult.removed``:
    paths under the staged ``docs/``) render to, as :func:`follow` takes them: the
    engine's directory URLs (``news/x.md`` → ``news/x/index.html``, ``news/index.md`` and
    ``README.md`` → ``…/index.html``). Other files are left out."""
    pages = set()
    for path in staged:
        folder, _, name = path.lstrip("/").rpartition("/")
        stem, dot, kind = name.rpartition(".")
        if not dot or kind != "md":
            continue
        inside = "" if stem in ("index", "README") else f"{stem}/"
        pages.add(f"{folder}/{inside}index.html" if folder else f"{inside}index.html")
    return pages


def follow_language(out: Path, lang: Lang, written: Iterable[str], removed: Iterable[str]
                    ) -> Followed:
    """Index again only the parts of ``<out>/<lang>/pagefind/`` that hold a page in
    ``written`` or ``removed`` (see :func:`follow`), and move them in; the other parts'
    files are left as they are. The result is byte for byte the index a full build writes
    of the same pages. The whole index is written again when there is none yet, when the
    number of pages puts it in another number of parts (every page may change part), and
    when the changes do not fit the folder (a written page that is not there, a removed
    one that is: paths from another folder, say), since a wrong part would stay wrong."""
    started = time.perf_counter()
    live = out / lang
    index = live / search.OUTPUT
    pages = search.language_pages(live)
    parts = search.part_count(len(pages))
    new = {page.lstrip("/") for page in written if page.endswith(".html")}
    gone = {page.lstrip("/") for page in removed if page.endswith(".html")} - new
    here = set(pages)
    unfit = sorted((new - here) | (gone & here))
    touched = sorted({search.part_of(page, parts) for page in new | gone})
    whole = ("no index yet" if not (index / "pagefind-entry.json").is_file() else
             "a new number of parts" if search.parts_listed(index) != parts else
             f"the changes do not fit the pages: {', '.join(unfit[:3])}" if unfit else "")
    if whole:
        _follow_one(out, lang)
        return Followed(list(range(parts)), parts, whole, time.perf_counter() - started)
    if touched:
        try:
            _parts(out, lang, pages, parts, touched)
        except Exception as error:  # noqa: BLE001  # whatever went wrong, the whole index
            # is written again: a part left behind now would never be indexed again, since
            # the next push names only its own pages.
            _follow_one(out, lang)
            return Followed(list(range(parts)), parts, f"the parts failed: {error}",
                            time.perf_counter() - started)
    return Followed(touched, parts, "", time.perf_counter() - started)


def _parts(out: Path, lang: Lang, pages: list[str], parts: int, touched: list[int]) -> None:
    """Index the ``touched`` parts of ``<out>/<lang>/`` again and move them in."""
    live = out / lang
    shadow = out.with_name(f".{out.name}.index-{lang}")
    shutil.rmtree(shadow, ignore_errors=True)
    try:
        for page in pages:
            n = search.part_of(page, parts)
            if n in touched:
                search.link_page(live / page, shadow / "pages" / str(n) / page)
        for n in touched:  # one after the other: Pagefind uses every core itself
            (shadow / "pages" / str(n)).mkdir(parents=True, exist_ok=True)  # none left
            search.index_part(shadow / "pages" / str(n), shadow / "index" / str(n), lang, n)
        _move_in(live / search.OUTPUT, {n: shadow / "index" / str(n) for n in touched})
    finally:
        shutil.rmtree(shadow, ignore_errors=True)


def _move_in(index: Path, fresh: dict[int, Path]) -> None:
    """Put the freshly written parts into the live index, so that a reader never finds a
    part's entry naming a file that is not there. Pagefind names every file of a part by
    its content's hash, except the part's entry (``pagefind-entry.json``) and, in part 0,
    the script and WebAssembly (the same bytes on every run). So: (1) every new file of
    every part goes in beside the old ones; (2) each part's entry is replaced, in one
    rename each: the readers who load the index now get the new part; (3) what only the
    old entries named is deleted. The part list does not change (the same number of
    parts), and a page is in the same part before and after, so between two entries'
    renames no page is missing or found twice. Files whose bytes are the same stay as
    they are (same times, same ETag)."""
    entry = "pagefind-entry.json"
    targets = {n: search.part_dir(index, n) for n in fresh}
    new_files = {n: _files(fresh[n]) for n in fresh}
    for n, files in new_files.items():  # (1)
        for rel in files:
            if rel != entry:
                _put(fresh[n] / rel, targets[n] / rel)
    for n in fresh:  # (2)
        _put(fresh[n] / entry, targets[n] / entry)
    for n, files in new_files.items():  # (3)
        own = set(files)
        for rel in _files(targets[n], top=n == 0):
            if rel not in own:
                os.unlink(targets[n] / rel)
        _drop_empty(targets[n], top=n == 0)


def _drop_empty(root: Path, *, top: bool) -> None:
    """Delete the folders under ``root`` left empty (with ``top``, not the other parts')."""
    folders: list[str] = []
    for folder, dirs, _names in os.walk(root):
        if top and folder == str(root) and search.PARTS in dirs:
            dirs.remove(search.PARTS)
        folders.append(folder)
    for folder in reversed(folders[1:]):  # the deepest first
        if not os.listdir(folder):
            os.rmdir(folder)


def _files(root: Path, *, top: bool = False) -> list[str]:
    """Every file under ``root`` (relative, with ``/``); with ``top`` (part 0's folder, the
    index's own) the other parts and the part list are left out."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        if rel == "." and top:
            if search.PARTS in dirs:
                dirs.remove(search.PARTS)
            names = [name for name in names if name != search.PARTS_FILE]
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names]
    return found


def _put(new: Path, target: Path) -> None:
    """``new`` at ``target`` in one rename (a hard link to it first), unless ``target``
    already has the same bytes."""
    if target.is_file() and filecmp.cmp(new, target, shallow=False):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    step = target.with_name(f".{target.name}.new")
    step.unlink(missing_ok=True)
    os.link(new, step)
    os.replace(step, target)


def _follow_one(out: Path, lang: Lang) -> None:
    live = out / lang
    shadow = out.with_name(f".{out.name}.index-{lang}")
    shutil.rmtree(shadow, ignore_errors=True)
    try:
        link_tree(live, shadow, skip=search.OUTPUT)
        search.index_language(shadow, lang)
        _same_removals(shadow, live)
        new, old = shadow / search.OUTPUT, live / search.OUTPUT
        keeptimes.keep_times(new, old)
        stale = live / f".{search.OUTPUT}.old"
        shutil.rmtree(stale, ignore_errors=True)
        if old.exists():
            os.replace(old, stale)
        os.replace(new, old)
        shutil.rmtree(stale, ignore_errors=True)
    finally:
        shutil.rmtree(shadow, ignore_errors=True)


def _same_removals(shadow: Path, live: Path) -> None:
    """What indexing removed from the pages' folder (files it does not publish) goes from
    the live folder too."""
    for folder, _dirs, names in os.walk(live, topdown=False):
        rel = os.path.relpath(folder, live)
        if rel.split(os.sep)[0] == search.OUTPUT:
            continue
        for name in names:
            if not os.path.lexists(os.path.join(shadow, rel, name)):
                os.unlink(os.path.join(folder, name))
        if rel != "." and not os.path.isdir(os.path.join(shadow, rel)):
            try:
                os.rmdir(folder)
            except OSError:
                pass  # not empty: something is still there


__all__ = ["Changes", "Followed", "carry", "follow", "follow_language", "link_tree",
           "pages_of"]
