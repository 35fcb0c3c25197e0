"""The frame around every slide: header (company, date, live clock), ticker, progress mark.

Called by ``slide.py`` for a whole slide and by the player for partial redraws: the clock
once a second (:func:`draw_clock`), the ticker strip every frame (:class:`Ticker`), the
progress mark when it moves (:func:`draw_progress`). Each ``draw_*`` paints only its own
rectangle of the layout and returns it, so the player can update just that rectangle.
Dates come from CLDR through Babel ("23 қараша, дүйсенбі", "23 ноября, понедельник").
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pygame
from babel.dates import format_date as babel_format_date

from signage.render.fonts import Fonts
from signage.render.layout import (
    ACCENT,
    HEADER,
    HEADER_TEXT_SHARE,
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


def header_floor(layout: Layout) -> int:
    """The smallest size of the company name: 3 % of the screen height (5 m away)."""
    return max(6, math.ceil(layout.size[1] * HEADER_TEXT_SHARE))


def _company_lines(company: str) -> list[list[str]]:
    """Ways to set the name: one line, then two lines split at a space, the most even split
    first; splits outside «…» before any inside (a quoted name is cut only when it alone
    is wider than the screen at the floor size)."""
    words = company.split()
    splits: list[tuple[bool, int, list[str]]] = []
    for i in range(1, len(words)):
        head, tail = " ".join(words[:i]), " ".join(words[i:])
        inside = head.count("«") != head.count("»")
        splits.append((inside, abs(len(head) - len(tail)), [head, tail]))
    return [[company]] + [lines for _, _, lines in sorted(splits, key=lambda s: s[:2])]


def company_setting(fonts: Fonts, layout: Layout, company: str) -> tuple[int, list[str]]:
    """Size and lines of the company name in ``layout.company``: the design size on one
    line, shrunk to fit but not below :func:`header_floor` (3 % of the height); a name too
    wide for one line at the floor goes on two. Only a name too long for two lines at the
    floor is set smaller, so that it is still shown whole."""
    floor = header_floor(layout)
    rect = layout.company
    start = max(floor, layout.px(64 if layout.portrait else 40))

    def widest(lines: list[str], size: int) -> int:
        font = fonts.get(size, bold=True)
        return max(font.size(t)[0] for t in lines)

    def largest(lines: list[str], low: int) -> int | None:
        top = start if len(lines) == 1 else min(start, int(rect.height / (len(lines) * 1.15)))
        size = max(low, top)
        while size > low and widest(lines, size) > rect.width:
            size = max(low, int(size * 0.94))
        return size if widest(lines, size) <= rect.width else None

    options = _company_lines(company)
    for lines in options:  # the first setting (one line, then the best split) that fits
        size = largest(lines, floor)
        if size is not None:
            return size, lines
    best = (6, options[min(1, len(options) - 1)])
    for lines in options[1:2]:
        size = largest(lines, 6)
        if size is not None:
            best = (size, lines)
    return best


def draw_header(surface: pygame.Surface, layout: Layout, *, company: str, now: datetime,
                lang: str, fonts: Fonts, accent: Color = ACCENT,
                background: Color = HEADER) -> pygame.Rect:
    """Header band: company name, the date in ``lang``, the clock and a thin accent line."""
    h = layout.header
    surface.fill(background, h)
    surface.fill(accent, pygame.Rect(h.left, h.bottom - layout.px(4), h.width, layout.px(4)))
    if company:
        size, lines = company_setting(fonts, layout, company)
        font = fonts.get(size, bold=True)
        step = round(size * 1.15)
        top = layout.company.centery - (step * (len(lines) - 1) + font.get_height()) // 2
        clip = surface.get_clip()
        surface.set_clip(layout.company.clip(clip))
        for i, line in enumerate(lines):
            surface.blit(font.render(line, True, TEXT), (layout.company.left, top + i * step))
        surface.set_clip(clip)
    text = format_date(now, lang)
    font = _fit_font(fonts, text, layout.px(40 if layout.portrait else 32), layout.date.width,
                     bold=False)
    _blit_middle(surface, font.render(text, True, MUTED), layout.date,
                 right=not layout.portrait)
    draw_clock(surface, layout, now, fonts, background=background)
    return h.copy()


def clock_rect(layout: Layout) -> pygame.Rect:
    """The rectangle :func:`draw_clock` repaints (above the accent line)."""
    r = layout.clock.copy()
    r.height -= layout.px(4)
    return r


def draw_clock(surface: pygame.Surface, layout: Layout, now: datetime,
               fonts: Fonts, *, background: Color | None = None) -> pygame.Rect:
    """Repaint only the clock ("09:05") on the header background; return its rectangle.
    ``background`` None: the colour already under the clock's corner (an urgent slide's
    header is red, and the player repaints the clock without knowing the template)."""
    r = clock_rect(layout)
    corner = surface.get_at((r.left, r.top))
    surface.fill(background or (corner.r, corner.g, corner.b), r)
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
