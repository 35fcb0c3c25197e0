"""The rules of report meetings (clause 5.1.1) as findings for ``plan`` and ``report``.

Where it sits: ``site-gen plan`` adds :func:`rule_gaps` to its gaps; ``site-gen report``
adds :func:`meeting_seasons` (each half-year of the period: its meeting, minutes and
action plan, with what is late or overdue) and, with ``--action-plans``, the rows of
:func:`action_plan_rows` (each task's status, overdue ones marked). The rules themselves
(which months a meeting is due in, when minutes and plans are due) are
``site_gen.content.meetings``; here they meet the whole content and a day. Messages are
English templates (``N_``) with values, translated by the views.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..content.meetings import Paper, Season, is_meeting, papers, season_of, seasons_between
from ..content.model import ContentSet, Item, Lang
from .i18n import N_

NOT_PLANNED = ("rework", "reject")
SEASON_NAME = {"half-year": N_("half-year report {year} (before {due})"),
               "year": N_("year report {year} (before {due})")}

NO_MEETING = {
    "half-year": N_("no report meeting is planned for the half-year report {year} (held "
                    "before {due}): the head reports to staff twice a year; add a 'kind: "
                    "event' item"),
    "year": N_("no report meeting is planned for the year report {year} (held before {due}): "
               "the head reports to staff twice a year; add a 'kind: event' item")}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # no-report-meeting | minutes-overdue | action-plan-overdue
    message: str  # English template
    values: dict[str, object]


def meetings(content: ContentSet) -> list[Item]:
    """Report meetings (``kind: event`` items) that are planned (no decision against them),
    by their start."""
    found = [i for i in content.items if is_meeting(i)
             and any(v.decision not in NOT_PLANNED for v in i.versions.values())]
    return sorted(found, key=lambda i: (i.event.starts if i.event else i.date, i.key))


def season_text(season: Season) -> dict[str, object]:
    return {"year": season.year, "due": season.due.strftime("%d.%m.%Y")}


def _paper_finding(item: Item, paper: Paper, today: date) -> Finding | None:
    if not paper.overdue(today):
        return None
    event = item.event
    assert event is not None
    values: dict[str, object] = {"date": event.starts.date().isoformat(),
                                 "due": paper.due.isoformat(),
                                 "days": (today - paper.due).days, "path": item.primary.path}
    if paper.what == "minutes":
        return Finding("minutes-overdue", N_(
            "the minutes of the meeting on {date} were due on {due} ({days} days overdue); "
            "when the head has signed them, add 'minutes_signed: <day>' to {path}"), values)
    return Finding("action-plan-overdue", N_(
        "the action plan of the meeting on {date} was due on {due} ({days} days overdue); "
        "when the head has approved it, add 'action_plan_approved: <day>' and its rows to "
        "{path}"), values)


def rule_gaps(content: ContentSet, first: date, last: date, today: date) -> Iterator[Finding]:
    """For ``plan``: each half-year of ``first``..``last`` without a planned meeting, and the
    minutes and action plans overdue on ``today`` of the meetings held by ``last``."""
    held = meetings(content)
    for season in seasons_between(first, last):
        if not any(i.event and season.holds(i.event.starts.date()) for i in held):
            yield Finding("no-report-meeting", NO_MEETING[season.kind], season_text(season))
    for item in held:
        event = item.event
        assert event is not None
        if event.starts.date() > last:
            continue
        for paper in papers(event):
            finding = _paper_finding(item, paper, today)
            if finding is not None:
                yield finding


@dataclass(frozen=True, slots=True)
class SeasonRow:
    """One half-year of a report period: its meeting and the papers that follow it."""

    season: Season
    item: Item | None  # the meeting held (or planned) in it; None: no meeting
    minutes: Paper | None
    action_plan: Paper | None


def meeting_seasons(content: ContentSet, start: date, end: date) -> list[SeasonRow]:
    """Every half-year touching ``start``..``end``, with its meeting(s) (one row each)."""
    held = meetings(content)
    rows: list[SeasonRow] = []
    for season in seasons_between(start, end):
        inside = [i for i in held if i.event and season.holds(i.event.starts.date())]
        if not inside:
            rows.append(SeasonRow(season, None, None, None))
        for item in inside:
            assert item.event is not None
            minutes, plan = papers(item.event)
            rows.append(SeasonRow(season, item, minutes, plan))
    return rows


def paper_state(paper: Paper | None, today: date) -> str:
    """on-time | late | overdue | not-due | "" (no meeting)."""
    if paper is None:
        return ""
    if paper.done is not None:
        return "late" if paper.late() else "on-time"
    return "overdue" if paper.overdue(today) else "not-due"


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One task of an action plan in the monthly progress report."""

    item: str  # the meeting's content key
    meeting: date
    title: str  # the meeting item's title in the report's language
    number: int
    task: str
    responsible: str
    due: date
    status: str  # planned | in-progress | done
    overdue: bool
    days_overdue: int


def action_plan_rows(content: ContentSet, start: date, end: date, today: date,
                     lang: Lang) -> list[PlanLine]:
    """The rows of every action plan of a meeting held by ``end`` that still matters in
    ``start``..``end`` (a row not done, or due on or after ``start``), with whether each is
    overdue on ``min(today, end)``; task and title in ``lang`` where the item has it."""
    as_of = min(today, end)
    lines: list[PlanLine] = []
    for item in meetings(content):
        version = item.versions.get(lang) or item.primary
        event = version.event or item.event
        if event is None or event.starts.date() > end:
            continue
        for n, row in enumerate(event.action_plan, start=1):
            if row.status == "done" and row.due < start:
                continue
            overdue = row.status != "done" and as_of > row.due
            lines.append(PlanLine(item.key, event.starts.date(), version.title, n, row.task,
                                  row.responsible, row.due, row.status, overdue,
                                  (as_of - row.due).days if overdue else 0))
    return lines


__all__ = ["Finding", "PlanLine", "SeasonRow", "action_plan_rows", "meeting_seasons",
           "meetings", "paper_state", "rule_gaps", "season_of"]
