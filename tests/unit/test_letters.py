"""Head's blog letters: the checks, the numbers and the three-working-day deadline."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_gen.blog.letters import (
    LetterIn,
    clean,
    is_working_day,
    letter_number,
    reply_by,
    validate,
)
from site_gen.blog.office import Answer, rows
from site_gen.blog.store import LetterStore

ALMATY = ZoneInfo("Asia/Almaty")
GOOD = {"name": "Айгүл Сапарова", "department": "Жылу желілері", "lang": "kk",
        "text": "Асхананың жұмыс уақытын ұзартуды сұраймыз.", "answer": "blog", "consent": True}


def test_a_good_letter_passes_trimmed_and_in_nfc() -> None:
    decomposed = "қала\u0438\u0306сыз"  # и + combining breve, as some keyboards send "й"
    letter, problems = validate({**GOOD, "text": f"  Сәлем, {decomposed}? Хат мәтіні.\r\n "})
    assert problems == []
    assert letter is not None
    assert letter.text == "Сәлем, қалайсыз? Хат мәтіні."
    assert letter.name == "Айгүл Сапарова"


def test_name_is_optional() -> None:
    letter, problems = validate({k: v for k, v in GOOD.items() if k != "name"})
    assert problems == [] and letter is not None and letter.name == ""


@pytest.mark.parametrize(("change", "expected"), [
    ({"text": ""}, [("text", "required", None)]),
    ({"text": "   \n "}, [("text", "required", None)]),
    ({"text": "қысқа"}, [("text", "too-short", 10)]),
    ({"text": "ә" * 4001}, [("text", "too-long", 4000)]),
    ({"department": ""}, [("department", "required", None)]),
    ({"name": "Н" * 101}, [("name", "too-long", 100)]),
    ({"lang": "en"}, [("lang", "unknown-lang", None)]),
    ({"lang": 1}, [("lang", "not-text", None)]),
    ({"email": "a@b"}, [("email", "unknown-field", None)]),
])
def test_each_wrong_field_is_named(change: dict[str, object],
                                   expected: list[tuple[str, str, int | None]]) -> None:
    letter, problems = validate({**GOOD, **change})
    assert letter is None
    assert [(p.field, p.code, p.limit) for p in problems] == expected


def test_every_problem_is_reported_at_once() -> None:
    _letter, problems = validate({"lang": "de", "text": "", "department": ""})
    assert {p.field for p in problems} == {"lang", "text", "department", "answer", "consent"}


def test_a_json_list_is_not_a_letter() -> None:
    assert validate(["text"])[1][0].code == "not-an-object"


def test_control_characters_are_dropped_but_lines_kept() -> None:
    assert clean("бір\x00\x1b екі\nүш") == "бір екі\nүш"


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 11, 23), date(2026, 11, 26)),  # Monday → Thursday
    (date(2026, 11, 20), date(2026, 11, 25)),  # Friday → Wednesday
    (date(2026, 11, 21), date(2026, 11, 25)),  # Saturday → Wednesday
    (date(2026, 12, 14), date(2026, 12, 18)),  # Independence Day 16.12 is a day off
    (date(2026, 12, 30), date(2027, 1, 5)),    # 1 and 2 January, then the weekend
])
def test_first_reply_is_due_three_working_days_later(received: date, due: date) -> None:
    assert reply_by(received) == due


def test_an_extra_holiday_moves_the_deadline() -> None:
    assert reply_by(date(2026, 11, 23), frozenset({date(2026, 11, 24)})) == date(2026, 11, 27)


def test_numbers_count_per_year_from_one(tmp_path: Path) -> None:
    store = LetterStore(tmp_path / "var" / "letters.sqlite3")
    letter = LetterIn("", "Қойма", "ru", "Прошу рассмотреть вопрос.")
    first = store.add(letter, datetime(2026, 12, 31, 23, 50, tzinfo=ALMATY))
    second = store.add(letter, datetime(2026, 12, 31, 23, 59, tzinfo=ALMATY))
    third = store.add(letter, datetime(2027, 1, 1, 0, 5, tzinfo=ALMATY))
    assert [first.number, second.number, third.number] == ["2026-0001", "2026-0002", "2027-0001"]
    again = LetterStore(tmp_path / "var" / "letters.sqlite3").letters()
    assert [x.number for x in again] == ["2026-0001", "2026-0002", "2027-0001"]
    assert again[0].received == datetime(2026, 12, 31, 23, 50, tzinfo=ALMATY)
    assert again[0].department == "Қойма" and again[0].replied is None
    assert letter_number(2026, 12345) == "2026-12345"


def test_letters_arriving_together_never_share_a_number(tmp_path: Path) -> None:
    path = tmp_path / "letters.sqlite3"
    LetterStore(path)
    numbers: list[str] = []
    lock = threading.Lock()

    def post() -> None:
        stored = LetterStore(path).add(LetterIn("", "Цех", "kk", "Мәтін мәтін мәтін."),
                                       datetime(2026, 11, 23, 10, tzinfo=ALMATY))
        with lock:
            numbers.append(stored.number)

    threads = [threading.Thread(target=post) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [f"2026-{n:04d}" for n in range(1, 13)]


def test_office_sees_what_is_overdue_answered_or_replied(tmp_path: Path) -> None:
    store = LetterStore(tmp_path / "l.sqlite3")
    letter = LetterIn("", "Цех", "kk", "Мәтін мәтін мәтін.")
    for day in (16, 17, 18, 19, 23):
        store.add(letter, datetime(2026, 11, day, 9, tzinfo=ALMATY))
    assert store.mark_replied("2026-0002", date(2026, 11, 19))
    assert not store.mark_replied("2026-0999", date(2026, 11, 19))
    found = {"2026-0003": Answer("2026-0003", date(2026, 11, 20), "/kk/page/x/")}
    states = [r.state for r in rows(store.letters(), date(2026, 11, 23), found)]
    # 16.11 due 19.11: overdue; 17.11 replied; 18.11 answered; 19.11 due 24.11; 23.11 due 26.11
    assert states == ["overdue", "replied", "answered", "open", "open"]
    assert [r.state for r in rows(store.letters(), date(2026, 11, 24), {})][3] == "due-today"


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
       st.frozensets(st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 1, 31)),
                     max_size=5))
def test_the_deadline_is_always_the_third_working_day_after(received: date,
                                                            holidays: frozenset[date]) -> None:
    due = reply_by(received, holidays)
    assert due > received and is_working_day(due, holidays)
    between = [received + timedelta(days=n) for n in range(1, (due - received).days + 1)]
    assert sum(is_working_day(d, holidays) for d in between) == 3


def test_a_register_of_the_older_version_gets_the_new_columns(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # the first version's table, one letter in it
        db.executescript("""CREATE TABLE letters (number TEXT PRIMARY KEY, year INTEGER NOT
            NULL, seq INTEGER NOT NULL, received TEXT NOT NULL, reply_by TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '', department TEXT NOT NULL, lang TEXT NOT NULL,
            text TEXT NOT NULL, replied TEXT, UNIQUE (year, seq));
            INSERT INTO letters VALUES ('2026-0001', 2026, 1, '2026-11-20T10:00:00+05:00',
            '2026-11-25', '', 'Цех', 'kk', 'Ескі хат мәтіні.', NULL);""")
    store = LetterStore(path)
    [old] = store.letters()
    assert (old.number, old.answer_by, old.status) == ("2026-0001", None, "registered")
    assert store.lookup("2026-0001", "") is None  # an old letter has no code to match
    [row] = rows(store.letters(), date(2026, 12, 30), {})
    assert row.answer_by == date(2026, 12, 11) and row.answer_state == "overdue"
    new = store.add(LetterIn("", "Цех", "ru", "Новое письмо здесь."),
                    datetime(2026, 11, 23, 9, tzinfo=ALMATY))
    assert new.number == "2026-0002" and new.answer_by is not None
