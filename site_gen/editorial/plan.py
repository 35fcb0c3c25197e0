"""The content plan of a period (a year, half-year, quarter or month; the social-media
regulation 6.1): what is planned by section, content kind and language, what the screens
will show day by day, the report meetings and their deadlines, the newspaper issues, and
the gaps the internal-communications regulation cares about.

Where it sits: ``site-gen plan --year 2026 | --half 2026-H2 | --quarter 2026-Q4 |
--month 2026-12`` (``site_gen/commands/plan.py``) parses its period
(``site_gen.editorial.period``), calls :func:`build_plan` on the ContentSet from
``site_gen.content.check`` and formats the result (``planview``). Nothing here
re-implements the screens' rules: the "on the screens" view is the real bundle
(:func:`site_gen.bundle.writer.build_bundle`) played through the real scheduler
(:func:`signage.schedule.compile_day`) for every day and screen of the period.

"Planned" means every language version that is approved, or still a draft or in review
without a decision against it (rework / reject). For the screens view, planned versions
are treated as if approved (so an editor sees where a draft will land), and each play is
marked approved or not; a gap counts approved items only, and says when drafts would
fill it.

Gaps:

* a screen on a day without an approved item in Kazakh or in Russian (5.1.8, 5.2.4:
  every day, in both languages), consecutive days of one screen told as one range;
* an upcoming meeting (an ``event`` item) whose announcement window falls in the period
  but which no screen shows in Kazakh or Russian;
* a half-year of the period without a report meeting, and minutes or action plans of
  meetings held by its end that are overdue today (``meetingrules``);
* a newspaper issue dated in the period with an empty section (the "other" section may
  stay empty).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from signage.schedule import compile_day

from ..bundle.writer import RESULTS_SUFFIX, build_bundle
from ..content.model import (
    LANGS,
    OPTIONAL_SECTIONS,
    SECTIONS,
    ContentSet,
    Item,
    NewspaperIssue,
    Version,
)
from .i18n import N_
from .meetingrules import rule_gaps
from .period import Period, PlanProblem, make_period, parse_month, parse_period, parts, weeks_of

__all__ = ["Gap", "Meeting", "Part", "Plan", "PlanProblem", "ScreenGap", "build_plan",
           "parse_month", "parse_period", "weeks_of"]

NOT_PLANNED = ("rework", "reject")
MINUTES_DAYS = 3  # 5.1.1: the minutes within 3 days of the meeting
ACTION_PLAN_DAYS = 5  # and the action plan within 5
_ORDER: dict[str, int] = {lang: i for i, lang in enumerate(LANGS)}


@dataclass(frozen=True, slots=True)
class Entry:
    """One language version planned in the period (by its publish day)."""

    item: str
    lang: str
    section: str
    content_kind: str
    title: str
    day: date
    status: str


@dataclass(frozen=True, slots=True)
class ScreenPlay:
    """An item shown on a screen in a part of the period, in one language."""

    item: str
    lang: str
    screens: tuple[str, ...]
    days: int  # how many days of the part it is on at least one screen
    approved: bool


@dataclass(frozen=True, slots=True)
class ScreenGap:
    """Consecutive days on which one screen lacks an approved item in some language."""

    screen: str
    start: date
    end: date  # inclusive
    missing: tuple[str, ...]  # kk, ru
    fillable: bool  # drafts or items in review would fill every missing language

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting (an ``event`` item) with the dates the regulation sets around it."""

    item: str
    title: str
    path: str
    starts: datetime
    announce: date  # first day on the screens (announce_from days before)
    questions_until: date
    minutes_due: date
    action_plan_due: date


