"""A report meeting's action plan as a table slide, in one language, for the bundle.

Where it sits: the bundle writer (``writer.py``) calls :func:`plan_table` for the slide that a
meeting gets after it is over (``site_gen.content.meetings``: from the meeting's end until
the plan's last due date or an explicit ``until``). The words are the site's own (the event
page's table, ``site_gen.newspaper.labels``), dates are short (``31.10.2026``) so the column
stays narrow; whether a row is overdue is left to the player, which knows the day it shows
it (each row carries its due day and whether it is done).
"""

from __future__ import annotations

from signage.bundle import Table, TableRow

from ..content.model import Event, Lang
from ..newspaper import labels


def plan_table(event: Event, lang: Lang) -> Table | None:
    """The action plan of ``event`` (this language's rows) as a table; None without one."""
    if not event.action_plan:
        return None
    w = labels.labels(lang)
    columns = ("№", w["task"], w["responsible"], w["due"], w["status"])
    rows = tuple(
        TableRow((str(n), r.task, r.responsible, r.due.strftime("%d.%m.%Y"),
                  w.get(r.status, r.status)), r.due, r.status == "done")
        for n, r in enumerate(event.action_plan, start=1))
    return Table(columns, rows, w["overdue"])
