"""What one language's staging keeps in memory from build to build (the warm path).

Where it sits: ``site_gen.stage.stage_language(..., memo=StageMemo())``. The long-running
processes (``site-gen publish``, ``site-gen serve``) keep one :class:`StageMemo` per
language; each staging then redoes only what the content change touched and gives the
same :class:`~site_gen.stage.StageResult` and the same files as a staging without a memo.

What it keeps:

* the staged files as last written (path → text or bytes), so "write only when changed"
  compares strings instead of reading 10,000 files, and the staged folder is not walked:
  the memo's process must be the only writer of ``build/<lang>/docs`` between stagings (a
  folder deleted or replaced meanwhile is noticed, and compared with the disk again);
* the content's asset folders with their modification times (:meth:`StageMemo.assets`):
  a folder whose time did not move is not listed again;
* per product (an item's page, its header and footer, a section page, a block of the
  home page …) the value and a key of exactly what it is made from, in named stores
  (:meth:`StageMemo.store`, :func:`reuse`); keys are compared by value (``==``, which is
  quick when ``check`` gave back the same objects);
* which optional Markdown extensions each staged page uses.

``now``: a product made at one moment is reused at another only when no moment at which
the output changes by itself (``site_gen.content.moments``: a ``publish_at``, an expiry, an
event's start or end, a screen slide's day, an issue's date) and no local midnight lies
between the two; otherwise every store is emptied and everything is made again (the
files and folders above are still used). The settings, screens, issues and the loaded
extensions are compared the same way.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from ..content.model import ContentSet, Item, Lang
from ..content.moments import moments

T = TypeVar("T")
RACY_NS = 2_000_000_000  # a folder changed this close to its listing is listed again


@dataclass
class _Folder:
    mtime_ns: int
    listed_ns: int
    folders: list[str]  # names of subfolders to walk
    files: list[str]  # names of the other entries (not followed, not starting with '.')


@dataclass
class StageMemo:
    """One language's staging memory (keep it, pass it to every ``stage_language``)."""

    lang: Lang | None = None
    docs: Path | None = None
    now: datetime | None = None
    day: object = None
    content: ContentSet | None = None  # the last staging's (its moments, when now moves)
    world: object = None  # settings, screens, issues, extensions: all stores depend on them
    files: dict[str, str | bytes] = field(default_factory=dict)  # staged docs as written
    assets: dict[str, tuple[int, int]] = field(default_factory=dict)  # path → source time, size
    known: bool = False  # files/assets are what the docs folder holds
    docs_id: tuple[int, int] | None = None  # the docs folder's device and inode then
    folders: dict[str, _Folder] = field(default_factory=dict)
    syntax: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    stores: dict[str, dict[Any, Any]] = field(default_factory=dict)
    reused: int = 0  # products taken from the stores in the last staging (for tests, benches)
    made: int = 0
    facts: dict[int, tuple[Item, str, str, date]] = field(default_factory=dict)
    order: tuple[tuple[Item, ...], list[Item]] | None = None

    def begin(self, content: ContentSet, lang: Lang, now: datetime, docs: Path,
              world: object) -> None:
        """Start a staging: forget what the new content, moment or setup invalidates."""
        if self.lang != lang or self.docs != docs:
            self.__init__()  # type: ignore[misc]  # a fresh memo: another project
            self.lang, self.docs = lang, docs
        if folder_id(docs) != self.docs_id:
            self.known = False  # the folder was deleted or replaced: compare with the disk
        day = now.astimezone(content.settings.zone).date()
        if not (self.now is not None and self.content is not None and self.world == world
                and self.day == day and (now == self.now or (
                    not _between(moments(self.content), self.now, now)
                    and not _between(moments(content), self.now, now)))):
            self.stores.clear()
        self.now, self.day, self.content, self.world = now, day, content, world
        self.reused = self.made = 0

    def newest_first(self, content: ContentSet) -> list[Item]:
        """``content.items`` newest first (date, then key, both descending), as
        ``ContentSet.published`` orders them; each item's date and key are kept while
        ``check`` gives back the same object."""
        if self.order is not None and self.order[0] is content.items:
            return self.order[1]
        last, facts = self.facts, {}
        for item in content.items:
            hit = last.get(id(item))
            if hit is None or hit[0] is not item:
                hit = (item, item.key, item.section, item.date)
            facts[id(item)] = hit
        self.facts = facts
        rows = sorted(facts.values(), key=lambda f: (f[3], f[1]), reverse=True)
        order = [f[0] for f in rows]
        self.order = (content.items, order)
        return order

    def places(self, content: ContentSet) -> tuple[tuple[str, str], ...]:
        """Every item's key and section (what links between items resolve to)."""
        self.newest_first(content)
        return tuple((f[1], f[2]) for f in self.facts.values())

    def store(self, name: str) -> dict[Any, Any]:
        """A named store of products, kept until the content's moment or setup changes."""
        return self.stores.setdefault(name, {})

    def walk_assets(self, root: Path) -> Iterator[tuple[PurePosixPath, os.stat_result]]:
        """What ``site_gen.content.files.walk_content`` yields for files that may be
        assets (folders and names starting with '.' or '_' skipped, Markdown skipped),
        listing again only the folders whose modification time moved."""
        stack = [""]
        seen: set[str] = set()
        while stack:
            below = stack.pop()
            seen.add(below)
            folder = root / below if below else root
            try:
                st = os.lstat(folder)
            except OSError:
                continue
            if below and not stat.S_ISDIR(st.st_mode):
                continue
            known = self.folders.get(below)
            if known is None or known.mtime_ns != st.st_mtime_ns or \
                    known.mtime_ns >= known.listed_ns - RACY_NS:
                known = _list(folder, st.st_mtime_ns)
                self.folders[below] = known
            for name in known.files:
                try:
                    entry = os.lstat(folder / name)
                except OSError:
                    continue
                yield PurePosixPath(below + name), entry
            stack.extend(f"{below}{name}/" for name in reversed(known.folders))
        for gone in set(self.folders) - seen:
            del self.folders[gone]


def folder_id(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _list(folder: Path, mtime_ns: int) -> _Folder:
    listed = time.time_ns()
    folders: list[str] = []
    files: list[str] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        entries = []
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_dir:
            folders.append(entry.name)
        elif not entry.name.endswith(".md"):
            files.append(entry.name)
    return _Folder(mtime_ns, listed, folders, files)


def _between(marks: Iterable[datetime], a: datetime, b: datetime) -> bool:
    """Whether a moment lies between ``a`` and ``b`` (both ends included)."""
    low, high = (a, b) if a <= b else (b, a)
    return any(low <= m <= high for m in marks)


def reuse(memo: StageMemo | None, store: str, name: object, key: object,
          make: Callable[[], T]) -> T:
    """``make()``, or the value made last time under ``name`` when its ``key`` is equal."""
    if memo is None:
        return make()
    kept = memo.store(store)
    hit = kept.get(name)
    if hit is not None and hit[0] == key:
        memo.reused += 1
        return hit[1]  # type: ignore[no-any-return]
    value = make()
    kept[name] = (key, value)
    memo.made += 1
    return value
