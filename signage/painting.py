"""Painting the screen: what the display shows of the current slide at each frame.

Where it sits: a part of :class:`signage.player.Player` (a mixin, so the loop keeps one
object for its state) that turns the current prepared slide into pixels on the display:
the whole picture at a boundary, then only what changes (the clock once a minute, the
progress mark once a second, the ticker strip every frame, a video's box, the
maintenance panel), each turned for a monitor on its side. It reads no clock: the loop
passes ``now`` and ``t``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pygame

from .prepare import Prepared, Preparer, overlay_surface
from .render import Fonts, clock_rect, draw_clock, draw_progress, rotate_output
from .render.layout import ACCENT, BACKGROUND, URGENT
from .transitions import Transition, map_rect


class Painting:
    """The drawing half of the player; the loop owns the state it reads."""

    display: pygame.Surface
    fonts: Fonts
    preparer: Preparer
    rotation: int
    logical: tuple[int, int]
    cur: Prepared | None
    trans: Transition | None
    overlay: bool
    t0: float
    cur_start: float
    _last_clock: str
    _last_progress: int
    opt_allow_quit: bool

    def status(self, now: datetime, t: float) -> Mapping[str, object]:
        raise NotImplementedError

    def _paint_all(self, now: datetime, t: float) -> None:
        """Bring the current canvas up to date (clock, progress, ticker, first video frame)."""
        cur = self.cur
        assert cur is not None
        self._last_clock = ""
        if cur.kind == "slide":
            draw_clock(cur.canvas, cur.layout, now, self.fonts)
            self._last_clock = f"{now:%H:%M}"
            draw_progress(cur.canvas, cur.layout, 0.0, background=BACKGROUND,
                          accent=self._accent())
            if cur.ticker is not None:
                cur.ticker.draw(cur.canvas, t - self.t0)
            if cur.video is not None and cur.video_rect is not None:
                self._blit_video(cur.video.first_surface())

    def _accent(self) -> tuple[int, int, int]:
        slide = self.cur.slide if self.cur is not None else None
        return URGENT if slide is not None and slide.urgent else ACCENT

    def _blit_video(self, frame: pygame.Surface) -> pygame.Rect:
        cur = self.cur
        assert cur is not None and cur.video_rect is not None
        box = cur.video_rect
        return cur.canvas.blit(frame, frame.get_rect(center=box.center))

    def _present(self, rect: pygame.Rect, dirty: list[pygame.Rect]) -> None:
        cur = self.cur
        assert cur is not None
        if self.rotation == 0:
            self.display.blit(cur.canvas, rect.topleft, rect)
            dirty.append(rect)
            return
        piece = rotate_output(cur.canvas.subsurface(rect.clip(cur.canvas.get_rect())),
                              self.rotation)
        target = map_rect(rect, self.logical, self.rotation)
        self.display.blit(piece, target.topleft)
        dirty.append(target)

    def _draw(self, now: datetime, t: float) -> list[pygame.Rect]:
        cur = self.cur
        assert cur is not None
        dirty: list[pygame.Rect] = []
        if cur.video is not None:
            frame = cur.video.frame_at(t - self.cur_start)
            if frame is not None:
                rect = self._blit_video(frame)
                if self.trans is None:
                    self._present(rect, dirty)
        if self.trans is not None:
            if self.trans.draw(self.display, t):
                self.trans = None
            dirty = [self.display.get_rect()]
        elif cur.kind != "slide":
            stamp = f"{now:%H:%M}"
            if cur.kind != "night" or cur.dim:
                if stamp != self._last_clock:
                    self._last_clock = stamp
                    fresh = (self.preparer.fallback(now, cur.version, dim=cur.dim, kind=cur.kind))
                    cur.canvas = fresh.canvas
                    self._present(cur.canvas.get_rect(), dirty)
        else:
            stamp = f"{now:%H:%M}"
            if stamp != self._last_clock:
                self._last_clock = stamp
                draw_clock(cur.canvas, cur.layout, now, self.fonts)
                self._present(clock_rect(cur.layout), dirty)
            second = int(t - self.cur_start)
            if second != self._last_progress or cur.ticker is not None:
                self._last_progress = second
                p = (t - self.cur_start) / cur.duration if cur.duration else 0.0
                self._present(draw_progress(cur.canvas, cur.layout, p, background=BACKGROUND,
                                            accent=self._accent()), dirty)
        if cur.ticker is not None:
            rect = cur.ticker.draw(cur.canvas, t - self.t0)
            self._present(rect, dirty)
        if self.overlay:
            dirty += self._draw_overlay(now, t)
        return dirty

    def _draw_overlay(self, now: datetime, t: float) -> list[pygame.Rect]:
        st = self.status(now, t)
        panel, rect = overlay_surface(st, self.logical, self.fonts, self.opt_allow_quit)
        piece = rotate_output(panel, self.rotation)
        target = map_rect(rect, self.logical, self.rotation)
        self.display.blit(piece, target.topleft)
        return [target]
