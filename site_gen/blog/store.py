"""Letters on disk: one SQLite file, numbered per year, safe for a threaded server.

Where it sits: ``server`` adds letters as they arrive; ``site-gen letters list|export|reply``
reads them and records first replies. A number is taken inside one ``BEGIN IMMEDIATE``
transaction, so two letters arriving together never share it.

The file holds names and texts: it and SQLite's ``-wal``/``-shm`` files are readable by
their owner only (0600; SQLite gives the side files the database's own mode), in a folder
of mode 0700 when this module creates it. ``site-gen letters serve`` refuses a folder
others can read (:func:`folder_problem`).

Each letter has a secret code (:func:`new_code`: 120 random bits from ``secrets``), shown
once to the writer and kept only as a salted BLAKE2b hash (a salt per letter); with the
number it shows the letter's status (:meth:`LetterStore.lookup`). A database of an older
version gets the new columns on first open (its letters have no code).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import sqlite3
import stat
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..content.holidays import Calendar
from ..privatedb import connect, create_private
from .letters import LetterIn, answer_by, letter_number, reply_by

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
# Columns added after the first version: (name, SQL type and default). Added on open.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("answer_by", "TEXT"),                     # ISO date: official answer due (15 days)
    ("contact", "TEXT NOT NULL DEFAULT ''"),   # how to reach the writer ('' = none)
    ("answer_mode", "TEXT NOT NULL DEFAULT ''"),  # personal | blog ('' = before 2026-12)
    ("consent", "INTEGER NOT NULL DEFAULT 0"),  # 1: consented to personal data processing
    ("meeting", "TEXT NOT NULL DEFAULT ''"),   # a report meeting's id: a question for it
    ("code_salt", "BLOB"),                     # 16 random bytes, per letter
    ("code_hash", "BLOB"),                     # BLAKE2b(code, salt); NULL: no code
    ("answered", "TEXT"),                      # ISO date of the official answer
    ("answer_url", "TEXT NOT NULL DEFAULT ''"),  # its published page, when there is one
    ("forwarded", "TEXT"),                     # ISO date: moved to official correspondence
)
CODE_BYTES = 15  # 120 random bits; shown as 24 base32 letters in six groups of four
DUMMY_SALT = b"\0" * 16


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
    answer_by: date | None = None
    contact: str = ""
    answer_mode: str = ""
    consent: bool = False
    meeting: str = ""
    answered: date | None = None
    answer_url: str = ""
    forwarded: date | None = None

    @property
    def status(self) -> str:
        """What the writer's lookup shows: forwarded | answered | replied | registered."""
        if self.forwarded is not None:
            return "forwarded"
        if self.answered is not None:
            return "answered"
        if self.replied is not None:
            return "replied"
        return "registered"


def new_code() -> str:
    """A fresh secret code: ``K7QM-2XPA-...`` (120 bits from :mod:`secrets`)."""
    text = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normal_code(code: str) -> str:
    """The code as typed (any case, with or without dashes and spaces) → its letters."""
    return "".join(c for c in code.upper() if c not in "- \t")


def code_hash(code: str, salt: bytes) -> bytes:
    return hashlib.blake2b(normal_code(code).encode("utf-8"), salt=salt,
                           person=b"jarshy-letter", digest_size=32).digest()


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


SELECT = ("SELECT number, received, reply_by, name, department, lang, text, replied, "
          "answer_by, contact, answer_mode, consent, meeting, answered, answer_url, forwarded "
          "FROM letters")


def _letter(r: tuple[object, ...]) -> StoredLetter:
    return StoredLetter(str(r[0]), datetime.fromisoformat(str(r[1])),
                        date.fromisoformat(str(r[2])), str(r[3]), str(r[4]), str(r[5]),
                        str(r[6]), _day(r[7]), _day(r[8]), str(r[9]), str(r[10]),
                        bool(r[11]), str(r[12]), _day(r[13]), str(r[14]), _day(r[15]))


