"""Raw HTML and external images in item bodies, reported by ``site-gen check``.

Where it sits: ``check`` runs :func:`find_raw_html` on the Markdown body of every
file whose front matter could be split off. It only reports. The site build has the
allow-list (``site_gen.stage.rawhtml``) that removes what it does not allow and goes
on, so these are warnings, not errors: one bad body must not stop the whole site.
``check`` tells the editor before the build does: ``<script>``, ``<iframe>`` and other
embedding tags, ``on*=`` event handlers, ``javascript:``/``vbscript:``/``data:`` links
(code ``raw-html``) and images from another host, which the intranet does not load
(code ``external-image``).

Code (fenced blocks and inline code spans) is text, not HTML, and is skipped. Every
pattern is linear in the size of the body, so a hostile 2 MB line cannot stall a run.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity

MAX_REPORTS = 20  # per file; the rest are counted in one last line
_SCAN_LIMIT = 200

ACTIVE_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "style", "svg", "math", "form", "noscript", "template", "portal",
})
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                       "background", "srcset", "cite"})
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# A tag: name, then at most 4000 characters with no '<' or '>' (no nested quantifiers).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40}+)([^<>]{0,4000}+)>")
_ATTR = re.compile(r"""([^\s"'<>/=]{1,60})(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_AUTOLINK = re.compile(r"<((?:java|vb|live)script|data):[^<>\s]{0,2000}>", re.IGNORECASE)
# Starts with "[" (re finds a fixed first character quickly); a "!" before it is checked apart.
_MD_LINK = re.compile(r"\[[^\[\]\n]{0,1000}+\]\(\s*<?([^)\s>]{0,2000}+)")
_MD_REF = re.compile(r"^ {0,3}\[[^\[\]\n]{1,1000}+\]:\s*<?(\S{0,2000}+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class HtmlFinding:
    offset: int  # in the body
    severity: Severity
    code: str  # raw-html | external-image
    message: str
    hint: str


def find_raw_html(body: str, path: str, body_line: int) -> list[Diagnostic]:
    """Diagnostics for the active HTML and external images in ``body`` (a file's body
    that starts on line ``body_line``)."""
    if "<" not in body and "](" not in body and "]:" not in body:
        return []  # no tag, autolink, link or reference: nothing to look at
    text = _mask_code(body)
    # Each kind of scan stops after enough findings: a file made of 100 000 <script>
    # tags is reported in a moment, with the first ones shown.
    found = sorted((f for scan in (_tags, _autolinks, _markdown_links)
                    for f in itertools.islice(scan(text), _SCAN_LIMIT)), key=lambda f: f.offset)
    out: list[Diagnostic] = []
    for f in found[:MAX_REPORTS]:
        line = body_line + text.count("\n", 0, f.offset)
        col = f.offset - (text.rfind("\n", 0, f.offset) + 1) + 1
        out.append(Diagnostic(path, line, col, f.severity, f.code, f.message, f.hint))
    if len(found) > MAX_REPORTS:
        last = out[-1]
        more = len(found) - MAX_REPORTS
        out.append(Diagnostic(path, last.line, last.col, "warning", "raw-html",
                              f"{more}{'+' if len(found) >= _SCAN_LIMIT else ''} more raw HTML "
                              "problems in this file",
                              "remove the HTML and write the text in Markdown"))
    return out


def _tags(text: str) -> Iterator[HtmlFinding]:
    for m in _TAG.finditer(text):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            continue
        if name in ACTIVE_TAGS:
            yield HtmlFinding(m.start(), "warning", "raw-html",
                              f"<{name}> is not allowed in content; the site leaves it out",
                              "remove it; scripts, frames and embedded objects cannot run "
                              "from the intranet")
        yield from _attributes(m.start(), name, attrs)


def _autolinks(text: str) -> Iterator[HtmlFinding]:
    for m in _AUTOLINK.finditer(text):
        yield _bad_link(m.start(), m.group(0)[1:-1])


def _markdown_links(text: str) -> Iterator[HtmlFinding]:
    for m in _MD_LINK.finditer(text):
        target = _plain(m.group(1))
        image = m.start() > 0 and text[m.start() - 1] == "!"
        at = m.start() - 1 if image else m.start()
        if _BAD_SCHEME.match(target):
            yield _bad_link(at, target)
        elif image and _external(target):
            yield _external_image(at, target)
    for m in _MD_REF.finditer(text) if "]:" in text else ():
        target = _plain(m.group(1))
        if _BAD_SCHEME.match(target):
            yield _bad_link(m.start(), target)


def _attributes(offset: int, name: str, attrs: str) -> Iterator[HtmlFinding]:
    for am in _ATTR.finditer(attrs):
        attr = am.group(1).lower()
        value = next((v for v in am.group(2, 3, 4) if v is not None), None)
        if attr.startswith("on") and len(attr) > 2:
            yield HtmlFinding(offset, "warning", "raw-html",
                              f"the event handler '{attr}=' on <{name}> is not allowed; "
                              "the site leaves it out",
                              "remove the attribute; scripts cannot run from content")
            continue
        if value is None or attr not in URL_ATTRS:
            continue
        target = _plain(value)
        if _BAD_SCHEME.match(target):
            yield _bad_link(offset, target)
        elif name == "img" and attr in ("src", "srcset") and _external(target):
            yield _external_image(offset, target)


def _bad_link(offset: int, target: str) -> HtmlFinding:
    return HtmlFinding(offset, "warning", "raw-html",
                       f"the address '{_clip(target)}' runs code or embeds a document; "
                       "the site leaves it out",
                       "link to an http(s) page or to a file in content/")


def _external_image(offset: int, target: str) -> HtmlFinding:
    return HtmlFinding(offset, "warning", "external-image",
                       f"the image '{_clip(target)}' is on another host and will not show",
                       "copy the picture into content/images/ and link it as /images/NAME.png")


def _plain(value: str) -> str:
    """A URL as a browser reads it: entities decoded, spaces and control characters gone."""
    return re.sub(r"[\s\x00-\x1f]", "", html.unescape(value))


def _external(url: str) -> bool:
    low = url.lower()
    return low.startswith(("http:", "https:", "//", "ftp:")) or "://" in low[:12]


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mask_spans(line: str) -> str:
    """``line`` with inline code spans blanked: a run of n backticks up to the next run
    of exactly n backticks (found by index, not by backtracking)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = {n: 0 for n in by_length}
    pieces: list[str] = []
    done = 0
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        k = cursor[end - start]
        while k < len(same) and same[k] <= i:
            k += 1
        cursor[end - start] = k
        if k == len(same):
            i += 1
            continue
        close = runs[same[k]][1]
        pieces.append(line[done:start] + " " * (close - start))
        done = close
        i = same[k] + 1
    pieces.append(line[done:])
    return "".join(pieces)


def _mask_code(body: str) -> str:
    """``body`` with code blocks and code spans blanked out (same length, same lines)."""
    if "`" not in body and "~~~" not in body:
        return body
    lines = body.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE_OPEN.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                lines[i] = " " * len(line)
            else:
                lines[i] = _mask_spans(line)
        else:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and \
                    not line.strip().strip(fence[0]):
                fence = None
            lines[i] = " " * len(line)
    return "\n".join(lines)
