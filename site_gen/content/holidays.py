"""Kazakhstan's working-day calendar, one data file per year: ``content/_data/holidays/``.

Where it sits: ``site-gen check`` validates the files (file:line errors, like every data
file); the letters service and ``site-gen letters list|remind`` count the deadlines of the
head's blog (the first reply in 3 working days, the official answer in 15) with the
:class:`Calendar` built here. A year without a file falls back to weekends and the public
holidays with a fixed date (:data:`FIXED_HOLIDAYS`), and the commands say so.

A file, ``content/_data/holidays/2026.yml``::

    holidays:        # public holidays, days off by law
      - date: 2026-03-08
        name: Халықаралық әйелдер күні / Международный женский день
    days_off:        # weekdays off besides the holidays: a holiday that fell on a weekend
      - date: 2026-03-09   # (the Labour Code moves the day off), or a decree's transfer
        reason: 8 наурыз жексенбіге түсті / 8 марта пришлось на воскресенье
    working_days:    # Saturdays or Sundays a government decree makes working days
      - date: 2026-01-03
        reason: Үкімет қаулысы / постановление Правительства
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .data import _fields, read_yaml_file, shown_path
from .diagnostics import Diagnostic

FOLDER = ("_data", "holidays")
KEYS = ("holidays", "days_off", "working_days")
ENTRY_KEYS = {"holidays": ("date", "name"), "days_off": ("date", "reason"),
              "working_days": ("date", "reason")}
TEXT_KEY = {"holidays": "name", "days_off": "reason", "working_days": "reason"}

# Public holidays of Kazakhstan with a fixed date (days off by law), used only for a year
# that has no data file: moved days and decreed transfers are unknown then.
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9),
    (7, 6), (8, 30), (10, 25), (12, 16),
)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Which days are working days: the data files' years exactly, other years roughly."""

    days_off: frozenset[date] = frozenset()  # holidays and extra days off on weekdays
    working: frozenset[date] = frozenset()  # weekend days made working by decree
    years: frozenset[int] = frozenset()  # the years that have a data file
    extra_off: frozenset[date] = field(default=frozenset())  # --holiday on the command line

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_off:
            return False
        if day.year in self.years:
            if day in self.working:
                return True
            return day.weekday() < 5 and day not in self.days_off
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (the day of receipt is not counted)."""
        day = start
        left = count
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def missing_years(self, *days: date) -> list[int]:
        """The years among ``days`` that have no data file (counted roughly)."""
        return sorted({d.year for d in days} - self.years)

    def with_extra(self, extra: frozenset[date]) -> Calendar:
        return Calendar(self.days_off, self.working, self.years, self.extra_off | extra)


def _year_of(file: Path) -> int | None:
    stem = file.stem
    return int(stem) if len(stem) == 4 and stem.isdigit() and 1900 < int(stem) < 2200 else None


def load_calendar(root: Path, out: list[Diagnostic]) -> Calendar:
    """Read every ``content/_data/holidays/YYYY.yml``; each problem is a diagnostic and the
    rest of the file still counts."""
    folder = root.joinpath(*FOLDER)
    if not folder.is_dir():
        return Calendar()
    days_off: set[date] = set()
    working: set[date] = set()
    years: set[int] = set()
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or not file.is_file():
            continue
        year = _year_of(file)
        if file.suffix != ".yml" or year is None:
            out.append(Diagnostic(shown_path(root, file), 1, 1, "error", "bad-holiday-file",
                                  f"'{file.name}' is not a year's holiday file",
                                  "name it after its year, e.g. 2026.yml"))
            continue
        doc = read_yaml_file(root, file, out)
        if doc is None:
            continue
        f = _fields(root, file, doc, out, "Asia/Almaty")
        if not isinstance(doc.value, dict):
            f.report((), "wrong-type", "a holiday file must have fields",
                     "write holidays, days_off and working_days")
            continue
        f.unknown_keys((), KEYS, "a holiday file")
        years.add(year)
        seen: dict[date, str] = {}
        for key in KEYS:
            entries = doc.value.get(key)
            if entries is None:
                continue
            if not isinstance(entries, list):
                f.report((key,), "wrong-type", f"'{key}' must be a list",
                         "start each day with '- date: ...'")
                continue
            for i, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    f.report((key, i), "wrong-type", f"each entry of '{key}' must have fields",
                             f"write '- date: {year}-01-01' and '{TEXT_KEY[key]}: ...'")
                    continue
                f.unknown_keys((key, i), ENTRY_KEYS[key], f"an entry of '{key}'")
                day = f.date((key, i, "date"), required=True)
                f.text((key, i, TEXT_KEY[key]), required=True)
                if day is None:
                    continue
                if day.year != year:
                    f.report((key, i, "date"), "holiday-wrong-year",
                             f"{day.isoformat()} is not in {year}",
                             f"move it to {day.year}.yml or correct the year")
                    continue
                if day in seen:
                    f.report((key, i, "date"), "holiday-twice",
                             f"{day.isoformat()} is listed twice (also in '{seen[day]}')",
                             "keep it once")
                    continue
                seen[day] = key
                weekend = day.weekday() >= 5
                if key == "working_days":
                    if not weekend:
                        f.report((key, i, "date"), "working-day-on-weekday",
                                 f"{day.isoformat()} is a weekday, a working day already",
                                 "list only a Saturday or Sunday made a working day")
                        continue
                    working.add(day)
                elif key == "days_off" and weekend:
                    f.report((key, i, "date"), "day-off-on-weekend",
                             f"{day.isoformat()} is a weekend day, a day off already",
                             "list the weekday that is off instead")
                else:
                    days_off.add(day)
    return Calendar(frozenset(days_off), frozenset(working), frozenset(years))
