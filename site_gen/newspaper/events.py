"""Report meetings as facts a page can show: countdown, questions deadline, action plan.

Sits between the content model's :class:`Event` and the templates: pure functions of
the event and ``now`` (aware, company zone), so "is this row overdue" is decided in one
place and tested without a browser. The deadline for questions is the content model's
``questions_until`` (``starts`` − 14 days unless the editor wrote one).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..content.model import ContentSet, Event, Item, Lang, PlanRow, Version
from . import labels


@dataclass(frozen=True, slots=True)
class PlanLine:
    row: PlanRow
    overdue: bool  # past its due day and not done


@dataclass(frozen=True, slots=True)
class EventFacts:
    event: Event
    days_left: int  # whole days from today to the meeting day; negative once it is past
    questions_open: bool  # today is on or before the last day for questions
    plan: tuple[PlanLine, ...]

    @property
    def past(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_count(self) -> int:
        return sum(line.overdue for line in self.plan)


def is_overdue(row: PlanRow, today: date) -> bool:
    """A task is overdue from the day after its due date until it is done."""
    return row.status != "done" and today > row.due


def plan_table_html(event: Event | None, lang: Lang, today: date, *,
                    heading: str = "h2") -> str:
    """The action plan as HTML (№, task, responsible, due date, status; an overdue row
    marked as on the event page), for the pages that are printed: the newspaper's print
    edition and the notice-board poster. "" without a plan."""
    if event is None or not event.action_plan:
        return ""
    w = labels.labels(lang)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in
                   ("№", w["task"], w["responsible"], w["due"], w["status"]))
    rows = []
    for n, row in enumerate(event.action_plan, start=1):
        late = is_overdue(row, today)
        status = html.escape(w.get(row.status, row.status))
        if late:
            status += (' <strong class="jarshy-badge jarshy-badge--overdue">'
                       f'{html.escape(w["overdue"])}</strong>')
        mark = " jarshy-overdue" if late else ""
        rows.append(f'<tr class="jarshy-plan__row jarshy-plan__row--{row.status}{mark}">'
                    f"<td>{n}</td><td>{html.escape(row.task)}</td>"
                    f"<td>{html.escape(row.responsible)}</td>"
                    f"<td>{row.due:%d.%m.%Y}</td><td>{status}</td></tr>")
    return (f'<{heading} class="jarshy-plan-title">{html.escape(w["action_plan"])}'
            f'</{heading}><table class="jarshy-plan" data-jarshy="action-plan"><thead><tr>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def facts(event: Event, now: datetime) -> EventFacts:
    today = now.astimezone(event.starts.tzinfo).date()
    return EventFacts(
        event=event,
        days_left=(event.starts.date() - today).days,
        questions_open=today <= event.questions_until,
        plan=tuple(PlanLine(row, is_overdue(row, today)) for row in event.action_plan),
    )


def upcoming(content: ContentSet, lang: Lang, now: datetime, limit: int = 5,
             rows: Sequence[tuple[Item, Version]] | None = None
             ) -> list[tuple[Item, Version, Event]]:
    """Published events that have not ended yet, soonest first (``rows``:
    ``content.published(lang, now)`` when the caller has it already)."""
    found: list[tuple[Item, Version, Event]] = []
    for item, version in rows if rows is not None else content.published(lang, now):
        event = item.event
        if event is None:
            continue
        end = event.ends or event.starts
        if end >= now:
            found.append((item, version, event))
    found.sort(key=lambda f: (f[2].starts, f[0].key))
    return found[:limit]
