"""An article's full text for the print edition, as HTML placed on the issue page.

Sits inside :mod:`.pages`: on screen the issue page is a front page of cards (title,
summary, byline); on paper a newspaper prints whole articles. So each card also carries
the article's body, hidden on screen and shown by ``print.css``. The body goes through
Python-Markdown and the site's one allow-list sanitizer (``site_gen.content.markup``, the
same one item pages use), loses its heading anchors (ids would clash between articles), has its
headings moved down under the article's title, and has relative image and link
addresses re-aimed from the article's folder to the issue page. A report meeting's action
plan follows its body, as the event page shows it.
"""

from __future__ import annotations

import posixpath
import re

from ..content.markup import safe_html
from ..content.model import Item, Version
from ..stage import figures, svgpictures
from ..stage.extensions import StageContext
from .events import plan_table_html

# The last two point a picture drawn from SVG at its published PNG and make a lone picture
# a figure with its caption, as on item pages.
EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              svgpictures.NAME, figures.NAME]
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_ID = re.compile(r'\sid="[^"]*"')
_URL_ATTR = re.compile(r'\s(src|href)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def print_body(ctx: StageContext, item: Item, version: Version, at: str) -> str:
    """The body of ``version`` as HTML for the page ``at`` (a docs path)."""
    html = safe_html(version.body, EXTENSIONS)
    html = _ID.sub("", html)
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + 2)}", html)
    html = _URL_ATTR.sub(lambda m: f' {m[1]}="{_reaim(ctx, item, m[2], at)}"', html)
    # A report meeting's approved action plan goes to print too (clause 5.1.1: the plan is
    # published in the newspaper), as on the event's page, overdue rows marked.
    return html + plan_table_html(version.event or item.event, version.lang, ctx.now.date(),
                                  heading="h4")


def _reaim(ctx: StageContext, item: Item, url: str, at: str) -> str:
    """A body's relative address, seen from the issue page instead of the article's file."""
    if not url or url.startswith("#") or _SCHEME.match(url) or url.startswith("//"):
        return url
    path, _, fragment = url.partition("#")
    if path.startswith("/"):
        target = path.lstrip("/")  # "/" is the content folder
    else:
        target = posixpath.normpath(posixpath.join(item.folder, path))
    if target.startswith(".."):
        return url  # leaves the content folder: the check reports it; leave it as written
    if target.endswith(".md"):  # a link to another item's file: that item's page
        key = re.sub(r"(\.(kk|ru))?\.md$", "", target)
        other = next((i for i in ctx.content.items if i.key == key), None)
        if other is None:
            return url
        target = ctx.item_path(other)
    rel = ctx.href(target, at)
    return f"{rel}#{fragment}" if fragment else rel
