"""The frame around every slide: header (company, date, live clock), ticker, progress mark.

Called by ``slide.py`` for a whole slide and by the player for partial redraws: the clock
once a second (:func:`draw_clock`), the ticker strip every frame (:class:`Ticker`), the
progress mark when it moves (:func:`draw_progress`). Each ``draw_*`` paints only its own
rectangle of the layout and returns it, so the player can update just that rectangle.
Dates come from CLDR through Babel ("23 қараша, дүйсенбі", "23 ноября, понедельник").
"""

from __future__ import annotations

from datetime import date, datetime

import pygame
from babel.dates import format_date as babel_format_date

from signage.render.fonts import Fonts
from signage.render.layout import (
    ACCENT,
    HEADER,
    MUTED,
    TEXT,
    TICKER_BG,
    TICKER_TEXT,
    Layout,
)
from signage.render.text import Color

DATE_PATTERN = "d MMMM, EEEE"


def format_date(day: date | datetime, lang: str) -> str:
    """The day as people write it on a notice: "23 қараша, дүйсенбі" / "23 ноября, понедельник"."""
    if isinstance(day, datetime):
        day = day.date()
    return str(babel_format_date(day, DATE_PATTERN, locale=lang if lang in ("kk", "ru") else "kk"))


def format_clock(now: datetime) -> str:
    """Hours and minutes of ``now`` as given (the player passes company-local time)."""
    return f"{now.hour:02d}:{now.minute:02d}"


def _fit_font(fonts: Fonts, text: str, size: int, width: int, *, bold: bool) -> pygame.font.Font:
    font = fonts.get(size, bold=bold)
    while size > 6 and font.size(text)[0] > width:
        size = max(6, int(size * 0.9))
        font = fonts.get(size, bold=bold)
    return font


def _blit_middle(surface: pygame.Surface, img: pygame.Surface, rect: pygame.Rect, *,
                 right: bool = False) -> None:
    x = rect.right - img.get_width() if right else rect.left
    y = rect.centery - img.get_height() // 2
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip))
    surface.blit(img, (x, y))
    surface.set_clip(clip)


def draw_header(surface: pygame.Surface, layout: Layout, *, company: str, now: datetime,
                lang: str, fonts: Fonts, accent: Color = ACCENT) -> pygame.Rect:
    """Header band: company name, the date in ``lang``, the clock and a thin accent line."""
    h = layout.header
    surface.fill(HEADER, h)
    surface.fill(accent, pygame.Rect(h.left, h.bottom - layout.px(4), h.width, layout.px(4)))
    if company:
        font = _fit_font(fonts, company, layout.px(40), layout.company.width, bold=True)
        _blit_middle(surface, font.render(company, True, TEXT), layout.company)
    text = format_date(now, lang)
    font = _fit_font(fonts, text, layout.px(32), layout.date.width, bold=False)
    _blit_middle(surface, font.render(text, True, MUTED), layout.date, right=True)
    draw_clock(surface, layout, now, fonts)
    return h.copy()


def clock_rect(layout: Layout) -> pygame.Rect:
    """The rectangle :func:`draw_clock` repaints (above the accent line)."""
    r = layout.clock.copy()
    r.height -= layout.px(4)
    return r


def draw_clock(surface: pygame.Surface, layout: Layout, now: datetime,
               fonts: Fonts) -> pygame.Rect:
    """Repaint only the clock ("09:05") on the header background; return its rectangle."""
    r = clock_rect(layout)
    surface.fill(HEADER, r)
    text = format_clock(now)
    font = _fit_font(fonts, "00:00", layout.px(54), r.width, bold=True)
    _blit_middle(surface, font.render(text, True, TEXT), r, right=True)
    return r


def draw_progress(surface: pygame.Surface, layout: Layout, progress: float, *,
                  background: Color, accent: Color = ACCENT) -> pygame.Rect:
    """A thin line along the bottom of the slide, ``progress`` (0..1) of it in the accent.

    Discreet on purpose: it tells a passer-by that the slide will change, nothing more.
    """
    r = layout.progress
    surface.fill(background, r)
    done = round(r.width * min(1.0, max(0.0, progress)))
    if done:
        bar = pygame.Surface((done, r.height))
        bar.fill(accent)
        bar.set_alpha(150)
        surface.blit(bar, r.topleft)
    return r.copy()


class Ticker:
    """A line of text that scrolls right to left at a constant speed, repeating.

    The text is rendered once; :meth:`draw` only blits it at the offset for ``elapsed``
    seconds, so a frame costs one strip fill and two or three blits. Speed is in design
    pixels per second (scaled with the screen), so every monitor reads at the same pace.
    """

    GAP = "     •     "

    def __init__(self, text: str, layout: Layout, fonts: Fonts, *,
                 speed: float = 120.0) -> None:
        self.layout = layout
        self.rect = layout.ticker.copy()
        self.speed = speed * layout.scale
        self.text = " ".join(text.split())
        self._image: pygame.Surface | None = None
        if self.text and self.rect.height > 0:
            font = fonts.get(layout.px(34))
            self._image = font.render(self.text + self.GAP, True, TICKER_TEXT, TICKER_BG)

    @property
    def period(self) -> float:
        """Seconds for the text to move by one repeat."""
        if self._image is None or self.speed <= 0:
            return 0.0
        return self._image.get_width() / self.speed

    def offset(self, elapsed: float) -> int:
        """Pixels the text has moved to the left after ``elapsed`` seconds, modulo a repeat."""
        if self._image is None:
            return 0
        return int(elapsed * self.speed) % self._image.get_width()

    def draw(self, surface: pygame.Surface, elapsed: float) -> pygame.Rect:
        """Repaint the strip as it is ``elapsed`` seconds after the ticker started."""
        r = self.rect
        if r.height <= 0:
            return r.copy()
        surface.fill(TICKER_BG, r)
        if self._image is not None:
            clip = surface.get_clip()
            surface.set_clip(r.clip(clip))
            w = self._image.get_width()
            y = r.centery - self._image.get_height() // 2
            x = r.left + self.layout.px(64) - self.offset(elapsed)
            while x > r.left:
                x -= w  # the copy before also shows, so the strip never has a hole
            while x < r.right:
                surface.blit(self._image, (x, y))
                x += w
            surface.set_clip(clip)
        return r.copy()
