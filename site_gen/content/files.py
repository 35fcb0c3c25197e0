"""The content boundary: which files under content/ may leave it, and the one way to read them.

Where it sits: every channel that copies or reads a file of content/ for its output (the
site's staged media, the signage bundle's media, posters, pictures verified by ``check``)
goes through :func:`safe_content_file` or :func:`read_content_bytes`; ``check`` calls
:func:`scan_content` once per run so an editor hears about a bad file before any build.

A file may be published only when it is a regular file (not a symbolic link, not a folder,
a pipe or a device), no folder on its way from content/ is a link, its real path is inside
content/, and its type is not one a browser runs as a page or a script on the intranet's own
origin (``.html``, ``.xml``, ``.js`` …). An SVG is allowed as a source only: it is drawn to a
PNG at build time (``site_gen.pictures``) and never published itself.
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .diagnostics import Diagnostic

# Types a browser treats as a document or a script of the site itself: never published.
ACTIVE_TYPES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl",
                          ".xslt", ".js", ".mjs", ".svgz"})
SVG = ".svg"


class ContentFileError(ValueError):
    """A file of content/ that no channel may publish or show.

    ``problem`` completes a sentence whose subject the caller names ("image '/x.png'",
    "picture 'x.svg'"): ``what(subject)`` is the editor's message, ``hint`` how to fix it.
    """

    def __init__(self, code: str, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.code = code
        self.problem = problem
        self.hint = hint

    def what(self, subject: str) -> str:
        return f"{subject} {self.problem}"

    def diagnostic(self, path: str, line: int, col: int, subject: str) -> Diagnostic:
        return Diagnostic(path, line, col, "error", self.code, self.what(subject), self.hint)


def _links_hint() -> str:
    return "copy the file itself into content/ (a link is never published)"


def safe_content_file(root: Path, rel: PurePosixPath | str) -> Path:
    """``root / rel`` when it may be published; :class:`ContentFileError` otherwise.

    Checks each folder on the way with ``lstat`` (a linked folder is refused as much as a
    linked file), then the file itself, then its real path against the real content root.
    """
    rel = PurePosixPath(rel)
    if rel.is_absolute() or ".." in rel.parts:
        raise ContentFileError("path-outside", "leaves content/",
                               "keep media inside content/, e.g. /images/photo.png")
    suffix = rel.suffix.lower()
    if suffix in ACTIVE_TYPES:
        raise ContentFileError("active-file", f"is a {suffix} file, which a browser would run "
                               "as part of the intranet", active_hint(suffix))
    path = Path(root)
    for i, part in enumerate(rel.parts):
        path = path / part
        try:
            st = path.lstat()
        except OSError as exc:
            raise ContentFileError("missing-file", f"cannot be read ({exc.strerror})",
                                   "check the file name and folder") from None
        if stat.S_ISLNK(st.st_mode):
            if i == len(rel.parts) - 1:
                raise ContentFileError("symlink", "is a symbolic link", _links_hint())
            raise ContentFileError("symlink", f"is in a folder that is a symbolic link "
                                   f"('{part}')", _links_hint())
    if not stat.S_ISREG(st.st_mode):
        raise ContentFileError("not-a-file", "is not a regular file",
                               "put an ordinary file there")
    if not path.resolve().is_relative_to(Path(root).resolve()):
        raise ContentFileError("path-outside", "leaves content/", _links_hint())
    return path


def open_content_file(root: Path, rel: PurePosixPath | str) -> BinaryIO:
    """A publishable file opened for reading without following a link (so a file swapped
    for a link after the check is still refused)."""
    path = safe_content_file(root, rel)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ContentFileError("unreadable-file", f"cannot be read ({exc.strerror})",
                               "check the file's permissions") from None
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        fh.close()
        raise ContentFileError("not-a-file", "is not a regular file",
                               "put an ordinary file there")
    return fh


def read_content_bytes(root: Path, rel: PurePosixPath | str, *,
                       limit: int | None = None) -> bytes:
    """The bytes of a publishable file (:func:`open_content_file`). With ``limit``, a longer
    file is :class:`ContentFileError` ``file-too-large`` (only ``limit + 1`` bytes are read)."""
    with open_content_file(root, rel) as fh:
        data = fh.read() if limit is None else fh.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise ContentFileError("file-too-large", f"is larger than {limit // 2**20} MB",
                               "make the file smaller")
    return data


def active_hint(suffix: str) -> str:
    if suffix in (".html", ".htm", ".xhtml", ".xht", ".shtml"):
        return "write the page as Markdown (.kk.md and .ru.md) instead"
    return "remove it from content/; only pictures, videos and documents are published"


def walk_content(root: Path) -> Iterator[tuple[PurePosixPath, os.stat_result]]:
    """Every entry under ``root`` (files, folders and links; links are not followed), with
    its ``lstat``; folders and files whose name starts with '.' are skipped."""
    for rel, st in _walk(Path(root), []):
        yield PurePosixPath(rel), st


def walk_folders(root: Path, trouble: list[OSError], links: list[str] | None = None
                 ) -> Iterator[tuple[str, list[tuple[str, os.stat_result]]]]:
    """:func:`walk_content`'s entries folder by folder, in the same order: each folder's
    path below ``root`` ("" or "a/b/") with its entries' names and ``lstat``. Each folder
    that could not be listed and each entry that could not be stat'ed adds its error to
    ``trouble`` (and is missing from the walk); ``links`` gets the path of each link."""
    stack: list[tuple[str, str]] = [(os.fspath(root), "")]
    by_name = operator.attrgetter("name")
    kind, folder_kind, link_kind = 0o170000, stat.S_IFDIR, stat.S_IFLNK  # S_IFMT's mask
    while stack:
        folder, below = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=by_name)
        except OSError as exc:
            trouble.append(exc)
            continue
        found: list[tuple[str, os.stat_result]] = []
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                trouble.append(exc)
                continue
            found.append((name, st))
            mode = st.st_mode & kind
            if mode == folder_kind:
                stack.append((entry.path, f"{below}{name}/"))
            elif mode == link_kind and links is not None:
                links.append(below + name)
        yield below, found


def _walk(root: Path, trouble: list[OSError]) -> Iterator[tuple[str, os.stat_result]]:
    # Each folder with its path below ``root``: names are joined, not computed back from
    # the full path (pathlib's relative_to, for every file, every check).
    for below, found in walk_folders(root, trouble):
        for name, st in found:
            yield below + name, st


def scan_content(root: Path, entries: Iterable[tuple[str, os.stat_result]] | None = None
                 ) -> list[Diagnostic]:
    """One error per link and per active file anywhere under content/ (``_data`` included),
    at the file's own path: such a file is never published, and the editor is told why.
    ``entries``: :func:`walk_names`' list when the caller walked content/ already."""
    out: list[Diagnostic] = []
    base = f"{Path(root).name}/" if Path(root).name else ""
    for rel, st in _walk(Path(root), []) if entries is None else entries:
        if _markdown_item(rel):
            continue  # check reads it as an item and reports a link there
        suffix = PurePosixPath(rel).suffix.lower()
        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(Path(root) / rel)
            out.append(Diagnostic(f"{base}{rel}", 1, 1, "error", "symlink",
                                  f"this is a symbolic link (to '{_clip(target)}'); "
                                  "links are never published", _links_hint()))
        elif stat.S_ISREG(st.st_mode) and suffix in ACTIVE_TYPES:
            out.append(Diagnostic(f"{base}{rel}", 1, 1, "error", "active-file",
                                  f"a {suffix} file would run as part of the "
                                  "intranet; it is not published", active_hint(suffix)))
    return out


def _markdown_item(rel: str) -> bool:
    """A file ``check`` loads as an item (same rule as its file search)."""
    return rel.endswith(".md") and not any(p.startswith("_") for p in rel.split("/")[:-1])


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["ACTIVE_TYPES", "SVG", "ContentFileError", "active_hint", "open_content_file",
           "read_content_bytes",
           "safe_content_file", "scan_content", "walk_content", "walk_folders"]
