"""A letter to the head: the JSON the form posts, its checks, its number and its deadline.

The endpoint accepts ``POST`` with ``Content-Type: application/json`` and a UTF-8 body of
at most :data:`MAX_BODY` bytes::

    {"name": "Айгүл Сапарова",      # optional, at most 100 characters ("" or absent: none)
     "department": "Жылу желілері",  # required, at most 150 characters
     "lang": "kk",                   # required: kk or ru, the language of the letter
     "text": "..."}                  # required, 10 to 4000 characters

Answers: ``201 {"number": "2026-0042", "received": "...", "reply_by": "2026-11-26"}``;
``422 {"errors": [{"field": "text", "code": "too-long", "limit": 4000}]}`` when a field is
wrong (every wrong field is listed); 400, 403, 413, 415, 429 and 503 with
``{"errors": [{"field": "", "code": ...}]}`` too (docs/editors.md lists the codes).
Pure functions here; the HTTP side is ``server``, storage is ``store``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_BODY = 32 * 1024  # bytes; 4000 characters of Kazakh are about 8 KB in UTF-8
LIMITS: dict[str, tuple[int, int]] = {  # field: (min, max) characters after trimming
    "name": (0, 100),
    "department": (1, 150),
    "text": (10, 4000),
}
FIELDS: tuple[str, ...] = ("name", "department", "lang", "text")
LANGS: tuple[str, ...] = ("kk", "ru")
REPLY_WORKING_DAYS = 3

# Public holidays of Kazakhstan with a fixed date (days off by law). Days moved by a
# government decree are not known here: the office passes them with --holiday.
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9),
    (7, 6), (8, 30), (10, 25), (12, 16),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One wrong field, as data; the form shows it in the page's language by ``code``."""

    field: str
    code: str  # required | too-short | too-long | not-text | unknown-lang | unknown-field
    limit: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "code": self.code}
        if self.limit is not None:
            out["limit"] = self.limit
        return out


@dataclass(frozen=True, slots=True)
class LetterIn:
    """A letter that passed every check, trimmed and NFC-normalized."""

    name: str
    department: str
    lang: str
    text: str


def clean(value: str) -> str:
    """NFC, no control characters except new lines, trimmed, Windows line ends unified."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")
    return value.strip()


def validate(payload: object) -> tuple[LetterIn | None, list[Problem]]:
    """Check every field of a posted JSON value; all problems are returned, not the first."""
    if not isinstance(payload, dict):
        return None, [Problem("", "not-an-object")]
    problems = [Problem(str(k), "unknown-field") for k in payload if k not in FIELDS]
    values: dict[str, str] = {}
    for key in FIELDS:
        raw = payload.get(key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            problems.append(Problem(key, "not-text"))
            continue
        values[key] = clean(raw)
    lang = values.get("lang")
    if lang is not None and lang not in LANGS:
        problems.append(Problem("lang", "required" if not lang else "unknown-lang"))
    for key, (low, high) in LIMITS.items():
        if key not in values:
            continue
        length = len(values[key])
        if length == 0 and low > 0:
            problems.append(Problem(key, "required"))
        elif length < low:
            problems.append(Problem(key, "too-short", low))
        elif length > high:
            problems.append(Problem(key, "too-long", high))
    if problems:
        return None, problems
    return LetterIn(values["name"], values["department"], values["lang"], values["text"]), []


def letter_number(year: int, sequence: int) -> str:
    """The number the writer sees: ``2026-0042`` (four digits, more after 9999)."""
    return f"{year}-{sequence:04d}"


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    return (day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS
            and day not in holidays)


def reply_by(received: date, holidays: frozenset[date] = frozenset(),
             working_days: int = REPLY_WORKING_DAYS) -> date:
    """The last day for a first reply: the third working day after the day of receipt.

    A letter of Monday is due on Thursday; of Friday or Saturday, on Wednesday.
    """
    day = received
    left = working_days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day