@dataclass(frozen=True, slots=True)
class Gap:
    code: str  # screen-missing-language | meeting-not-announced | empty-section
    message: str  # English template
    values: dict[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return self.message.format(**self.values)


@dataclass(frozen=True, slots=True)
class Part:
    """A week of a month, or a month of a longer period."""

    number: int  # ISO week number, or the month's number
    start: date  # clipped to the period
    end: date  # inclusive, clipped to the period
    entries: tuple[Entry, ...]
    screens: tuple[ScreenPlay, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    period: Period
    parts: tuple[Part, ...]
    kinds: tuple[tuple[str, str, int, int], ...]  # section, content kind, kk, ru
    screen_gaps: tuple[ScreenGap, ...]
    meetings: tuple[Meeting, ...]
    issues: tuple[NewspaperIssue, ...]  # issues dated in the period
    gaps: tuple[Gap, ...]

    @property
    def month(self) -> date:
        return self.period.start

    @property
    def weeks(self) -> tuple[Part, ...]:
        """The parts of a month plan (its ISO weeks)."""
        return self.parts


def planned(v: Version) -> bool:
    return v.decision not in NOT_PLANNED


def build_plan(content: ContentSet, period: Period | date, now: datetime) -> Plan:
    """The plan of ``period`` (a date means its month); ``now`` decides what is
    "upcoming"."""
    if isinstance(period, date):
        period = make_period("month", period.year, period.month)
    days = period.days()
    approved: set[tuple[str, str]] = {
        (key, lang) for i in content.items for lang, v in i.versions.items() if v.approved
        for key in (i.key, i.key + RESULTS_SUFFIX)}  # a meeting's slide after it, too
    plays = _screen_plays(content, days)
    entries_all = [Entry(i.key, lang, i.section, v.content_kind, v.title, v.publish_day,
                         v.status)
                   for i in content.items for lang, v in i.versions.items()
                   if planned(v) and v.publish_day in period]
    out_parts = []
    for number, start, end in parts(period):
        entries = tuple(sorted((e for e in entries_all if start <= e.day <= end),
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
        out_parts.append(Part(number, start, end, entries, screen_rows))
    counts = Counter((e.section, e.content_kind, e.lang) for e in entries_all)
    kinds = tuple(sorted({(s, k) for s, k, _ in counts}))
    issues = tuple(sorted((i for i in content.issues if i.date in period),
                          key=lambda i: i.number))
    screen_gaps = tuple(_screen_gaps(content, days, plays, approved))
    gaps = [*(_screen_gap(g) for g in screen_gaps),
            *_meeting_gaps(content, days, plays, approved, now),
            *_issue_gaps(content, issues),
            *(Gap(f.code, f.message, f.values)
              for f in rule_gaps(content, days[0], days[-1], now.date()))]
    return Plan(period, tuple(out_parts),
                tuple((s, k, counts[(s, k, "kk")], counts[(s, k, "ru")]) for s, k in kinds),
                screen_gaps, tuple(_meetings(content, period)), issues, tuple(gaps))


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


def _screen_gaps(content: ContentSet, days: list[date],
                 plays: dict[tuple[date, str], set[tuple[str, str]]],
                 approved: set[tuple[str, str]]) -> Iterator[ScreenGap]:
    """Per screen, the runs of days missing an approved item in Kazakh or Russian."""
    for screen in content.screens:
        run: ScreenGap | None = None
        for day in days:
            pairs = plays.get((day, screen.id), set())
            have = {lang for key, lang in pairs if (key, lang) in approved}
            planned_langs = {lang for _key, lang in pairs}
            missing = tuple(lang for lang in LANGS if lang not in have)
            fillable = all(lang in planned_langs for lang in missing)
            if run is not None and (not missing or (missing, fillable) != (
                    run.missing, run.fillable) or run.end != day - timedelta(days=1)):
                yield run
                run = None
            if missing:
                run = (replace(run, end=day) if run is not None
                       else ScreenGap(screen.id, day, day, missing, fillable))
        if run is not None:
            yield run


def _lang_list(langs: tuple[str, ...]) -> str:
    return " + ".join(langs)


def _screen_gap(g: ScreenGap) -> Gap:
    values: dict[str, object] = {"screen": g.screen, "start": g.start.isoformat(),
                                 "end": g.end.isoformat(), "n": g.days,
                                 "langs": _lang_list(g.missing)}
    if g.fillable:
        return Gap("screen-missing-language", N_(
            "screen '{screen}', {start} – {end} ({n} d.): no approved item in {langs}; "
            "items planned but not approved yet would fill it"), values)
    return Gap("screen-missing-language", N_(
        "screen '{screen}', {start} – {end} ({n} d.): no item in {langs}"), values)


def _meetings(content: ContentSet, period: Period) -> Iterator[Meeting]:
    """Meetings whose dates (announcement to action plan) touch the period, by date."""
    found = []
    for item in content.items:
        event = item.event
        if item.kind != "event" or event is None:
            continue
        day = event.starts.date()
        meeting = Meeting(
            item.key, item.primary.title, item.primary.path, event.starts,
            day - timedelta(days=event.announce_from), event.questions_until,
            day + timedelta(days=MINUTES_DAYS), day + timedelta(days=ACTION_PLAN_DAYS))
        if meeting.announce <= period.end and meeting.action_plan_due >= period.start:
            found.append(meeting)
    yield from sorted(found, key=lambda m: (m.starts, m.item))


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
            if section not in filled and section not in OPTIONAL_SECTIONS:
                yield Gap("empty-section", N_(
                    "newspaper issue {number} ({date}): the section '{section}' is empty"),
                    {"number": issue.number, "date": issue.date.isoformat(),
                     "section": section})
