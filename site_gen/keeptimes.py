"""Unchanged files keep their modification time from one build to the next.

Where it sits: in ``site_gen.build``, after the fresh site folder is written and before it
replaces the old one. nginx makes a file's ETag and Last-Modified from its modification time
(and size), and a build writes every file anew; without this step every poll after a build
would download every file again, from the screens' ``bundle.json`` and media to each page,
and a caching nginx at a branch office (``deploy/nginx/jarshy-branch.conf``) would fetch
them all again from the origin. A fresh file whose bytes equal the old site's copy at the
same path (sizes first, then the bytes) gets the old copy's times (``os.utime``): its ETag
stays the same, and a conditional GET is answered 304.

:func:`keep_times_of` does the same for a list of paths: the warm builder
(``site_gen.warm``) writes into a hard-link copy of the live site, where every file it did
not write already is the live file (same times), so only what it wrote is compared.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Kept:
    files: int  # files in the fresh site
    same_size: int  # of those, an old copy of the same size was compared byte by byte
    kept: int  # equal bytes: the old modification time was kept


def keep_times(fresh: Path, old: Path) -> Kept:
    """Give each file under ``fresh`` with the same bytes as ``old``/<same path> the old
    file's access and modification times. Nothing else is changed; a file that cannot be
    read or compared simply keeps its new time (it is downloaded once more, nothing worse)."""
    if not old.is_dir():
        return Kept(0, 0, 0)
    return keep_times_of(fresh, old, (os.path.relpath(os.path.join(folder, name), fresh)
                                      for folder, _dirs, names in os.walk(fresh)
                                      for name in names))


def keep_times_of(fresh: Path, old: Path, paths: Iterable[str]) -> Kept:
    """:func:`keep_times` for the files ``paths`` (relative to both folders) only; a path
    that is not a file under ``fresh`` is skipped."""
    files = same_size = kept = 0
    for rel in paths:
        new_path, old_path = os.path.join(fresh, rel), os.path.join(old, rel)
        try:
            new_stat = os.lstat(new_path)
        except OSError:
            continue  # not written after all (a page removed)
        files += 1
        try:
            old_stat = os.lstat(old_path)
        except OSError:
            continue  # a new file
        if not (_regular(new_stat) and _regular(old_stat)) \
                or new_stat.st_size != old_stat.st_size:
            continue
        if (new_stat.st_ino, new_stat.st_dev) == (old_stat.st_ino, old_stat.st_dev):
            kept += 1  # a hard link to the old copy (site_gen.incremental): same times
            continue
        same_size += 1
        try:
            if not _same_bytes(new_path, old_path):
                continue
            os.utime(new_path, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns),
                     follow_symlinks=False)
        except OSError:
            continue
        kept += 1
    return Kept(files, same_size, kept)


def _regular(st: os.stat_result) -> bool:
    return stat.S_ISREG(st.st_mode)


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            block = fa.read(_BLOCK)
            if block != fb.read(_BLOCK):
                return False
            if not block:
                return True
