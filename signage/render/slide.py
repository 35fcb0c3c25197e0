"""One slide → one ``pygame.Surface``: the entry point of ``signage.render``.

Called by the player (``render_static`` once per slide, then the ``draw_*`` pieces of
``chrome.py`` for what changes) and by previews (``render_slide`` for a whole picture).
The content area is drawn by the slide's template (``signage.render.templates``: one per
kind of slide). Pure apart from reading the slide's image file: the clock is passed in as
``now`` (company-local time), so golden tests pin it. A slide that cannot be drawn raises
:class:`RenderError` with one line saying why; the player skips it and logs that line.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pygame

from signage.render.chrome import Ticker, draw_header, draw_progress
from signage.render.fonts import Fonts, default_fonts
from signage.render.layout import (
    ACCENT,
    BACKGROUND,
    HEADER,
    TEXT,
    TICKER_BG,
    URGENT,
    URGENT_HEADER,
    ContentAreas,
    Layout,
    compute_layout,
)
from signage.render.picture import (
    PICTURE_PIXEL_BUDGET,
    Fit,
    RenderError,
    fit_image,
    load_image,
    picture_size,
)
from signage.render.templates import Canvas, SlideLike, areas, draw, event_line, template_of
from signage.render.templates.base import text_sizes
from signage.render.text import Block, Run, draw_layout, fit, parse_markdown

__all__ = ["PICTURE_PIXEL_BUDGET", "Fit", "RenderError", "SlideLike", "draw_text_block",
           "event_line",
           "fit_image", "load_image", "media_rect", "picture_size", "render_slide",
           "render_static", "rotate_output", "slide_layout"]


def slide_layout(slide: SlideLike, size: tuple[int, int], *,
                 ticker: bool = False) -> tuple[Layout, ContentAreas]:
    """The layout of ``slide`` on a ``size`` screen; ``areas.media`` is where a video goes."""
    layout = compute_layout(size, ticker=ticker)
    return layout, areas(slide, layout)


def media_rect(slide: SlideLike, size: tuple[int, int], *,
               ticker: bool = False) -> pygame.Rect | None:
    """Where the player blits video frames (scaled with :func:`fit_image`), or None."""
    return slide_layout(slide, size, ticker=ticker)[1].media


def render_static(slide: SlideLike, size: tuple[int, int], *, now: datetime, company: str,
                  ticker: bool = False, fonts: Fonts | None = None,
                  media_dir: Path | None = None, image: pygame.Surface | None = None,
                  fit_mode: Fit = "contain") -> pygame.Surface:
    """Everything of the slide except what moves: background, header with the date and the
    clock at ``now``, then the slide's template (section label, title, text, picture, QR
    code…); an empty ticker strip (when ``ticker``) and an empty progress line. The player
    then calls ``draw_clock``, ``Ticker.draw`` and ``draw_progress`` on the copy it shows.

    The picture is ``image`` when given (an already loaded Surface), else
    ``media_dir / slide.image.path``. A video slide gets an empty panel where the player
    blits frames (see :func:`media_rect`).
    """
    fonts = fonts or default_fonts()
    layout = compute_layout(size, ticker=ticker)
    surface = pygame.Surface(size)
    surface.fill(BACKGROUND)
    urgent = template_of(slide) == "urgent"
    draw_header(surface, layout, company=company, now=now, lang=slide.lang, fonts=fonts,
                accent=URGENT if urgent else ACCENT,
                background=URGENT_HEADER if urgent else HEADER)
    if slide.image is not None and slide.video is None and image is None:
        if media_dir is None:
            raise RenderError(f"image slide '{slide.title}' needs media_dir or image")
        image = load_image(media_dir / slide.image.path)
    draw(Canvas(surface, layout, slide, now, fonts, image, fit_mode))
    draw_progress(surface, layout, 0.0, background=BACKGROUND)
    if ticker:
        surface.fill(TICKER_BG, layout.ticker)
    return surface


def draw_text_block(surface: pygame.Surface, layout: Layout, box: pygame.Rect, title: str,
                    text: str, fonts: Fonts, *, meta: str = "",
                    lang: str = "") -> list[pygame.Rect]:
    """Title, ``meta`` and Markdown text sized together to fit ``box`` at the screen's type
    scale (``templates.base.text_sizes``); returns the placed rectangles. The templates'
    own text block, for callers that have no slide (tests, previews of a text)."""
    blocks = parse_markdown(text)
    if meta:
        blocks.insert(0, Block((Run(meta, bold=True),), accent=True))
    title_max, body_max, min_size = text_sizes(layout)
    fitted = fit(title, blocks, fonts, box.size, title_max=title_max, body_max=body_max,
                 min_size=min_size, lang=lang)
    placed = draw_layout(surface, fitted.title, box, fonts, TEXT)
    if fitted.body.lines:
        top = box.top + fitted.title.height + fitted.gap
        placed += draw_layout(surface, fitted.body, box, fonts, TEXT, top=top,
                              marker_color=ACCENT, accent_color=ACCENT)
    return placed


def render_slide(slide: SlideLike, size: tuple[int, int], *, now: datetime, company: str,
                 ticker: str = "", progress: float = 0.0, fonts: Fonts | None = None,
                 media_dir: Path | None = None, image: pygame.Surface | None = None,
                 fit_mode: Fit = "contain", ticker_elapsed: float = 0.0) -> pygame.Surface:
    """The whole slide as a passer-by sees it at ``now``: static part, ticker, progress."""
    fonts = fonts or default_fonts()
    surface = render_static(slide, size, now=now, company=company, ticker=bool(ticker.strip()),
                            fonts=fonts, media_dir=media_dir, image=image, fit_mode=fit_mode)
    layout = compute_layout(size, ticker=bool(ticker.strip()))
    if ticker.strip():
        Ticker(ticker, layout, fonts).draw(surface, ticker_elapsed)
    draw_progress(surface, layout, progress, background=BACKGROUND,
                  accent=URGENT if slide.priority == "urgent" else ACCENT)
    return surface


def rotate_output(surface: pygame.Surface, rotation: int) -> pygame.Surface:
    """The picture turned clockwise by ``rotation`` (0/90/180/270) for a monitor mounted on
    its side; 0 returns ``surface`` itself. Same convention as ``transitions.map_rect``."""
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation must be 0, 90, 180 or 270, got {rotation}")
    if rotation == 0:
        return surface
    return pygame.transform.rotate(surface, -rotation)
