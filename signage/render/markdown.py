"""The Markdown subset of a slide's text, parsed to styled runs and blocks.

Called by ``text`` (which wraps and sizes the blocks) for ``slide.py``, ``table.py`` and
``fallback.py``. The subset is what fits on a screen: paragraphs, ``**bold**``,
``*italic*``/``_italic_``, ``-``/``*``/``1.`` lists; headings become bold paragraphs, links
keep their text, anything else stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a list item; ``marker`` is "•" or "3." for list items."""

    runs: tuple[Run, ...]
    marker: str = ""
    accent: bool = False  # drawn in the accent colour (an event's date and place)


_LIST = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,3})[.)])\s+(.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE = re.compile(r"\\([\\*_`])|(\*\*|__)|(\*)|(?<![\w\\])_|_(?!\w)|`")


def parse_inline(text: str, *, bold: bool = False) -> tuple[Run, ...]:
    """Runs of ``text`` with ``**bold**`` and ``*italic*`` applied (unclosed marks stay bold/
    italic to the end of the block, as a reader would expect from a typo, never raw stars)."""
    text = _LINK.sub(r"\1", text)
    runs: list[Run] = []
    buf: list[str] = []
    b, i = bold, False
    pos = 0

    def flush() -> None:
        if buf:
            runs.append(Run("".join(buf), b, i))
            buf.clear()

    for m in _INLINE.finditer(text):
        buf.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if m.group(1):
            buf.append(m.group(1))
        elif token in ("**", "__"):
            flush()
            b = not b if not bold else True
        elif token in ("*", "_"):
            flush()
            i = not i
        # a backtick only marks code; on a screen it is plain text
    buf.append(text[pos:])
    flush()
    return tuple(r for r in runs if r.text)


def parse_markdown(source: str) -> list[Block]:
    """Blocks of the Markdown subset; blank lines separate paragraphs."""
    blocks: list[Block] = []
    para: list[str] = []

    def end_para() -> None:
        if para:
            runs = parse_inline(" ".join(s.strip() for s in para))
            if runs:
                blocks.append(Block(runs))
            para.clear()

    for line in source.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            end_para()
            continue
        if (m := _HEADING.match(line)) is not None:
            end_para()
            blocks.append(Block(parse_inline(m.group(1), bold=True)))
            continue
        if (m := _LIST.match(line)) is not None:
            end_para()
            marker = "•" if m.group(1) else f"{m.group(2)}."
            runs = parse_inline(m.group(3))
            if runs:
                blocks.append(Block(runs, marker))
            continue
        if blocks and blocks[-1].marker and not para and line.startswith((" ", "\t")):
            last = blocks.pop()  # a continuation line of a list item
            blocks.append(Block(last.runs + parse_inline(" " + line.strip()), last.marker))
            continue
        para.append(line)
    end_para()
    return blocks
