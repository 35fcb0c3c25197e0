"""One slide → one ``pygame.Surface``: the entry point of ``signage.render``.

Called by the player (``render_static`` once per slide, then the ``draw_*`` pieces of
``chrome.py`` for what changes) and by previews (``render_slide`` for a whole picture).
Pure apart from reading the slide's image file: the clock is passed in as ``now``
(company-local time), so golden tests pin it. A slide that cannot be drawn raises
:class:`RenderError` with one line saying why; the player skips it and logs that line.
"""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

import pygame

from signage.render.chrome import Ticker, draw_header, draw_progress, format_clock, format_date
from signage.render.fonts import Fonts, default_fonts
from signage.render.layout import (
    ACCENT,
    BACKGROUND,
    PANEL,
    QR_LIGHT,
    TEXT,
    TICKER_BG,
    URGENT,
    ContentAreas,
    Layout,
    compute_layout,
    content_areas,
)
from signage.render.qr import qr_surface
from signage.render.table import TableLike, draw_table
from signage.render.text import Block, Run, draw_layout, fit, parse_markdown

Fit = Literal["contain", "cover"]
# The most pixels a picture may have to be decoded (4096×4096, 64 MB at 32 bits): more than
# a 3840×2160 screen shows. The build sends screen-sized copies; this guards the player.
PICTURE_PIXEL_BUDGET = 4096 * 4096
URGENT_LABEL = {"kk": "Шұғыл", "ru": "Срочно"}  # GLOSSARY.md


class RenderError(RuntimeError):
    """A slide that cannot be drawn (unreadable image…); the message is one line."""


class MediaRef(Protocol):
    """A media file of the bundle (``signage.bundle.Media``): path relative to the bundle."""

    @property
    def path(self) -> str: ...


class SlideLike(Protocol):
    """What the renderer reads from a slide (``signage.schedule.Slide`` has these)."""

    @property
    def lang(self) -> str: ...
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


def slide_layout(slide: SlideLike, size: tuple[int, int], *,
                 ticker: bool = False) -> tuple[Layout, ContentAreas]:
    """The layout of ``slide`` on a ``size`` screen; ``areas.media`` is where a video goes."""
    layout = compute_layout(size, ticker=ticker)
    has_media = slide.image is not None or slide.video is not None
    return layout, content_areas(layout, media=has_media, qr=bool(slide.url))


def media_rect(slide: SlideLike, size: tuple[int, int], *,
               ticker: bool = False) -> pygame.Rect | None:
    """Where the player blits video frames (scaled with :func:`fit_image`), or None."""
    return slide_layout(slide, size, ticker=ticker)[1].media


def picture_size(path: Path) -> tuple[int, int]:
    """A picture's width and height from its header alone: Pillow's ``Image.open`` reads
    the header and decodes nothing until asked. :class:`RenderError` when it is not a
    picture Pillow knows, or claims more pixels than Pillow's own hard limit."""
    from PIL import Image, UnidentifiedImageError  # only when a picture is shown

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                return img.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RenderError(f"image {path} has more pixels than the player's budget of "
                          f"{PICTURE_PIXEL_BUDGET} pixels; skipped") from None
    except UnidentifiedImageError as exc:
        raise RenderError(f"cannot read image {path}: not a picture") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise RenderError(f"cannot read image {path}: {exc}") from exc


def load_image(path: Path, budget: int = PICTURE_PIXEL_BUDGET) -> pygame.Surface:
    """Read a PNG or JPEG; :class:`RenderError` (one line) when it cannot be read, or when
    its header claims more than ``budget`` pixels: pygame decodes with no limit, so the
    size is read first and a decompression bomb is never decoded."""
    width, height = picture_size(path)
    if width * height > budget:
        raise RenderError(f"image {path} is {width}x{height} pixels, more than the player's "
                          f"budget of {budget} pixels; skipped")
    try:
        img = pygame.image.load(str(path))
    except (OSError, pygame.error) as exc:  # pygame raises its own error for bad data
        raise RenderError(f"cannot read image {path}: {exc}") from exc
    if img.get_width() == 0 or img.get_height() == 0:
        raise RenderError(f"image {path} is empty (0 pixels)")
    return img


