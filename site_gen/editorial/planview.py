"""The content plan of a period as text (Markdown tables) or JSON, in the editor's language.

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
from .period import Period
from .plan import Part, Plan
from .report import CONTENT_KIND_NAMES

SECTION_EN = {
    "news": N_("News"), "announcements": N_("Announcements"), "interviews": N_("Interviews"),
    "analytics": N_("Analytical articles"), "innovations": N_("Innovations"),
    "master-classes": N_("Master classes"), "success-stories": N_("Success stories"),
    "new-staff": N_("New members of the team"),
    "sports-culture": N_("Sports, culture and leisure"), "congratulations": N_("Congratulations"),
    "other": N_("Other materials"), "orders": N_("Orders and directives"), "page": N_("Pages"),
}
STATUS = {"draft": N_("draft"), "review": N_("review"), "approved": N_("approved")}
LANG_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian")}


def section_name(section: str, tr: Messages) -> str:
    """The section's name as the site shows it (kk, ru), or in English."""
    if tr.lang in ("kk", "ru") and section in ALL_SECTIONS:
        return strings.t(tr.lang, f"section.{section}")  # type: ignore[arg-type]
    return SECTION_EN.get(section, section)


def month_name(first: date, lang: str) -> str:
    return str(format_date(first, "LLLL yyyy", locale=lang if lang != "en" else "en"))


def period_name(period: Period, tr: Messages) -> str:
    """December 2026 / 2026, half-year 2 / 2026, quarter 4 / 2026, in the editor's words."""
    if period.kind == "month":
        return month_name(period.start, tr.lang)
    if period.kind == "half":
        return tr._("{year}, half-year {n}", year=period.year, n=period.number)
    if period.kind == "quarter":
        return tr._("{year}, quarter {n}", year=period.year, n=period.number)
    return tr._("year {year}", year=period.year)


def _lang_names(langs: str, tr: Messages) -> str:
    return " + ".join(tr._(LANG_NAMES.get(code, code)) for code in langs.split(" + "))


def plan_text(plan: Plan, tr: Messages) -> str:
    monthly = plan.period.kind == "month"
    out = ["# " + tr._("Content plan: {month}", month=period_name(plan.period, tr)), ""]
    out.append("## " + tr._("Planned items by section, content kind and language"))
    rows = [[section_name(s, tr), tr._(CONTENT_KIND_NAMES.get(k, k)), kk, ru]
            for s, k, kk, ru in plan.kinds]
    if rows:
        rows.append([tr._("total"), "", sum(r[2] for r in plan.kinds),
                     sum(r[3] for r in plan.kinds)])
    out += ["", table([tr._("section"), tr._("content kind"), "kk", "ru"], rows, (2, 3))
            if rows else tr._("nothing is planned for this period"), ""]
    out += _parts(plan, tr, monthly)
    out += ["## " + tr._("Screens: days without both languages"), ""]
    if plan.screen_gaps:
        out.append(table(
            [tr._("screen"), tr._("from"), tr._("to"), tr._("days"), tr._("missing"),
             tr._("status")],
            [[g.screen, g.start.isoformat(), g.end.isoformat(), g.days,
              _lang_names(" + ".join(g.missing), tr),
              tr._("planned, not approved yet") if g.fillable else tr._("nothing planned")]
             for g in plan.screen_gaps], (3,)))
    else:
        out.append(tr._("every screen has approved items in Kazakh and in Russian on every "
                        "day"))
    out += ["", "## " + tr._("Report meetings"), ""]
    if plan.meetings:
        out.append(table(
            [tr._("meeting"), tr._("starts"), tr._("on the screens from"),
             tr._("questions until"), tr._("minutes due"), tr._("action plan due")],
            [[m.title, m.starts.strftime("%Y-%m-%d %H:%M"), m.announce.isoformat(),
              m.questions_until.isoformat(), m.minutes_due.isoformat(),
              m.action_plan_due.isoformat()] for m in plan.meetings]))
    else:
        out.append(tr._("no meeting in this period"))
    out += ["", "## " + tr._("Newspaper"), ""]
    if plan.issues:
        out += [tr._("issue {number}: {date}", number=i.number, date=i.date.isoformat())
                for i in plan.issues]
    else:
        out.append(tr._("no newspaper issue is dated in this period"))
    out += ["", "## " + tr._("Gaps"), ""]
    if plan.gaps:
        out += [f"- {_gap(g.message, g.values, tr)}" for g in plan.gaps]
    else:
        out.append(tr._("no gaps"))
    return "\n".join(out)


