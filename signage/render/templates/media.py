"""The picture-only and video templates: the picture or the film takes the slide, the
words are a caption.

Picture only (an image with no screen text of its own): the picture fills the content area
(``fit_mode``: "contain" on a panel or "cover"), a dark caption band at its foot carries
the section label and the title, the QR code sits in the band's right end. Video: the
player blits frames into :func:`areas` ``.media`` (16:9 across the width in portrait, the
whole content area above a caption band in landscape); the label, title and text go in
the band or, in portrait, under the film, where the text grows to fill the column.
"""

from __future__ import annotations

import pygame

from signage.render.layout import HEADER, PANEL, ContentAreas, Layout
from signage.render.templates.base import (
    Canvas,
    SlideLike,
    below,
    draw_label,
    draw_picture,
    draw_qr,
    draw_text_block,
    slide_text,
)


def caption_height(lay: Layout, *, video: bool = False) -> int:
    """The caption band under a picture (a label and two lines of title) or, in landscape,
    under a film (a label, the title and a line or two of text)."""
    if video:
        return lay.px(330)
    return lay.px(300 if lay.portrait else 230)


def areas(lay: Layout, slide: SlideLike, *, video: bool) -> ContentAreas:
    c = lay.content
    gap = lay.px(40)
    qr_side = lay.px(180) if slide.url else 0
    if video and lay.portrait:
        media = pygame.Rect(c.left, c.top, c.width, round(c.width * 9 / 16))
        text = pygame.Rect(c.left, media.bottom + gap, c.width, c.bottom - media.bottom - gap)
        qr = pygame.Rect(c.right - qr_side, c.bottom - qr_side, qr_side, qr_side)
        if slide.url:
            text.height = max(1, qr.top - gap - text.top)
        return ContentAreas(text, media, qr if slide.url else None)
    band_h = caption_height(lay, video=video)
    band = pygame.Rect(c.left, c.bottom - band_h, c.width, band_h)
    media = pygame.Rect(c.left, c.top, c.width, band.top - c.top) if video else c.copy()
    pad = lay.px(28)
    qr = pygame.Rect(band.right - pad - qr_side, band.top + (band.height - qr_side) // 2,
                     qr_side, qr_side)
    right = (qr.left - pad) if slide.url else band.right - pad
    text = pygame.Rect(band.left + pad, band.top + pad, max(1, right - band.left - pad),
                       band.height - 2 * pad)
    return ContentAreas(text, media, qr if slide.url else None)


def _caption(cv: Canvas, a: ContentAreas, *, body: str) -> None:
    used = draw_label(cv, a.text)
    title_max = cv.px(72 if cv.portrait else 60)
    draw_text_block(cv, below(a.text, used), cv.slide.title, body,
                    sizes=(title_max, round(title_max * 0.75), cv.px(24)))


def draw_picture_only(cv: Canvas) -> None:
    a = areas(cv.layout, cv.slide, video=False)
    assert a.media is not None
    draw_picture(cv, a.media)
    band = pygame.Rect(a.media.left, a.text.top - cv.px(28), a.media.width,
                       a.media.bottom - a.text.top + cv.px(28))
    shade = pygame.Surface(band.size)
    shade.fill(HEADER)
    shade.set_alpha(215)
    cv.surface.blit(shade, band.topleft)
    if a.qr is not None:
        draw_qr(cv, a.qr)
    _caption(cv, a, body="")


def draw_video(cv: Canvas) -> None:
    a = areas(cv.layout, cv.slide, video=True)
    assert a.media is not None
    cv.surface.fill(PANEL, a.media)  # frames are blitted here, centred, by the player
    if a.qr is not None:
        draw_qr(cv, a.qr)
    if cv.portrait:
        used = draw_label(cv, a.text)
        draw_text_block(cv, below(a.text, used), cv.slide.title, slide_text(cv.slide))
    else:
        _caption(cv, a, body=slide_text(cv.slide))

