"""What the site's sanitizer removes from a body, reported by ``site-gen check``.

Where it sits: ``check`` calls :func:`html_problems` on the Markdown body of every file. It
renders the body with Python-Markdown and the site's extensions (no MkDocs), top-level block
by top-level block, passes each block's HTML through the one allow-list
(:mod:`.allowlist`, the same nh3 sanitizer the build uses) and compares before with after.
Each block that loses something is one warning at the block's first line (front-matter
offset added), naming the first thing removed; the build removes exactly that, so check and
build agree. A body nested deeper than the renderer can take is one error (the build leaves
the item out). Bodies without ``<``, ``[`` or ``{`` cannot produce anything the list removes
and are not rendered.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]  # ships no types

from . import allowlist
from .diagnostics import Diagnostic
from .markup import MAX_DEPTH, SafeHtmlExtension, nesting

MAX_REPORTS = 20  # per file; the rest are counted in one last line
_ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(\S*)")
_URL_ATTRS = frozenset({"href", "src", "cite", "action", "formaction", "data", "poster",
                        "background", "srcset", "xlink:href"})


def check_extensions() -> list[Any]:
    """The extensions of the site's ``mkdocs.yml``, with charts left undrawn."""
    from markdown.extensions.toc import TocExtension  # type: ignore[import-untyped]
    from pymdownx.slugs import slugify  # type: ignore[import-untyped]  # ships no types

    from ..charts import ChartExtension

    return ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
            "tables", ChartExtension(draw=False),
            TocExtension(permalink=True, slugify=slugify(case="lower"))]


@functools.cache
def _renderer() -> Markdown:
    return Markdown(extensions=[*check_extensions(), SafeHtmlExtension()])


def render_blocks(body: str) -> list[tuple[str, str]]:
    """``(html before, html after the sanitizer)`` for each top-level block of ``body``,
    rendered as ``Markdown.convert`` renders the whole (the same passes, in order)."""
    md = _renderer()
    md.reset()
    lines = body.split("\n")
    for pre in md.preprocessors:
        lines = pre.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    for tree in md.treeprocessors:
        new = tree.run(root)
        if new is not None:
            root = new
    passes = [p for p in md.postprocessors if not p.__class__.__module__.endswith(".markup")]
    out: list[tuple[str, str]] = []
    for child in list(root):
        text = str(md.serializer(child))
        for post in passes:
            text = post.run(text)
        out.append((text, allowlist.clean(text)))
    return out


