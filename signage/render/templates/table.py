"""The report and action-plan template: a table slide (``slide.table``, 15A's meeting plan).

The section label, then the title (and any screen text) in a head band with a gold rule
under it, at most a third of the area, then the table in the rest (``render.table``:
largest size at which every row fits, overdue rows tinted, "… +N" when rows are left out).
The QR code, when the slide has one, sits at the right of the head band, so the table keeps
the full width. On a portrait screen the rows are cards, one under another (``cards.py``):
a five-column grid in a narrow column leaves its type small and half the area empty.
"""

from __future__ import annotations

import pygame

from signage.render.layout import ACCENT
from signage.render.table import draw_table
from signage.render.templates.base import (
    Canvas,
    below,
    draw_label,
    draw_qr,
    draw_text_block,
    event_line,
    slide_text,
)
from signage.render.templates.cards import draw_cards


def draw_table_slide(cv: Canvas) -> None:
    slide = cv.slide
    assert slide.table is not None
    c = cv.layout.content
    head = pygame.Rect(c.left, c.top, c.width, max(1, c.height // (4 if cv.portrait else 3)))
    if slide.url:
        side = min(cv.px(180), head.height)
        draw_qr(cv, pygame.Rect(head.right - side, head.top, side, side))
        head.width = max(1, head.width - side - cv.px(40))
    used = draw_label(cv, head)
    placed = draw_text_block(cv, below(head, used), slide.title, slide_text(slide),
                             meta=event_line(slide, cv.now))
    bottom = max((r.bottom for r in placed), default=head.top + used)
    if slide.url:
        bottom = max(bottom, head.top + min(cv.px(180), head.height))
    rule = bottom + cv.px(20)
    cv.surface.fill(ACCENT, pygame.Rect(c.left, rule, c.width, cv.px(4)))
    top = rule + cv.px(28)
    rest = pygame.Rect(c.left, top, c.width, max(1, c.bottom - top))
    if cv.portrait:
        draw_cards(cv, rest, slide.table)
    else:
        draw_table(cv.surface, cv.layout, rest, slide.table, cv.now.date(), cv.fonts)
