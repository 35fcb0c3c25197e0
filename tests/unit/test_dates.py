"""Dates, times and hour ranges as editors here write them (site_gen.content.dates)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from signage.timezones import load_zone
from site_gen.content.dates import (
    DateProblem,
    HourRange,
    parse_date,
    parse_datetime,
    parse_hours,
    parse_time,
)

ALMATY = load_zone("Asia/Almaty")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-20", date(2026, 11, 20)),
    ("20.11.2026", date(2026, 11, 20)),
    ("1.2.2026", date(2026, 2, 1)),  # day first, as people write it here
    ("2026-2-1", date(2026, 2, 1)),
    (" 29.02.2028 ", date(2028, 2, 29)),  # a leap year
])
def test_dates_both_ways(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_day_first_is_not_month_first() -> None:
    assert parse_date("03.04.2026") == date(2026, 4, 3)
    with pytest.raises(DateProblem):
        parse_date("04/03/2026")


@pytest.mark.parametrize(("text", "hint_words"), [
    ("31.02.2026", ("February 2026 has 28 days", "2026-02-28")),
    ("29.02.2026", ("28 days",)),
    ("2026-04-31", ("April 2026 has 30 days", "2026-04-30")),
    ("2026-13-01", ("months run from 01 to 12",)),
    ("00.11.2026", ("November 2026 has 30 days",)),
    ("0000-01-01", ("year 0",)),
    ("9999-12-32", ("year 9999",)),
])
def test_impossible_dates_say_how_to_fix(text: str, hint_words: tuple[str, ...]) -> None:
    with pytest.raises(DateProblem) as exc:
        parse_date(text)
    assert f"date '{text}' does not exist" == exc.value.message
    for word in hint_words:
        assert word in exc.value.hint


@pytest.mark.parametrize("value", ["2026/11/20", "20 ноября 2026", "tomorrow", "", "2026-11",
                                   "20.11.26", True, None, ["2026-11-20"], {"a": 1}, 2026])
def test_not_dates(value: object) -> None:
    with pytest.raises(DateProblem) as exc:
        parse_date(value)
    assert "is not a date" in exc.value.message
    assert "2026-11-20" in exc.value.hint and "20.11.2026" in exc.value.hint
    assert "<class" not in exc.value.message  # no Python type names for editors


@pytest.mark.parametrize(("text", "expected"), [
    ("09:30", time(9, 30)), ("9:05", time(9, 5)), ("00:00", time(0, 0)),
    ("23:59", time(23, 59)), ("12:30:15", time(12, 30, 15)),
])
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "word"), [
    ("25:00", "hour '25:00' does not exist"), ("24:00", "does not exist"),
    ("12:60", "time '12:60' does not exist"), ("9.30", "is not a time"), ("noon", "is not a time"),
])
def test_bad_times(text: str, word: str) -> None:
    with pytest.raises(DateProblem) as exc:
        parse_time(text)
    assert word in exc.value.message


def test_time_must_be_text() -> None:
    with pytest.raises(DateProblem):
        parse_time(750)  # what YAML 1.1 would have made of 12:30


def test_datetime_is_local_to_the_company() -> None:
    moment = parse_datetime("2026-11-20 09:30", ALMATY)
    assert moment == datetime(2026, 11, 20, 4, 30, tzinfo=load_zone("UTC"))
    assert parse_datetime("20.11.2026 09:30", ALMATY) == moment
    assert parse_datetime("2026-11-20T09:30", ALMATY) == moment


def test_bare_date_is_start_or_end_of_day() -> None:
    start = parse_datetime("20.11.2026", ALMATY)
    end = parse_datetime("20.11.2026", ALMATY, end_of_day=True)
    assert start == datetime(2026, 11, 20, tzinfo=ALMATY)
    assert end - start == timedelta(days=1)  # an expiry date includes that day


def test_datetime_with_bad_hour() -> None:
    with pytest.raises(DateProblem) as exc:
        parse_datetime("2026-11-20 25:00", ALMATY)
    assert "25:00" in exc.value.message


def test_end_of_day_on_the_last_possible_date_is_a_problem_not_a_crash() -> None:
    with pytest.raises(DateProblem):
        parse_datetime("9999-12-31", ALMATY, end_of_day=True)


def test_hour_ranges() -> None:
    day = parse_hours("08:00-18:00")
    assert day == HourRange(time(8), time(18)) and not day.overnight
    night = parse_hours("22:00 - 06:00")
    assert night.overnight and str(night) == "22:00-06:00"
    whole = parse_hours("00:00-24:00")
    assert whole.end == time(0) and not whole.overnight and str(whole) == "00:00-24:00"


@pytest.mark.parametrize(("text", "word"), [
    ("08:00-25:00", "25:00"), ("08:00", "is not an hour range"), ("08:00-08:00", "is empty"),
    ("24:00-08:00", "24:00"), ("8-18", "is not a time"),
])
def test_bad_hour_ranges(text: str, word: str) -> None:
    with pytest.raises(DateProblem) as exc:
        parse_hours(text)
    assert word in exc.value.message
