"""Raw HTML inside an item's Markdown: an allow-list of tags and attributes.

Where it sits: the staging passes every item body through :func:`sanitize` before it
writes the Markdown for MkDocs. Markdown itself is untouched; only raw HTML tags are
looked at. Anything not on the list (``<script>``, ``<iframe>``, ``on*=`` handlers,
``javascript:`` links, images from another host) is removed and reported as a
:class:`Diagnostic` with the file and line, so the editor learns why it vanished.
Code spans and fenced code blocks are left alone: HTML shown as code is text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..content.diagnostics import Diagnostic

# Tags an editor may write; their content stays.
ALLOWED_TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
# Tags removed together with everything inside them.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "frame", "frameset", "applet",
})
GLOBAL_ATTRS: frozenset[str] = frozenset({"class", "id", "title", "lang", "dir", "markdown"})
TAG_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "type"}),
    "details": frozenset({"open"}),
    "abbr": frozenset({"title"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
URL_ATTRS = frozenset({"href", "src", "cite"})
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
# Possessive quantifiers: an unclosed "<a" followed by many spaces must stay linear, not
# backtrack through every split of the spaces (it hung the build at a few thousand).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*+)((?:[\s/][^<>]*+)?)>")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    problems: tuple[Diagnostic, ...]


def sanitize(body: str, path: str, first_line: int) -> Cleaned:
    """``body`` with disallowed raw HTML removed, and one diagnostic per removal."""
    if "<" not in body and "](" not in body and "]:" not in body:
        return Cleaned(body, ())  # no tag, comment, link or reference: nothing to remove
    problems: list[Diagnostic] = []
    # Protect code: replace fenced blocks and code spans by placeholders of equal line count.
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00" + "\n" * m.group(0).count("\n")

    # (Each pass only when its mark is there: a pattern that cannot start with a fixed
    # character is tried at every position of the text.)
    text = _FENCE.sub(keep, body) if "```" in body or "~~~" in body else body
    text = _CODE_SPAN.sub(keep, text) if "`" in text else text
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text) if "<!--" in text \
        else text

    def line_of(pos: int) -> int:
        return first_line + text.count("\n", 0, pos)  # placeholders keep their newlines

    def report(pos: int, what: str, hint: str) -> None:
        problems.append(Diagnostic(path, line_of(pos), 1, "warning", "unsafe-html", what, hint))

    out: list[str] = []
    pos = 0
    skip_until: str | None = None
    for m in _TAG.finditer(text):
        closing, name, attrs = m.group(1), m.group(2).lower(), (m.group(3) or "").rstrip()
        self_closing = "/" if attrs.endswith("/") else ""
        attrs = attrs.removesuffix("/")
        if skip_until is not None:
            if closing and name == skip_until:
                skip_until = None
                pos = m.end()
            continue
        out.append(text[pos:m.start()])
        pos = m.end()
        if name in DROPPED_WITH_CONTENT:
            report(m.start(), f"<{name}> is not allowed in content; it was removed with "
                   "its content", "ask the site team for a safe way to show this")
            if not closing and not self_closing:
                skip_until = name
            continue
        if name not in ALLOWED_TAGS:
            if not closing:
                report(m.start(), f"<{name}> is not an allowed tag; it was removed (its text "
                       "stays)", "use Markdown or one of the allowed tags (docs/editors.md)")
            continue
        if closing:
            out.append(f"</{name}>")
            continue
        out.append(_clean_tag(name, attrs, self_closing, functools.partial(report, m.start())))
    if skip_until is None:
        out.append(text[pos:])
    joined = "".join(out)

    def report_in_joined(pos: int, what: str, hint: str) -> None:
        line = first_line + joined.count("\n", 0, pos)
        problems.append(Diagnostic(path, line, 1, "warning", "unsafe-html", what, hint))

    result = _defuse_markdown(joined, report_in_joined)
    # A tag the pattern above could not read (a quote holding "<", as in <iframe srcdoc="<…")
    # must not reach the page as markup: write it as text.
    result = _LEFTOVER.sub("&lt;", result)

    def restore(m: re.Match[str]) -> str:
        original = kept[int(m.group(1))]
        return original + m.group(2)[original.count("\n"):]

    if kept:
        result = re.sub("\x00(\\d+)\x00(\n*)", restore, result)
    return Cleaned(result, tuple(problems))


def _clean_tag(name: str, attrs: str, self_closing: str,
               report: Callable[[str, str], None]) -> str:
    allowed = GLOBAL_ATTRS | TAG_ATTRS.get(name, frozenset())
    parts = [name]
    for am in _ATTR.finditer(attrs):
        attr = am.group(1).lower()
        value = next((v for v in am.group(2, 3, 4) if v is not None), None)
        if attr.startswith("on"):
            report(f"the event handler {attr}= on <{name}> was removed",
                   "scripts cannot run from content")
            continue
        if attr not in allowed:
            report(f"the attribute {attr}= on <{name}> is not allowed; it was removed",
                   "keep to the attributes listed in docs/editors.md")
            continue
        if value is None:
            parts.append(attr)
            continue
        plain = html.unescape(value)
        if attr in URL_ATTRS and not _safe_url(plain, external_ok=(name == "a")):
            report(f"the address '{plain[:60]}' in <{name} {attr}=> was removed",
                   "link to http(s) pages; images must come from content/")
            continue
        parts.append(f'{attr}="{html.escape(plain, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if self_closing else ">")


_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*(<?)([^)\s>]*)([^)\n]*\))?")  # "!" checked apart
_MD_REF = re.compile(r"(?m)^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(?=>|\s|$)")
_LEFTOVER = re.compile("<(?=/?(?:" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")\b)",
                       re.IGNORECASE)


def _defuse_markdown(text: str, report: Callable[[int, str, str], None]) -> str:
    """Markdown links and pictures get the same address rules as raw HTML: a link to
    ``javascript:`` (or vbscript:, data:, file:) points nowhere; a picture from another
    host becomes its alt text."""
    pieces: list[str] = []
    done = 0
    for m in _MD_LINK.finditer(text):
        label, angle, url, rest = m.groups()
        image = m.start() > 0 and text[m.start() - 1] == "!"
        if _safe_url(html.unescape(url), external_ok=not image):
            continue
        report(m.start(), f"the address '{url[:60]}' in a Markdown "
               f"{'picture' if image else 'link'} "
               "was removed", "link to http(s) pages; images must come from content/")
        pieces.append(text[done:m.start() - 1] if image else text[done:m.start()])
        pieces.append(label if image else f"[{label}]({angle}#{rest or ''}")
        done = m.end()
    text = "".join(pieces) + text[done:] if pieces else text

    def ref(m: re.Match[str]) -> str:
        if _safe_url(html.unescape(m.group(2)), external_ok=True):
            return m.group(0)
        report(m.start(), f"the address '{m.group(2)[:60]}' in a Markdown link was removed",
               "link to http(s) pages")
        return m.group(1) + "#"

    return _MD_REF.sub(ref, text) if "]:" in text else text


def _safe_url(url: str, *, external_ok: bool) -> bool:
    squeezed = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    if ":" in squeezed.split("/", 1)[0]:
        if not squeezed.startswith(_SAFE_SCHEMES):
            return False  # javascript:, data:, vbscript:, file:
        return external_ok
    if squeezed.startswith("//"):
        return external_ok
    return True
