"""Slide text: styled runs wrapped into lines and sized to fit a box.

Called by ``slide.py``, ``table.py`` and ``fallback.py``; the Markdown subset is parsed in
``markdown.py`` (its names are re-exported here). Sizing is a search over font sizes: the
largest size at which the title and the text fit the box without breaking a word wins.
Given the slide's language, words that belong together (``glue.joins``: 10 желтоқсан,
в столовой) stay on one line, and a Kazakh word wider than the line breaks after a
syllable with a hyphen (``kazakh.hyphen_points``) instead of shrinking the title; a word
that still cannot fit is broken between letters with a hyphen, and text that still does
not fit is cut with "…". Drawing clips to the box, so nothing is ever painted outside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import pygame

from signage.render.fonts import Fonts
from signage.render.glue import joins
from signage.render.kazakh import hyphen_points
from signage.render.markdown import Block as Block
from signage.render.markdown import Run as Run
from signage.render.markdown import parse_inline as parse_inline
from signage.render.markdown import parse_markdown as parse_markdown

Align = Literal["left", "center"]
Color = tuple[int, int, int]


# --- wrapping -------------------------------------------------------------------------

@dataclass(slots=True)
class Piece:
    """A styled piece of one line, at ``x`` pixels from the line start."""

    text: str
    bold: bool
    italic: bool
    x: int
    width: int


@dataclass(slots=True)
class Line:
    pieces: list[Piece] = field(default_factory=list)
    marker: str = ""
    indent: int = 0
    gap_before: int = 0
    accent: bool = False


@dataclass(slots=True)
class TextLayout:
    """Wrapped lines at one font size; ``height`` includes paragraph gaps."""

    lines: list[Line]
    size: int
    line_height: int
    width: int
    broken_words: bool

    @property
    def height(self) -> int:
        return sum(line.gap_before for line in self.lines) + self.line_height * len(self.lines)


Word = list[Run]


def _words(runs: Iterable[Run]) -> list[tuple[Word, bool]]:
    """Words as lists of styled segments, with whether a space comes before each."""
    words: list[tuple[Word, bool]] = []
    space = False
    for run in runs:
        for part in re.split(r"(\s+)", run.text):
            if not part:
                continue
            if part.isspace():
                space = True
                continue
            seg = Run(part, run.bold, run.italic)
            if words and not space:
                words[-1][0].append(seg)
            else:
                words.append(([seg], space))
            space = False
    return words


@lru_cache(maxsize=512)
def _units(runs: tuple[Run, ...], lang: str) -> list[list[tuple[Word, bool]]]:
    """A block's words grouped by glue.joins: a group is kept on one line when it fits
    one. Remembered (fit() wraps the same blocks at a dozen sizes); callers only read it."""
    words = _words(runs)
    if not lang or len(words) < 2:
        return [[w] for w in words]
    marks = joins(["".join(seg.text for seg in w) for w, _ in words], lang)
    units = [[words[0]]]
    for w, glued in zip(words[1:], marks, strict=True):
        if glued:
            units[-1].append(w)
        else:
            units.append([w])
    return units


_hyphen_points = lru_cache(maxsize=1024)(hyphen_points)


def wrap(blocks: list[Block], fonts: Fonts, size: int, width: int,
         lang: str = "") -> TextLayout:
    """Wrap ``blocks`` at ``size`` pixels into lines at most ``width`` pixels wide.

    With ``lang`` ("kk", "ru") the non-breaking joins of ``glue`` hold, and in Kazakh a
    word wider than the line breaks after a syllable (``kazakh.hyphen_points``); only a
    word that cannot break so is cut between letters, which sets ``broken_words``."""
    # At least the font's own height (Noto Sans: 1.37 em), so no rendered line overlaps the
    # next one or sticks out of the box; DejaVu gets a little air added.
    line_height = max(round(size * 1.25), fonts.get(size).get_height(),
                      fonts.get(size, bold=True).get_height())
    space_w = fonts.get(size).size(" ")[0]
    lines: list[Line] = []
    broken = False

    def measure(seg: Run) -> int:
        return int(fonts.get(size, bold=seg.bold, italic=seg.italic).size(seg.text)[0])

    for n, block in enumerate(blocks):
        indent = round(size * 1.3) if block.marker else 0
        avail = max(1, width - indent)
        line = Line(marker=block.marker, indent=indent, accent=block.accent,
                    gap_before=round(size * 0.45) if n else 0)
        x = 0
        for unit in _units(block.runs, lang):
            if len(unit) > 1:  # glued words: move to a new line together
                unit_w = [[measure(s) for s in w] for w, _ in unit]
                total = sum(map(sum, unit_w)) + space_w * (len(unit) - 1)
                lead = space_w if (unit[0][1] and line.pieces) else 0
                if line.pieces and x + lead + total > avail and total <= avail:
                    lines.append(line)
                    line, x, lead = Line(indent=indent, accent=block.accent), 0, 0
                if total <= avail - x - lead:
                    for k, ((word, _), widths) in enumerate(zip(unit, unit_w, strict=True)):
                        x += lead if k == 0 else space_w
                        for seg, w in zip(word, widths, strict=True):
                            line.pieces.append(Piece(seg.text, seg.bold, seg.italic, x, w))
                            x += w
                    continue
            for word, space_before in unit:
                widths = [measure(s) for s in word]
                total = sum(widths)
                lead = space_w if (space_before and line.pieces) else 0
                if line.pieces and x + lead + total > avail:
                    lines.append(line)
                    line, x, lead = Line(indent=indent, accent=block.accent), 0, 0
                if total <= avail - x - lead:
                    x += lead
                    for seg, w in zip(word, widths, strict=True):
                        line.pieces.append(Piece(seg.text, seg.bold, seg.italic, x, w))
                        x += w
                    continue
                x += lead
                if lang == "kk" and len(word) == 1:
                    # A Kazakh word wider than the line: break after syllables, with a hyphen.
                    seg, text, start = word[0], word[0].text, 0
                    points = _hyphen_points(text)
                    while points:
                        rest = Run(text[start:], seg.bold, seg.italic)
                        if measure(rest) <= avail - x:
                            break
                        # the last syllable boundary that still fits (a binary search)
                        after = [p for p in points if p > start]
                        lo, hi = 0, len(after)
                        while lo < hi:
                            mid = (lo + hi) // 2
                            head = Run(text[start:after[mid]] + "-", seg.bold, seg.italic)
                            lo, hi = (mid + 1, hi) if measure(head) <= avail - x else (lo, mid)
                        if lo == 0:
                            break
                        cut = after[lo - 1]
                        head = Run(text[start:cut] + "-", seg.bold, seg.italic)
                        line.pieces.append(Piece(head.text, seg.bold, seg.italic, x,
                                                 measure(head)))
                        lines.append(line)
                        line, x, start = Line(indent=indent, accent=block.accent), 0, cut
                    word = [Run(text[start:], seg.bold, seg.italic)]
                    if measure(word[0]) <= avail - x:
                        line.pieces.append(Piece(word[0].text, seg.bold, seg.italic, x,
                                                 measure(word[0])))
                        x += measure(word[0])
                        continue
                # A word wider than the box: break it with a hyphen, as little as possible.
                broken = True
                for seg in word:
                    rest_text = seg.text
                    font = fonts.get(size, bold=seg.bold, italic=seg.italic)

                    def seg_width(t: str, f: pygame.font.Font = font) -> int:
                        return int(f.size(t)[0])

                    while rest_text:
                        cut = _longest_fit(rest_text, seg_width, avail - x)
                        if cut == 0 and line.pieces:
                            lines.append(line)
                            line, x = Line(indent=indent, accent=block.accent), 0
                            continue
                        cut = max(cut, 1)
                        head_text = rest_text[:cut] + ("-" if cut < len(rest_text) else "")
                        w = measure(Run(head_text, seg.bold, seg.italic))
                        line.pieces.append(Piece(head_text, seg.bold, seg.italic, x, w))
                        x += w
                        rest_text = rest_text[cut:]
                        if rest_text:
                            lines.append(line)
                            line, x = Line(indent=indent, accent=block.accent), 0
        if line.pieces or line.marker:
            lines.append(line)
    return TextLayout(lines, size, line_height, width, broken)


def _longest_fit(text: str, measure: Callable[[str], int], avail: int) -> int:
    """Number of leading characters of ``text`` that fit in ``avail`` with a hyphen."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        suffix = "-" if mid < len(text) else ""
        if measure(text[:mid] + suffix) <= avail:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --- fitting ----------------------------------------------------------------------------

