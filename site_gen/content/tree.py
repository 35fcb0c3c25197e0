"""One walk of content/ per check, shared by every step that needs the list of files.

Where it sits: ``check`` (``site_gen.content.check``) walks content/ once into a
:class:`ContentTree`; the Markdown files it loads, the stamps of the long-running processes'
cache (``site_gen.content.filecache``), the scan for links and active files
(``site_gen.content.files.scan_content``), the SVGs verified (``site_gen.pictures``) and the
links to files (``site_gen.content.sitewide``) all read that one walk instead of walking
again. ``FileCache.tree`` keeps the last one for whoever runs after ``check``.

The walk itself is ``site_gen.content.files.walk_folders``: links are listed, never followed,
and names starting with '.' are skipped, exactly as the content boundary has always walked.
"""

from __future__ import annotations

import os
import posixpath
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .files import walk_folders


@dataclass(frozen=True, slots=True)
class ContentTree:
    """Every entry under ``root`` with its ``lstat``, in the walk's order, and the same
    entries split in two: the Markdown files of item folders (no folder on the way starts
    with '_') and everything else (``_data/``, media, folders, links, other files)."""

    root: Path
    entries: list[tuple[str, os.stat_result]]  # ("news/x.kk.md", lstat)
    markdown: list[tuple[str, os.stat_result]]  # *.md in item folders (files or not)
    others: list[tuple[str, os.stat_result]]  # the rest, in the walk's order
    complete: bool  # every folder could be listed and every entry stat'ed
    names: frozenset[str]  # every entry's path below root, and "" for root itself
    has_links: bool  # some entry is a symbolic link

    @classmethod
    def walk(cls, root: Path) -> ContentTree:
        entries: list[tuple[str, os.stat_result]] = []
        markdown: list[tuple[str, os.stat_result]] = []
        others: list[tuple[str, os.stat_result]] = []
        trouble: list[OSError] = []
        links: list[str] = []
        for below, found in walk_folders(Path(root), trouble, links):
            listed = [(below + name, st) for name, st in found]
            entries += listed
            if any(part.startswith("_") for part in below.split("/")):
                others += listed
                continue
            markdown += [e for e in listed if e[0].endswith(".md")]
            others += [e for e in listed if not e[0].endswith(".md")]
        names = frozenset([rel for rel, _ in entries] + [""])
        return cls(Path(root), entries, markdown, others, not trouble, names, bool(links))

    def markdown_files(self) -> list[tuple[str, os.stat_result]]:
        """The files ``check`` loads as items, sorted by their NFC path: every ``*.md``
        outside folders starting with '_' or '.', that is a file or a link to one (a link
        is loaded to be refused by the content boundary, with its own message)."""
        found: list[tuple[str, str, os.stat_result]] = []
        for rel, st in self.markdown:
            if not stat.S_ISREG(st.st_mode):
                if not stat.S_ISLNK(st.st_mode) or not os.path.isfile(self.root / rel):
                    continue  # a folder, or a link to a folder or to nothing
            found.append((rel if rel.isascii() else unicodedata.normalize("NFC", rel),
                          rel, st))
        found.sort(key=lambda f: f[0])
        return [(rel, st) for _, rel, st in found]

    def file_exists(self, rel: str) -> bool | None:
        """Whether ``rel`` (a normal path below root: :func:`below_root`) is an entry of the
        tree, answered from the walk; ``None`` when only the file system can tell (a link
        in the tree, a folder that could not be listed): the caller then resolves it."""
        if not self.complete or self.has_links:
            return None
        return rel in self.names


def below_root(rel: str) -> str | None:
    """``rel`` (a path below root as a link writes it, '..' and '.' included) made normal,
    "" for root itself; ``None`` when a walk cannot answer for it: it leaves root, names a
    hidden file (the walk skips them) or holds a NUL byte."""
    if "\x00" in rel:
        return None
    norm = posixpath.normpath(rel) if rel else "."
    if norm == ".":
        return ""
    if norm.startswith("/") or any(p.startswith(".") for p in norm.split("/")):
        return None  # '..' above root, or a hidden name the walk skipped
    return norm


__all__ = ["ContentTree", "below_root"]