def fit_image(img: pygame.Surface, box: tuple[int, int], mode: Fit = "contain") -> pygame.Surface:
    """``img`` scaled to ``box``: "contain" shows all of it (smaller, centred by the caller),
    "cover" fills the box and crops the overflow around the centre."""
    bw, bh = box
    iw, ih = img.get_size()
    scale = min(bw / iw, bh / ih) if mode == "contain" else max(bw / iw, bh / ih)
    w, h = max(1, round(iw * scale)), max(1, round(ih * scale))
    if img.get_bitsize() < 24:  # palette PNGs: smoothscale needs 24 or 32 bits per pixel
        deep = pygame.Surface(img.get_size(), pygame.SRCALPHA)
        deep.blit(img, (0, 0))
        img = deep
    scaled = pygame.transform.smoothscale(img, (w, h))
    if mode == "cover":
        crop = pygame.Rect((w - bw) // 2, (h - bh) // 2, min(bw, w), min(bh, h))
        return scaled.subsurface(crop).copy()
    return scaled


def _draw_picture(surface: pygame.Surface, rect: pygame.Rect, img: pygame.Surface,
                  mode: Fit) -> None:
    surface.fill(PANEL, rect)
    pic = fit_image(img, rect.size, mode)
    surface.blit(pic, pic.get_rect(center=rect.center))


def _draw_qr(surface: pygame.Surface, layout: Layout, rect: pygame.Rect, url: str) -> None:
    pad = layout.px(12)
    box = rect.copy()
    surface.fill(QR_LIGHT, box)
    code = qr_surface(url, box.width - 2 * pad)
    surface.blit(code, code.get_rect(center=box.center))


def _draw_badge(surface: pygame.Surface, layout: Layout, rect: pygame.Rect, label: str,
                fonts: Fonts) -> int:
    font = fonts.get(layout.px(30), bold=True)
    img = font.render(label.upper(), True, TEXT)
    pad_x, pad_y = layout.px(18), layout.px(6)
    badge = pygame.Rect(rect.left, rect.top, img.get_width() + 2 * pad_x,
                        img.get_height() + 2 * pad_y)
    pygame.draw.rect(surface, URGENT, badge, border_radius=layout.px(8))
    surface.blit(img, (badge.left + pad_x, badge.top + pad_y))
    return badge.height + layout.px(24)


def event_line(slide: SlideLike, now: datetime) -> str:
    """"28 қараша, сенбі, 10:00 · Мәжіліс залы" for an event; "" for anything else."""
    parts: list[str] = []
    starts = slide.event_starts
    if starts is not None:
        if starts.tzinfo is not None and now.tzinfo is not None:
            starts = starts.astimezone(now.tzinfo)  # shown in company time, like the clock
        parts.append(f"{format_date(starts, slide.lang)}, {format_clock(starts)}")
    if slide.place.strip():
        parts.append(slide.place.strip())
    return " · ".join(parts)


def _slide_text(slide: SlideLike) -> str:
    """The screen text as Markdown. A text that only repeats the title (an item with no
    summary) is left out: the title then stands alone, large. The article body is never
    poured onto a screen."""
    text = slide.text.strip()
    return "" if text == slide.title.strip() else text


def render_static(slide: SlideLike, size: tuple[int, int], *, now: datetime, company: str,
                  ticker: bool = False, fonts: Fonts | None = None,
                  media_dir: Path | None = None, image: pygame.Surface | None = None,
                  fit_mode: Fit = "contain") -> pygame.Surface:
    """Everything of the slide except what moves: background, header with the date and the
    clock at ``now``, title, text, picture, QR code; an empty ticker strip (when ``ticker``)
    and an empty progress line. The player then calls ``draw_clock``, ``Ticker.draw`` and
    ``draw_progress`` on the copy it shows.

    The picture is ``image`` when given (an already loaded Surface), else
    ``media_dir / slide.image.path``. A video slide gets an empty panel where the player
    blits frames (see :func:`media_rect`).
    """
    fonts = fonts or default_fonts()
    layout, areas = slide_layout(slide, size, ticker=ticker)
    surface = pygame.Surface(size)
    surface.fill(BACKGROUND)
    urgent = slide.priority == "urgent"
    draw_header(surface, layout, company=company, now=now, lang=slide.lang, fonts=fonts,
                accent=URGENT if urgent else ACCENT)
    if areas.media is not None:
        if slide.image is not None and slide.video is None:
            if image is None:
                if media_dir is None:
                    raise RenderError(f"image slide '{slide.title}' needs media_dir or image")
                image = load_image(media_dir / slide.image.path)
            _draw_picture(surface, areas.media, image, fit_mode)
        else:
            surface.fill(PANEL, areas.media)  # frames are blitted here, centred, by the player
    if areas.qr is not None:
        _draw_qr(surface, layout, areas.qr, slide.url)
    box = areas.text.copy()
    if urgent:
        used = _draw_badge(surface, layout, box, URGENT_LABEL.get(slide.lang, "Шұғыл"), fonts)
        box.top += used
        box.height = max(1, box.height - used)
    if slide.table is not None and slide.table.rows:
        _draw_table_slide(surface, layout, box, slide, now, fonts)
    else:
        draw_text_block(surface, layout, box, slide.title, _slide_text(slide), fonts,
                        meta=event_line(slide, now), lang=slide.lang)
    draw_progress(surface, layout, 0.0, background=BACKGROUND)
    if ticker:
        surface.fill(TICKER_BG, layout.ticker)
    return surface


def _draw_table_slide(surface: pygame.Surface, layout: Layout, box: pygame.Rect,
                      slide: SlideLike, now: datetime, fonts: Fonts) -> None:
    """Title and screen text above, the table (overdue rows marked as of ``now``) below,
    in the whole text box: the title gets at most a third of it."""
    assert slide.table is not None
    head = pygame.Rect(box.left, box.top, box.width, max(1, box.height // 3))
    placed = draw_text_block(surface, layout, head, slide.title, _slide_text(slide), fonts,
                             meta=event_line(slide, now), lang=slide.lang)
    top = max((r.bottom for r in placed), default=box.top) + layout.px(28)
    rest = pygame.Rect(box.left, top, box.width, max(1, box.bottom - top))
    draw_table(surface, layout, rest, slide.table, now.date(), fonts)


def draw_text_block(surface: pygame.Surface, layout: Layout, box: pygame.Rect, title: str,
                    text: str, fonts: Fonts, *, meta: str = "",
                    lang: str = "") -> list[pygame.Rect]:
    """Title (bold, large), ``meta`` (an event's date and place, bold, in the accent colour)
    and the Markdown text, sized together to fit ``box``; returns the placed rectangles."""
    blocks = parse_markdown(text)
    if meta:
        blocks.insert(0, Block((Run(meta, bold=True),), accent=True))
    fitted = fit(title, blocks, fonts, box.size,
                 title_max=layout.px(84), body_max=layout.px(52), min_size=layout.px(26),
                 lang=lang)
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

