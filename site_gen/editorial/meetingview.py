"""Report meetings in ``site-gen report``: the half-years table and the action plans' progress.

Where it sits: ``site_gen/commands/report.py`` → :mod:`.meetingrules` → **here** → stdout.
Markdown for people (headings and padded tables in the editor's language), CSV for a
spreadsheet (fixed English column names, one row per task, ``overdue`` as yes/no).
"""

from __future__ import annotations

from datetime import date

from ..content.meetings import Paper
from .i18n import N_, Messages
from .meetingrules import SEASON_NAME, PlanLine, SeasonRow, paper_state, season_text
from .output import table, to_csv

STATE = {"on-time": N_("on time"), "late": N_("late"), "overdue": N_("OVERDUE"),
         "not-due": N_("not due yet")}
PLAN_STATUS = {"planned": N_("planned"), "in-progress": N_("in progress"), "done": N_("done")}


def _season(row: SeasonRow, tr: Messages) -> str:
    values = season_text(row.season)
    return tr._(SEASON_NAME[row.season.kind], **values)


def _paper(paper: Paper | None, today: date, tr: Messages) -> str:
    if paper is None:
        return "—"
    text = tr._(STATE[paper_state(paper, today)])
    if paper.done is not None:
        return f"{text}: {paper.done.isoformat()}"
    return tr._("{state}: due {due}", state=text, due=paper.due.isoformat())


def seasons_markdown(rows: list[SeasonRow], today: date, tr: Messages) -> list[str]:
    """The "Report meetings" section: one line a half-year, a flag for each without one."""
    out = ["## " + tr._("Report meetings"), ""]
    body = []
    for r in rows:
        meeting = (r.item.event.starts.date().isoformat()
                   if r.item is not None and r.item.event else tr._("NONE"))
        body.append([
            _season(r, tr), meeting, _paper(r.minutes, today, tr),
            _paper(r.action_plan, today, tr)])
    out += [table([tr._("half-year"), tr._("meeting"), tr._("minutes (3 days)"),
                   tr._("action plan (5 days)")], body), ""]
    for r in rows:
        if r.item is None:
            out.append("- " + tr._("no report meeting in the {season}: the head reports to "
                                   "staff twice a year", season=_season(r, tr)))
    if any(r.item is None for r in rows):
        out.append("")
    return out


def action_plans_markdown(lines: list[PlanLine], start: date, end: date,
                          tr: Messages) -> str:
    """The monthly progress of the action plans, one table a meeting."""
    out = ["# " + tr._("Action plans: progress for {start} – {end}", start=start.isoformat(),
                       end=end.isoformat()), ""]
    overdue = sum(line.overdue for line in lines)
    out += [tr.ngettext("{n} task overdue", "{n} tasks overdue", overdue), ""]
    if not lines:
        out += [tr._("no action plan has a task open or due in this period"), ""]
    seen: list[str] = []
    for key in (line.item for line in lines):
        if key not in seen:
            seen.append(key)
    for key in seen:
        rows = [line for line in lines if line.item == key]
        first = rows[0]
        out += [f"## {first.title}", "",
                tr._("meeting on {date} ({item})", date=first.meeting.isoformat(), item=key),
                ""]
        out.append(table(
            ["№", tr._("task"), tr._("responsible"), tr._("due"), tr._("status")],
            [[r.number, r.task, r.responsible, r.due.isoformat(),
              tr._(PLAN_STATUS.get(r.status, r.status))
              + (" — **" + tr.ngettext("OVERDUE by {n} day", "OVERDUE by {n} days",
                                        r.days_overdue) + "**" if r.overdue else "")]
             for r in rows], (0,)))
        out.append("")
    return "\n".join(out)


CSV_HEADERS = ("meeting", "meeting_date", "number", "task", "responsible", "due", "status",
               "overdue", "days_overdue")


def action_plans_csv(lines: list[PlanLine]) -> str:
    return to_csv(CSV_HEADERS, [
        [r.item, r.meeting.isoformat(), r.number, r.task, r.responsible, r.due.isoformat(),
         r.status, "yes" if r.overdue else "no", r.days_overdue] for r in lines])
