"""A letter to the head: the JSON the form posts, its checks, its number and its deadline.

The endpoint accepts ``POST`` with ``Content-Type: application/json`` and a UTF-8 body of
at most :data:`MAX_BODY` bytes::

    {"name": "Айгүл Сапарова",      # optional, at most 100 characters ("" or absent: none)
     "contact": "+7 701 ...",        # optional, at most 150: how to reach the writer
     "department": "Жылу желілері",  # required, at most 150 characters
     "lang": "kk",                   # required: kk or ru, the language of the letter
     "text": "...",                  # required, 10 to 4000 characters
     "answer": "blog",               # required: "personal" (needs a contact) or "blog"
     "consent": true,                # required: consent to process the personal data
     "meeting": ""}                  # optional: the report meeting it is a question for

With ``blog.anonymous: refuse`` in site.yml the name and the contact are required too.
Answers: ``201 {"number": "2026-0042", "code": "K7QM-...", "received": "...",
"reply_by": "2026-11-26", "answer_by": "2026-12-14"}`` (the code is shown once: with the
number it looks the letter up, see ``server``);
``422 {"errors": [{"field": "text", "code": "too-long", "limit": 4000}]}`` when a field is
wrong (every wrong field is listed); 400, 403, 413, 415, 429 and 503 with
``{"errors": [{"field": "", "code": ...}]}`` too (docs/editors.md lists the codes).
Pure functions here; the HTTP side is ``server``, storage is ``store``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..content.holidays import Calendar

MAX_BODY = 32 * 1024  # bytes; 4000 characters of Kazakh are about 8 KB in UTF-8
LIMITS: dict[str, tuple[int, int]] = {  # field: (min, max) characters after trimming
    "name": (0, 100),
    "contact": (0, 150),
    "department": (1, 150),
    "text": (10, 4000),
}
TEXT_FIELDS: tuple[str, ...] = ("name", "contact", "department", "lang", "text", "answer",
                                "meeting")
FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "consent")
LANGS: tuple[str, ...] = ("kk", "ru")
ANSWER_MODES: tuple[str, ...] = ("personal", "blog")  # in person / published in the blog
REPLY_WORKING_DAYS = 3  # the first reply (SM 8.2)
ANSWER_WORKING_DAYS = 15  # the official answer (SM 8.2)
MEETING_ID = re.compile(r"^[\w-]{1,120}$")  # a meeting item's file name without language


@dataclass(frozen=True, slots=True)
class Problem:
    """One wrong field, as data; the form shows it in the page's language by ``code``."""

    field: str
    code: str  # required | too-short | too-long | not-text | unknown-lang | unknown-field
    #            | unknown-answer | consent-required | bad-meeting
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
    contact: str = ""
    answer: str = "blog"  # personal | blog
    meeting: str = ""  # the report meeting's id when it is a question for it


def clean(value: str) -> str:
    """NFC, no control characters except new lines, trimmed, Windows line ends unified."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")
    return value.strip()


def validate(payload: object, anonymous: str = "accept"
             ) -> tuple[LetterIn | None, list[Problem]]:
    """Check every field of a posted JSON value; all problems are returned, not the first.

    ``anonymous`` is ``blog.anonymous`` of site.yml: with ``refuse``, a name and a contact
    are required. An answer in person always needs a contact.
    """
    if not isinstance(payload, dict):
        return None, [Problem("", "not-an-object")]
    problems = [Problem(str(k), "unknown-field") for k in payload if k not in FIELDS]
    values: dict[str, str] = {}
    for key in TEXT_FIELDS:
        raw = payload.get(key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            problems.append(Problem(key, "not-text"))
            continue
        values[key] = clean(raw)
    if payload.get("consent") is not True:
        problems.append(Problem("consent", "consent-required"))
    lang = values.get("lang")
    if lang is not None and lang not in LANGS:
        problems.append(Problem("lang", "required" if not lang else "unknown-lang"))
    answer = values.get("answer")
    if answer is not None and answer not in ANSWER_MODES:
        problems.append(Problem("answer", "required" if not answer else "unknown-answer"))
    meeting = values.get("meeting")
    if meeting and not MEETING_ID.match(meeting):
        problems.append(Problem("meeting", "bad-meeting"))
    needed = set()
    if anonymous == "refuse":
        needed |= {"name", "contact"}
    if answer == "personal":
        needed.add("contact")
    for key, (low, high) in LIMITS.items():
        if key not in values:
            continue
        length = len(values[key])
        if length == 0 and (low > 0 or key in needed):
            problems.append(Problem(key, "required"))
        elif length < low:
            problems.append(Problem(key, "too-short", low))
        elif length > high:
            problems.append(Problem(key, "too-long", high))
    if problems:
        return None, problems
    return LetterIn(values["name"], values["department"], values["lang"], values["text"],
                    values["contact"], values["answer"], values["meeting"]), []


def letter_number(year: int, sequence: int) -> str:
    """The number the writer sees: ``2026-0042`` (four digits, more after 9999)."""
    return f"{year}-{sequence:04d}"


def is_working_day(day: date, holidays: frozenset[date] = frozenset(),
                   calendar: Calendar | None = None) -> bool:
    return (calendar or Calendar()).with_extra(holidays).is_working_day(day)


def reply_by(received: date, holidays: frozenset[date] = frozenset(),
             working_days: int = REPLY_WORKING_DAYS, calendar: Calendar | None = None) -> date:
    """The last day for a first reply: the third working day after the day of receipt.

    A letter of Monday is due on Thursday; of Friday or Saturday, on Wednesday. Working
    days come from ``calendar`` (content/_data/holidays/), plus ``holidays``.
    """
    return (calendar or Calendar()).with_extra(holidays).add_working_days(received,
                                                                           working_days)


def answer_by(received: date, calendar: Calendar | None = None,
              holidays: frozenset[date] = frozenset()) -> date:
    """The last day for the official answer: the 15th working day after receipt."""
    return reply_by(received, holidays, ANSWER_WORKING_DAYS, calendar)
