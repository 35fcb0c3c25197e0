"""Generated pages of each language: the home page (with its extension slots).

Where it sits: ``stage.stage_language`` calls :func:`home_page` after the items. The home
page is a list of blocks sorted by order: our intro (10) and latest items (80) and sections
(90), plus every block registered through ``site_gen.stage.extensions`` (newspaper 20-49,
screens 50-59). :func:`sections_with_items` is the sidebar's list of sections; their pages
(cards, 12 a page) are ``site_gen.newspaper.sections``. The home page's blocks are Markdown;
they are turned into HTML here (:func:`block_html`), each in its slot.
"""

from __future__ import annotations

import html
from functools import partial

import markdown  # type: ignore[import-untyped]  # ships no types

from ..content.model import ALL_SECTIONS, Item, Version
from .extensions import HomeBlock, Registry, StageContext, StagedFile
from .items import front_matter
from .memo import reuse

LATEST_ON_HOME = 8
CARDS_BLOCK = "latest-cards"  # the newspaper's card grid; when present, our list steps aside


def _list_html(ctx: StageContext, rows: list[tuple[Item, Version]], from_page: str) -> str:
    lines = ['<ul class="jarshy-list">']
    for item, version in rows:
        lines.append(
            f'<li><a href="{html.escape(ctx.href(item, from_page))}">'
            f"{html.escape(version.title)}</a> "
            f'<time datetime="{item.date.isoformat()}">'
            f"{html.escape(ctx.format_date(item.date))}</time></li>")
    lines.append("</ul>")
    return "\n".join(lines)


def sections_with_items(ctx: StageContext) -> list[str]:
    """Sections that have at least one page in this language (article or notice)."""
    found = ctx.cache.get("sections_with_items")
    if found is None:
        # An item is on the site in a language when either of its versions is on the air.
        present = {item.section for item, _ in ctx.published()} | \
            {item.section for item, _ in ctx.published(ctx.other_lang)}
        found = ctx.cache["sections_with_items"] = [s for s in ALL_SECTIONS if s in present]
    return list(found)


def _other_lang_same_page(ctx: StageContext, path: str) -> str:
    from .extensions import page_url, relative_url
    return relative_url(f"{ctx.other_lang}/{page_url(path)}", f"{ctx.lang}/{page_url(path)}")


def _intro(ctx: StageContext) -> str:
    company = ctx.content.settings.company.get(ctx.lang, "")
    today = ctx.format_date(ctx.now, "full")
    return (f'<header class="jarshy-home__masthead">\n'
            f'<p class="jarshy-today"><time datetime="{ctx.now.date().isoformat()}">'
            f"{html.escape(today)}</time></p>\n"
            f'<h1 class="jarshy-home__title">{html.escape(company or ctx.t("intranet"))}</h1>\n'
            "</header>")


def _latest(ctx: StageContext) -> str:
    rows = ctx.published()[:LATEST_ON_HOME]
    if not rows:
        return ""
    return (f'<section class="jarshy-block jarshy-latest" markdown>\n'
            f"## {html.escape(ctx.t('latest'))}\n\n{_list_html(ctx, rows, 'index.md')}\n"
            "</section>")


def _sections(ctx: StageContext) -> str:
    links = [f'<li><a href="{html.escape(ctx.href(f"{s}/index.md", "index.md"))}">'
             f"{html.escape(ctx.t(f'section.{s}'))}</a></li>" for s in sections_with_items(ctx)]
    if not links:
        return ""
    name = html.escape(ctx.t("sections"))
    return (f'<nav class="jarshy-block jarshy-sections" aria-label="{name}">\n'
            f"<h2>{name}</h2>\n"
            f'<ul class="jarshy-chips">\n' + "\n".join(links) + "\n</ul>\n</nav>")


OWN_BLOCKS = (
    HomeBlock("intro", 10, _intro),
    HomeBlock("latest", 80, _latest),
    HomeBlock("sections", 90, _sections),
)


# What a block's Markdown may use. The blocks are turned into HTML here, so that the site's
# pages do not all pay for md_in_html (MkDocs sets it up for every page of a project).
BLOCK_EXTENSIONS = ("md_in_html", "tables", "attr_list", "abbr", "def_list", "admonition")


def block_html(text: str) -> str:
    """A home block's Markdown (raw HTML allowed, ``markdown`` attribute honoured) as HTML."""
    return str(markdown.markdown(text, extensions=list(BLOCK_EXTENSIONS)))


def home_page(ctx: StageContext, registry: Registry) -> tuple[StagedFile, list[str]]:
    """The home page, and the names of blocks that failed (reported, the page goes on)."""
    own: tuple[HomeBlock, ...] = OWN_BLOCKS
    if any(b.name == CARDS_BLOCK for b in registry.home_blocks):
        own = tuple(b for b in OWN_BLOCKS if b.name != "latest")  # the cards replace the list
    blocks = sorted([*own, *registry.home_blocks], key=lambda b: (b.order, b.name))
    parts: list[str] = []
    failed: list[str] = []
    for block in blocks:
        try:
            text = block.render(ctx)
        except Exception as problem:  # noqa: BLE001 - one broken block must not sink the home page
            failed.append(f"{block.name}: {type(problem).__name__}: {problem}")
            continue
        if text:
            body = text.strip()
            shown = reuse(ctx.memo, "home", block.name, body, partial(block_html, body))
            parts.append(f'<div class="jarshy-slot" data-slot="{html.escape(block.name)}">\n'
                         f"{shown}\n</div>")
    # The portal is full width: no sidebar, no table of contents, no "next" footer (on a
    # phone the sidebar still opens as the drawer from the header's menu button).
    meta = {"title": html.escape(ctx.t("home")), "hide": ["navigation", "toc", "footer"],
            "jarshy": {"type": "home", "lang": ctx.lang, "translation_lang": ctx.other_lang,
                       "translation_url": _other_lang_same_page(ctx, "index.md")}}
    body = '<div class="jarshy-home">\n' + "\n".join(parts) + "\n</div>\n"
    return StagedFile("index.md", front_matter(meta) + body), failed
