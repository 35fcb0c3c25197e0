"""What every screen template shares: the slide's protocol, the choice of template, the
section label, the text block, the picture and the QR code.

The choice of template itself (:func:`template_of`) lives in ``signage.kinds``, without
pygame, because posters and the digest make the same choice.
``signage.render.slide.render_static`` builds a :class:`Canvas` (surface, layout, slide,
clock, fonts) and hands it to the template :func:`template_of` names; each template module
(``text.py``, ``event.py``, ``urgent.py``, ``media.py``, ``table.py``) draws the content
area only. Sizes are design pixels (``layout.px``), so every template scales with the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import pygame

from signage.kinds import CONGRATULATIONS as CONGRATULATIONS
from signage.kinds import TEMPLATES as TEMPLATES
from signage.kinds import Template as Template
from signage.kinds import slide_text as slide_text
from signage.kinds import template_of as template_of
from signage.render.chrome import format_clock, format_date
from signage.render.fonts import Fonts
from signage.render.layout import ACCENT, PANEL, QR_LIGHT, TEXT, Color, Layout
from signage.render.picture import Fit, fit_image
from signage.render.qr import qr_surface
from signage.render.table import TableLike
from signage.render.text import Align, Block, Run, draw_layout, fit, parse_markdown


class MediaRef(Protocol):
    """A media file of the bundle (``signage.bundle.Media``): path relative to the bundle."""

    @property
    def path(self) -> str: ...


class SlideLike(Protocol):
    """What the renderer reads from a slide (``signage.schedule.Slide`` has these)."""

    @property
    def lang(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def image(self) -> MediaRef | None: ...
    @property
    def video(self) -> MediaRef | None: ...
    @property
    def event_starts(self) -> datetime | None: ...
    @property
    def place(self) -> str: ...
    @property
    def table(self) -> TableLike | None: ...
    @property
    def section(self) -> str: ...
    @property
    def section_label(self) -> str: ...


def event_line(slide: SlideLike, now: datetime) -> str:
    """"28 қараша, сенбі, 10:00 · Мәжіліс залы" for an event; "" for anything else."""
    parts: list[str] = []
    starts = local_start(slide, now)
    if starts is not None:
        parts.append(f"{format_date(starts, slide.lang)}, {format_clock(starts)}")
    if slide.place.strip():
        parts.append(slide.place.strip())
    return " · ".join(parts)


def local_start(slide: SlideLike, now: datetime) -> datetime | None:
    """The event's start in company time, like the clock (``now`` is company-local)."""
    starts = slide.event_starts
    if starts is not None and starts.tzinfo is not None and now.tzinfo is not None:
        starts = starts.astimezone(now.tzinfo)
    return starts


@dataclass(frozen=True, slots=True)
class Canvas:
    """One slide being drawn: where, what, at which moment, with which fonts."""

    surface: pygame.Surface
    layout: Layout
    slide: SlideLike
    now: datetime
    fonts: Fonts
    image: pygame.Surface | None  # the loaded picture of an image slide
    fit_mode: Fit

    def px(self, design: float) -> int:
        return self.layout.px(design)

    @property
    def portrait(self) -> bool:
        return self.layout.portrait


def text_sizes(layout: Layout) -> tuple[int, int, int]:
    """Largest title, largest body and smallest size of slide text (the type scale of
    docs/design.md): portrait screens allow larger text, so a short text fills the column."""
    if layout.portrait:
        return layout.px(132), layout.px(80), layout.px(28)
    return layout.px(92), layout.px(56), layout.px(26)


def label_height(layout: Layout) -> int:
    """The rows a section label takes above a text (its line and the gap below), fixed
    per screen so areas are known before any font is opened."""
    return layout.px(76 if layout.portrait else 62)


def draw_label(cv: Canvas, box: pygame.Rect, *, color: Color = ACCENT,
               text_color: Color | None = None) -> int:
    """The section label ("ХАБАРЛАНДЫРУЛАР") at the top of ``box``: a bar and the name in
    capitals. Returns the height used (:func:`label_height`); 0 when the slide has none."""
    label = cv.slide.section_label.strip()
    if not label:
        return 0
    size = cv.px(34 if cv.portrait else 28)
    font = cv.fonts.get(size, bold=True)
    text = label.upper()
    while font.size(text)[0] > box.width - cv.px(24) and size > 8:
        size = int(size * 0.9)
        font = cv.fonts.get(size, bold=True)
    img = font.render(text, True, text_color or color)
    bar = pygame.Rect(box.left, box.top, cv.px(10), img.get_height())
    cv.surface.fill(color, bar)
    clip = cv.surface.get_clip()
    cv.surface.set_clip(box.clip(clip))
    cv.surface.blit(img, (bar.right + cv.px(14), box.top))
    cv.surface.set_clip(clip)
    return label_height(cv.layout)


def below(box: pygame.Rect, used: int) -> pygame.Rect:
    """``box`` without its top ``used`` pixels."""
    return pygame.Rect(box.left, box.top + used, box.width, max(1, box.height - used))


def draw_text_block(cv: Canvas, box: pygame.Rect, title: str, text: str, *, meta: str = "",
                    align: Align = "left", title_color: Color = TEXT,
                    color: Color = TEXT, accent: Color = ACCENT,
                    sizes: tuple[int, int, int] | None = None) -> list[pygame.Rect]:
    """Title (bold, large), ``meta`` (an event's date and place, bold, in ``accent``) and the
    Markdown text, sized together to fit ``box``; returns the placed rectangles."""
    blocks = parse_markdown(text)
    if meta:
        blocks.insert(0, Block((Run(meta, bold=True),), accent=True))
    title_max, body_max, min_size = sizes or text_sizes(cv.layout)
    fitted = fit(title, blocks, cv.fonts, box.size, title_max=title_max, body_max=body_max,
                 min_size=min_size, lang=cv.slide.lang)
    placed = draw_layout(cv.surface, fitted.title, box, cv.fonts, title_color, align=align)
    if fitted.body.lines:
        top = box.top + fitted.title.height + fitted.gap
        placed += draw_layout(cv.surface, fitted.body, box, cv.fonts, color, top=top,
                              align=align, marker_color=accent, accent_color=accent)
    return placed


def draw_picture(cv: Canvas, rect: pygame.Rect, mode: Fit | None = None) -> None:
    """The slide's picture in ``rect`` on a panel ("contain") or filling it ("cover")."""
    cv.surface.fill(PANEL, rect)
    if cv.image is None:
        return
    pic = fit_image(cv.image, rect.size, mode or cv.fit_mode)
    cv.surface.blit(pic, pic.get_rect(center=rect.center))


def draw_qr(cv: Canvas, rect: pygame.Rect) -> None:
    """The QR code of the slide's own-language page in a white square."""
    pad = cv.px(12)
    cv.surface.fill(QR_LIGHT, rect)
    code = qr_surface(cv.slide.url, rect.width - 2 * pad)
    cv.surface.blit(code, code.get_rect(center=rect.center))
