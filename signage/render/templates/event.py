"""The event template: a large date, time and place block beside (landscape) or above
(portrait) the title and the text, so a passer-by takes in "when and where" first.

The block is a panel with a gold top bar: the day's number, very large, in gold; the month
and the weekday in the slide's language (CLDR through Babel: "қараша, сенбі", "ноября,
суббота"); the start time, large; the place under it. Used for a report meeting's
announcement (``kind: event`` with a start); after the meeting its results are an
announcement or a table slide.
"""

from __future__ import annotations

import pygame

from signage.kinds import event_words
from signage.render.layout import ACCENT, MUTED, PANEL, TEXT
from signage.render.templates.base import (
    Canvas,
    below,
    draw_label,
    draw_qr,
    draw_text_block,
    local_start,
    slide_text,
)
from signage.render.text import Block, Run, draw_layout, fit


def _line(cv: Canvas, text: str, size: int, color: tuple[int, int, int], x: int, y: int,
          width: int, *, bold: bool = True) -> int:
    """One line at ``size`` (smaller when it is wider than ``width``); returns its height."""
    font = cv.fonts.get(size, bold=bold)
    while font.size(text)[0] > width and size > 8:
        size = int(size * 0.9)
        font = cv.fonts.get(size, bold=bold)
    img = font.render(text, True, color)
    cv.surface.blit(img, (x, y))
    return img.get_height()


def draw_date_block(cv: Canvas, block: pygame.Rect) -> None:
    """Day, month and weekday; time; place: in ``block``, left-aligned on a panel."""
    slide = cv.slide
    starts = local_start(slide, cv.now)
    assert starts is not None
    cv.surface.fill(PANEL, block)
    cv.surface.fill(ACCENT, pygame.Rect(block.left, block.top, block.width, cv.px(10)))
    pad = cv.px(40)
    inner = block.inflate(-2 * pad, -2 * pad)
    words = event_words(starts, slide.lang)  # the same words as a poster's block
    day, month, weekday, when = words.day, words.month, words.weekday, words.time
    if cv.portrait:
        half = inner.width // 2
        y = inner.top
        y += _line(cv, day, cv.px(190), ACCENT, inner.left, y - cv.px(20), half)
        y += _line(cv, month, cv.px(58), TEXT, inner.left, y - cv.px(20), half)
        _line(cv, weekday, cv.px(42), MUTED, inner.left, y - cv.px(10), half, bold=False)
        right = pygame.Rect(inner.left + half + cv.px(24), inner.top,
                            inner.width - half - cv.px(24), inner.height)
        h = _line(cv, when, cv.px(120), TEXT, right.left, right.top, right.width)
        place = pygame.Rect(right.left, right.top + h + cv.px(8), right.width,
                            max(1, right.bottom - right.top - h - cv.px(8)))
    else:
        y = inner.top - cv.px(20)
        y += _line(cv, day, cv.px(200), ACCENT, inner.left, y, inner.width)
        y += _line(cv, month, cv.px(60), TEXT, inner.left, y - cv.px(24), inner.width)
        y += _line(cv, weekday, cv.px(40), MUTED, inner.left, y - cv.px(24), inner.width,
                   bold=False)
        y += cv.px(8)
        cv.surface.fill(ACCENT, pygame.Rect(inner.left, y, cv.px(80), cv.px(4)))
        y += cv.px(20)
        y += _line(cv, when, cv.px(104), TEXT, inner.left, y, inner.width)
        place = pygame.Rect(inner.left, y + cv.px(8), inner.width,
                            max(1, inner.bottom - y - cv.px(8)))
    if slide.place.strip():
        fitted = fit("", [Block((Run(slide.place.strip(), bold=True),))], cv.fonts,
                     place.size, title_max=cv.px(44), body_max=cv.px(44),
                     min_size=cv.px(22), lang=slide.lang)
        draw_layout(cv.surface, fitted.body, place, cv.fonts, TEXT)


def draw_event(cv: Canvas) -> None:
    c = cv.layout.content
    gap = cv.px(56)
    if cv.portrait:
        block = pygame.Rect(c.left, c.top, c.width, round(c.height * 0.3))
        text = pygame.Rect(c.left, block.bottom + gap, c.width, c.bottom - block.bottom - gap)
    else:
        block = pygame.Rect(c.left, c.top, round(c.width * 0.34), c.height)
        text = pygame.Rect(block.right + gap, c.top, c.right - block.right - gap, c.height)
    draw_date_block(cv, block)
    if cv.slide.url:
        side = cv.px(210)
        qr = pygame.Rect(c.right - side, c.bottom - side, side, side)
        draw_qr(cv, qr)
        text.height = max(1, qr.top - gap - text.top)
    box = below(text, draw_label(cv, text))
    draw_text_block(cv, box, cv.slide.title, slide_text(cv.slide))