class _Marks(HTMLParser):
    """Start tags and attributes of an HTML text, as comparable marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.marks.append(("tag", tag))
        for name, value in attrs:
            plain = value or ""
            if name == "style":
                plain = re.sub(r"[\s;]+", "", plain)
            self.marks.append(("attr", tag, name, plain))


def _marks(html: str) -> Counter[tuple[str, ...]]:
    parser = _Marks()
    parser.feed(html)
    parser.close()
    return Counter(parser.marks)


def removed(before: str, after: str) -> list[tuple[str, ...]]:
    """What the sanitizer took out of ``before``, in document order."""
    gone = _marks(before) - _marks(after)
    parser = _Marks()
    parser.feed(before)
    parser.close()
    out = []
    for mark in parser.marks:
        if gone[mark] > 0:
            gone[mark] -= 1
            out.append(mark)
    return out


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(mark: tuple[str, ...]) -> tuple[str, str, str]:
    """``(code, message, hint)`` for one removed mark."""
    if mark[0] == "tag":
        return ("raw-html", f"<{mark[1]}> is not allowed in content; the site leaves it out",
                "remove it; scripts, frames and embedded objects cannot run from the intranet"
                if mark[1] in allowlist.DROPPED_WITH_CONTENT
                else "keep to the tags and attributes listed in docs/editors.md")
    _, tag, name, value = mark
    plain = re.sub(r"[\s\x00-\x1f]", "", value)
    if name.startswith("on"):
        return ("raw-html", f"the event handler '{name}=' on <{tag}> is not allowed; the site "
                "leaves it out", "remove the attribute; scripts cannot run from content")
    if name in _URL_ATTRS and plain.lower().startswith(_ACTIVE_SCHEMES):
        return ("raw-html", f"the address '{_clip(plain)}' runs code or embeds a document; "
                "the site leaves it out", "link to an http(s) page or to a file in content/")
    if tag == "img" and name == "src":
        return ("external-image", f"the image '{_clip(plain)}' is on another host and will "
                "not show", "copy the picture into content/images/ and link it as "
                "/images/NAME.png")
    if name in _URL_ATTRS:
        return ("raw-html", f"the address '{_clip(plain)}' is not a web, e-mail or phone "
                "address; the site leaves it out",
                "link to an http(s) page or to a file in content/")
    if name == "id" and name in allowlist.GLOBAL_ATTRIBUTES:
        return ("raw-html", f"the id '{_clip(plain)}' is kept for the site's own pages; the "
                "site leaves it out", "choose another id")
    return ("raw-html", f"the attribute '{name}=' on <{tag}> is not allowed; the site leaves "
            "it out", "keep to the tags and attributes listed in docs/editors.md")


def _block_starts(lines: list[str]) -> list[int]:
    """Indexes of lines that may start a top-level block (after a blank line, not indented)."""
    return [i for i, line in enumerate(lines)
            if line.strip() and not line[:1].isspace() and (i == 0 or not lines[i - 1].strip())]


def _reference_lines(lines: list[str]) -> str:
    """The reference definitions of a body (with a URL on the next line), to render with
    any prefix of it."""
    keep: list[str] = []
    for i, line in enumerate(lines):
        m = _REF_DEF.match(line)
        if m:
            keep.append(line)
            if not m.group(1) and i + 1 < len(lines):
                keep.append(lines[i + 1])
    return "\n".join(keep)


def _changed(body: str) -> int:
    return sum(1 for before, after in render_blocks(body) if removed(before, after))


def _lines_of_changes(lines: list[str], count: int) -> list[int]:
    """The 0-based first line of each of the ``count`` changed blocks: the shortest prefix
    of the body (cut before a block start) whose rendering has that many changed blocks."""
    starts = _block_starts(lines) or [0]
    refs = _reference_lines(lines)

    def changed_up_to(j: int) -> int:  # blocks starting at starts[0..j]
        end = starts[j + 1] if j + 1 < len(starts) else len(lines)
        return _changed("\n".join(lines[:end]) + "\n\n" + refs)

    found: list[int] = []
    low = 0
    for k in range(1, count + 1):
        lo, hi = low, len(starts) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if changed_up_to(mid) >= k:
                hi = mid
            else:
                lo = mid + 1
        found.append(starts[lo])
        low = lo
    return found


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SAFE_SCHEMES = frozenset(f"{s}:" for s in allowlist.URL_SCHEMES)


def surely_clean(body: str) -> bool:
    """True when nothing in ``body`` can become HTML the allow-list changes, so ``check``
    need not render it (most bodies; a render costs milliseconds, check runs on thousands).
    Conservative: raw HTML, attribute lists, entities, escapes, reserved id words, or any
    word before a colon that could start a link with a scheme other than the allowed ones
    (and http(s) when the body has pictures) all mean "render it and see"."""
    if any(c in body for c in "<{&\\\x00"):
        return False
    low = body.lower()
    if "__" in low or "md-" in low or "jarshy" in low:
        return False  # a heading's id could be one our pages keep (allowlist)
    pictures = "![" in body or "]:" in body
    if pictures and "//" in body:
        return False  # a picture from //another.host
    for m in _SCHEME.finditer(body):
        at = m.start()
        before = body[at - 1] if at else " "
        if before.isalnum() or before in "+.-_":
            continue  # inside a longer word: not where a link's address starts
        scheme = m.group(0).lower()
        if scheme in ("mailto:", "tel:") or scheme in _SAFE_SCHEMES and not pictures:
            continue
        return False
    return True


def too_deep(body: str, path: str, body_line: int) -> Diagnostic | None:
    depth, line = nesting(body)
    if not line:
        return None
    return Diagnostic(path, body_line + line - 1, 1, "error", "too-deep",
                      f"the text is nested {depth} levels deep (quotes, lists or HTML "
                      f"elements); the site shows at most {MAX_DEPTH}",
                      "write fewer '>' or list levels; the item is left out until then")


def html_problems(body: str, path: str, body_line: int) -> list[Diagnostic]:
    """One diagnostic per top-level block of ``body`` (whose first line is ``body_line``)
    that the sanitizer changes; one error when the body nests too deeply to render."""
    deep = too_deep(body, path, body_line)
    if deep is not None:
        return [deep]
    if surely_clean(body):
        return []
    blocks = [(before, after) for before, after in render_blocks(body)]
    changes = [removed(before, after) for before, after in blocks]
    changes = [c for c in changes if c]
    if not changes:
        return []
    lines = body.split("\n")
    shown = changes[:MAX_REPORTS]
    at = _lines_of_changes(lines, len(shown)) if len(changes) > 1 or len(lines) > 1 else [0]
    out: list[Diagnostic] = []
    for marks, line in zip(shown, at, strict=False):
        code, message, hint = describe(marks[0])
        if len(marks) > 1:
            message = f"{message} (and {len(marks) - 1} more in the same block)"
        out.append(Diagnostic(path, body_line + line, 1, "warning", code, message, hint))
    if len(changes) > MAX_REPORTS:
        last = out[-1]
        out.append(Diagnostic(path, last.line, 1, "warning", "raw-html",
                              f"{len(changes) - MAX_REPORTS} more raw HTML problems in this "
                              "file", "remove the HTML and write the text in Markdown"))
    return out
