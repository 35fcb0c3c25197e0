"""The one allow-list for HTML made from editors' Markdown: tags, attributes, URL schemes.

Where it sits: ``site_gen.content.markup`` renders an item's body with Python-Markdown and
passes the HTML through :func:`clean` (nh3, the Ammonia sanitizer) before our own generators
put their trusted markup in (charts, the item's picture, headers); the site build, the print
edition, the posters and ``site-gen check`` all use it. Everything not listed here is
removed; ``check`` reports each removal. ``docs/editors.md`` shows this table
(``tests/unit/test_allowlist.py`` keeps the two the same). No MkDocs import: ``check`` uses it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import nh3

# Tags an editor's text may turn into (Markdown's own output and raw HTML alike); their
# text stays when a tag is not listed.
TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
# Tags removed together with everything inside them (their text is code, not words).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "frame", "frameset", "applet", "textarea", "select", "noembed", "noframes", "xmp",
})
# Attributes every allowed tag may carry (heading ids, admonition and footnote classes).
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"class", "id", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite"}),
    "ins": frozenset({"cite"}),
}
# The one CSS property kept in a style attribute: tables' column alignment (Markdown's own).
STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})
# Link addresses: these schemes, or relative (no scheme). Everything else (javascript:,
# data:, vbscript:, file: …) is removed.
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
# Pictures: relative addresses only (files from content/); the intranet loads nothing from
# another host.
IMAGE_SCHEMES: frozenset[str] = frozenset()
# ids our pages use themselves (Material's "__config", "__search" …, our "jarshy-…"): an id
# written in content with one of these beginnings is removed, so it cannot stand in for them.
RESERVED_ID_PREFIXES: tuple[str, ...] = ("__", "md-", "jarshy")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.strip().lower().startswith(RESERVED_ID_PREFIXES):
        return None
    if tag == "img" and attribute == "src" and not image_address_ok(value):
        return None
    return value


def image_address_ok(value: str) -> bool:
    """A picture's address is relative: no scheme, not ``//host``."""
    plain = "".join(c for c in value if c > " ").lower()
    head = plain.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if plain.startswith("//") or plain.startswith("\\"):
        return False
    return ":" not in head or head.split(":", 1)[0] in IMAGE_SCHEMES


@functools.cache
def cleaner() -> nh3.Cleaner:
    """The nh3 sanitizer for this table (made once per process)."""
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    return nh3.Cleaner(
        tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes=attributes,
        attribute_filter=_attribute_filter, url_schemes=set(URL_SCHEMES), link_rel=None,
        strip_comments=True, filter_style_properties=set(STYLE_PROPERTIES))


def clean(html: str) -> str:
    """``html`` with everything not on the list removed."""
    return str(cleaner().clean(html))


def _code(names: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def table_rows() -> Iterable[tuple[str, str]]:
    """The table as ``docs/editors.md`` shows it: (what, the allowed values)."""
    yield "tags", _code(sorted(TAGS))
    yield "attributes on every tag", _code(sorted(GLOBAL_ATTRIBUTES))
    for tag in sorted(ATTRIBUTES):
        yield f"attributes on `<{tag}>`", _code(sorted(ATTRIBUTES[tag]))
    yield "style properties (in `style` above)", _code(sorted(STYLE_PROPERTIES))
    yield "link addresses", _code(f"{s}:" for s in sorted(URL_SCHEMES)) + " and relative"
    yield "picture addresses", "relative only (files from `content/`)"
    yield "removed with their content", _code(sorted(DROPPED_WITH_CONTENT))
    yield "ids may not begin with", _code(RESERVED_ID_PREFIXES)


def markdown_table() -> str:
    """The Markdown table for ``docs/editors.md``."""
    lines = ["| what | allowed |", "|---|---|"]
    lines += [f"| {what} | {values} |" for what, values in table_rows()]
    return "\n".join(lines) + "\n"
