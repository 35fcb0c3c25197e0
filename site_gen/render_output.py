"""Writing a render's outputs into a language folder without touching the live site.

Where it sits: under ``site_gen.render_session``, which renders pages and hands their bytes
here. The folder is either a standby copy of the live language folder (every file a hard
link to the live one's) or an empty folder filled from the live one with hard links. A file
is never written through: a changed output is written under a temporary name and renamed
over the old one, so the live site keeps its bytes; an output with the same bytes is not
written at all (its modification time, nginx's ETag, stays).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class Output:
    """Writes outputs into the target folder, never through a hard link, and remembers
    what changed."""

    def __init__(self, target: Path, previous: Path | None) -> None:
        self.target = target
        self.previous = previous  # the live folder when ``target`` starts empty
        self.written: set[str] = set()
        self.deleted: set[str] = set()
        self.done: set[str] = set()  # outputs put in place this render

    def _before(self, rel: str) -> Path:
        return (self.previous if self.previous is not None else self.target) / rel

    def put(self, rel: str, data: bytes) -> None:
        self.done.add(rel)
        before = self._before(rel)
        try:
            same = before.stat().st_size == len(data) and before.read_bytes() == data
        except OSError:
            same = False
        dst = self.target / rel
        if same and self.previous is None:
            return
        if same and _link(before, dst):
            return
        _replace(dst, data)
        self.written.add(rel)

    def copy(self, rel: str, src: str) -> None:
        with open(src, "rb") as handle:
            self.put(rel, handle.read())

    def delete(self, rel: str) -> None:
        if self.previous is None:
            _remove(self.target, rel)
        self.deleted.add(rel)

    def link_rest(self, outputs: Iterable[str]) -> None:
        """Fill an empty target: every output not put this render, from the live folder."""
        if self.previous is None:
            return
        for rel in outputs:
            if rel not in self.done and not _link(self.previous / rel, self.target / rel):
                raise FileNotFoundError(f"{self.previous / rel}: the last site lacks an output")


def _replace(dst: Path, data: bytes) -> None:
    """Write ``dst`` as a new file under the old name (a link to it keeps the old bytes)."""
    tmp = dst.with_name(f".{dst.name}.render-tmp")
    try:
        tmp.write_bytes(data)
    except FileNotFoundError:
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    os.replace(tmp, dst)


def _link(src: Path, dst: Path) -> bool:
    try:
        os.link(src, dst)
    except FileExistsError:
        return True
    except FileNotFoundError:
        if not src.is_file():
            return False
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.link(src, dst)
    return True


def _remove(root: Path, rel: str) -> None:
    """Delete ``root/rel`` and the folders it leaves empty (a full build has none)."""
    path = root / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return
    folder = path.parent
    while folder != root:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def existing(target: Path) -> set[str]:
    found: set[str] = set()
    if not target.is_dir():
        return found
    root = str(target)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


__all__ = ["Output", "existing"]
