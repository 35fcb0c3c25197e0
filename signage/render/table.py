"""A table slide's table (a report meeting's action plan) drawn into the slide's text box.

Called by ``slide.py`` when a slide carries a ``table`` (``signage.bundle.Table``). Built from
the renderer's own pieces: cells are Markdown-free runs wrapped by ``text.wrap`` and drawn by
``text.draw_layout``, colours come from ``layout``. Sizing is a search like ``text.fit``: the
largest type size at which every row fits the box; when even the smallest size does not, the
rows that fit are drawn and the last line says how many are left out ("… +2"), so nothing is
cut without a sign. A row past its due day and not done (on the day of ``today``) is tinted
red and its last cell carries the overdue mark in the urgent colour; done rows are muted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import pygame

from signage.render.fonts import Fonts
from signage.render.layout import ACCENT, HEADER, MUTED, PANEL, TEXT, URGENT, Layout
from signage.render.text import Block, Run, TextLayout, draw_layout, wrap

OVERDUE_TINT = (74, 32, 40)  # the panel colour pulled towards URGENT: a tinted row
OVERDUE_TEXT = (255, 160, 160)  # the overdue mark: red, yet light enough on the tint


class TableRowLike(Protocol):
    @property
    def cells(self) -> tuple[str, ...]: ...
    @property
    def due(self) -> date | None: ...
    @property
    def done(self) -> bool: ...


class TableLike(Protocol):
    """What the renderer reads from a table (``signage.bundle.Table`` has these)."""

    @property
    def columns(self) -> tuple[str, ...]: ...
    @property
    def rows(self) -> tuple[TableRowLike, ...]: ...
    @property
    def overdue(self) -> str: ...
    def overdue_rows(self, today: date) -> tuple[bool, ...]: ...


@dataclass(slots=True)
class _Laid:
    size: int
    widths: list[int]
    header: list[TextLayout]
    rows: list[list[TextLayout]]
    heights: list[int]  # header first, then each row
    shown: int  # rows drawn
    pad: int
    broken: bool  # a word had to be broken with a hyphen


def _texts(table: TableLike, marks: tuple[bool, ...]) -> list[list[str]]:
    """Each row's cells as drawn: an overdue row's last cell carries the overdue mark."""
    out = []
    for row, overdue in zip(table.rows, marks, strict=True):
        cells = [" ".join(c.split()) for c in row.cells]
        if overdue and table.overdue and cells:
            cells[-1] = f"{cells[-1]} · {table.overdue}"
        out.append(cells)
    return out


def _widths(columns: tuple[str, ...], rows: list[list[str]], fonts: Fonts, size: int,
            total: int, pad: int) -> list[int]:
    """Column widths at ``size``: each at least its longest word (so no word is broken
    when the box allows), the rest shared by how much text each column has."""
    n = len(columns)
    font = fonts.get(size, bold=True)
    least, natural = [], []
    for i in range(n):
        texts = [columns[i], *(r[i] for r in rows if i < len(r))]
        least.append(max(font.size(w)[0] for t in texts for w in (t.split() or [""])) + 2 * pad)
        natural.append(max(font.size(t)[0] for t in texts) + 2 * pad)
    spare = total - sum(least)
    if spare <= 0:  # even the longest words do not fit side by side: share the width
        widths = [max(1, total * x // max(1, sum(least))) for x in least]
    else:
        extra = [max(0, b - a) for a, b in zip(least, natural, strict=True)]
        room = sum(extra) or 1
        widths = [a + min(e, spare * e // room) for a, e in zip(least, extra, strict=True)]
        left = total - sum(widths)  # everything fits on one line: give the rest to the widest
        widths[max(range(n), key=lambda i: natural[i])] += left
    widths[-1] = total - sum(widths[:-1])
    return widths


def _cell(text: str, fonts: Fonts, size: int, width: int, *, bold: bool = False) -> TextLayout:
    return wrap([Block((Run(" ".join(text.split()), bold=bold),))], fonts, size, max(1, width))


def _lay(table: TableLike, rows_text: list[list[str]], fonts: Fonts, size: int,
         box: pygame.Rect, pad: int) -> _Laid:
    widths = _widths(table.columns, rows_text, fonts, size, box.width, pad)
    header = [_cell(c, fonts, size, w - 2 * pad, bold=True)
              for c, w in zip(table.columns, widths, strict=False)]
    heights = [max(h.height for h in header) + 2 * pad if header else 0]
    rows: list[list[TextLayout]] = []
    used = heights[0]
    shown = 0
    broken = any(h.broken_words for h in header)
    for cells in rows_text:
        laid = [_cell(c, fonts, size, w - 2 * pad) for c, w in zip(cells, widths, strict=False)]
        broken = broken or any(c.broken_words for c in laid)
        height = max((c.height for c in laid), default=0) + 2 * pad
        rows.append(laid)
        heights.append(height)
        if used + height <= box.height and shown == len(rows) - 1:
            used += height
            shown += 1
    return _Laid(size, widths, header, rows, heights, shown, pad, broken)


def fit_table(table: TableLike, today: date, fonts: Fonts, box: pygame.Rect,
              layout: Layout) -> _Laid:
    """The largest type size (design 44 down to 22 px) at which every row fits ``box``,
    with whole words when any size allows it (like ``text.fit``)."""
    texts = _texts(table, table.overdue_rows(today))
    pad = layout.px(12)
    lo_size, hi_size = layout.px(22), max(layout.px(22), layout.px(44))
    for whole_words in (True, False):
        best = _lay(table, texts, fonts, lo_size, box, pad)
        if best.shown < len(table.rows) or (whole_words and best.broken):
            continue
        lo, hi = lo_size, hi_size
        while lo < hi:
            mid = (lo + hi + 1) // 2
            laid = _lay(table, texts, fonts, mid, box, pad)
            if laid.shown == len(table.rows) and not (whole_words and laid.broken):
                lo, best = mid, laid
            else:
                hi = mid - 1
        return best
    return _lay(table, texts, fonts, lo_size, box, pad)


def draw_table(surface: pygame.Surface, layout: Layout, box: pygame.Rect, table: TableLike,
               today: date, fonts: Fonts) -> list[pygame.Rect]:
    """Draw ``table`` into ``box``; returns the rectangle of each row (header first)."""
    laid = fit_table(table, today, fonts, box, layout)
    marks = table.overdue_rows(today)
    placed: list[pygame.Rect] = []
    y = box.top
    old_clip = surface.get_clip()
    surface.set_clip(box.clip(old_clip) if old_clip else box)
    try:
        header_rect = pygame.Rect(box.left, y, box.width, laid.heights[0])
        surface.fill(HEADER, header_rect)
        _draw_cells(surface, laid, laid.header, header_rect, fonts, ACCENT)
        placed.append(header_rect)
        y = header_rect.bottom
        for i in range(laid.shown):
            rect = pygame.Rect(box.left, y, box.width, laid.heights[i + 1])
            row = table.rows[i]
            surface.fill(OVERDUE_TINT if marks[i] else (PANEL if i % 2 == 0 else _BASE), rect)
            if marks[i]:
                pygame.draw.rect(surface, URGENT, (rect.left, rect.top, layout.px(8),
                                                   rect.height))
            _draw_cells(surface, laid, laid.rows[i], rect, fonts, MUTED if row.done else TEXT,
                        last=OVERDUE_TEXT if marks[i] else None)
            placed.append(rect)
            y = rect.bottom
        left = len(table.rows) - laid.shown
        if left:
            more = _cell(f"… +{left}", fonts, laid.size, box.width - 2 * laid.pad, bold=True)
            draw_layout(surface, more, pygame.Rect(box.left + laid.pad, y, box.width,
                                                   box.bottom - y), fonts, ACCENT)
    finally:
        surface.set_clip(old_clip)
    return placed


_BASE = (17, 40, 61)  # between BACKGROUND and PANEL: every other row


def _draw_cells(surface: pygame.Surface, laid: _Laid, cells: list[TextLayout],
                rect: pygame.Rect, fonts: Fonts, color: tuple[int, int, int], *,
                last: tuple[int, int, int] | None = None) -> None:
    x = rect.left
    for i, (cell, width) in enumerate(zip(cells, laid.widths, strict=False)):
        area = pygame.Rect(x + laid.pad, rect.top + laid.pad, max(1, width - 2 * laid.pad),
                           max(1, rect.height - 2 * laid.pad))
        shade = last if last is not None and i == len(cells) - 1 else color
        draw_layout(surface, cell, area, fonts, shade)
        x += width
