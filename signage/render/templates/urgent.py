"""The urgent template: the whole slide in the alert red, a warning sign and the word
"ШҰҒЫЛ" / "СРОЧНО" in large capitals, then the title and the text in white.

Nobody walking past can take it for an ordinary notice: the header turns dark red, the
content ground red, and the sign (a white triangle with "!", drawn from pygame polygons,
so no icon file is fetched or shipped) stands first. An urgent event keeps its date and
place line; an urgent item's picture keeps its place beside or above the text.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from signage.kinds import urgent_word
from signage.render.layout import (
    QR_LIGHT,
    TEXT,
    URGENT_BG,
    URGENT_TEXT,
    ContentAreas,
    Layout,
    content_areas,
)
from signage.render.templates.base import (
    Canvas,
    SlideLike,
    below,
    draw_label,
    draw_picture,
    draw_qr,
    draw_text_block,
    event_line,
    label_height,
    slide_text,
)


def warning_sign(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """A white warning triangle with a red "!" filling ``rect`` (a square)."""
    s = rect.width
    tri = [(rect.centerx, rect.top), (rect.right, rect.bottom), (rect.left, rect.bottom)]
    pygame.draw.polygon(surface, QR_LIGHT, tri)
    bar_w = max(2, s // 9)
    bar = pygame.Rect(rect.centerx - bar_w // 2, rect.top + round(s * 0.34), bar_w,
                      round(s * 0.36))
    pygame.draw.rect(surface, URGENT_BG, bar, border_radius=bar_w // 2)
    pygame.draw.circle(surface, URGENT_BG, (rect.centerx, rect.top + round(s * 0.83)),
                       max(1, round(bar_w * 0.62)))


def areas(lay: Layout, slide: SlideLike) -> ContentAreas:
    """Picture, QR code and text keep their usual places, under the label and alert row."""
    row = label_height(lay) + lay.px(150 if lay.portrait else 116) + lay.px(40)
    rest = below(lay.content, row)
    return content_areas(replace(lay, content=rest),
                         media=slide.image is not None or slide.video is not None,
                         qr=bool(slide.url))


def draw_urgent(cv: Canvas) -> None:
    lay = cv.layout
    ground = pygame.Rect(0, lay.header.bottom, lay.size[0],
                         max(1, lay.progress.top - lay.header.bottom))
    cv.surface.fill(URGENT_BG, ground)
    c = lay.content
    draw_label(cv, c, color=TEXT)
    # The alert row under the label: the sign, then the word.
    sign = cv.px(150 if cv.portrait else 116)
    top = c.top + label_height(lay)  # the same rows whether or not a label is drawn
    warning_sign(cv.surface, pygame.Rect(c.left, top, sign, sign))
    word = urgent_word(cv.slide.lang)
    font = cv.fonts.get(cv.px(124 if cv.portrait else 96), bold=True)
    img = font.render(word, True, TEXT)
    cv.surface.blit(img, (c.left + sign + cv.px(32), top + (sign - img.get_height()) // 2))
    slide = cv.slide
    a = areas(lay, slide)
    if a.media is not None:
        draw_picture(cv, a.media)
    if a.qr is not None:
        draw_qr(cv, a.qr)
    draw_text_block(cv, a.text, slide.title, slide_text(slide), meta=event_line(slide, cv.now),
                    accent=URGENT_TEXT)
