"""Find the Latin-letter words a built kk or ru page shows or announces outside its content.

Used by tests/site/test_interface_language.py on the files of the built example site and on
the live DOM Chromium renders. A page is read with the standard library's ``html.parser``:

* interface text: text nodes, the ``<title>``, the attributes a reader sees or a screen
  reader announces (:data:`SPOKEN`), the visible value of a button-like ``<input>``, and the
  word tables handed to scripts as JSON (:data:`JSON_WORDS`: Material's ``translations``,
  the letter form's words);
* never words: code (``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``), scripts and styles,
  a drawing's metadata, addresses (``https://…``, ``name@host``);
* content: what editors wrote. A string is content when it stands, as whole words, in the
  language's source files (``content/**/*.<lang>.md`` and ``content/_data/``); a ``<title>``
  is ``page title - site name``, each part judged on its own. So an editor's «YAML» in a
  guide passes, and ``Permanent link`` or ``404 - Not found`` never does.

A word is Latin when it has two Latin letters in a row, or mixes Latin and Cyrillic letters
(a Latin look-alike in a Kazakh word: ``бiр`` with a Latin ``i``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

# Attributes whose value a reader sees (a tooltip, a placeholder, a picture's stand-in) or a
# screen reader announces.
SPOKEN = frozenset({"title", "alt", "placeholder", "aria-label", "aria-description",
                    "aria-roledescription", "aria-placeholder", "aria-valuetext", "label",
                    "data-text"})  # data-text: a counter's words, filled in by our script
# <input type=...> whose value is the button's visible text.
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
# Elements whose text is never interface words: code, scripts, styles, a drawing's metadata.
# A drawing's <title>, <desc> and <text> are read (a chart's name is announced).
NOT_WORDS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "metadata", "math"})
# Live pages only: a search result repeats a page's title and text (content, and the page's
# own interface, both read where the page itself is scanned); its line of missing words
# ("Жоқ: ...") is Material's interface.
RESULT_TEXT = frozenset({"md-search-result__article"})
RESULT_WORDS = frozenset({"md-search-result__terms"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# JSON data blocks (<script type="application/json" id=...>) and the keys holding words.
JSON_WORDS: dict[str, tuple[str, ...]] = {
    "__config": ("translations",),  # Material's search and clipboard messages
    "jarshy-blog-data": ("t", "mail"),  # the letter form's words and its e-mail template
}
CYRILLIC = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
LATIN = re.compile(rf"[A-Za-z]{{2,}}|[\w]*(?:[A-Za-z][{CYRILLIC}]|[{CYRILLIC}][A-Za-z])[\w]*")
ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # {count} in a template our script fills in
SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def normal(text: str) -> str:
    """One space between words; no-break and thin spaces count as spaces, soft hyphens go."""
    return SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def latin_words(text: str) -> list[str]:
    """The Latin (or mixed-script) words of ``text``, addresses and placeholders left out."""
    return LATIN.findall(PLACEHOLDER.sub(" ", ADDRESS.sub(" ", text)))


@dataclass
class Content:
    """The words editors wrote in one language: the place where Latin words may stand."""

    texts: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, content_dir: Path, lang: str) -> Content:
        files = [*sorted(content_dir.rglob(f"*.{lang}.md")),
                 *sorted((content_dir / "_data").rglob("*.yml"))]
        return cls([normal(MD_ESCAPE.sub(r"\1", html.unescape(p.read_text(encoding="utf-8"))))
                    for p in files])

    @cached_property
    def _joined(self) -> str:
        return "\n".join(self.texts)

    def has(self, text: str) -> bool:
        """``text`` stands in the sources as whole words (not inside a longer word)."""
        part = normal(text)
        if not part:
            return True
        return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", self._joined) is not None


@dataclass(frozen=True)
class Finding:
    where: str  # "text", "<title>", "a@title", "json:translations.search.result.none"
    text: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where}: {self.text[:90]!r} ({', '.join(self.words)})"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strings: list[tuple[str, str]] = []
        self.unknown_json: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, inside a part that is no words)
        self._json: str | None = None  # id of the JSON block being read
        self._json_text: list[str] = []
        self._title = False

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = set(values.get("class", "").split())
        skip = self._skipping or tag in NOT_WORDS or bool(classes & RESULT_TEXT)
        if classes & RESULT_WORDS:
            skip = False
        if not skip:
            for name, value in values.items():
                if name in SPOKEN or (name == "value" and tag == "input" and
                                      values.get("type", "").lower() in BUTTON_INPUTS):
                    self.strings.append((f"{tag}@{name}", value))
        if tag == "script" and values.get("type") == "application/json":
            self._json = values.get("id", "")
            self._json_text = []
        if tag == "title" and not skip and all(t != "svg" for t, _ in self._stack):
            self._title = True  # the page's <title>, not a drawing's
        if tag not in VOID:
            self._stack.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._json is not None:
            self._read_json(self._json, "".join(self._json_text))
            self._json = None
        if tag == "title":
            self._title = False
        if tag in VOID:
            return
        # Close up to the matching open tag (HTML lets some end tags be left out).
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            self._json_text.append(data)
        elif not self._skipping:
            self.strings.append(("<title>" if self._title else "text", data))

    def _read_json(self, block: str, text: str) -> None:
        if block not in JSON_WORDS:
            self.unknown_json.append(block)
            return
        data = json.loads(text)
        for key in JSON_WORDS[block]:
            for path, value in _strings(data.get(key), key):
                self.strings.append((f"json:{block}:{path}", value))


def _strings(value: object, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def findings(page_html: str, content: Content) -> list[Finding]:
    """Every interface string of ``page_html`` with a Latin word that editors did not write.
    A JSON data block this module does not know is a finding too (say which keys are words)."""
    parser = _Page()
    parser.feed(page_html)
    parser.close()
    out = [Finding("json", f"a JSON block id={b!r}: add it to JSON_WORDS", ())
           for b in parser.unknown_json]
    for where, raw in parser.strings:
        text = normal(raw)
        words = latin_words(text)
        if not words or content.has(text):
            continue
        if where == "<title>":
            parts = [p for p in text.split(" - ") if latin_words(p)]
            if all(content.has(p) for p in parts):
                continue
        out.append(Finding(where, text, tuple(words)))
    return out
