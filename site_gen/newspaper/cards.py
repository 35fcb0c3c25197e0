"""What a card shows, computed at staging: the values of the ``card`` macro.

Sits between the content model and the templates: :func:`card_view` turns one published
item (any section, in the newspaper or not) into the mapping the Jinja macro
``card(item_view, size)`` of ``themes/partials/jarshy-newspaper/_macros.html`` prints as it
is (no string work in templates, so they also run under minijinja). Used by the portal home
(:mod:`.home`) and by the newspaper's pages; :func:`.pages.article_view` gives the same keys.
"""

from __future__ import annotations

from ..content.model import Item, Version
from ..stage.extensions import StageContext
from . import labels
from .pages import image_href

SUMMARY_CHARS = 180  # a card's summary: about three lines of a grid card


def short_summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def card_view(ctx: StageContext, item: Item, version: Version, from_page: str
              ) -> dict[str, object]:
    """The card of ``item`` in ``ctx.lang`` for the page ``from_page`` (links relative)."""
    image = image_href(version, from_page)
    return {
        "key": item.key,
        "href": ctx.href(item, from_page),
        "title": version.title,
        "section": item.section,
        "section_name": labels.section_name(item.section, ctx.lang),
        "date_iso": item.date.isoformat(),
        "date_text": labels.long_date(item.date, ctx.lang),
        "summary": short_summary(version.summary),
        "image": image,
        "image_alt": (version.image_alt or version.title) if image else "",
    }