@dataclass(slots=True)
class FittedText:
    """A title and a body laid out together in one box."""

    title: TextLayout
    body: TextLayout
    gap: int
    truncated: bool

    @property
    def height(self) -> int:
        return self.title.height + (self.gap + self.body.height if self.body.lines else 0)


def _truncate(layout: TextLayout, max_height: int, fonts: Fonts) -> bool:
    """Drop lines that do not fit and end the last kept line with "…"; True if cut."""
    if layout.height <= max_height:
        return False
    while layout.lines and layout.height > max_height:
        layout.lines.pop()
    if layout.lines:
        last = layout.lines[-1]
        if last.pieces:
            p = last.pieces[-1]
            font = fonts.get(layout.size, bold=p.bold, italic=p.italic)
            text = p.text.rstrip(" -")
            while text and p.x + font.size(text + "…")[0] > layout.width - last.indent:
                text = text[:-1]
            last.pieces[-1] = Piece(text + "…", p.bold, p.italic, p.x, font.size(text + "…")[0])
    return True


def fit(title: str, body: list[Block], fonts: Fonts, box: tuple[int, int], *,
        title_max: int, body_max: int, min_size: int, lang: str = "") -> FittedText:
    """Largest sizes at which ``title`` (bold) and ``body`` fit ``box`` (w, h).

    Sizes keep the ratio ``title_max / body_max`` unless a long word makes the title
    smaller (in Kazakh only a word that cannot break after a syllable does); the body
    never goes below ``min_size`` (the title stays at least as large). Whole words are
    preferred over size: a size where a word must be broken is chosen only when no size
    lets every word fit.
    """
    width, height = box
    title_blocks = [Block(parse_inline(title, bold=True))] if title.strip() else []
    ratio = title_max / max(1, body_max)

    # The title's own cap: the largest size at which each of its words fits the width, so a
    # long word in the title shrinks the title, not the text under it.
    lo, hi = max(6, min_size), max(6, min_size, title_max)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if wrap(title_blocks, fonts, mid, width, lang).broken_words:
            hi = mid - 1
        else:
            lo = mid
    title_cap = lo

    def attempt(body_size: int) -> FittedText:
        t_size = max(body_size, min(round(body_size * ratio), title_cap))
        t = wrap(title_blocks, fonts, t_size, width, lang)
        b = wrap(body, fonts, body_size, width, lang)
        return FittedText(t, b, round(body_size * 0.9), False)

    def ok(ft: FittedText, whole_words: bool) -> bool:
        broken = ft.title.broken_words or ft.body.broken_words
        return ft.height <= height and not (whole_words and broken)

    lo_size, hi_size = max(6, min_size), max(6, min_size, body_max)
    for whole_words in (True, False):
        best = attempt(lo_size)
        if not ok(best, whole_words):
            continue
        lo, hi = lo_size, hi_size
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if ok(attempt(mid), whole_words):
                lo = mid
            else:
                hi = mid - 1
        return attempt(lo)
    ft = attempt(lo_size)
    # Still too high at the smallest size: keep the title (cut it only if it alone overflows).
    title_cut = _truncate(ft.title, height, fonts)
    room = height - ft.title.height - ft.gap
    if room < ft.body.line_height:
        ft.body.lines.clear()
        body_cut = bool(body)
    else:
        body_cut = _truncate(ft.body, room, fonts)
    ft.truncated = title_cut or body_cut
    return ft


