"""What the newspaper adds to item pages: the header and footer of every article.

Sits between :mod:`.model`/:mod:`.events`/:mod:`.related` and the MkDocs templates. The
staging writes item pages itself; our part reaches them through ``Registry.add_item_meta``:
each published article's page (every section but standing pages, ``section: page``) gets
``jarshy.newspaper`` = ready HTML (``header``, ``footer``), rendered here at staging time
with our autoescaping templates. ``themes/partials/article_header.html`` and
``article_footer.html`` (the slots the staging's ``main.html`` offers) print it.

The header: section (and issue), author, date and the reading time (words counted at
staging, :data:`.model.WORDS_PER_MINUTE`). The footer: a report meeting's report and plan,
the three related items as cards (:mod:`.related`), and previous/next within the issue.
Standing pages keep the staging's default header and footer.
"""

from __future__ import annotations

from ..content.model import PAGE_SECTION, Event, Item, Version
from ..stage.extensions import EXTENSIONS, StageContext
from . import labels
from .events import facts
from .model import Article, IssueView, Newspaper, reading_minutes
from .pages import article_view, issue_path, item_card, render
from .related import related

BLOG_MODULE = "site_gen.blog.page"  # the head's blog (another channel's extension)


def item_extras(ctx: StageContext, paper: Newspaper) -> dict[str, dict[str, str]]:
    """``{key: {"header": html, "footer": html}}`` for every published article. With the
    caller's memo (``ctx.memo``), an article's pair is made again only when what it shows
    changed: the item, its place in its issue, its related items; an event's always (its
    facts read other items: the report, the blog page)."""
    extras: dict[str, dict[str, str]] = {}
    placed: dict[str, tuple[IssueView, Article]] = {}
    around: dict[str, tuple[Article | None, Article | None]] = {}
    for view in paper.issues:
        order = view.articles
        for i, article in enumerate(order):
            placed[article.key] = (view, article)
            around[article.key] = (order[i - 1] if i > 0 else None,
                                   order[i + 1] if i + 1 < len(order) else None)
    pairs = [(item, version) for item, version in ctx.published()
             if item.section != PAGE_SECTION or item.event is not None]
    versions = {item.key: (item, version) for item, version in pairs}
    memo = ctx.memo
    neighbours = related(pairs, memo=memo.store("newspaper.related") if memo else None)
    kept = memo.store("newspaper.extras") if memo is not None else None
    for item, version in pairs:
        name = item.key
        near = [versions[key] for key in neighbours.get(name, [])]
        found = placed.get(name)
        if kept is None or memo is None or item.event is not None or version.event is not None:
            extras[name] = _extras(ctx, item, version, found, near)
            continue
        key = (item, version, found[0].number if found else None, found[1] if found else None,
               around.get(name), near)
        hit = kept.get(name)
        if hit is not None and hit[0] == key:
            memo.reused += 1
        else:
            hit = kept[name] = (key, _extras(ctx, item, version, found, near))
            memo.made += 1
        extras[name] = hit[1]
    return extras


def _extras(ctx: StageContext, item: Item, version: Version,
            found: tuple[IssueView, Article] | None,
            near: list[tuple[Item, Version]]) -> dict[str, str]:
    path = ctx.item_path(item)
    issue = prev = nxt = None
    if found is not None:
        view, article = found
        minutes = article.minutes
        issue = {"href": ctx.href(issue_path(view.number), path),
                 "title": labels.issue_title(view.number, ctx.lang)}
        before, after = view.neighbours(item.key)
        prev = article_view(ctx, before, path) if before else None
        nxt = article_view(ctx, after, path) if after else None
    else:
        minutes = reading_minutes(f"{version.title}\n{version.summary}\n{version.body}",
                                  ctx.lang)
    event = _event(ctx, item, version, path)
    common = {
        "key": item.key, "issue": issue, "event": event,
        "section_name": labels.section_name(item.section, ctx.lang),
        "section_href": ctx.href(f"{item.section}/index.md", path),
    }
    header = render("article-header.html", ctx, path, **common,
                    author=version.author, date_iso=item.date.isoformat(),
                    date_text=labels.long_date(item.date, ctx.lang),
                    minutes_text=labels.minutes(minutes, ctx.lang))
    cards = [item_card(ctx, other, v, path) for other, v in near]
    footer = render("article-footer.html", ctx, path, **common, prev=prev, next=nxt,
                    related=cards)
    return {"header": header, "footer": footer}


def _blog_href(ctx: StageContext, path: str) -> str:
    """The letter form on the head's blog page (the blog item's own page), where staff send
    their questions, when the site has one in this language."""
    if BLOG_MODULE not in EXTENSIONS:
        return ""
    from ..blog.page import FORM_ANCHOR, blog_path  # only when that extension is in use

    page = blog_path(ctx)
    return ctx.href(page, path) + FORM_ANCHOR if page is not None else ""


def _questions(ctx: StageContext, item: Item, event: Event, path: str, report_href: str,
               past: bool) -> dict[str, str] | None:
    """The letters' part of a meeting's facts (site_gen/blog/meeting.py): the count of
    questions and, after the meeting, where the answers are."""
    if BLOG_MODULE not in EXTENSIONS:
        return None
    from ..blog.meeting import questions_facts  # only when that extension is in use

    return questions_facts(ctx, item, event, path, report_href, past)


def _event(ctx: StageContext, item: Item, version: Version,
           path: str) -> dict[str, object] | None:
    event = version.event or item.event
    if event is None:
        return None
    f = facts(event, ctx.now)
    starts = event.starts
    time_text = labels.short_time(starts, ctx.lang)
    if event.ends is not None and event.ends.date() == starts.date():
        time_text += f"–{labels.short_time(event.ends, ctx.lang)}"
    report_href = ctx.href(event.report.as_posix(), path) if event.report else ""
    return {
        "starts_iso": starts.isoformat(),
        "date_text": labels.full_date(starts.date(), ctx.lang),
        "time_text": time_text,
        "place": event.place,
        "audience": event.audience,
        "past": f.past,
        "days_left": f.days_left,
        "countdown_text": labels.days_left(f.days_left, ctx.lang) if f.days_left > 0 else "",
        "questions_open": f.questions_open,
        "questions_until_iso": event.questions_until.isoformat(),
        "questions_until_text": labels.full_date(event.questions_until, ctx.lang),
        "blog_href": _blog_href(ctx, path) if f.questions_open else "",
        "report_href": report_href,
        "questions": _questions(ctx, item, event, path, report_href, f.past),
        "plan": [
            {"task": line.row.task, "responsible": line.row.responsible,
             "due_iso": line.row.due.isoformat(),
             "due_text": labels.long_date(line.row.due, ctx.lang),
             "status": line.row.status, "status_text": labels.word(line.row.status, ctx.lang),
             "overdue": line.overdue}
            for line in f.plan
        ],
    }
