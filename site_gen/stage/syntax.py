"""Which optional Markdown extensions a language's pages use.

MkDocs sets up every extension in ``markdown_extensions`` afresh for every page, and each one
(our chart blocks' included) adds its own passes over the text. An extension from
:data:`OPTIONAL` whose syntax appears on no staged page of a language (items and generated
pages alike) is left out of that language's ``mkdocs.yml``: the pages render the same,
faster. The patterns are deliberately
loose: a false match only keeps an extension on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Each pattern starts with a fixed character, which re finds quickly; a line start is
# written "\n" and the text is searched with a "\n" in front.
OPTIONAL: dict[str, re.Pattern[str]] = {
    "abbr": re.compile(r"\n[ \t]*\*\["),  # *[ABBR]: Full words
    "admonition": re.compile(r"\n[ \t]*!!![ \t]"),  # !!! note
    "attr_list": re.compile(r"\{[^{}\n]*[#.=:][^{}\n]*\}"),  # { .class #id key=value }
    "def_list": re.compile(r"\n[ \t]*:[ \t]+\S"),  # term, then ":   meaning"
    "footnotes": re.compile(r"\[\^"),  # [^1]
    "md_in_html": re.compile(r"<[A-Za-z][^<>]*\bmarkdown\b"),  # <div markdown>
    "site_gen.charts": re.compile(r"[`~]{3,}[ \t]*[.{]*chart"),  # ```chart
}


def extension_name(entry: object) -> str:
    """``abbr`` for ``"abbr"``, ``"markdown.extensions.abbr"`` or ``{"abbr": {...}}``."""
    name = entry if isinstance(entry, str) else next(iter(entry)) if isinstance(entry, dict) \
        else ""
    return str(name).removeprefix("markdown.extensions.")


_FRONT = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def unused(texts: Iterable[str]) -> set[str]:
    """The optional extensions none of ``texts`` (Markdown pages, front matter skipped)
    needs."""
    left = dict(OPTIONAL)
    for page in texts:
        front = _FRONT.match(page)
        text = "\n" + (page[front.end():] if front else page)
        for name in [n for n, pattern in left.items() if pattern.search(text)]:
            del left[name]
        if not left:
            break
    return set(left)


def uses(page: str) -> frozenset[str]:
    """The optional extensions one page (front matter skipped) needs; ``unused`` of many
    pages is :data:`OPTIONAL` less what any of them uses."""
    front = _FRONT.match(page)
    text = "\n" + (page[front.end():] if front else page)
    return frozenset(name for name, pattern in OPTIONAL.items() if pattern.search(text))
