"""What ``check`` keeps between runs in a long-running process (the publish service, the
live preview), so that a second check costs what changed, not what content/ holds.

Where it sits: ``site_gen.content.check`` takes a :class:`FileCache` (``check(root,
cache=...)``); ``site_gen.publish`` and ``site_gen.serve`` keep one for their lifetime. The
per-item and per-link memos it holds are used by ``check``'s cross checks and by
``site_gen.content.sitewide``; a check without a cache runs the same code with empty memos,
so the two cannot disagree.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .model import Item, Lang, Version
from .tree import ContentTree

if TYPE_CHECKING:  # sitewide imports this module
    from .sitewide import LinkMemo

# What reading one file gives: (folder, stem, lang, shown path, version or None).
Loaded = tuple[str, str, Lang, str, Version | None] | None
# A file's stamp: its content is taken as unchanged while all four are.
_Stamp = tuple[int, int, int, int]
# An item's own cross-check findings (site_gen.content.pairs): whether each missing
# language's file exists, the languages missing, the warnings, each version's address.
PairFindings = tuple[tuple[bool, ...], list[Lang], list[Diagnostic], list[tuple[str, Version]]]
# An item's site-wide findings for a day (site_gen.content.sitewide): dates, meetings.
DatedFindings = tuple[date, list[Diagnostic]]


@dataclass
class _Entry:
    stamp: _Stamp
    loaded: Loaded
    said: list[Diagnostic]
    # The result also depends on which Markdown files exist (a "did you mean" among the
    # folder's names, a picture address that names a Markdown file), or the file has errors.
    looks_around: bool


@dataclass
class FileCache:
    """Everything ``check`` keeps between runs, for the publish service and the live preview.

    A Markdown file's result is reused while its modification time, size, inode and change
    time are the same (an editor's save changes them; a file written twice within the file
    system's clock tick with the same size is taken as unchanged) and nothing else under
    content/ changed: a change under ``_data/``, of a picture, a video or any other file
    that is not an item's Markdown, or a new folder, empties the cache. Every check walks
    content/ once and re-checks, for unchanged files, only what another file can change:
    pairs, addresses, and the links whose target appeared or disappeared.

    **Identity**: an item none of whose files changed is returned as the very same
    :class:`~site_gen.content.model.Item` object as by the previous check (and so are its
    :class:`~site_gen.content.model.Version` objects), so the stages after ``check`` can
    tell what changed with ``is``. A changed, added or renamed file gives a new object; a
    change under ``_data/`` or of a picture or video makes every item new.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    data_stamp: tuple[tuple[str, int, int, int], ...] = ()
    markdown_names: frozenset[str] = frozenset()  # the Markdown files of item folders
    markdown_empty: frozenset[str] = frozenset()  # those of them that are empty
    hits: int = 0
    tree: ContentTree | None = None  # the last walk of content/ (its root: the cache's)
    items: dict[tuple[str, str], Item] = field(default_factory=dict)
    # Per-item results of the cross checks and the site-wide checks, by the item's identity;
    # per-link answers of the link checks (site_gen.content.sitewide.LinkMemo).
    pairs: dict[int, tuple[Item, PairFindings]] = field(default_factory=dict)
    dated: dict[int, tuple[Item, DatedFindings]] = field(default_factory=dict)
    links: LinkMemo | None = None

    def start(self, root: Path, tree: ContentTree) -> None:
        """Forget what a change since the last run makes stale. ``tree``: this run's walk."""
        if self.tree is not None and self.tree.root != tree.root:
            self._forget_all()  # another content root: nothing kept applies
        self.tree = tree
        # Every entry but the Markdown files of item folders: _data/, pictures, videos,
        # folders, links (a picture fixed under the same name must be verified again).
        data = tuple((rel, st.st_mode, 0 if stat.S_ISDIR(st.st_mode) else st.st_mtime_ns,
                      0 if stat.S_ISDIR(st.st_mode) else st.st_size)
                     for rel, st in tree.others) + tuple(
            (rel, st.st_mode, st.st_mtime_ns, st.st_size) for rel, st in tree.markdown
            if not stat.S_ISREG(st.st_mode))
        if data != self.data_stamp:
            self._forget_all()
            self.data_stamp = data
        names = frozenset(rel for rel, _ in tree.markdown)
        empty = frozenset(rel for rel, st in tree.markdown if st.st_size == 0)
        if names != self.markdown_names or empty != self.markdown_empty:
            for path in [p for p, e in self.entries.items() if e.looks_around]:
                del self.entries[path]
            self.markdown_names, self.markdown_empty = names, empty

    def _forget_all(self) -> None:
        self.entries.clear()
        self.items.clear()
        self.pairs.clear()
        self.dated.clear()
        self.links = None
        self.markdown_names = self.markdown_empty = frozenset()

    def load(self, files: list[tuple[str, os.stat_result]],
             compute: Callable[[list[str]], list[tuple[Loaded, list[Diagnostic]]]],
             looks_around: Callable[[Loaded, list[Diagnostic]], bool]
             ) -> list[tuple[Loaded, list[Diagnostic]]]:
        """Each file's result and messages, in order (``files``: paths below root with
        their ``lstat`` from the walk): from the cache while a file is unchanged, else from
        ``compute``, called once with every file to read (so a first check, or one after a
        change under ``_data/``, reads them in parallel as a cold check does). Results of
        files no longer there are forgotten."""
        entries = self.entries
        stamps = [(st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns) for _, st in files]
        stale = [i for i, ((rel, _), stamp) in enumerate(zip(files, stamps, strict=True))
                 if (hit := entries.get(rel)) is None or hit.stamp != stamp]
        self.hits += len(files) - len(stale)
        for i, (loaded, said) in zip(stale, compute([files[i][0] for i in stale]), strict=True):
            entries[files[i][0]] = _Entry(stamps[i], loaded, said, looks_around(loaded, said))
        if len(entries) > len(files):  # a file was deleted or renamed
            keep = {rel for rel, _ in files}
            for path in [p for p in entries if p not in keep]:
                del entries[path]
        return [(hit.loaded, hit.said) for hit in (entries[rel] for rel, _ in files)]

    def item(self, folder: str, stem: str, versions: Mapping[Lang, Version]) -> Item:
        """The previous run's item when its versions are the very same objects; a new one
        otherwise (kept for the next run)."""
        old = self.items.get((folder, stem))
        if old is not None and len(old.versions) == len(versions):
            for lang, v in versions.items():
                if old.versions.get(lang) is not v:
                    break
            else:
                return old
        new = self.items[(folder, stem)] = Item(folder, stem, dict(versions))
        return new

    def forget_items(self, keep: tuple[Item, ...]) -> None:
        """Keep only ``keep`` (this run's items) and their memos."""
        if len(self.items) == len(keep) and len(self.pairs) <= len(keep) and \
                len(self.dated) <= len(keep):
            return  # nothing was removed (every kept item is one of this run's)
        alive = {id(i) for i in keep}
        self.items = {k: i for k, i in self.items.items() if id(i) in alive}
        self.pairs = {k: v for k, v in self.pairs.items() if k in alive}
        self.dated = {k: v for k, v in self.dated.items() if k in alive}


__all__ = ["DatedFindings", "FileCache", "Loaded", "PairFindings"]