# --- drawing ----------------------------------------------------------------------------

def draw_layout(surface: pygame.Surface, layout: TextLayout, rect: pygame.Rect, fonts: Fonts,
                color: Color, *, align: Align = "left", top: int | None = None,
                marker_color: Color | None = None,
                accent_color: Color | None = None) -> list[pygame.Rect]:
    """Draw ``layout`` in ``rect`` (clipped to it); return where each piece was placed
    (before clipping, so a test can tell a fit from a clip)."""
    painted: list[pygame.Rect] = []
    y = rect.top if top is None else top
    old_clip = surface.get_clip()
    surface.set_clip(rect.clip(old_clip) if old_clip else rect)
    try:
        for line in layout.lines:
            y += line.gap_before
            line_w = max((p.x + p.width for p in line.pieces), default=0) + line.indent
            x0 = rect.left + (max(0, (rect.width - line_w) // 2) if align == "center" else 0)
            font_h = fonts.get(layout.size).get_height()
            baseline_pad = (layout.line_height - font_h) // 2
            if line.marker:
                mark = fonts.get(layout.size, bold=True).render(
                    line.marker, True, marker_color or color)
                surface.blit(mark, (x0, y + baseline_pad))
                painted.append(pygame.Rect((x0, y + baseline_pad), mark.get_size()))
            for p in line.pieces:
                img = fonts.get(layout.size, bold=p.bold, italic=p.italic).render(
                    p.text, True, (accent_color or color) if line.accent else color)
                pos = (x0 + line.indent + p.x, y + baseline_pad)
                surface.blit(img, pos)
                painted.append(pygame.Rect(pos, img.get_size()))
            y += layout.line_height
    finally:
        surface.set_clip(old_clip)
    return painted
