"""What the head's office sees: each letter with its deadline and where it stands.

Where it sits: ``site-gen letters list|export`` joins the letters ``store`` with the
published ``answer`` items of the content (``letter: 2026-0042`` in their front matter), so
publishing an answer is enough to close a letter; ``letters reply`` records a first reply
given another way (a call, a meeting, a private mail), ``letters answer`` the official
answer, ``letters forward`` a letter moved to official correspondence.

Two deadlines per letter: the first reply within 3 working days (``state``) and the
official answer within 15 (``answer_state``), working days from content/_data/holidays/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..content.holidays import Calendar
from ..content.model import ContentSet, Item
from .letters import answer_by
from .store import StoredLetter

STATES = ("answered", "replied", "overdue", "due-today", "open")
ANSWER_STATES = ("answered", "forwarded", "overdue", "due-today", "open")


@dataclass(frozen=True, slots=True)
class Answer:
    number: str
    date: date
    url: str  # site-relative, in the letter's language when that version exists


@dataclass(frozen=True, slots=True)
class Row:
    letter: StoredLetter
    state: str  # one of STATES: the first reply
    answer: Answer | None
    answer_state: str = "open"  # one of ANSWER_STATES: the official answer
    answer_by: date | None = None  # the official answer's deadline

    @property
    def overdue(self) -> bool:
        return "overdue" in (self.state, self.answer_state)

    def as_json(self) -> dict[str, Any]:
        x = self.letter
        return {
            "number": x.number, "received": x.received.isoformat(timespec="seconds"),
            "reply_by": x.reply_by.isoformat(),
            "replied": x.replied.isoformat() if x.replied else None,
            "state": self.state, "answer_url": self.answer.url if self.answer else None,
            "answer_by": self.answer_by.isoformat() if self.answer_by else None,
            "answer_state": self.answer_state,
            "answered": x.answered.isoformat() if x.answered else None,
            "forwarded": x.forwarded.isoformat() if x.forwarded else None,
            "answer_mode": x.answer_mode, "meeting": x.meeting,
            "lang": x.lang, "department": x.department, "name": x.name, "contact": x.contact,
            "text": x.text,
        }


def answers(content: ContentSet, now: datetime) -> dict[str, Answer]:
    """Letter number → its published answer (the earliest, if there are several)."""
    found: dict[str, Answer] = {}
    by_key: dict[str, Item] = {}
    for lang in ("kk", "ru"):
        for item, version in content.published(lang, now):
            if item.kind == "answer" and version.letter:
                by_key.setdefault(item.key, item)
    for item in sorted(by_key.values(), key=lambda i: (i.date, i.key)):
        for version in item.versions.values():
            number = version.letter.strip()
            if number and number not in found:
                lang = version.lang
                found[number] = Answer(number, item.date, item.url(lang))
    return found


def state_of(letter: StoredLetter, today: date, answer: Answer | None) -> str:
    """Where the first reply stands (an official answer is a reply too)."""
    if answer is not None or letter.answered is not None or letter.forwarded is not None:
        return "answered"
    if letter.replied is not None:
        return "replied"
    return _due(letter.reply_by, today)


def _due(deadline: date, today: date) -> str:
    if today > deadline:
        return "overdue"
    if today == deadline:
        return "due-today"
    return "open"


def answer_state_of(letter: StoredLetter, deadline: date, today: date,
                    answer: Answer | None) -> str:
    """Where the official answer stands: a published or recorded answer closes it, and so
    does forwarding the letter to official correspondence."""
    if answer is not None or letter.answered is not None:
        return "answered"
    if letter.forwarded is not None:
        return "forwarded"
    return _due(deadline, today)


def rows(letters: list[StoredLetter], today: date, found: dict[str, Answer],
         calendar: Calendar | None = None) -> list[Row]:
    out = []
    for x in letters:
        answer = found.get(x.number)
        deadline = x.answer_by or answer_by(x.received.date(), calendar)
        out.append(Row(x, state_of(x, today, answer), answer,
                       answer_state_of(x, deadline, today, answer), deadline))
    return out
