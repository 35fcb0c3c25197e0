"""A private SQLite file: made owner-only, opened one connection per call, in WAL mode.

Where it sits: under the two registers the intranet's services keep, the letters
(``site_gen.blog.store``) and the fleet (``site_gen.fleet.store``). Each has a file of its
own; both are made the same way: the folder (0700) and the file (0600) are created under
``umask 0077``, a symbolic link in the file's place is refused (``O_NOFOLLOW``), and the
file and SQLite's ``-wal``/``-shm`` files made readable by others by an older version are
tightened on open. SQLite gives the side files the database's own mode.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SIDE_FILES = ("", "-wal", "-shm")  # the database and SQLite's write-ahead log and index


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """One connection (autocommit; ``BEGIN IMMEDIATE`` where a transaction is needed)."""
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        yield db
    finally:
        db.close()


def create_private(path: Path, setup: Callable[[sqlite3.Connection], None]) -> None:
    """Make ``path`` (and its folder) owner-only if missing, then run ``setup`` on it
    (the schema, added columns)."""
    old = os.umask(0o077)  # the folder and files made below: owner only
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o600))
        with connect(path) as db:
            setup(db)
    finally:
        os.umask(old)
    for suffix in SIDE_FILES:  # files made 0644 by an older version are tightened
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_mode & 0o077:
            side.chmod(0o600)
