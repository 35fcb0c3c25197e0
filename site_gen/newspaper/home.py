"""The portal home's blocks per language: current issue, latest news, today's screens, events.

Sits on the staging's extension API: each ``*_block(ctx)`` returns the HTML of one
block (or ``None`` when there is nothing to show) for ``index.md`` of the language;
:mod:`.stage` registers them with orders 20-35, between the staging's intro (10) and
its latest items (80). Links are relative to ``index.md``.
"""

from __future__ import annotations

from ..stage.extensions import StageContext
from . import labels
from .events import upcoming
from .feeds import ATOM_FILE
from .model import Newspaper
from .pages import ARCHIVE, article_view, issue_view, render
from .screens import on_screens_today

HOME = "index.md"
LATEST_NEWS = 5


def issue_block(ctx: StageContext, paper: Newspaper) -> str | None:
    current = paper.current
    if current is None:
        return None
    return render("home-issue.html", ctx, HOME, issue=issue_view(ctx, current, HOME),
                  lead=article_view(ctx, current.lead, HOME) if current.lead else None,
                  archive_href=ctx.href(ARCHIVE, HOME), feed_href=ctx.href(ATOM_FILE, HOME))


def news_block(ctx: StageContext) -> str | None:
    news = [
        {"title": v.title, "href": ctx.href(item, HOME), "date_iso": item.date.isoformat(),
         "date_text": labels.long_date(item.date, ctx.lang)}
        for item, v in ctx.published() if item.section == "news"
    ][:LATEST_NEWS]
    if not news:
        return None
    return render("home-news.html", ctx, HOME, news=news,
                  section_href=ctx.href("news/index.md", HOME))


def screens_block(ctx: StageContext) -> str | None:
    today = on_screens_today(ctx.content, ctx.lang, ctx.now)
    items = [
        {"key": o.item.key, "title": o.version.title, "href": ctx.href(o.item, HOME),
         "text": o.text, "urgent": o.urgent}
        for o in today.items
    ]
    return render("home-screens.html", ctx, HOME, items=items)


def events_block(ctx: StageContext) -> str | None:
    events = []
    for item, version, event in upcoming(ctx.content, ctx.lang, ctx.now):
        starts = event.starts
        time_text = labels.short_time(starts, ctx.lang)
        if event.ends is not None and event.ends.date() == starts.date():
            time_text += f"–{labels.short_time(event.ends, ctx.lang)}"
        events.append({
            "key": item.key, "title": version.title, "href": ctx.href(item, HOME),
            "starts_iso": starts.isoformat(), "date_text": labels.full_date(starts.date(),
                                                                            ctx.lang),
            "time_text": time_text,
            "place": version.event.place if version.event else event.place,
        })
    return render("home-events.html", ctx, HOME, events=events)
