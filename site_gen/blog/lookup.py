"""The writer's own view of a letter, and a meeting's count of questions: no personal data.

Where it sits: ``server`` answers two more requests with these pure functions over the
``store``:

``POST /letters/status`` ``{"number": "2026-0042", "code": "K7QM-2XPA-..."}``
    → ``200 {"number", "status", "received", "reply_by", "answer_by", "replied",
    "answered", "forwarded", "answer_url"}``: the status is ``registered``, ``replied``
    (first reply sent), ``answered`` or ``forwarded`` (moved to official correspondence);
    dates are ISO days. A wrong code and an unknown number get the same
    ``404 {"errors": [{"field": "", "code": "not-found"}]}``. Rate-limited per writer like
    letters, on a counter of its own: with 120-bit codes, guessing is out of reach.

``GET /letters/questions/<meeting id>`` → ``200 {"meeting": id, "questions": 3}``: how
many letters are questions for that report meeting (the meeting page shows it).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from .letters import MEETING_ID, clean
from .store import LetterStore, StoredLetter

QUESTIONS_PATH = "/letters/questions/"
STATUS_PATHS = ("/letters/status", "/letters/status/")
MAX_NUMBER = 20
MAX_CODE = 64
Answer = tuple[HTTPStatus, dict[str, Any], dict[str, str]]
NOT_FOUND: Answer = (HTTPStatus.NOT_FOUND, {"errors": [{"field": "", "code": "not-found"}]}, {})


def status_view(letter: StoredLetter) -> dict[str, Any]:
    """What the writer sees: the status and the dates, never a name, a text or a contact."""
    def day(value: object) -> str | None:
        return value.isoformat() if value is not None and hasattr(value, "isoformat") \
            else None

    return {
        "number": letter.number,
        "status": letter.status,
        "received": letter.received.date().isoformat(),
        "reply_by": letter.reply_by.isoformat(),
        "answer_by": day(letter.answer_by),
        "replied": day(letter.replied),
        "answered": day(letter.answered),
        "forwarded": day(letter.forwarded),
        "answer_url": letter.answer_url or None,
    }


def look_up(store: LetterStore, payload: object) -> Answer:
    """Answer ``POST /letters/status`` for a decoded JSON body."""
    if not isinstance(payload, dict):
        return HTTPStatus.UNPROCESSABLE_ENTITY, {"errors": [
            {"field": "", "code": "not-an-object"}]}, {}
    problems: list[dict[str, Any]] = [{"field": str(k), "code": "unknown-field"}
                                      for k in payload if k not in ("number", "code")]
    values: dict[str, str] = {}
    for key, limit in (("number", MAX_NUMBER), ("code", MAX_CODE)):
        raw = payload.get(key)
        if not isinstance(raw, str):
            problems.append({"field": key, "code": "required" if raw is None else "not-text"})
            continue
        values[key] = clean(raw)
        if not values[key]:
            problems.append({"field": key, "code": "required"})
        elif len(values[key]) > limit:
            problems.append({"field": key, "code": "too-long", "limit": limit})
    if problems:
        return HTTPStatus.UNPROCESSABLE_ENTITY, {"errors": problems}, {}
    found = store.lookup(values["number"], values["code"])
    if found is None:
        return NOT_FOUND
    return HTTPStatus.OK, status_view(found), {}


def questions(store: LetterStore, path: str) -> Answer:
    """Answer ``GET /letters/questions/<id>``: the count only."""
    meeting = path[len(QUESTIONS_PATH):].strip("/")
    if not MEETING_ID.match(meeting):
        return NOT_FOUND
    return HTTPStatus.OK, {"meeting": meeting, "questions": store.count_questions(meeting)}, {}
