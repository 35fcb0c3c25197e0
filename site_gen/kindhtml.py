"""One template per kind for paper and e-mail: the notice-board poster and the daily digest
draw each item with the same kind the screens give it, and the same marks of that kind.

Where it sits: between the content model and the two printed or mailed outputs
(``site_gen.poster`` and ``site_gen.digest``). :func:`kind_of` builds a view of an item as
the bundle writer would put it on a screen at that moment and asks the screens' own
:func:`signage.kinds.template_of`; the fragments below (the alert band with its warning
sign and the word in both languages, the event's date/time/place block, the festive frame
with its stars, the film band, the action-plan table) take their colours from
``signage.palette``. Every style is inline, because an e-mail reader keeps nothing else;
sizes come from a :class:`Scale` (points on paper, pixels in a mail).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from signage.kinds import Template, event_words, template_of, urgent_word
from signage.palette import (
    ACCENT,
    BACKGROUND,
    FESTIVE,
    MUTED,
    PANEL,
    QR_LIGHT,
    TEXT,
    URGENT,
    URGENT_BG,
    css,
)

from .content.model import LANGS, Event, Item, Lang, PlanRow, Version
from .newspaper import labels
from .newspaper.events import is_overdue

FILM = {"kk": "Бейнені экрандардан және ішкі порталдан көріңіз",
        "ru": "Видео — на экранах и на внутреннем портале"}
WHEN = {"kk": "Күні, уақыты, орны", "ru": "Дата, время, место"}  # GLOSSARY.md


@dataclass(frozen=True, slots=True)
class _Ref:
    path: str


@dataclass(frozen=True, slots=True)
class _Rows:
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True, slots=True)
class ItemSlide:
    """An item in one language as the screens would see it at a moment: the fields
    :func:`signage.kinds.template_of` reads, filled the way ``site_gen.bundle.writer`` fills
    a bundle item (the signage text, else the summary, else the title; the meeting's start
    until it is over, then its approved action plan)."""

    title: str
    text: str
    kind: str
    priority: str
    section: str
    image: _Ref | None
    video: _Ref | None
    event_starts: datetime | None
    table: _Rows | None


def _ref(path: PurePosixPath | None) -> _Ref | None:
    return None if path is None else _Ref(path.as_posix())


def item_slide(item: Item, version: Version, now: datetime) -> ItemSlide:
    sig = version.signage or item.signage
    event = version.event or item.event
    over = event is not None and now >= event.held_until
    plan = (_Rows(event.action_plan) if event is not None and over and event.action_plan
            and event.action_plan_approved is not None else None)
    text = sig.text if sig is not None and sig.text else version.summary or version.title
    return ItemSlide(
        title=version.title, text=text, kind=item.kind,
        priority=sig.priority if sig is not None else "normal", section=item.section,
        image=_ref(sig.image if sig is not None and sig.image else version.image),
        video=_ref(sig.video if sig is not None else None),
        event_starts=event.starts if event is not None and item.kind == "event" and not over
        else None,
        table=plan)


def kind_of(item: Item, version: Version, now: datetime) -> Template:
    """The template the screens would give ``version`` of ``item`` at ``now``."""
    return template_of(item_slide(item, version, now))


@dataclass(frozen=True, slots=True)
class Scale:
    """Type and spacing of the fragments: points and millimetres on paper, pixels in mail."""

    day: str
    month: str
    weekday: str
    time: str
    place: str
    word: str
    sign: str
    pad: str
    rule: str
    star: str


POSTER_SCALE = Scale(day="44pt", month="15pt", weekday="11pt", time="26pt", place="11pt",
                     word="26pt", sign="13mm", pad="3mm", rule="1mm", star="7mm")
MAIL_SCALE = Scale(day="40px", month="16px", weekday="13px", time="24px", place="14px",
                   word="22px", sign="30px", pad="12px", rule="3px", star="18px")


def warning_sign(size: str) -> str:
    """The urgent template's sign as inline SVG: a white triangle with a red "!", drawn
    with the proportions of ``signage.render.templates.urgent.warning_sign``."""
    red = css(URGENT_BG)
    return (f'<svg class="jarshy-sign" viewBox="0 0 100 100" width="{size}" height="{size}" '
            'role="img" aria-hidden="true" style="vertical-align:middle;flex:none">'
            f'<polygon points="50,0 100,100 0,100" fill="{css(QR_LIGHT)}"/>'
            f'<rect x="44.5" y="34" width="11" height="36" rx="5.5" fill="{red}"/>'
            f'<circle cx="50" cy="83" r="7" fill="{red}"/></svg>')


def star(size: str, where: str) -> str:
    """A gold five-pointed star (the congratulation template's corners)."""
    return (f'<svg class="jarshy-star" viewBox="-50 -50 100 100" width="{size}" '
            f'height="{size}" aria-hidden="true" style="position:absolute;{where}">'
            f'<polygon fill="{css(ACCENT)}" points="0,-50 11.8,-16.2 47.6,-15.5 19,6.3 '
            '29.4,40.5 0,20 -29.4,40.5 -19,6.3 -47.6,-15.5 -11.8,-16.2"/></svg>')


def alert_band(scale: Scale, langs: tuple[Lang, ...] = LANGS) -> str:
    """The alert red band: the sign and "ШҰҒЫЛ · СРОЧНО", the word in every language given."""
    words = " · ".join(html.escape(urgent_word(lang)) for lang in langs)
    return (f'<div class="jarshy-alert" data-part="alert" style="background:{css(URGENT_BG)};'
            f"color:{css(TEXT)};padding:{scale.pad};display:flex;align-items:center;"
            f'gap:{scale.pad};font-weight:700;font-size:{scale.word};line-height:1.1;'
            'print-color-adjust:exact;-webkit-print-color-adjust:exact">'
            f'{warning_sign(scale.sign)}<span class="jarshy-alert-word">{words}</span></div>')


def local_start(event: Event, zone_of: datetime) -> datetime:
    """The event's start in company time (``zone_of`` carries the company's zone)."""
    if zone_of.tzinfo is None:
        return event.starts
    return event.starts.astimezone(zone_of.tzinfo)


def event_block(event: Event, lang: Lang, now: datetime, scale: Scale) -> str:
    """The event template's block: a dark panel under a gold bar, the day's number large in
    gold, month and weekday, a short gold rule, the time large, the place."""
    starts = local_start(event, now)
    w = event_words(starts, lang)
    e = html.escape
    line = "margin:0;line-height:1.05"
    return (
        f'<div class="jarshy-when" data-part="event-block" lang="{lang}" '
        f'style="background:{css(PANEL)};color:{css(TEXT)};border-top:{scale.rule} solid '
        f"{css(ACCENT)};padding:{scale.pad};print-color-adjust:exact;"
        '-webkit-print-color-adjust:exact">'
        f'<p class="jarshy-when-label" style="{line};font-size:{scale.weekday};'
        f'color:{css(MUTED)}">{e(WHEN[lang])}:</p>'
        f'<p class="jarshy-when-day" style="{line};font-size:{scale.day};font-weight:700;'
        f'color:{css(ACCENT)}">{e(w.day)}</p>'
        f'<p class="jarshy-when-month" style="{line};font-size:{scale.month};font-weight:700">'
        f"{e(w.month)}</p>"
        f'<p class="jarshy-when-weekday" style="{line};font-size:{scale.weekday};'
        f'color:{css(MUTED)}">{e(w.weekday)}</p>'
        f'<div style="width:30%;height:{scale.rule};background:{css(ACCENT)};'
        f'margin:{scale.pad} 0"></div>'
        f'<p class="jarshy-when-time" style="{line};font-size:{scale.time};font-weight:700">'
        f"{e(w.time)}</p>"
        f'<p class="jarshy-when-place" style="margin:4px 0 0;font-size:{scale.place};'
        f'font-weight:700;line-height:1.25">{e(event.place)}</p></div>')


def festive_open(scale: Scale) -> str:
    """The congratulation frame's opening tag and its two stars (close with ``</div>``)."""
    return (f'<div class="jarshy-festive" data-part="festive" style="position:relative;'
            f"background:{css(FESTIVE)};color:{css(TEXT)};border:{scale.rule} solid "
            f"{css(ACCENT)};border-radius:{scale.pad};padding:{scale.pad} calc(2 * "
            f'{scale.pad});text-align:center;print-color-adjust:exact;'
            '-webkit-print-color-adjust:exact">'
            + star(scale.star, f"top:{scale.pad};right:{scale.pad}")
            + star(scale.star, f"bottom:{scale.pad};left:{scale.pad}"))


FESTIVE_TITLE = f"color:{css(ACCENT)}"  # the congratulation's title is gold, as on screens


def film_band(lang: Lang, scale: Scale) -> str:
    """A video cannot be printed or mailed: a dark band with a gold play mark says where
    to watch it."""
    return (f'<div class="jarshy-film" data-part="film" style="background:{css(BACKGROUND)};'
            f"color:{css(TEXT)};padding:{scale.pad};display:flex;align-items:center;"
            f'gap:{scale.pad};font-weight:700;print-color-adjust:exact;'
            '-webkit-print-color-adjust:exact">'
            f'<svg viewBox="0 0 100 100" width="{scale.sign}" height="{scale.sign}" '
            f'aria-hidden="true" style="flex:none"><circle cx="50" cy="50" r="48" '
            f'fill="{css(ACCENT)}"/><polygon points="38,28 76,50 38,72" '
            f'fill="{css(BACKGROUND)}"/></svg><span>{html.escape(FILM[lang])}</span></div>')


def caption_band(title: str, scale: Scale) -> str:
    """The picture-only template's dark band under the picture, with the title."""
    return (f'<div class="jarshy-caption" data-part="caption" style="background:'
            f"rgba({BACKGROUND[0]}, {BACKGROUND[1]}, {BACKGROUND[2]}, 0.84);color:"
            f'{css(TEXT)};padding:{scale.pad};font-weight:700;print-color-adjust:exact;'
            f'-webkit-print-color-adjust:exact">{html.escape(title)}</div>')


def plan_table(event: Event, lang: Lang, today: date, scale: Scale) -> str:
    """The action plan as the table slide shows it: a head row on the dark panel, a gold
    rule above, overdue rows tinted red with a red edge and the word, done rows muted
    (on paper: lighter, since the screens' grey-blue is too faint on white)."""
    w = labels.labels(lang)
    e = html.escape
    cell = f"padding:4px 6px;border-bottom:1px solid {css(MUTED)};text-align:left"
    head = "".join(f'<th style="{cell};background:{css(PANEL)};color:{css(TEXT)}">{e(h)}</th>'
                   for h in ("№", w["task"], w["responsible"], w["due"], w["status"]))
    rows = []
    for n, row in enumerate(event.action_plan, start=1):
        late = is_overdue(row, today)
        status = e(w.get(row.status, row.status))
        tint = ""
        if late:
            status += (f' <strong style="color:{css(URGENT_BG)};text-transform:uppercase">'
                       f'{e(w["overdue"])}</strong>')
            r, g, b = URGENT
            tint = f"background:rgba({r}, {g}, {b}, 0.14);box-shadow:inset 4px 0 {css(URGENT)};"
        colour = "opacity:.65;" if row.status == "done" else ""
        rows.append(f'<tr class="jarshy-plan-row{" jarshy-overdue" if late else ""}" '
                    f'style="{tint}{colour}"><td style="{cell}">{n}</td>'
                    f'<td style="{cell}">{e(row.task)}</td>'
                    f'<td style="{cell}">{e(row.responsible)}</td>'
                    f'<td style="{cell}">{row.due:%d.%m.%Y}</td>'
                    f'<td style="{cell}">{status}</td></tr>')
    return (f'<div data-part="plan" style="border-top:{scale.rule} solid {css(ACCENT)};'
            f'margin-top:{scale.pad};padding-top:{scale.pad};print-color-adjust:exact;'
            '-webkit-print-color-adjust:exact">'
            f'<p style="margin:0 0 4px;font-weight:700">{e(w["action_plan"])}</p>'
            '<table class="jarshy-plan" data-jarshy="action-plan" style="border-collapse:'
            f'collapse;width:100%"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def plan_lines(event: Event, lang: Lang, today: date) -> list[str]:
    """The action plan in plain text: one numbered line per task."""
    w = labels.labels(lang)
    out = [w["action_plan"].upper()]
    for n, row in enumerate(event.action_plan, start=1):
        status = w.get(row.status, row.status)
        if is_overdue(row, today):
            status += f" ({w['overdue']})"
        out.append(f"  {n}. {row.task} — {row.responsible} — {row.due:%d.%m.%Y} — {status}")
    return out


def event_line(event: Event, lang: Lang, now: datetime) -> str:
    """"Күні, уақыты, орны: 28 қараша, сенбі, 10:00 · Мәжіліс залы" for plain text."""
    w = event_words(local_start(event, now), lang)
    return f"{WHEN[lang]}: {w.day} {w.month}, {w.weekday}, {w.time} · {event.place}"
