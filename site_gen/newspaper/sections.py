"""Section pages: every published item of a section as cards, newest first, in pages.

Where it sits: ``site_gen.stage.stage_language`` calls :func:`section_pages` for each
language (the staging's own pages; the cards and their words live with the newspaper's
templates, so the rendering is here). For a section with ``n`` items in the language:

* page 1 is ``<section>/index.md`` (``/kk/news/``, the address the sidebar and every link
  already use), pages 2… are ``<section>/page/<k>.md`` (``/kk/news/page/2/``);
* :data:`PER_PAGE` cards a page, newest first (date, then file name, as everywhere);
* each page is its own staged file with everything it shows decided here (cards, page
  numbers, previous/next, its title), so an incremental build compares staged pages;
* the pager shows previous/next, the first and last page and the pages near the current
  one (:func:`page_numbers`), each a link; words in kk and ru from :mod:`.labels`.

A section with no item in this language (only a notice that the translation is missing)
gets one page that says so. Item addresses never change: only the lists are paged.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from functools import partial

from ..content.model import Item, Version
from ..stage.extensions import StageContext, StagedFile, page_url, relative_url
from ..stage.home import sections_with_items
from ..stage.items import front_matter
from ..stage.memo import reuse
from . import labels
from .cards import short_summary
from .pages import item_card, render

PER_PAGE = 12
NEAR = 2  # pages either side of the current one in the pager


def section_page_path(section: str, number: int) -> str:
    """Docs path of page ``number`` (1-based) of ``section``."""
    return f"{section}/index.md" if number == 1 else f"{section}/page/{number}.md"


def page_count(items: int) -> int:
    return max(1, math.ceil(items / PER_PAGE))


def page_numbers(current: int, pages: int) -> list[int | None]:
    """The page numbers the pager shows; ``None`` is a gap ("…"). Always the first and the
    last page, and :data:`NEAR` pages either side of ``current``."""
    keep = {1, pages} | set(range(max(1, current - NEAR), min(pages, current + NEAR) + 1))
    shown: list[int | None] = []
    last = 0
    for n in sorted(keep):
        if last and n - last > 1:
            shown.append(None)
        shown.append(n)
        last = n
    return shown


def _other_lang(ctx: StageContext, section: str, number: int, other_pages: int,
                path: str) -> str:
    """The same page in the other language, or its first page when it has fewer pages."""
    target = section_page_path(section, number if number <= other_pages else 1)
    return relative_url(f"{ctx.other_lang}/{page_url(target)}",
                        f"{ctx.lang}/{page_url(path)}")


def card(ctx: StageContext, item: Item, version: Version, path: str) -> dict[str, object]:
    """The card of one item on a section page: the summary cut to a card's length."""
    view = item_card(ctx, item, version, path)
    return {**view, "summary": short_summary(version.summary)}


def _page(ctx: StageContext, section: str, rows: list[tuple[Item, Version]], number: int,
          pages: int, other_pages: int) -> StagedFile:
    path = section_page_path(section, number)
    name = ctx.t(f"section.{section}")
    cards = [card(ctx, item, version, path) for item, version in rows]

    def href(n: int) -> str:
        return ctx.href(section_page_path(section, n), path)

    pager = {
        "prev": href(number - 1) if number > 1 else "",
        "next": href(number + 1) if number < pages else "",
        "pages": [{"n": n, "href": href(n), "current": n == number,
                   "label": labels.word("page_n", ctx.lang).format(n=n)} if n else None
                  for n in page_numbers(number, pages)],
        "status": labels.word("page_of", ctx.lang).format(n=number, m=pages),
    } if pages > 1 else None
    title = name if number == 1 else \
        f"{name} — {labels.word('page_title', ctx.lang).format(n=number)}"
    body = render("section.html", ctx, path, section=section, title=title, cards=cards,
                  pager=pager, number=number, pages=pages)
    # No table of contents and no docs prev/next footer: the pager leads through the pages.
    meta = {"title": html.escape(title), "hide": ["toc", "footer"],
            "jarshy": {"type": "section", "lang": ctx.lang, "section": section,
                       "page": number, "pages": pages,
                       "translation_lang": ctx.other_lang,
                       "translation_url": _other_lang(ctx, section, number, other_pages,
                                                      path)}}
    return StagedFile(path, front_matter(meta) + body)


def section_pages(ctx: StageContext) -> list[StagedFile]:
    """Every page of every section of ``ctx.lang`` (see the module's docstring)."""
    mine: dict[str, list[tuple[Item, Version]]] = defaultdict(list)
    for item, version in ctx.published():  # newest first
        mine[item.section].append((item, version))
    theirs: dict[str, int] = defaultdict(int)
    for item, _ in ctx.published(ctx.other_lang):
        theirs[item.section] += 1
    files: list[StagedFile] = []
    for section in sections_with_items(ctx):
        rows = mine.get(section, [])
        pages = page_count(len(rows))
        other_pages = page_count(theirs[section])
        for number in range(1, pages + 1):
            chunk = rows[(number - 1) * PER_PAGE: number * PER_PAGE]
            # With the caller's memo: a page is made again only when its cards or the
            # section's page counts changed.
            files.append(reuse(ctx.memo, "sections", (section, number),
                               (chunk, pages, other_pages),
                               partial(_page, ctx, section, chunk, number, pages, other_pages)))
    return files
