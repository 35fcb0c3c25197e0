"""Report meetings (clause 5.1.1) as rules: when the screens show them, and what is late.

Where it sits: pure functions of the content model (a ``kind: event`` item is a report
meeting unless it says ``meeting: other``, docs/editors.md) and the day, used by the bundle
writer (which windows go to the screens: those of every event), by ``check``
(``sitewide.py``: a ``signage:`` block that cannot take effect, the announcement on every
channel), and by ``site-gen plan`` and ``site-gen report`` (a half-year without a meeting,
minutes and action plans overdue). Nothing here reads a clock.

The two windows of a meeting on the screens:

* **the announcement**, from ``signage.from`` (else ``starts`` − ``announce_from`` days) to
  ``signage.until`` (else the meeting's day), and never after the meeting starts (with a
  results block, from ``starts`` − ``announce_from`` days);
* **the results**, after the meeting is over (``ends``, else ``starts``): when the
  ``signage:`` block's ``from`` is after the meeting's day, the block is the results' window
  (its text, its ``until``); and an event whose action plan the head approved
  (``action_plan_approved``) shows the plan as a table from the meeting's end until the
  plan's last due date, or the results block's ``until``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import HourRange
from .model import Event, Item, NewspaperIssue, Screen, Signage

MINUTES_DAYS = 3  # the minutes are signed within 3 days of the meeting
PLAN_DAYS = 5  # the action plan is approved within 5 days


@dataclass(frozen=True, slots=True)
class Window:
    start: date | None  # inclusive local days; None: open
    until: date | None


@dataclass(frozen=True, slots=True)
class EventWindows:
    announce: Window | None  # None: the block's window is empty
    results: Window | None  # None: nothing goes on the screens after the meeting
    results_from: datetime  # the moment the results may show: the meeting's end
    results_block: bool  # the signage: block is the results' (its from is after the day)


def is_event(item: Item) -> bool:
    """A ``kind: event`` item: its announcement stops when it starts, its results follow."""
    return item.kind == "event" and item.event is not None


def is_meeting(item: Item) -> bool:
    """A report meeting (an event without ``meeting: other``): the rules of 5.1.1 apply."""
    return is_event(item) and item.event is not None and item.event.report_meeting


def event_windows(event: Event, sig: Signage | None) -> EventWindows:
    day = event.starts.date()
    results_block = sig is not None and sig.start is not None and sig.start > day
    if results_block:  # the block is the results'; the announcement keeps its default
        start, until = day - timedelta(days=event.announce_from), day
    else:
        start = sig.start if sig and sig.start else day - timedelta(days=event.announce_from)
        until = min(sig.until, day) if sig and sig.until else day
    announce = Window(start, until) if start <= until else None
    results = None
    # Only the plan the head approved at this meeting is a result: before the meeting an
    # event may carry the last meeting's plan (its progress), never its own.
    approved = event.action_plan_approved is not None
    last_due = max((r.due for r in event.action_plan), default=None) if approved else None
    if results_block:
        assert sig is not None
        results = Window(sig.start, sig.until or last_due)
    elif last_due is not None and last_due >= event.held_until.date():
        results = Window(event.held_until.date(), last_due)
    return EventWindows(announce, results, event.held_until, results_block)


@dataclass(frozen=True, slots=True)
class NoEffect:
    """A ``signage:`` setting that cannot take effect: English message and hint."""

    message: str
    hint: str


def signage_no_effect(item: Item, screens: tuple[Screen, ...] = ()) -> list[NoEffect]:
    """What in the item's ``signage:`` block can never reach a screen (``screens``: the
    screens of ``screens.yml``, for the hours check)."""
    sig, event = item.signage, item.event
    if sig is None:
        return []
    found: list[NoEffect] = []
    if is_event(item):
        assert event is not None
        day = event.starts.date()
        w = event_windows(event, sig)
        if not w.results_block and sig.until is not None and sig.until > day:
            found.append(NoEffect(
                f"'until' ({sig.until.isoformat()}) is after the meeting ({day.isoformat()}), "
                "but an announcement leaves the screens when the meeting starts",
                "to show the results afterwards, set 'from' to a day after the meeting and "
                "write a 'text' about the results; else set 'until' to the meeting's day"))
        if not w.results_block and w.announce is None:
            start = sig.start or day - timedelta(days=event.announce_from)
            found.append(NoEffect(
                f"the screens never announce this meeting: the window {start.isoformat()} – "
                f"{(sig.until or day).isoformat()} is empty",
                "move 'until' after 'from', or remove 'until' (the announcement then runs "
                "until the meeting)"))
        window = w.results if w.results_block else w.announce
    else:
        window = None
        if sig.until is not None:
            window = Window(sig.start or item.date, sig.until)
            if sig.start is None and sig.until < item.date:
                found.append(NoEffect(
                    f"'until' ({sig.until.isoformat()}) is before the item's date "
                    f"({item.date.isoformat()}), where its window starts, so it is never shown",
                    "correct 'until', or set 'from' to the first day it should be shown"))
    if (window is not None and sig.days and window.start and window.until
            and (window.until - window.start).days < 6
            and not any((window.start + timedelta(days=n)).weekday() in sig.days
                        for n in range((window.until - window.start).days + 1))):
        found.append(NoEffect(
            f"no day from {window.start.isoformat()} to {window.until.isoformat()} is one of "
            "its 'days', so it is never shown",
            "add a weekday of that window to 'days', or widen 'from'/'until'"))
    if sig.hours and screens:
        shown_on = [s for s in screens if not sig.screens or s.id in sig.screens]
        if shown_on and not any(_overlap(sig.hours, s.on_hours) for s in shown_on):
            hours = ", ".join(str(h) for h in sig.hours)
            found.append(NoEffect(
                f"its hours ({hours}) are outside the on-hours of every screen it is for, so "
                "it is never shown", "choose hours when the screens are on (on_hours in "
                "content/_data/screens.yml)"))
    return found


def _minutes(ranges: tuple[HourRange, ...]) -> set[int]:
    """The minutes of a day the ranges cover (an overnight range wraps past midnight)."""
    out: set[int] = set()
    for r in ranges:
        start = r.start.hour * 60 + r.start.minute
        end = (r.end.hour * 60 + r.end.minute) or 1440
        out.update(m % 1440 for m in range(start, end if end > start else end + 1440))
    return out


def _overlap(hours: tuple[HourRange, ...], on_hours: tuple[HourRange, ...]) -> bool:
    return not on_hours or bool(_minutes(hours) & _minutes(on_hours))


# ---------------------------------------------------------------- announcement channels


@dataclass(frozen=True, slots=True)
class Missing:
    """A channel that does not announce the meeting ``days`` days before: English text."""

    channel: str  # site | screens | poster | newspaper
    message: str
    hint: str


def announcement_missing(item: Item, issues: tuple[NewspaperIssue, ...],
                         days: int) -> list[Missing]:
    """Which channels do not announce the meeting at least ``days`` days before it, as the
    item is written: the site (each language's publish day), the screens (the announcement
    window), a poster (``poster_printed``) and a newspaper issue (the item's ``issue`` dated
    early enough) or ``no_newspaper_issue`` saying why not."""
    event = item.event
    assert event is not None
    deadline = event.starts.date() - timedelta(days=days)
    by = deadline.isoformat()
    out: list[Missing] = []
    for lang, v in item.versions.items():
        if v.publish_day > deadline:
            out.append(Missing("site", f"the {lang} page appears on "
                               f"{v.publish_day.isoformat()}, less than {days} days before the "
                               "meeting", f"publish it by {by} (its 'date' or 'publish_at')"))
    w = event_windows(event, item.signage)
    if w.announce is None or w.announce.start is None or w.announce.start > deadline:
        shown = w.announce.start.isoformat() if w.announce and w.announce.start else None
        out.append(Missing("screens", f"the screens announce it from {shown}, less than "
                           f"{days} days before" if shown else "the screens do not announce it",
                           f"set 'announce_from: {days}' or more (or signage 'from' by {by})"))
    if event.poster_printed is None:
        out.append(Missing("poster", "no poster on the notice boards is recorded",
                           f"print it ('site-gen poster {item.key}') by {by} and add "
                           "'poster_printed: <the day it went up>'"))
    elif event.poster_printed > deadline:
        out.append(Missing("poster", f"the poster went up on {event.poster_printed.isoformat()}"
                           f", less than {days} days before", f"put posters up by {by}"))
    issue = next((i for i in issues if i.number == item.issue), None)
    if not event.no_newspaper_issue:
        if issue is None:
            out.append(Missing("newspaper", "no newspaper issue announces it",
                               f"put it in an issue dated by {by} ('issue: N'), or say why "
                               "not in 'no_newspaper_issue: \"...\"'"))
        elif issue.date > deadline:
            out.append(Missing("newspaper", f"newspaper issue {issue.number} comes out on "
                               f"{issue.date.isoformat()}, less than {days} days before",
                               f"use an issue dated by {by}, or say why not in "
                               "'no_newspaper_issue: \"...\"'"))
    return out


# ---------------------------------------------------------------- half-years and paperwork


@dataclass(frozen=True, slots=True)
class Season:
    """The months in which one of the two yearly meetings is due: the half-year report of
    ``year`` (March to August, due before 1 September) or the year report of ``year``
    (September to February, due before 1 March of the next year)."""

    kind: str  # half-year | year
    year: int
    start: date  # inclusive
    due: date  # the meeting is held before this day

    def holds(self, day: date) -> bool:
        return self.start <= day < self.due


def season_of(day: date) -> Season:
    if 3 <= day.month <= 8:
        return Season("half-year", day.year, date(day.year, 3, 1), date(day.year, 9, 1))
    year = day.year if day.month >= 9 else day.year - 1
    return Season("year", year, date(year, 9, 1), date(year + 1, 3, 1))


def seasons_between(first: date, last: date) -> Iterator[Season]:
    """Every season that has a day in ``first``..``last`` (inclusive), in order."""
    season = season_of(first)
    while season.start <= last:
        yield season
        season = season_of(season.due)


@dataclass(frozen=True, slots=True)
class Paper:
    """The minutes or the action plan of one meeting: due day, the day it was done."""

    what: str  # minutes | action-plan
    due: date
    done: date | None

    def overdue(self, today: date) -> bool:
        return self.done is None and today > self.due

    def late(self) -> bool:
        return self.done is not None and self.done > self.due


def papers(event: Event) -> tuple[Paper, Paper]:
    held = event.held_until.date()
    return (Paper("minutes", held + timedelta(days=MINUTES_DAYS), event.minutes_signed),
            Paper("action-plan", held + timedelta(days=PLAN_DAYS), event.action_plan_approved))
