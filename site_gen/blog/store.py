"""Letters on disk: one SQLite file, numbered per year, safe for a threaded server.

Where it sits: ``server`` adds letters as they arrive; ``site-gen letters list|export|reply``
reads them and records first replies. A number is taken inside one ``BEGIN IMMEDIATE``
transaction, so two letters arriving together never share it.
"""

from __future__ import annotations

import sqlite3
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


class LetterStore:
    """The letters database at ``path`` (created with its folder on first use)."""

    def __init__(self, path: Path, holidays: frozenset[date] = frozenset()) -> None:
        self.path = path
        self.holidays = holidays
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)

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
