"""What the head's office sees: each letter with its deadline and where it stands.

Where it sits: ``site-gen letters list|export`` joins the letters ``store`` with the
published ``answer`` items of the content (``letter: 2026-0042`` in their front matter), so
publishing an answer is enough to close a letter; ``letters reply`` records a first reply
given another way (a call, a meeting, a private mail).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..content.model import ContentSet, Item
from .store import StoredLetter

STATES = ("answered", "replied", "overdue", "due-today", "open")


@dataclass(frozen=True, slots=True)
class Answer:
    number: str
    date: date
    url: str  # site-relative, in the letter's language when that version exists


@dataclass(frozen=True, slots=True)
class Row:
    letter: StoredLetter
    state: str  # one of STATES
    answer: Answer | None

    def as_json(self) -> dict[str, Any]:
        x = self.letter
        return {
            "number": x.number, "received": x.received.isoformat(timespec="seconds"),
            "reply_by": x.reply_by.isoformat(),
            "replied": x.replied.isoformat() if x.replied else None,
            "state": self.state, "answer_url": self.answer.url if self.answer else None,
            "lang": x.lang, "department": x.department, "name": x.name, "text": x.text,
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
    if answer is not None:
        return "answered"
    if letter.replied is not None:
        return "replied"
    if today > letter.reply_by:
        return "overdue"
    if today == letter.reply_by:
        return "due-today"
    return "open"


def rows(letters: list[StoredLetter], today: date, found: dict[str, Answer]) -> list[Row]:
    return [Row(x, state_of(x, today, found.get(x.number)), found.get(x.number))
            for x in letters]
