"""Dates, times and hour ranges as editors write them here.

Dates: ``2026-11-20`` or day first ``20.11.2026``. Date-times add ``HH:MM``
(``2026-11-20 09:30``), local to the company's zone. Hour ranges ``08:00-18:00``
are half-open; an end before the start runs overnight.
Each parser raises :class:`DateProblem` with a message and a hint; the validator
turns that into a diagnostic at the value's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_FIX = "write 2026-11-20 or 20.11.2026"


class DateProblem(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class HourRange:
    """``[start, end)`` within a day; ``end <= start`` means it runs past midnight."""

    start: time
    end: time  # time(0, 0) stands for 24:00 when it is an end

    @property
    def overnight(self) -> bool:
        return self.end != time(0, 0) and self.end < self.start

    def __str__(self) -> str:
        end = "24:00" if self.end == time(0, 0) else self.end.strftime("%H:%M")
        return f"{self.start.strftime('%H:%M')}-{end}"


def parse_date(value: object) -> date:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DateProblem(f"'{_show(value)}' is not a date", _FIX)
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DMY.match(text)
        if not m:
            raise DateProblem(f"'{text}' is not a date", _FIX)
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise DateProblem(f"date '{text}' does not exist", _real_date_hint(y, mo)) from None


def _real_date_hint(y: int, mo: int) -> str:
    if not 1 <= y <= 9998:  # date() cannot hold it; no editor means year 0 or 9999
        return f"the year {y} is not possible; {_FIX}"
    if 1 <= mo <= 12:
        last = (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day
        return f"{_month_name(mo)} {y} has {last} days; write e.g. {y}-{mo:02d}-{last:02d}"
    return f"months run from 01 to 12; {_FIX}"


def _month_name(mo: int) -> str:
    return date(2000, mo, 1).strftime("%B")


def parse_time(value: object, *, allow_24: bool = False) -> time:
    text = str(value).strip() if isinstance(value, str) else ""
    m = _TIME.match(text)
    if not m:
        raise DateProblem(f"'{_show(value)}' is not a time", "write hours and minutes, e.g. 09:30")
    h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
    if allow_24 and (h, mi, s) == (24, 0, 0):
        return time(0, 0)
    if h > 23:
        raise DateProblem(
            f"hour '{text}' does not exist", "hours run from 00:00 to 23:59 (24:00 as an end)"
        )
    if mi > 59 or s > 59:
        raise DateProblem(f"time '{text}' does not exist", "minutes run from 00 to 59")
    return time(h, mi, s)


def parse_datetime(value: object, zone: ZoneInfo, *, end_of_day: bool = False) -> datetime:
    """A date-time in ``zone``. A bare date means its first moment (or, with
    ``end_of_day``, the first moment of the next day, so an expiry date includes the day)."""
    if isinstance(value, str):
        text = value.strip().replace("T", " ")
        if " " in text:
            day_text, _, time_text = text.partition(" ")
            day = parse_date(day_text)
            clock = parse_time(time_text.strip())
            return datetime.combine(day, clock, tzinfo=zone)
    day = parse_date(value)
    if end_of_day:
        if day == date.max:
            raise DateProblem(f"date '{day.isoformat()}' is too far away",
                              "write a real date, or leave the field out")
        day += timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def parse_hours(value: object) -> HourRange:
    text = value.strip() if isinstance(value, str) else ""
    start_text, sep, end_text = text.partition("-")
    if not sep:
        raise DateProblem(
            f"'{_show(value)}' is not an hour range", "write it as \"08:00-18:00\" in quotes"
        )
    start = parse_time(start_text.strip())
    end = parse_time(end_text.strip(), allow_24=True)
    if start == end and end_text.strip() != "24:00":
        raise DateProblem(f"hour range '{text}' is empty", "make the end differ from the start")
    return HourRange(start, end)


def _show(value: object) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a group of fields"
    return str(value)
