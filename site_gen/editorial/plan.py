"""The content plan of one month: what is planned per week, section and language, what the
screens will show, and the gaps the internal-communications regulation cares about.

Where it sits: ``site-gen plan --month 2026-12`` (``site_gen/commands/plan.py``) calls
:func:`build_plan` on the ContentSet from ``site_gen.content.check`` and formats the
result. Nothing here re-implements the screens' rules: the "on the screens" view is the
real bundle (:func:`site_gen.bundle.writer.build_bundle`) played through the real scheduler
(:func:`signage.schedule.compile_day`) for every day and screen of the month.

"Planned" means every language version that is approved, or still a draft or in review
without a decision against it (rework / reject). For the screens view, planned versions
are treated as if approved (so an editor sees where a draft will land), and each play is
marked approved or not; a gap counts approved items only, and says when drafts would
fill it.

Gaps:

* a week with no approved Kazakh item on the screens;
* an upcoming meeting (an ``event`` item) whose announcement window falls in the month
  but which no screen shows in Kazakh or Russian;
* a newspaper issue dated in the month with an empty section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from signage.schedule import compile_day

from ..bundle.writer import build_bundle
from ..content.model import LANGS, SECTIONS, ContentSet, Item, NewspaperIssue, Version
from .i18n import N_

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
NOT_PLANNED = ("rework", "reject")
_ORDER: dict[str, int] = {lang: i for i, lang in enumerate(LANGS)}


class PlanProblem(ValueError):
    """A wrong option value; the message is a template, ``values`` fill it."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values))
        self.template = message
        self.values = values


def parse_month(text: str) -> date:
    """``2026-12`` → 1 December 2026; anything else is a :class:`PlanProblem`."""
    m = _MONTH.match(text.strip())
    if m is None:
        raise PlanProblem(N_("month '{value}' is not written as YYYY-MM; write e.g. 2026-12"),
                          value=text)
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise PlanProblem(N_("month '{value}' does not exist; write e.g. 2026-12"), value=text)
    return date(year, month, 1)


@dataclass(frozen=True, slots=True)
class Entry:
    """One language version planned in the month (by its publish day)."""

    item: str
    lang: str
    section: str
    title: str
    day: date
    status: str


@dataclass(frozen=True, slots=True)
class ScreenPlay:
    """An item shown on a screen in a week, in one language."""

    item: str
    lang: str
    screens: tuple[str, ...]
    days: int  # how many days of the week it is on at least one screen
    approved: bool


