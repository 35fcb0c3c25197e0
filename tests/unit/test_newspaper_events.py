"""Report meetings: questions deadline, countdown, overdue plan rows, upcoming list."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from test_newspaper_fixture import ALMATY, NOW, Art, write_content

from site_gen.content.model import PlanRow
from site_gen.newspaper.events import facts, is_overdue, upcoming

EVENT = """kind: event
starts: "2026-12-18 15:00"
ends: "2026-12-18 17:00"
place: "Мәжіліс залы"
action_plan:
  - {task: "Асхана", responsible: "АШБ", due: 2026-09-30, status: done}
  - {task: "Желдеткіш", responsible: "Бас механик", due: 2026-10-31, status: in-progress}
  - {task: "Автобус", responsible: "Көлік цехы", due: 2026-12-31, status: planned}
  - {task: "Кеше", responsible: "Кадр", due: 2026-11-22, status: planned}
  - {task: "Бүгін", responsible: "Кадр", due: 2026-11-23, status: planned}"""


def meeting(tmp_path: Path, extra: str = EVENT):  # type: ignore[no-untyped-def]
    content = write_content(tmp_path / "content", [
        Art("meeting", section="announcements", extra=extra)], {12: "2026-11-20"})
    item = content.items[0]
    assert item.event is not None
    return content, item.event


def test_questions_close_two_weeks_before_and_the_countdown_counts_days(tmp_path: Path) -> None:
    _, event = meeting(tmp_path)
    assert event.questions_until == date(2026, 12, 4)
    f = facts(event, NOW)
    assert f.days_left == 25 and f.questions_open and not f.past
    assert facts(event, datetime(2026, 12, 4, 23, 59, tzinfo=ALMATY)).questions_open
    assert not facts(event, datetime(2026, 12, 5, 0, 0, tzinfo=ALMATY)).questions_open
    assert facts(event, datetime(2026, 12, 18, 9, 0, tzinfo=ALMATY)).days_left == 0
    assert facts(event, datetime(2026, 12, 19, 9, 0, tzinfo=ALMATY)).past


def test_overdue_rows_are_past_due_and_not_done(tmp_path: Path) -> None:
    _, event = meeting(tmp_path)
    lines = facts(event, NOW).plan
    assert [(line.row.task, line.overdue) for line in lines] == [
        ("Асхана", False), ("Желдеткіш", True), ("Автобус", False), ("Кеше", True),
        ("Бүгін", False)]


@pytest.mark.parametrize("status, due_offset, overdue", [
    ("planned", -1, True), ("in-progress", -30, True), ("done", -30, False),
    ("planned", 0, False), ("planned", 5, False),
])
def test_is_overdue(status: str, due_offset: int, overdue: bool) -> None:
    today = date(2026, 11, 23)
    row = PlanRow("t", "r", today + timedelta(days=due_offset), status)
    assert is_overdue(row, today) is overdue


def test_an_editor_may_set_the_questions_deadline(tmp_path: Path) -> None:
    # Closer than 14 days needs a reason (tests/unit/test_meetings.py shows the error).
    _, event = meeting(tmp_path, EVENT + "\nquestions_until: 2026-12-10\n"
                       "questions_deadline_reason: \"кездесу күні ауыстырылды\"")
    assert event.questions_until == date(2026, 12, 10)


def test_upcoming_lists_events_not_yet_over(tmp_path: Path) -> None:
    content, _ = meeting(tmp_path)
    assert [i.key for i, _, _ in upcoming(content, "kk", NOW)] == ["announcements/meeting"]
    after = datetime(2026, 12, 18, 17, 1, tzinfo=ALMATY)
    assert upcoming(content, "kk", after) == []
