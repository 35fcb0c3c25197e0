"""One walk of content/ per check, shared by every step that needs the list of files.

Where it sits: ``check`` (``site_gen.content.check``) walks content/ once into a
:class:`ContentTree`; the Markdown files it loads, the live preview's cache stamps
(``site_gen.content.filecache``), the scan for links and active files
(``site_gen.content.files.scan_content``), the SVGs verified (``site_gen.pictures``) and the
links to files (``site_gen.content.links``) all read that one list instead of walking again.

The walk itself is ``site_gen.content.files.walk_names``: links are listed, never followed,
and names starting with '.' are skipped, exactly as the content boundary has always walked.
"""

from __future__ import annotations

import os
import posixpath
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .files import walk_names


@dataclass(frozen=True, slots=True)
class ContentTree:
    """Every entry under ``root`` with its ``lstat``, in the walk's order."""

    root: Path
    entries: tuple[tuple[str, os.stat_result], ...]  # ("news/x.kk.md", lstat)
    complete: bool  # every folder could be listed and every entry stat'ed
    names: frozenset[str]  # every entry's path below root, and "" for root itself
    has_links: bool  # some entry is a symbolic link

    @classmethod
    def walk(cls, root: Path) -> ContentTree:
        entries: list[tuple[str, os.stat_result]] = []
        complete = walk_names(Path(root), entries)
        names = frozenset([rel for rel, _ in entries] + [""])
        links = any(stat.S_ISLNK(st.st_mode) for _, st in entries)
        return cls(Path(root), tuple(entries), complete, names, links)

    def markdown_files(self) -> list[tuple[str, os.stat_result]]:
        """The files ``check`` loads as items, sorted by their NFC path: every ``*.md``
        outside folders starting with '_' or '.', that is a file or a link to one (a link
        is loaded to be refused by the content boundary, with its own message)."""
        found: list[tuple[str, str, os.stat_result]] = []
        for rel, st in self.entries:
            if not rel.endswith(".md"):
                continue
            folder, _, _ = rel.rpartition("/")
            if folder and any(p.startswith(("_", ".")) for p in folder.split("/")):
                continue
            if stat.S_ISLNK(st.st_mode):
                if not os.path.isfile(self.root / rel):
                    continue  # a link to a folder or to nothing is not a Markdown file
            elif not stat.S_ISREG(st.st_mode):
                continue
            found.append((unicodedata.normalize("NFC", rel), rel, st))
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
