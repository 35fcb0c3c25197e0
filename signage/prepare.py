"""Slide preparation: the next picture, made ready before it is due.

Where it sits: ``signage.player`` asks a :class:`Preparer` for the next slide while the
current one is still on screen, so the boundary costs nothing but a crossfade. This module
calls ``signage.render`` for pictures and ``signage.video`` for clips; it never reads a clock
(``now`` is passed in) and never touches the display. A slide that cannot be prepared raises
its own error (``RenderError``, ``VideoError``, ``pygame.error``, ``OSError``); the loop
decides what to show instead.

Static pictures are cached by (slide, bundle version, day) within a pixel budget: the clock,
progress mark and ticker are repainted on top at show time, so a cached picture is never stale,
and a kiosk that shows the same ten slides all day renders each of them once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import pygame

from .render import (
    Fonts,
    Layout,
    Ticker,
    compute_layout,
    media_rect,
    render_fallback,
    render_static,
)
from .schedule import Slide
from .video import VideoStream, open_video

Kind = Literal["slide", "fallback", "night"]
CACHE_BYTES = 96 * 2**20  # a dozen 1920x1080 pictures, or three at 3840x2160
VIDEO_MIN_SECONDS = 3.0
VIDEO_MAX_SECONDS = 120.0


@dataclass(eq=False)
class Prepared:
    """One slide ready to show: its static picture at the logical (unrotated) size."""

    key: str  # "news/x/kk", "fallback", "night"
    kind: Kind
    canvas: pygame.Surface
    layout: Layout
    duration: float  # seconds
    version: str  # bundle version ("" when there is no bundle)
    slide: Slide | None = None
    video: VideoStream | None = None
    video_rect: pygame.Rect | None = None
    dim: bool = False
    ticker: Ticker | None = None

    def close(self) -> None:
        if self.video is not None:
            self.video.close()
            self.video = None


def ticker_text(tickers: Mapping[str, str]) -> str:
    """The screen's ticker in both languages, Kazakh first, as one repeating line."""
    parts = [" ".join(tickers[lang].split()) for lang in ("kk", "ru")
             if tickers.get(lang, "").strip()]
    return Ticker.GAP.join(dict.fromkeys(parts))


def slide_key(slide: Slide) -> str:
    return f"{slide.item_id}/{slide.lang}"


class Preparer:
    """Makes :class:`Prepared` slides for one screen size and one set of fonts."""

    def __init__(self, size: tuple[int, int], fonts: Fonts, *, company: Mapping[str, str],
                 tickers: Mapping[str, str], cache_bytes: int = CACHE_BYTES) -> None:
        self.size = size
        self.fonts = fonts
        self.company = dict(company)
        self.ticker_text = ticker_text(tickers)
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple[str, str, str], pygame.Surface] = OrderedDict()
        self._ticker: Ticker | None = None

    def configure(self, *, company: Mapping[str, str], tickers: Mapping[str, str]) -> None:
        """A new bundle may rename the company or change the ticker: drop what depends on it."""
        text = ticker_text(tickers)
        if dict(company) != self.company or text != self.ticker_text:
            self.company = dict(company)
            self.ticker_text = text
            self._cache.clear()
            self._ticker = None

    def ticker(self, layout: Layout) -> Ticker | None:
        """One ticker for every slide, so it scrolls on at a constant speed across slides."""
        if not self.ticker_text or not layout.has_ticker:
            return None
        if self._ticker is None:
            self._ticker = Ticker(self.ticker_text, layout, self.fonts)
        return self._ticker

    def slide(self, slide: Slide, media_dir: Path | None, now: datetime,
              version: str) -> Prepared:
        has_ticker = bool(self.ticker_text)
        layout = compute_layout(self.size, ticker=has_ticker)
        key = (slide_key(slide), version, now.date().isoformat())
        canvas = self._cache.get(key)
        if canvas is None:
            canvas = render_static(slide, self.size, now=now,
                                   company=self.company.get(slide.lang, ""),
                                   ticker=has_ticker, fonts=self.fonts, media_dir=media_dir)
            canvas = _display_format(canvas)
            self._remember(key, canvas)
        else:
            self._cache.move_to_end(key)
        prepared = Prepared(slide_key(slide), "slide", canvas, layout, float(slide.duration),
                            version, slide=slide,
                            ticker=self.ticker(layout))
        if slide.video is not None:
            rect = media_rect(slide, self.size, ticker=has_ticker)
            if rect is None or media_dir is None:
                raise ValueError(f"video slide {prepared.key} has no place for the picture")
            video = open_video(media_dir / slide.video.path, rect.size)
            prepared.video = video
            prepared.video_rect = rect
            if video.duration:
                # The loop ends the slide right after the clip's last frame; the extra second
                # only lets a clip that slipped behind on a busy PC finish.
                prepared.duration = min(VIDEO_MAX_SECONDS,
                                        max(VIDEO_MIN_SECONDS, video.duration + 1.0))
        return prepared

    def fallback(self, now: datetime, version: str, *, dim: bool = False,
                 kind: Kind = "fallback") -> Prepared:
        """The calm slide (company, clock, date in both languages); ``dim`` for night."""
        canvas = _display_format(render_fallback(
            self.size, now=now, company_kk=self.company.get("kk", ""),
            company_ru=self.company.get("ru", ""), dim=dim, fonts=self.fonts))
        layout = compute_layout(self.size, ticker=False)
        return Prepared(kind, kind, canvas, layout, 60.0, version, dim=dim)

    def dark(self, version: str) -> Prepared:
        canvas = _display_format(pygame.Surface(self.size))
        canvas.fill((0, 0, 0))
        return Prepared("night", "night", canvas, compute_layout(self.size, ticker=False), 60.0,
                        version)

    def _remember(self, key: tuple[str, str, str], canvas: pygame.Surface) -> None:
        # Pictures of an older bundle or an earlier day are never shown again: drop them
        # at once instead of letting them fill the budget (the soak showed a week of
        # hourly bundles holding ~100 MB of stale pictures on a small kiosk PC).
        for old in [k for k in self._cache if k[1:] != key[1:]]:
            del self._cache[old]
        self._cache[key] = canvas
        while len(self._cache) > 1 and self._bytes() > self.cache_bytes:
            self._cache.popitem(last=False)

    def _bytes(self) -> int:
        return sum(s.get_width() * s.get_height() * s.get_bytesize()
                   for s in self._cache.values())


