"""Slide geometry, designed once for a 1080-pixel short side and scaled (the colours are
``signage.palette``'s, shared with posters and the digest).

Every ``signage.render`` module asks :func:`compute_layout` where things go; nothing else
hard-codes a pixel. 1920x1080 and 1080x1920 have scale 1, 3840x2160 scale 2, a 480x270
preview scale 0.25, so a slide looks the same on every screen, only sharper. Portrait
screens stack the picture above the text; landscape screens put it on the left.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

# The colours are shared with posters and the digest: they live in signage.palette and are
# named here too, where every slide template imports them from.
from signage.palette import ACCENT as ACCENT
from signage.palette import BACKGROUND as BACKGROUND
from signage.palette import FESTIVE as FESTIVE
from signage.palette import HEADER as HEADER
from signage.palette import MUTED as MUTED
from signage.palette import PANEL as PANEL
from signage.palette import QR_DARK as QR_DARK
from signage.palette import QR_LIGHT as QR_LIGHT
from signage.palette import TEXT as TEXT
from signage.palette import TICKER_BG as TICKER_BG
from signage.palette import TICKER_TEXT as TICKER_TEXT
from signage.palette import URGENT as URGENT
from signage.palette import URGENT_BG as URGENT_BG
from signage.palette import URGENT_HEADER as URGENT_HEADER
from signage.palette import URGENT_TEXT as URGENT_TEXT
from signage.palette import Color as Color

DESIGN_SHORT_SIDE = 1080
# The company name in the header is at least this share of the screen height (readable at
# 5 m on a 1920-pixel portrait screen: 58 px); see chrome.draw_header.
HEADER_TEXT_SHARE = 0.03


@dataclass(frozen=True, slots=True)
class Layout:
    """Rectangles of one screen size; ``px(n)`` turns design pixels into screen pixels."""

    size: tuple[int, int]
    scale: float
    portrait: bool
    header: pygame.Rect
    company: pygame.Rect
    date: pygame.Rect
    clock: pygame.Rect
    content: pygame.Rect
    progress: pygame.Rect
    ticker: pygame.Rect

    def px(self, design: float) -> int:
        return max(1, round(design * self.scale))

    @property
    def has_ticker(self) -> bool:
        return self.ticker.height > 0


def compute_layout(size: tuple[int, int], *, ticker: bool = True) -> Layout:
    """The layout of a ``size`` screen, with or without a ticker strip at the bottom."""
    w, h = size
    if w <= 0 or h <= 0:
        raise ValueError(f"screen size must be positive, got {w}x{h}")
    scale = min(w, h) / DESIGN_SHORT_SIDE

    def px(v: float) -> int:
        return max(1, round(v * scale))

    margin = px(64)
    clock_w = px(190)
    if h > w:
        # Portrait: the company name has the whole first row (room for two lines at 3 %
        # of the height), the date and the clock share the second.
        name_h = max(px(150), round(h * HEADER_TEXT_SHARE * 2.5))
        header = pygame.Rect(0, 0, w, name_h + px(84))
        company = pygame.Rect(margin, 0, w - 2 * margin, name_h)
        clock = pygame.Rect(w - margin - clock_w, name_h, clock_w, px(84))
        date = pygame.Rect(margin, clock.top, max(1, clock.left - px(24) - margin), px(84))
    else:
        header = pygame.Rect(0, 0, w, max(px(112), round(h * HEADER_TEXT_SHARE * 2.8)))
        clock = pygame.Rect(w - margin - clock_w, 0, clock_w, header.height)
        date_w = min(px(560), (w - 2 * margin - clock_w) // 2)
        date = pygame.Rect(clock.left - px(24) - date_w, 0, date_w, header.height)
        company = pygame.Rect(margin, 0, max(1, date.left - px(32) - margin), header.height)
    ticker_h = px(76) if ticker else 0
    tick = pygame.Rect(0, h - ticker_h, w, ticker_h)
    progress = pygame.Rect(0, tick.top - px(6), w, px(6))
    top = header.bottom + px(48)
    bottom = progress.top - px(48)
    content = pygame.Rect(margin, top, w - 2 * margin, max(1, bottom - top))
    return Layout(size, scale, h > w, header, company, date, clock, content, progress, tick)


@dataclass(frozen=True, slots=True)
class ContentAreas:
    """Where the text, the picture (image or video) and the QR code go inside ``content``."""

    text: pygame.Rect
    media: pygame.Rect | None
    qr: pygame.Rect | None


def content_areas(layout: Layout, *, media: bool, qr: bool) -> ContentAreas:
    """Split the content rectangle between picture, text and QR code."""
    c = layout.content
    gap = layout.px(56)
    qr_side = layout.px(210) if qr else 0
    media_rect: pygame.Rect | None = None
    text = c.copy()
    if media:
        if layout.portrait:
            media_rect = pygame.Rect(c.left, c.top, c.width, round(c.height * 0.46))
            text = pygame.Rect(c.left, media_rect.bottom + gap, c.width,
                               c.bottom - media_rect.bottom - gap)
        else:
            media_rect = pygame.Rect(c.left, c.top, round(c.width * 0.56), c.height)
            text = pygame.Rect(media_rect.right + gap, c.top, c.right - media_rect.right - gap,
                               c.height)
    qr_rect: pygame.Rect | None = None
    if qr:
        qr_rect = pygame.Rect(c.right - qr_side, c.bottom - qr_side, qr_side, qr_side)
        if layout.portrait or media:
            # below the text, in the text column: the text stops above the code
            text.height = max(1, qr_rect.top - gap - text.top)
        else:
            text.width = max(1, qr_rect.left - gap - text.left)
    return ContentAreas(text, media_rect, qr_rect)
