"""The portal home's blocks per language: lead story, newest issue, latest cards, screens, events.

Sits on the staging's extension API: each ``*_block(ctx)`` returns the HTML of one
block (or ``None`` when there is nothing to show) for ``index.md`` of the language;
:mod:`.stage` registers them (lead 15, latest cards 20, upcoming events 25, newest issue
30, on the screens today 35) between the staging's intro (10) and its sections (90), in
the order a phone shows them; from 60em the home places them by name
(``jarshy-layout.css``). Every value a template prints is computed here (dates,
countdowns, card values): the templates hold no string logic.
Links are relative to ``index.md``.

The lead story (:func:`lead_story`): the newest published item marked ``lead: true`` (the
mark an issue's lead carries) no older than :data:`LEAD_FRESH_DAYS`; else the newest item
with a picture; else the newest item.
"""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date
from babel.units import format_unit

from ..content.model import Item, Lang, Version
from ..stage.extensions import StageContext
from ..stage.strings import t
from . import labels
from .cards import card_view
from .events import upcoming
from .feeds import ATOM_FILE
from .model import Newspaper
from .pages import ARCHIVE, article_view, issue_view, render
from .screens import on_screens_today

HOME = "index.md"
SCREENS_PAGE = "screens.md"
LATEST_CARDS = 8  # two rows of four at 1366 px
LEAD_FRESH_DAYS = 30
NOT_ON_HOME = frozenset({"page"})  # standing pages (the blog, rules) are not news


def _candidates(ctx: StageContext) -> list[tuple[Item, Version]]:
    found = ctx.cache.get("home_candidates")
    if found is None:
        found = ctx.cache["home_candidates"] = [(i, v) for i, v in ctx.published()
                                                if i.section not in NOT_ON_HOME]
    return list(found)


def lead_story(ctx: StageContext) -> tuple[Item, Version] | None:
    """The home page's lead story (the rule is in the module's docstring)."""
    if "lead_story" not in ctx.cache:
        ctx.cache["lead_story"] = _lead_story(ctx)
    found: tuple[Item, Version] | None = ctx.cache["lead_story"]
    return found


def _lead_story(ctx: StageContext) -> tuple[Item, Version] | None:
    rows = _candidates(ctx)
    fresh_from = ctx.now.date() - timedelta(days=LEAD_FRESH_DAYS)
    for item, version in rows:
        if version.lead and item.date >= fresh_from:
            return item, version
    with_picture = [(i, v) for i, v in rows if v.image is not None]
    if with_picture:
        return with_picture[0]
    return rows[0] if rows else None


def lead_block(ctx: StageContext) -> str | None:
    found = lead_story(ctx)
    if found is None:
        return None
    return render("home-lead.html", ctx, HOME, lead=card_view(ctx, *found, HOME))


def latest_block(ctx: StageContext) -> str | None:
    """The latest items as a grid of cards (the lead is above them, so not repeated)."""
    lead = lead_story(ctx)
    lead_key = lead[0].key if lead else None
    rows = [(i, v) for i, v in _candidates(ctx) if i.key != lead_key][:LATEST_CARDS]
    if not rows:
        return None
    cards = [card_view(ctx, i, v, HOME) for i, v in rows]
    return render("home-latest.html", ctx, HOME, cards=cards,
                  heading=t(ctx.lang, "latest"))


def issue_block(ctx: StageContext, paper: Newspaper) -> str | None:
    current = paper.current
    if current is None:
        return None
    return render("home-issue.html", ctx, HOME, issue=issue_view(ctx, current, HOME),
                  lead=article_view(ctx, current.lead, HOME) if current.lead else None,
                  archive_href=ctx.href(ARCHIVE, HOME), feed_href=ctx.href(ATOM_FILE, HOME))


def screens_block(ctx: StageContext) -> str | None:
    """Every item on the screens today, by title; an urgent one with its screen text too
    (the screens page shows every slide's text and picture)."""
    today = on_screens_today(ctx.content, ctx.lang, ctx.now)
    items = [
        {"key": o.item.key, "title": o.version.title, "href": ctx.href(o.item, HOME),
         "text": o.text if o.urgent and o.text != o.version.title else "",
         "urgent": o.urgent}
        for o in today.items
    ]
    return render("home-screens.html", ctx, HOME, items=items,
                  screens_href=ctx.href(SCREENS_PAGE, HOME),
                  all_text=t(ctx.lang, "home_screens_all"))


def countdown(day: date, today: date, lang: Lang) -> str:
    """«13 күннен кейін» / «через 13 дней»: from ``today`` (the build's date) to ``day``."""
    days = (day - today).days
    if days <= 0:
        return t(lang, "home_today" if days == 0 else "home_now")
    if days == 1:
        return t(lang, "home_tomorrow")
    unit = str(format_unit(days, "duration-day", length="long", locale=lang))
    return t(lang, "home_in_days", n=days, days=unit)


def events_block(ctx: StageContext) -> str | None:
    today = ctx.now.date()
    events = []
    for item, version, event in upcoming(ctx.content, ctx.lang, ctx.now,
                                         rows=ctx.published()):
        starts = event.starts.astimezone(ctx.now.tzinfo)
        time_text = labels.short_time(starts, ctx.lang)
        if event.ends is not None and event.ends.date() == starts.date():
            time_text += f"–{labels.short_time(event.ends, ctx.lang)}"
        events.append({
            "key": item.key, "title": version.title, "href": ctx.href(item, HOME),
            "starts_iso": starts.isoformat(),
            "day": str(starts.day),
            "month": str(format_date(starts.date(), "MMM", locale=ctx.lang)),
            "date_text": labels.full_date(starts.date(), ctx.lang),
            "time_text": time_text,
            "place": version.event.place if version.event else event.place,
            "days": (starts.date() - today).days,
            "countdown": countdown(starts.date(), today, ctx.lang),
        })
    return render("home-events.html", ctx, HOME, events=events,
                  as_of=t(ctx.lang, "home_as_of",
                          date=labels.long_date(today, ctx.lang)))
