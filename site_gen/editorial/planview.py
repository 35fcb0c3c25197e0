"""The content plan as text (Markdown tables) or JSON, in the editor's language.

Where it sits: ``site_gen/commands/plan.py`` → :func:`build_plan` → **here** → stdout.
Section names in Kazakh and Russian come from the site's own table
(``site_gen.stage.strings``), month names from CLDR through Babel.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from babel.dates import format_date

from ..content.model import ALL_SECTIONS
from ..stage import strings
from .i18n import N_, Messages
from .output import table
from .plan import Plan

SECTION_EN = {
    "news": N_("News"), "announcements": N_("Announcements"), "interviews": N_("Interviews"),
    "analytics": N_("Analytical articles"), "innovations": N_("Innovations"),
    "master-classes": N_("Master classes"), "success-stories": N_("Success stories"),
    "new-staff": N_("New members of the team"), "sports-culture": N_("Sports and culture"),
    "congratulations": N_("Congratulations"), "page": N_("Pages"),
}
STATUS = {"draft": N_("draft"), "review": N_("review"), "approved": N_("approved")}


def section_name(section: str, tr: Messages) -> str:
    """The section's name as the site shows it (kk, ru), or in English."""
    if tr.lang in ("kk", "ru") and section in ALL_SECTIONS:
        return strings.t(tr.lang, f"section.{section}")  # type: ignore[arg-type]
    return SECTION_EN.get(section, section)


def month_name(first: date, lang: str) -> str:
    return str(format_date(first, "LLLL yyyy", locale=lang if lang != "en" else "en"))


def plan_text(plan: Plan, tr: Messages) -> str:
    out = ["# " + tr._("Content plan: {month}", month=month_name(plan.month, tr.lang)), ""]
    counts: Counter[tuple[int, str, str]] = Counter(
        (w.number, e.section, e.lang) for w in plan.weeks for e in w.entries)
    rows = []
    for w in plan.weeks:
        for section in ALL_SECTIONS:
            kk, ru = counts[(w.number, section, "kk")], counts[(w.number, section, "ru")]
            if kk or ru:
                rows.append([_week(w.number, w.start, w.end, tr), section_name(section, tr),
                             kk, ru])
    out.append("## " + tr._("Planned items per week, section and language"))
    out += ["", table([tr._("week"), tr._("section"), "kk", "ru"], rows, (2, 3))
            if rows else tr._("nothing is planned for this month"), ""]
    for w in plan.weeks:
        out += [f"## {_week(w.number, w.start, w.end, tr)}", ""]
        if w.entries:
            out.append(table([tr._("date"), tr._("section"), tr._("language"), tr._("status"),
                              tr._("title")],
                             [[e.day.isoformat(), section_name(e.section, tr), e.lang,
                               tr._(STATUS.get(e.status, e.status)), e.title]
                              for e in w.entries]))
        else:
            out.append(tr._("nothing is published this week"))
        out += ["", tr._("On the screens") + ":", ""]
        if w.screens:
            out.append(table([tr._("item"), tr._("language"), tr._("days"), tr._("screens"),
                              tr._("status")],
                             [[p.item, p.lang, p.days, ", ".join(p.screens),
                               tr._("approved") if p.approved else tr._("not approved yet")]
                              for p in w.screens], (2,)))
        else:
            out.append(tr._("nothing is on the screens this week"))
        out.append("")
    out.append("## " + tr._("Newspaper"))
    out.append("")
    if plan.issues:
        out += [tr._("issue {number}: {date}", number=i.number, date=i.date.isoformat())
                for i in plan.issues]
    else:
        out.append(tr._("no newspaper issue is dated in this month"))
    out += ["", "## " + tr._("Gaps"), ""]
    if plan.gaps:
        out += [f"- {_gap(g.message, g.values, tr)}" for g in plan.gaps]
    else:
        out.append(tr._("no gaps"))
    return "\n".join(out)


def _gap(message: str, values: dict[str, object], tr: Messages) -> str:
    shown = dict(values)
    if isinstance(shown.get("section"), str):
        shown["section"] = section_name(str(shown["section"]), tr)
    return tr._(message, **shown)


def _week(number: int, start: date, end: date, tr: Messages) -> str:
    return tr._("week {week} ({start} – {end})", week=number, start=start.isoformat(),
                end=end.isoformat())


def plan_json(plan: Plan, tr: Messages) -> str:
    data = {
        "month": plan.month.isoformat()[:7],
        "weeks": [{
            "week": w.number, "start": w.start.isoformat(), "end": w.end.isoformat(),
            "items": [{"item": e.item, "lang": e.lang, "section": e.section, "title": e.title,
                       "date": e.day.isoformat(), "status": e.status} for e in w.entries],
            "screens": [{"item": p.item, "lang": p.lang, "days": p.days,
                         "screens": list(p.screens), "approved": p.approved}
                        for p in w.screens],
        } for w in plan.weeks],
        "issues": [{"number": i.number, "date": i.date.isoformat()} for i in plan.issues],
        "gaps": [{"code": g.code, "message": g.english(),
                  **({"text": _gap(g.message, g.values, tr)} if tr.lang != "en" else {})}
                 for g in plan.gaps],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
