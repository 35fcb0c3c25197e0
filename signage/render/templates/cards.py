"""A table on a portrait screen, as one card per row instead of a grid.

A portrait column is too narrow for five columns: the grid's type had to shrink until the
longest word of each column fitted side by side, leaving much of the area empty. Cards
give every row the full width: the task in bold after its number, then one line per other
column, "Жауапты: Бас механик" ("heading: value", the headings in the
slide's language). An overdue row is tinted with a red edge and its last line carries the
overdue mark, as in the grid (``render/table.py``); done rows are muted. Sizing is the
same search as ``text.fit``: the largest size at which every card fits, whole words first;
cards that still do not fit are counted on a last line ("… +2").
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from signage.render.layout import ACCENT, MUTED, PANEL, TEXT, URGENT
from signage.render.table import OVERDUE_TEXT, OVERDUE_TINT, TableLike
from signage.render.templates.base import Canvas
from signage.render.text import Block, Run, TextLayout, draw_layout, wrap

NUMBER_HEADINGS = ("№", "#", "No")


@dataclass(slots=True)
class _Card:
    head: TextLayout
    lines: TextLayout
    height: int


def _parts(table: TableLike, cells: tuple[str, ...], mark: str) -> tuple[str, list[Block]]:
    """The card's head ("1. Task") and its other cells as "heading: value" blocks."""
    cols = list(table.columns)
    values = [" ".join(c.split()) for c in cells]
    numbered = bool(cols) and cols[0].strip() in NUMBER_HEADINGS and len(values) > 1
    head = f"{values[0]}. {values[1]}" if numbered else (values[0] if values else "")
    rest = range(2 if numbered else 1, len(values))
    blocks = []
    for i in rest:
        heading = cols[i] if i < len(cols) else ""
        text = values[i] + (f" · {mark}" if mark and i == len(values) - 1 else "")
        runs = ((Run(f"{heading}: "), Run(text, bold=True)) if heading else (Run(text),))
        blocks.append(Block(runs))
    return head, blocks


def _lay(cv: Canvas, table: TableLike, marks: tuple[bool, ...], size: int,
         width: int) -> list[_Card]:
    pad = cv.px(20)
    cards = []
    for row, overdue in zip(table.rows, marks, strict=True):
        head, blocks = _parts(table, row.cells, table.overdue if overdue else "")
        h = wrap([Block((Run(head, bold=True),))], cv.fonts, size, width - 2 * pad - cv.px(8),
                 cv.slide.lang)
        b = wrap(blocks, cv.fonts, round(size * 0.8), width - 2 * pad - cv.px(8),
                 cv.slide.lang)
        cards.append(_Card(h, b, h.height + cv.px(6) + b.height + 2 * pad))
    return cards


def _fits(cards: list[_Card], gap: int, height: int) -> bool:
    return sum(c.height for c in cards) + gap * (len(cards) - 1) <= height


def draw_cards(cv: Canvas, box: pygame.Rect, table: TableLike) -> list[pygame.Rect]:
    """Draw each row of ``table`` as a card in ``box``; returns the cards' rectangles."""
    marks = table.overdue_rows(cv.now.date())
    gap = cv.px(16)
    lo_size, hi_size = cv.px(26), cv.px(52)
    best: list[_Card] | None = None
    for whole_words in (True, False):
        def ok(cards: list[_Card], ww: bool = whole_words) -> bool:
            broken = any(c.head.broken_words or c.lines.broken_words for c in cards)
            return _fits(cards, gap, box.height) and not (ww and broken)
        if not ok(_lay(cv, table, marks, lo_size, box.width)):
            continue
        lo, hi = lo_size, hi_size
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if ok(_lay(cv, table, marks, mid, box.width)):
                lo = mid
            else:
                hi = mid - 1
        best = _lay(cv, table, marks, lo, box.width)
        break
    cards = best if best is not None else _lay(cv, table, marks, lo_size, box.width)
    pad = cv.px(20)
    placed: list[pygame.Rect] = []
    y = box.top
    clip = cv.surface.get_clip()
    cv.surface.set_clip(box.clip(clip))
    try:
        for i, (card, row) in enumerate(zip(cards, table.rows, strict=True)):
            more = len(cards) - i
            # The last card needs only itself; any other leaves room for the count line.
            reserve = 0 if more == 1 else cards[0].lines.line_height + gap
            if y + card.height + reserve > box.bottom:
                draw_layout(cv.surface, wrap([Block((Run(f"… +{more}", bold=True),))],
                                             cv.fonts, cards[0].lines.size, box.width),
                            pygame.Rect(box.left, y, box.width, box.bottom - y), cv.fonts,
                            ACCENT)
                break
            rect = pygame.Rect(box.left, y, box.width, card.height)
            cv.surface.fill(OVERDUE_TINT if marks[i] else PANEL, rect)
            edge = URGENT if marks[i] else (MUTED if row.done else ACCENT)
            cv.surface.fill(edge, pygame.Rect(rect.left, rect.top, cv.px(8), rect.height))
            inner = pygame.Rect(rect.left + pad + cv.px(8), rect.top + pad,
                                rect.width - 2 * pad - cv.px(8), rect.height - 2 * pad)
            color = MUTED if row.done else TEXT
            draw_layout(cv.surface, card.head, inner, cv.fonts, color)
            draw_layout(cv.surface, card.lines, inner, cv.fonts,
                        OVERDUE_TEXT if marks[i] else color,
                        top=inner.top + card.head.height + cv.px(6))
            placed.append(rect)
            y = rect.bottom + gap
    finally:
        cv.surface.set_clip(clip)
    return placed
