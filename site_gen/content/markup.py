"""Editors' Markdown → HTML that passed the allow-list, for every channel.

Where it sits: an item's body is untrusted input. MkDocs renders item pages with the
Markdown extensions of ``mkdocs.yml`` plus this module's :class:`SafeHtmlExtension`, which
the staging always adds (``site_gen.stage.config``). The same extension renders the print
edition's article bodies and the posters (:func:`safe_html`), and ``site-gen check`` renders
each body with the same extensions (``site_gen.content.htmlcheck``). So the build, print
and check remove the same things.

The order inside Python-Markdown:

1. a preprocessor measures how deeply the text nests (quotes, lists, HTML); a body nested
   deeper than :data:`MAX_DEPTH` is not parsed (Python-Markdown would recurse until
   ``RecursionError``); ``check`` reports it as an error at its line;
2. Markdown and the editor's raw HTML become HTML as usual;
3. :class:`SanitizePostprocessor` (after raw HTML is put back, priority 30, and ``&``
   placeholders, 20) passes the whole HTML through :func:`allowlist.clean` (nh3);
4. :class:`TrustedPostprocessor` then puts in our own generators' markup (charts), which
   they stored with :func:`store_trusted` as placeholders with a per-document random key.
   Trusted markup is never stripped, and no text an editor writes can pass for it.

Inside MkDocs the sanitizer skips the pages our own code generates (home, sections,
newspaper pages, the screens page: their Markdown escapes every value it takes from
content); every other page, item pages first, is cleaned. Outside MkDocs it always cleans.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]  # ships no types
from markdown.postprocessors import Postprocessor  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from . import allowlist

# Deeper than this, a body is not rendered (hundreds of levels crash Python-Markdown).
MAX_DEPTH = 50
# Pages our own code writes (``page.meta.jarshy.type``): escaped values only, not cleaned.
GENERATED_PAGE_TYPES = frozenset({
    "home", "section", "translation-missing", "newspaper-issue", "newspaper-section",
    "newspaper-archive", "screens",
})
TOO_DEEP_TEXT = "…"  # what a page shows instead of a body nested too deeply


# ---- nesting depth ---------------------------------------------------------------------

_QUOTES = re.compile(r"[ \t]*(?:>[ \t]?)+")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{0,2000}?(/?)>")
# Elements Python-Markdown (md_in_html) and the browser nest; others (p, li, script …) are
# closed by the next one of their kind or hold only text.
_NESTING = frozenset({"div", "section", "article", "aside", "blockquote", "details", "ul",
                      "ol", "dl", "table", "figure", "main", "header", "footer", "nav", "span",
                      "q", "b", "i", "em", "strong", "a", "sup", "sub", "small", "mark"})


def nesting(body: str, limit: int = MAX_DEPTH) -> tuple[int, int]:
    """``(depth, line)``: the first line (1-based in ``body``) where quotes, list
    indentation or open HTML elements nest deeper than ``limit``, and that depth;
    ``(deepest, 0)`` when nothing does. Linear in the body's size."""
    deepest = 0
    html_depth = 0
    for number, line in enumerate(body.split("\n"), start=1):
        quotes = _QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        width = len(rest) - len(rest.lstrip(" \t"))
        indent = rest[:width].count(" ") + 4 * rest[:width].count("\t")
        depth += indent // 4
        if "<" in line:
            for tag in _HTML_TAG.finditer(line):
                name = tag.group(2).lower()
                if tag.group(3) or name not in _NESTING:
                    continue
                html_depth += -1 if tag.group(1) else 1
                html_depth = max(html_depth, 0)
                deepest = max(deepest, html_depth + depth)
                if html_depth + depth > limit:
                    return html_depth + depth, number
        deepest = max(deepest, depth)
        if depth > limit:
            return depth, number
    return deepest, 0


# ---- trusted markup through placeholders -------------------------------------------------

class _Trusted:
    """Our generators' markup for one document, keyed by a random word per document."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.key = "jarshytrusted" + secrets.token_hex(12)
        self.blocks: list[str] = []

    def pattern(self) -> re.Pattern[str]:
        """This document's placeholders. Compiled only when a document has trusted markup:
        MkDocs resets the extension twice per page, and most pages have no chart."""
        return re.compile(rf"(?:<p>)?{self.key}x(\d+)x(?:</p>)?")


def store_trusted(md: Markdown, html: str) -> str:
    """A placeholder for ``html`` that our own code made (a chart); it is put back after
    the sanitizer. Without :class:`SafeHtmlExtension` on ``md``, Markdown's own stash."""
    trusted: _Trusted | None = getattr(md, "jarshy_trusted", None)
    if trusted is None:
        return str(md.htmlStash.store(html))
    trusted.blocks.append(html)
    return f"{trusted.key}x{len(trusted.blocks) - 1}x"


# ---- the extension -----------------------------------------------------------------------

def _must_clean(md: Markdown) -> bool:
    """False only for a page MkDocs renders that our own code generated."""
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    page = getattr(getattr(relpath, "file", None), "page", None)
    meta = getattr(page, "meta", None)
    jarshy = meta.get("jarshy") if isinstance(meta, dict) else None
    return not (isinstance(jarshy, dict) and jarshy.get("type") in GENERATED_PAGE_TYPES)


class DepthPreprocessor(Preprocessor):  # type: ignore[misc]  # Markdown's classes are untyped
    def run(self, lines: list[str]) -> list[str]:
        depth, _ = nesting("\n".join(lines))
        if depth > MAX_DEPTH and _must_clean(self.md):
            return [TOO_DEEP_TEXT]  # check reports it as an error (htmlcheck.too_deep)
        return lines


class SanitizePostprocessor(Postprocessor):  # type: ignore[misc]
    def run(self, text: str) -> str:
        return allowlist.clean(text) if _must_clean(self.md) else text


class TrustedPostprocessor(Postprocessor):  # type: ignore[misc]
    def run(self, text: str) -> str:
        trusted: _Trusted = self.md.jarshy_trusted
        if not trusted.blocks:
            return text
        return trusted.pattern().sub(lambda m: trusted.blocks[int(m.group(1))], text)


class SafeHtmlExtension(Extension):  # type: ignore[misc]  # Markdown's classes are untyped
    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's API name
        md.jarshy_trusted = _Trusted()
        self.md = md
        md.registerExtension(self)
        md.preprocessors.register(DepthPreprocessor(md), "jarshy_depth", 40)
        # After raw HTML (30) and "&" (20) are back; before trusted markup returns.
        md.postprocessors.register(SanitizePostprocessor(md), "jarshy_sanitize", 15)
        md.postprocessors.register(TrustedPostprocessor(md), "jarshy_trusted", 5)

    def reset(self) -> None:
        md = getattr(self, "md", None)
        if md is not None and hasattr(md, "jarshy_trusted"):
            md.jarshy_trusted.reset()


def makeExtension(**kwargs: Any) -> SafeHtmlExtension:  # Markdown's API name
    return SafeHtmlExtension(**kwargs)


NAME = "site_gen.content.markup"  # how mkdocs.yml and the staging name this extension


def safe_html(body: str, extensions: Sequence[str | Extension]) -> str:
    """``body`` rendered with ``extensions`` plus the sanitizer: HTML for print, posters."""
    md = Markdown(extensions=[*extensions, SafeHtmlExtension()], output_format="html")
    return str(md.convert(body))