def _parts(plan: Plan, tr: Messages, monthly: bool) -> list[str]:
    """Counts per week (a month) or month (longer), then each part's items; a month's
    weeks also list what the screens show."""
    counts: Counter[tuple[int, str, str]] = Counter(
        (p.number, e.section, e.lang) for p in plan.parts for e in p.entries)
    rows = []
    for part in plan.parts:
        for section in ALL_SECTIONS:
            kk, ru = counts[(part.number, section, "kk")], counts[(part.number, section, "ru")]
            if kk or ru:
                rows.append([_part(part, tr, monthly), section_name(section, tr), kk, ru])
    out = ["## " + (tr._("Planned items per week, section and language") if monthly
                    else tr._("Planned items per month, section and language"))]
    out += ["", table([tr._("week") if monthly else tr._("month"), tr._("section"), "kk",
                       "ru"], rows, (2, 3))
            if rows else tr._("nothing is planned for this period"), ""]
    for part in plan.parts:
        out += [f"## {_part(part, tr, monthly)}", ""]
        if part.entries:
            out.append(table([tr._("date"), tr._("section"), tr._("language"), tr._("status"),
                              tr._("title")],
                             [[e.day.isoformat(), section_name(e.section, tr), e.lang,
                               tr._(STATUS.get(e.status, e.status)), e.title]
                              for e in part.entries]))
        else:
            out.append(tr._("nothing is published this week") if monthly
                       else tr._("nothing is published this month"))
        if monthly:
            out += ["", tr._("On the screens") + ":", ""]
            if part.screens:
                out.append(table([tr._("item"), tr._("language"), tr._("days"),
                                  tr._("screens"), tr._("status")],
                                 [[p.item, p.lang, p.days, ", ".join(p.screens),
                                   tr._("approved") if p.approved else tr._("not approved yet")]
                                  for p in part.screens], (2,)))
            else:
                out.append(tr._("nothing is on the screens this week"))
        out.append("")
    return out


def _gap(message: str, values: dict[str, object], tr: Messages) -> str:
    shown = dict(values)
    if isinstance(shown.get("section"), str):
        shown["section"] = section_name(str(shown["section"]), tr)
    if isinstance(shown.get("langs"), str):
        shown["langs"] = _lang_names(str(shown["langs"]), tr)
    return tr._(message, **shown)


def _part(part: Part, tr: Messages, monthly: bool) -> str:
    if not monthly:
        return month_name(part.start, tr.lang)
    return tr._("week {week} ({start} – {end})", week=part.number,
                start=part.start.isoformat(), end=part.end.isoformat())


def plan_json(plan: Plan, tr: Messages) -> str:
    monthly = plan.period.kind == "month"
    parts = [{
        ("week" if monthly else "month"): (p.number if monthly else p.start.isoformat()[:7]),
        "start": p.start.isoformat(), "end": p.end.isoformat(),
        "items": [{"item": e.item, "lang": e.lang, "section": e.section,
                   "content_kind": e.content_kind, "title": e.title,
                   "date": e.day.isoformat(), "status": e.status} for e in p.entries],
        **({"screens": [{"item": s.item, "lang": s.lang, "days": s.days,
                         "screens": list(s.screens), "approved": s.approved}
                        for s in p.screens]} if monthly else {}),
    } for p in plan.parts]
    data: dict[str, object] = {
        "period": {"kind": plan.period.kind, "label": plan.period.label,
                   "start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
        **({"month": plan.period.label, "weeks": parts} if monthly else {"months": parts}),
        "by_kind": [{"section": s, "content_kind": k, "kk": kk, "ru": ru}
                    for s, k, kk, ru in plan.kinds],
        "screen_days": [{"screen": g.screen, "start": g.start.isoformat(),
                         "end": g.end.isoformat(), "days": g.days, "missing": list(g.missing),
                         "planned": g.fillable} for g in plan.screen_gaps],
        "meetings": [{"item": m.item, "title": m.title,
                      "starts": m.starts.isoformat(), "announce": m.announce.isoformat(),
                      "questions_until": m.questions_until.isoformat(),
                      "minutes_due": m.minutes_due.isoformat(),
                      "action_plan_due": m.action_plan_due.isoformat()}
                     for m in plan.meetings],
        "issues": [{"number": i.number, "date": i.date.isoformat()} for i in plan.issues],
        "gaps": [{"code": g.code, "message": g.english(),
                  **({"text": _gap(g.message, g.values, tr)} if tr.lang != "en" else {})}
                 for g in plan.gaps],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