def _display_format(surface: pygame.Surface) -> pygame.Surface:
    """Convert to the display's pixel format when there is a display (blits get cheaper)."""
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        return surface.convert()
    return surface


def overlay_surface(status: Mapping[str, object], size: tuple[int, int], fonts: Fonts,
                    allow_quit: bool) -> tuple[pygame.Surface, pygame.Rect]:
    """The maintenance panel (F1 or M): what ``status.json`` says, in a box mid-screen."""
    def text(value: object) -> str:
        return "" if value is None else str(value)

    bundle = status.get("bundle")
    sync = status.get("sync")
    current = status.get("current")
    clock = status.get("clock")
    lines = [f"Jarshy · {text(status.get('screen'))} · {text(status.get('updated_at'))}",
             f"mode: {text(status.get('mode'))}   fps: {text(status.get('fps'))}"]
    if isinstance(bundle, Mapping):
        lines.append(f"bundle: {text(bundle.get('version'))[:12]}  made "
                     f"{text(bundle.get('generated_at'))}  items {text(bundle.get('items'))}")
    else:
        lines.append("bundle: none yet")
    if isinstance(sync, Mapping):
        lines.append(f"sync: {text(sync.get('result'))} {text(sync.get('at'))} "
                     f"{text(sync.get('message'))}"[:120])
        lines.append(f"source: {text(sync.get('source'))}")
    if isinstance(clock, Mapping) and clock.get("problem"):
        lines.append(f"clock: {text(clock.get('problem'))}"[:120])
    if isinstance(current, Mapping):
        lines.append(f"now: {text(current.get('item') or current.get('kind'))} "
                     f"{text(current.get('lang'))}")
    errors = status.get("errors_last_hour")
    if isinstance(errors, list):
        lines.append(f"errors in the last hour: {len(errors)}")
        lines += [f"  {text(e.get('count'))}× {text(e.get('message'))}"[:120]
                  for e in errors[:5] if isinstance(e, Mapping)]
    lines.append("F1/M: close" + ("   Esc/Q: quit" if allow_quit else ""))
    short = min(size)
    font = fonts.get(max(12, short // 40))
    line_h = font.get_linesize()
    pad = line_h
    width = min(size[0] - 2 * pad, max(font.size(line)[0] for line in lines) + 2 * pad)
    height = min(size[1] - 2 * pad, line_h * len(lines) + 2 * pad)
    panel = pygame.Surface((max(1, width), max(1, height)))
    panel.fill((5, 12, 20))
    pygame.draw.rect(panel, (232, 176, 75), panel.get_rect(), max(1, short // 360))
    for i, line in enumerate(lines):
        panel.blit(font.render(line, True, (235, 240, 245)), (pad, pad + i * line_h))
    rect = panel.get_rect(center=(size[0] // 2, size[1] // 2))
    return panel, rect
