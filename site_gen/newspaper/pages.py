"""Newspaper pages as staged Markdown: issue front pages, section pages, the archive.

Sits between :mod:`.model` and the staging: each function takes a
:class:`~site_gen.stage.extensions.StageContext` and the language's :class:`Newspaper`
and returns :class:`StagedFile` objects (``newspaper/index.md``, ``newspaper/12.md``,
``newspaper/news.md``). The HTML inside them comes from Jinja2 templates in
``themes/partials/jarshy-newspaper/`` rendered here, at staging time, with
StrictUndefined and autoescaping; links are relative (``ctx.href``) so the site works
from any folder and from ``file://`` (the print edition opens it that way).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from ..content.model import SECTIONS, Item, Version
from ..pictures import published_name
from ..stage.extensions import StageContext, StagedFile, page_url, relative_url
from . import labels
from .feeds import ATOM_FILE
from .model import Article, IssueView, Newspaper, reading_minutes
from .printbody import print_body
from .printhead import head_css, head_css_path

TEMPLATES = Path(__file__).resolve().parents[2] / "themes" / "partials" / "jarshy-newspaper"
PRINT_CSS = "assets/stylesheets/print.css"  # docs-relative: themes/ is the custom_dir
ARCHIVE = "newspaper/index.md"


def issue_path(number: int) -> str:
    return f"newspaper/{number}.md"


def section_path(section: str) -> str:
    return f"newspaper/{section}.md"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, ctx: StageContext, at: str, **values: Any) -> str:
    """Render one of our templates for the page ``at`` (docs path); blank lines are removed
    so Markdown keeps the HTML one block. ``print_css`` is the stylesheet's URL from there."""
    def w(key: str) -> str:
        return labels.word(key, ctx.lang)
    text = environment().get_template(template).render(
        w=w, lang=ctx.lang, print_css=ctx.href(PRINT_CSS, at), **values)
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


# Material's per-page ``hide``: the page takes the width, without the docs' prev/next footer.
FULL_WIDTH = ("navigation", "toc", "footer")


def page(title: str, meta: Mapping[str, object], body: str,
         hide: tuple[str, ...] = ()) -> str:
    head: dict[str, object] = {"title": html.escape(title)}
    if hide:
        head["hide"] = list(hide)
    head["jarshy"] = dict(meta)
    return ("---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n"
            + body)


def item_href(ctx: StageContext, item: Item, from_page: str) -> str:
    return ctx.href(item, from_page)


def image_href(version: Version, from_page: str) -> str:
    if version.image is None:
        return ""
    return relative_url(published_name(version.image).as_posix(), page_url(from_page))


def item_card(ctx: StageContext, item: Item, version: Version, from_page: str,
              minutes: int | None = None) -> dict[str, object]:
    """What a card shows of one item, with every value decided here (staging time):
    title, link, summary, picture, section, date and, when known, the reading time."""
    if minutes is None:
        minutes = reading_minutes(f"{version.title}\n{version.summary}\n{version.body}",
                                  ctx.lang)
    return {
        "key": item.key,
        "title": version.title,
        "href": item_href(ctx, item, from_page),
        "summary": version.summary,
        "image": image_href(version, from_page),
        "image_alt": version.image_alt,
        "author": version.author,
        "date_iso": item.date.isoformat(),
        "date_text": labels.long_date(item.date, ctx.lang),
        "minutes": minutes,
        "minutes_text": labels.minutes(minutes, ctx.lang),
        "section": item.section,
        "section_name": labels.section_name(item.section, ctx.lang),
    }


def article_view(ctx: StageContext, a: Article, from_page: str) -> dict[str, object]:
    return item_card(ctx, a.item, a.version, from_page, a.minutes)


def printable(ctx: StageContext, a: Article, from_page: str) -> dict[str, object]:
    """An article's card plus its whole text for the print edition."""
    return {**article_view(ctx, a, from_page),
            "body": Markup(print_body(ctx, a.item, a.version, from_page))}