@dataclass(frozen=True, slots=True)
class Gap:
    code: str  # no-kazakh-on-screens | meeting-not-announced | empty-section
    message: str  # English template
    values: dict[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return self.message.format(**self.values)


@dataclass(frozen=True, slots=True)
class Week:
    number: int  # ISO week number
    start: date  # clipped to the month
    end: date  # inclusive, clipped to the month
    entries: tuple[Entry, ...]
    screens: tuple[ScreenPlay, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    month: date
    weeks: tuple[Week, ...]
    issues: tuple[NewspaperIssue, ...]  # issues dated in the month
    gaps: tuple[Gap, ...]


def month_days(first: date) -> list[date]:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return [first + timedelta(days=i) for i in range((nxt - first).days)]


def weeks_of(first: date) -> Iterator[tuple[int, date, date]]:
    """(ISO week, first day, last day) of each week touching the month, clipped to it."""
    days = month_days(first)
    start = days[0]
    while start <= days[-1]:
        end = min(start + timedelta(days=6 - start.weekday()), days[-1])
        yield start.isocalendar()[1], start, end
        start = end + timedelta(days=1)


def planned(v: Version) -> bool:
    return v.decision not in NOT_PLANNED


def build_plan(content: ContentSet, first: date, now: datetime) -> Plan:
    """The plan of the month starting ``first``; ``now`` decides what is "upcoming"."""
    days = month_days(first)
    approved: set[tuple[str, str]] = {
        (i.key, lang) for i in content.items for lang, v in i.versions.items() if v.approved}
    plays = _screen_plays(content, days)
    weeks = []
    for number, start, end in weeks_of(first):
        entries = tuple(sorted(
            (Entry(i.key, lang, i.section, v.title, v.publish_day, v.status)
             for i in content.items for lang, v in i.versions.items()
             if planned(v) and start <= v.publish_day <= end),
            key=lambda e: (e.day, e.section, e.item, _ORDER[e.lang])))
        shown: dict[tuple[str, str], tuple[set[str], set[date]]] = {}
        for (day, screen), pairs in plays.items():
            if start <= day <= end:
                for pair in pairs:
                    screens, on_days = shown.setdefault(pair, (set(), set()))
                    screens.add(screen)
                    on_days.add(day)
        screen_rows = tuple(sorted(
            (ScreenPlay(key, lang, tuple(sorted(s)), len(d), (key, lang) in approved)
             for (key, lang), (s, d) in shown.items()),
            key=lambda p: (p.item, _ORDER[p.lang])))
        weeks.append(Week(number, start, end, entries, screen_rows))
    issues = tuple(sorted((i for i in content.issues if i.date.year == first.year
                           and i.date.month == first.month), key=lambda i: i.number))
    gaps = [*_screen_gaps(weeks), *_meeting_gaps(content, days, plays, approved, now),
            *_issue_gaps(content, issues)]
    return Plan(first, tuple(weeks), issues, tuple(gaps))


def _as_planned(content: ContentSet) -> ContentSet:
    """Every planned version treated as approved, for the screens view."""
    items = []
    for item in content.items:
        versions = {lang: (v if v.approved else replace(v, status="approved", decision=None))
                    for lang, v in item.versions.items() if planned(v)}
        if versions:
            items.append(Item(item.folder, item.stem, versions))
    return replace(content, items=tuple(items))


def _screen_plays(content: ContentSet, days: list[date]
                  ) -> dict[tuple[date, str], set[tuple[str, str]]]:
    """(day, screen) → the (item, lang) pairs the scheduler plays that day."""
    zone = content.settings.zone
    start = datetime.combine(days[0], time(0), tzinfo=zone)
    bundle, _media = build_bundle(_as_planned(content), start, window_days=len(days))
    out: dict[tuple[date, str], set[tuple[str, str]]] = {}
    for screen in bundle.screens:
        for day in days:
            found: set[tuple[str, str]] = set()
            for _at, playlist in compile_day(bundle, screen.id, day).segments():
                found.update((s.item_id, s.lang) for s in playlist.slides)
            out[(day, screen.id)] = found
    return out


def _screen_gaps(weeks: list[Week]) -> Iterator[Gap]:
    for w in weeks:
        kk = [p for p in w.screens if p.lang == "kk"]
        if not any(p.approved for p in kk):
            values: dict[str, object] = {"week": w.number, "start": w.start.isoformat(),
                                         "end": w.end.isoformat(), "n": len(kk)}
            if kk:
                yield Gap("no-kazakh-on-screens", N_(
                    "week {week} ({start} – {end}): no approved Kazakh item on the screens; "
                    "{n} planned but not approved yet"), values)
            else:
                yield Gap("no-kazakh-on-screens", N_(
                    "week {week} ({start} – {end}): no Kazakh item on the screens"), values)


def _meeting_gaps(content: ContentSet, days: list[date],
                  plays: dict[tuple[date, str], set[tuple[str, str]]],
                  approved: set[tuple[str, str]], now: datetime) -> Iterator[Gap]:
    for item in content.items:
        event = item.event
        if item.kind != "event" or event is None or event.starts <= now:
            continue
        window_start = event.starts.date() - timedelta(days=event.announce_from)
        if window_start > days[-1] or event.starts.date() < days[0]:
            continue
        in_window = [d for d in days if window_start <= d <= event.starts.date()]
        for lang in LANGS:
            if lang not in item.versions:
                continue
            shown = any((item.key, lang) in pairs for (day, _s), pairs in plays.items()
                        if day in in_window)
            if shown and (item.key, lang) in approved:
                continue
            values: dict[str, object] = {
                "title": item.versions[lang].title, "date": event.starts.date().isoformat(),
                "lang": lang, "path": item.versions[lang].path}
            if shown:
                yield Gap("meeting-not-announced", N_(
                    "meeting '{title}' on {date} is not approved yet, so the screens do not "
                    "announce it in {lang}; approve {path}"), values)
            else:
                yield Gap("meeting-not-announced", N_(
                    "meeting '{title}' on {date} is not announced on the screens in {lang}; "
                    "add a signage: block to {path}"), values)


def _issue_gaps(content: ContentSet, issues: tuple[NewspaperIssue, ...]) -> Iterator[Gap]:
    for issue in issues:
        filled = {i.section for i in content.items if i.issue == issue.number
                  and any(planned(v) for v in i.versions.values())}
        for section in SECTIONS:
            if section not in filled:
                yield Gap("empty-section", N_(
                    "newspaper issue {number} ({date}): the section '{section}' is empty"),
                    {"number": issue.number, "date": issue.date.isoformat(),
                     "section": section})