def _set_up(db: sqlite3.Connection) -> None:
    """The schema, and the columns of later versions added to an older file."""
    db.executescript(SCHEMA)
    have = {row[1] for row in db.execute("PRAGMA table_info(letters)")}
    for name, kind in COLUMNS:
        if name not in have:
            db.execute(f"ALTER TABLE letters ADD COLUMN {name} {kind}")


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

    def __init__(self, path: Path, holidays: frozenset[date] = frozenset(),
                 calendar: Calendar | None = None) -> None:
        self.path = path
        self.holidays = holidays
        self.calendar = calendar or Calendar()
        create_private(path, _set_up)  # owner only (site_gen.privatedb)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path)

    def add(self, letter: LetterIn, received: datetime) -> StoredLetter:
        """Store ``letter`` under the next number of the year it was received in."""
        return self.add_with_code(letter, received)[0]

    def add_with_code(self, letter: LetterIn, received: datetime) -> tuple[StoredLetter, str]:
        """Store ``letter``; the stored letter and its secret code (kept only as a hash)."""
        year = received.year
        due = reply_by(received.date(), self.holidays, calendar=self.calendar)
        full = answer_by(received.date(), self.calendar, self.holidays)
        code = new_code()
        salt = secrets.token_bytes(16)
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                (last,) = db.execute("SELECT COALESCE(MAX(seq), 0) FROM letters WHERE year = ?",
                                     (year,)).fetchone()
                number = letter_number(year, int(last) + 1)
                db.execute(
                    "INSERT INTO letters (number, year, seq, received, reply_by, name, "
                    "department, lang, text, answer_by, contact, answer_mode, consent, "
                    "meeting, code_salt, code_hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    (number, year, int(last) + 1, received.isoformat(timespec="seconds"),
                     due.isoformat(), letter.name, letter.department, letter.lang,
                     letter.text, full.isoformat(), letter.contact, letter.answer,
                     letter.meeting, salt, code_hash(code, salt)))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return StoredLetter(number, received, due, letter.name, letter.department,
                            letter.lang, letter.text, None, full, letter.contact,
                            letter.answer, True, letter.meeting), code

    def letters(self, meeting: str | None = None) -> list[StoredLetter]:
        """Every letter (or the questions for ``meeting``), oldest first."""
        where, args = (" WHERE meeting = ?", (meeting,)) if meeting is not None else ("", ())
        with self._connect() as db:
            rows = db.execute(SELECT + where + " ORDER BY year, seq", args).fetchall()
        return [_letter(r) for r in rows]

    def count_questions(self, meeting: str) -> int:
        """How many letters are questions for ``meeting`` (no other data)."""
        with self._connect() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM letters WHERE meeting = ?",
                                  (meeting,)).fetchone()
        return int(count)

    def lookup(self, number: str, code: str) -> StoredLetter | None:
        """The letter when ``code`` is its code; None for a wrong code or an unknown number.

        Both cases cost one hash and one constant-time comparison, so neither the answer
        nor its time tells whether the number exists.
        """
        with self._connect() as db:
            row = db.execute("SELECT code_salt, code_hash FROM letters WHERE number = ?",
                             (number,)).fetchone()
        salt, stored = (bytes(row[0]), bytes(row[1])) if row and row[0] and row[1] \
            else (DUMMY_SALT, b"")
        given = code_hash(code, salt)
        if not hmac.compare_digest(given, stored.ljust(len(given), b"\0")) or not stored:
            return None
        with self._connect() as db:
            found = db.execute(SELECT + " WHERE number = ?", (number,)).fetchone()
        return _letter(found) if found else None

    def mark_replied(self, number: str, day: date) -> bool:
        """Record the first reply to ``number``; False when there is no such letter."""
        with self._connect() as db:
            cur = db.execute("UPDATE letters SET replied = ? WHERE number = ?",
                             (day.isoformat(), number))
            return cur.rowcount == 1

    def mark_answered(self, number: str, day: date, url: str = "") -> bool:
        """Record the official answer to ``number`` (and its page, when published)."""
        with self._connect() as db:
            cur = db.execute("UPDATE letters SET answered = ?, answer_url = ? WHERE number = ?",
                             (day.isoformat(), url, number))
            return cur.rowcount == 1

    def mark_forwarded(self, number: str, day: date) -> bool:
        """Record that ``number`` went to official correspondence (a confidential matter)."""
        with self._connect() as db:
            cur = db.execute("UPDATE letters SET forwarded = ? WHERE number = ?",
                             (day.isoformat(), number))
            return cur.rowcount == 1