def issue_view(ctx: StageContext, view: IssueView, from_page: str) -> dict[str, object]:
    cover = ""
    if view.meta.cover is not None:
        cover = relative_url(published_name(view.meta.cover).as_posix(), page_url(from_page))
    lead = view.lead
    count = len(view.articles)
    return {
        "number": view.number,
        "title": labels.issue_title(view.number, ctx.lang),
        "href": ctx.href(issue_path(view.number), from_page),
        "date_iso": view.date.isoformat(),
        "date_text": labels.long_date(view.date, ctx.lang),
        "note": view.note,
        "cover": cover,
        "lead_title": lead.title if lead else "",
        "count": count,
        "count_text": labels.word("articles", ctx.lang).format(n=count),
    }


def front_card(ctx: StageContext, a: Article, from_page: str) -> dict[str, object]:
    """An article's card on a front page or a section page: the summary cut to a card's
    length (``cards.short_summary``, the home page's rule)."""
    from .cards import short_summary  # cards imports this module: import when called

    view = article_view(ctx, a, from_page)
    return {**view, "summary": short_summary(str(view["summary"]))}


def issue_page(ctx: StageContext, paper: Newspaper, view: IssueView) -> StagedFile:
    path = issue_path(view.number)
    sections = [
        {
            "id": name,
            "name": labels.section_name(name, ctx.lang),
            "href": ctx.href(section_path(name), path),
            "count": len(arts),
            "articles": [printable(ctx, a, path) for a in arts],
            "cards": [front_card(ctx, a, path) for a in arts],
        }
        for name, arts in view.sections
    ]
    body = render(
        "issue.html", ctx, path,
        issue=issue_view(ctx, view, path),
        lead=printable(ctx, view.lead, path) if view.lead else None,
        lead_card=article_view(ctx, view.lead, path) if view.lead else None,
        contents=[{**s, "count": len(view.in_section(str(s["id"])))} for s in sections],
        sections=[s for s in sections if s["articles"]],
        company=ctx.content.settings.company.get(ctx.lang, ""),
        archive_href=ctx.href(ARCHIVE, path),
        head_css=ctx.href(head_css_path(view.number), path),
    )
    title = f"{labels.issue_title(view.number, ctx.lang)} — {labels.word('newspaper', ctx.lang)}"
    meta = {"type": "newspaper-issue", "issue": view.number, "lang": ctx.lang,
            "date": view.date.isoformat()}
    # A front page across the whole width: no docs navigation or table of contents.
    return StagedFile(path, page(title, meta, body, hide=FULL_WIDTH))


def section_page(ctx: StageContext, paper: Newspaper, section: str) -> StagedFile:
    path = section_path(section)
    groups = [
        {**issue_view(ctx, view, path),
         "articles": [front_card(ctx, a, path) for a in arts]}
        for view, arts in paper.section(section)
    ]
    name = labels.section_name(section, ctx.lang)
    body = render("paper-section.html", ctx, path, section=section, name=name, groups=groups,
                  archive_href=ctx.href(ARCHIVE, path))
    meta = {"type": "newspaper-section", "section": section, "lang": ctx.lang}
    # Cards need the width the empty table of contents would take.
    return StagedFile(path, page(f"{name} — {labels.word('newspaper', ctx.lang)}", meta, body,
                                 hide=("toc",)))


def archive_page(ctx: StageContext, paper: Newspaper) -> StagedFile:
    """The archive by year and issue, with links to the newspaper's sections."""
    path = ARCHIVE
    years = [
        {"year": year, "title": labels.word("year", ctx.lang).format(y=year),
         "issues": [issue_view(ctx, v, path) for v in views]}
        for year, views in paper.archive()
    ]
    sections = [
        {"name": labels.section_name(s, ctx.lang), "href": ctx.href(section_path(s), path),
         "count": sum(len(arts) for _, arts in paper.section(s))}
        for s in SECTIONS
    ]
    current = paper.current
    body = render("archive.html", ctx, path, years=years, sections=sections,
                  current=issue_view(ctx, current, path) if current else None,
                  feed_href=ctx.href(ATOM_FILE, path))
    meta = {"type": "newspaper-archive", "lang": ctx.lang}
    return StagedFile(path, page(labels.word("newspaper", ctx.lang), meta, body))


def newspaper_files(ctx: StageContext, paper: Newspaper) -> list[StagedFile]:
    files = [archive_page(ctx, paper)]
    files.extend(issue_page(ctx, paper, view) for view in paper.issues)
    files.extend(head_css(ctx, view) for view in paper.issues)
    files.extend(section_page(ctx, paper, s) for s in SECTIONS)
    return files

