"""The search index follows the pages: an incremental build goes live before Pagefind runs.

Where it sits: in ``site_gen.build``, around ``site_gen.search.index_language``. Pagefind has
no incremental mode: it reads every page of a language again (about 4 s per 1,000 pages on
this machine), which is most of an incremental build. So when a language was rendered
incrementally (``site_gen.incremental``):

1. :func:`carry` hard-links the last site's index (``<lang>/pagefind/``) into the fresh site,
   which then goes live with the pages: search works, and finds the last push's texts;
2. after the swap, :func:`follow` indexes a linked copy of the live language folder (the
   pages are not copied: hard links) with the same ``index_language`` the full build runs,
   and moves the new index in with two renames. Files of the index whose bytes did not
   change keep their modification time (``site_gen.keeptimes``), as everywhere else.

The build returns after both; ``BuildReport.seconds`` holds ``live`` (pages and bundle
served) and ``search follows`` (the index's own time). After step 2 the site is byte for byte
what a full build writes (tests/site/test_incremental_build.py).
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
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


def follow(out: Path, langs: list[Lang]) -> float:
    """Index the live site's ``langs`` again and put the new indexes in; return seconds."""
    started = time.perf_counter()
    if langs:
        with ThreadPoolExecutor(max_workers=len(langs)) as pool:  # Pagefind: a subprocess each
            list(pool.map(lambda lang: _follow_one(out, lang), langs))
    return time.perf_counter() - started


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


__all__ = ["carry", "follow", "link_tree"]
