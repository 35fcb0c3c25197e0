"""Helper for the tests that compare a built site with another: every file of a folder tree
with its bytes, by its path relative to the tree (``/``-separated)."""

from __future__ import annotations

import os
from pathlib import Path


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (symbolic links to folders not followed) and its bytes."""
    files = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files
