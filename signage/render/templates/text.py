"""The announcement and congratulation templates: a section label, the title and the text,
with the item's picture beside them (landscape) or above them (portrait), and the QR code.

An announcement is the plain case: left-aligned text that grows to fill its column (the
portrait type scale is larger, see ``base.text_sizes``). A congratulation is festive: a plum
ground inside a gold frame, gold stars in the corners the label and the QR code leave
free, the text centred.
"""

from __future__ import annotations

import math

import pygame

from signage.render.layout import ACCENT, FESTIVE, TEXT, ContentAreas, content_areas
from signage.render.templates.base import (
    Canvas,
    below,
    draw_label,
    draw_picture,
    draw_qr,
    draw_text_block,
    event_line,
    slide_text,
)


def areas(cv: Canvas) -> ContentAreas:
    slide = cv.slide
    return content_areas(cv.layout, media=slide.image is not None or slide.video is not None,
                         qr=bool(slide.url))


def draw_announcement(cv: Canvas) -> None:
    a = areas(cv)
    if a.media is not None:
        draw_picture(cv, a.media)
    if a.qr is not None:
        draw_qr(cv, a.qr)
    box = below(a.text, draw_label(cv, a.text))
    draw_text_block(cv, box, cv.slide.title, slide_text(cv.slide),
                    meta=event_line(cv.slide, cv.now))


def star(surface: pygame.Surface, center: tuple[int, int], radius: int,
         color: tuple[int, int, int]) -> None:
    """A five-pointed star drawn as one polygon (no picture file needed)."""
    cx, cy = center
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    pygame.draw.polygon(surface, color, points)


def draw_congratulation(cv: Canvas) -> None:
    content = cv.layout.content
    frame = content.inflate(cv.px(40), cv.px(40))
    cv.surface.fill(FESTIVE, frame)
    pygame.draw.rect(cv.surface, ACCENT, frame, width=cv.px(6), border_radius=cv.px(18))
    r = cv.px(26)
    star(cv.surface, (frame.right - cv.px(44), frame.top + cv.px(44)), r, ACCENT)
    star(cv.surface, (frame.left + cv.px(44), frame.bottom - cv.px(44)), r, ACCENT)
    a = areas(cv)
    if a.media is not None:
        draw_picture(cv, a.media)
    if a.qr is not None:
        draw_qr(cv, a.qr)
    text = a.text.inflate(-2 * cv.px(40), 0) if a.media is None else a.text
    text = below(text, cv.px(40) if a.media is None else 0)
    label_w = text.width
    used = draw_label(cv, pygame.Rect(text.left, text.top, label_w, text.height))
    draw_text_block(cv, below(text, used), cv.slide.title, slide_text(cv.slide),
                    align="center", title_color=ACCENT, color=TEXT)
