"""The periods of the content plan (the social-media regulation 6.1): a year, a half-year,
a quarter or a month, and the parts each is shown in.

Where it sits: ``site-gen plan --year 2026 | --half 2026-H2 | --quarter 2026-Q4 |
--month 2026-12`` (``site_gen/commands/plan.py``) parses its option here and hands the
:class:`Period` to :func:`site_gen.editorial.plan.build_plan`. A month is shown by ISO
week (clipped to the month), every longer period by month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .i18n import N_

PeriodKind = Literal["year", "half", "quarter", "month"]
KINDS: tuple[PeriodKind, ...] = ("year", "half", "quarter", "month")
YEARS = (2000, 2100)

_FORMS: dict[PeriodKind, tuple[re.Pattern[str], str]] = {
    "year": (re.compile(r"^(\d{4})$"),
             N_("year '{value}' is not written as YYYY; write e.g. 2026")),
    "half": (re.compile(r"^(\d{4})-[Hh]([0-9])$"),
             N_("half-year '{value}' is not written as YYYY-H1 or YYYY-H2; write e.g. "
                "2026-H2")),
    "quarter": (re.compile(r"^(\d{4})-[Qq]([0-9])$"),
                N_("quarter '{value}' is not written as YYYY-Q1 to YYYY-Q4; write e.g. "
                   "2026-Q4")),
    "month": (re.compile(r"^(\d{4})-(\d{2})$"),
              N_("month '{value}' is not written as YYYY-MM; write e.g. 2026-12")),
}
_MISSING: dict[PeriodKind, str] = {
    "year": N_("year '{value}' is out of range; write a year from 2000 to 2100"),
    "half": N_("half-year '{value}' does not exist; write e.g. 2026-H2"),
    "quarter": N_("quarter '{value}' does not exist; write e.g. 2026-Q4"),
    "month": N_("month '{value}' does not exist; write e.g. 2026-12"),
}
_MONTHS: dict[PeriodKind, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}


class PlanProblem(ValueError):
    """A wrong option value; the message is a template, ``values`` fill it."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values))
        self.template = message
        self.values = values


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    number: int  # the half (1-2), quarter (1-4) or month (1-12); 1 for a year
    start: date
    end: date  # inclusive

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        """As written on the command line: 2026, 2026-H2, 2026-Q4, 2026-12."""
        return {"year": f"{self.year}", "half": f"{self.year}-H{self.number}",
                "quarter": f"{self.year}-Q{self.number}",
                "month": f"{self.year}-{self.number:02d}"}[self.kind]

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def make_period(kind: PeriodKind, year: int, number: int = 1) -> Period:
    months = _MONTHS[kind]
    first = date(year, (number - 1) * months + 1, 1)
    return Period(kind, number, first, _next_month(first, months) - timedelta(days=1))


def _next_month(first: date, months: int = 1) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_period(kind: PeriodKind, text: str) -> Period:
    """``--half 2026-H2`` → the second half of 2026; a wrong value is a PlanProblem."""
    pattern, wrong = _FORMS[kind]
    m = pattern.match(text.strip())
    if m is None:
        raise PlanProblem(wrong, value=text)
    year = int(m[1])
    number = int(m[2]) if kind != "year" else 1
    if not YEARS[0] <= year <= YEARS[1] or not 1 <= number <= 12 // _MONTHS[kind]:
        raise PlanProblem(_MISSING[kind], value=text)
    return make_period(kind, year, number)


def parse_month(text: str) -> date:
    """``2026-12`` → 1 December 2026 (the month's first day)."""
    return parse_period("month", text).start


def weeks_of(first: date) -> Iterator[tuple[int, date, date]]:
    """(ISO week, first day, last day) of each week touching the month, clipped to it."""
    last = _next_month(first) - timedelta(days=1)
    start = first
    while start <= last:
        end = min(start + timedelta(days=6 - start.weekday()), last)
        yield start.isocalendar()[1], start, end
        start = end + timedelta(days=1)


def months_of(period: Period) -> Iterator[tuple[int, date, date]]:
    """(month number, first day, last day) of each month of the period."""
    first = period.start
    while first <= period.end:
        nxt = _next_month(first)
        yield first.month, first, nxt - timedelta(days=1)
        first = nxt


def parts(period: Period) -> Iterator[tuple[int, date, date]]:
    """A month by ISO week, a longer period by month."""
    return weeks_of(period.start) if period.kind == "month" else months_of(period)
