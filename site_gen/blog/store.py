"""Letters on disk: one SQLite file, numbered per year, safe for a threaded server.

Where it sits: ``server`` adds letters as they arrive; ``site-gen letters list|export|reply``
reads them and records first replies. A number is taken inside one ``BEGIN IMMEDIATE``
transaction, so two letters arriving together never share it.

The file holds names and texts: it and SQLite's ``-wal``/``-shm`` files are readable by
their owner only (0600; SQLite gives the side files the database's own mode), in a folder
of mode 0700 when this module creates it. ``site-gen letters serve`` refuses a folder
others can read (:func:`folder_problem`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .letters import LetterIn, letter_number, reply_by

SCHEMA = """
CREATE TABLE IF NOT EXISTS letters (
    number     TEXT PRIMARY KEY,          -- 2026-0042, what the writer sees
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    received   TEXT NOT NULL,             -- ISO 8601 with the company's UTC offset
    reply_by   TEXT NOT NULL,             -- ISO date: first reply due (3 working days)
    name       TEXT NOT NULL DEFAULT '',  -- '' when the writer gave none
    department TEXT NOT NULL,
    lang       TEXT NOT NULL CHECK (lang IN ('kk', 'ru')),
    text       TEXT NOT NULL,
    replied    TEXT,                      -- ISO date of the first reply, NULL until then
    UNIQUE (year, seq)
);
"""


@dataclass(frozen=True, slots=True)
class StoredLetter:
    number: str
    received: datetime
    reply_by: date
    name: str
    department: str
    lang: str
    text: str
    replied: date | None


SIDE_FILES = ("", "-wal", "-shm")  # the database and SQLite's write-ahead log and index


def folder_problem(folder: Path) -> str:
    """What is wrong with ``folder`` as the home of the letters ("" when it is private)."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return ""  # LetterStore creates it, 0700
    if not stat.S_ISDIR(mode):
        return f"'{folder}' is not a folder"
    if mode & 0o077:
        return (f"the letters folder '{folder}' can be read or written by other users "
                f"(mode {stat.S_IMODE(mode):03o}); the letters in it are personal: run "
                f"'chmod 700 {folder}' or choose another --db")
    return ""


class LetterStore:
    """The letters database at ``path`` (created with its folder on first use, owner only)."""

    def __init__(self, path: Path, holidays: frozenset[date] = frozenset()) -> None:
        self.path = path
        self.holidays = holidays
        old = os.umask(0o077)  # the folder and files made below: owner only
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o600))
            with self._connect() as db:
                db.executescript(SCHEMA)
        finally:
            os.umask(old)
        for suffix in SIDE_FILES:  # files made 0644 by an older version are tightened
            side = path.with_name(path.name + suffix)
            if side.exists() and side.stat().st_mode & 0o077:
                side.chmod(0o600)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            yield db
        finally:
            db.close()

    def add(self, letter: LetterIn, received: datetime) -> StoredLetter:
        """Store ``letter`` under the next number of the year it was received in."""
        year = received.year
        due = reply_by(received.date(), self.holidays)
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                (last,) = db.execute("SELECT COALESCE(MAX(seq), 0) FROM letters WHERE year = ?",
                                     (year,)).fetchone()
                number = letter_number(year, int(last) + 1)
                db.execute(
                    "INSERT INTO letters (number, year, seq, received, reply_by, name, "
                    "department, lang, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (number, year, int(last) + 1, received.isoformat(timespec="seconds"),
                     due.isoformat(), letter.name, letter.department, letter.lang,
                     letter.text))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return StoredLetter(number, received, due, letter.name, letter.department,
                            letter.lang, letter.text, None)

    def letters(self) -> list[StoredLetter]:
        """Every letter, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT number, received, reply_by, name, department, lang, text, replied "
                "FROM letters ORDER BY year, seq").fetchall()
        return [StoredLetter(r[0], datetime.fromisoformat(r[1]), date.fromisoformat(r[2]),
                             r[3], r[4], r[5], r[6],
                             date.fromisoformat(r[7]) if r[7] else None) for r in rows]

    def mark_replied(self, number: str, day: date) -> bool:
        """Record the first reply to ``number``; False when there is no such letter."""
        with self._connect() as db:
            cur = db.execute("UPDATE letters SET replied = ? WHERE number = ?",
                             (day.isoformat(), number))
            return cur.rowcount == 1
