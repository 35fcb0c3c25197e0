"""Transitions between two prepared slides, and the geometry of a rotated output.

Where it sits: ``signage.player`` prepares the next slide as a full-screen surface before the
current one ends, then drives a :class:`Transition` frame by frame with the time it read from
its clock. Nothing here reads a clock or touches the display on its own: each call draws onto
the surface it is given and returns whether the transition is over.

Crossfade is opaque (``set_alpha`` on a surface without per-pixel alpha) and incremental:
one full blend a frame, which the benchmark measures at 1920x1080 and 3840x2160 with
software rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pygame

Kind = Literal["crossfade", "cut"]
KINDS: tuple[Kind, ...] = ("crossfade", "cut")
CROSSFADE_SECONDS = 0.8


@dataclass(slots=True)
class Transition:
    """From what the screen shows now to ``new`` (at the display's size and orientation).

    The crossfade is incremental: the screen already holds the old picture, so each frame
    blends ``new`` over what is there with the alpha that brings the new picture's share
    from the last frame's weight to this frame's. One blend per frame instead of a copy and
    a blend, and no copy of the old picture at the boundary; the last frame blits ``new``
    whole, so rounding never lingers.
    """

    new: pygame.Surface
    start: float
    kind: Kind = "crossfade"
    seconds: float = CROSSFADE_SECONDS
    shown: float = 0.0  # weight of the new picture on screen so far

    def progress(self, t: float) -> float:
        if self.kind == "cut" or self.seconds <= 0:
            return 1.0
        return min(1.0, max(0.0, (t - self.start) / self.seconds))

    def draw(self, screen: pygame.Surface, t: float) -> bool:
        """Draw the frame due at ``t``; True once the new slide is fully on screen."""
        p = self.progress(t)
        if p >= 1.0:
            self.new.set_alpha(None)
            screen.blit(self.new, (0, 0))
            self.shown = 1.0
            return True
        # Smoothstep: the change starts and ends gently, which reads calmer on a big screen.
        weight = p * p * (3.0 - 2.0 * p)
        step = (weight - self.shown) / (1.0 - self.shown) if self.shown < 1.0 else 1.0
        alpha = round(255 * step)
        if alpha >= 255:
            # An opaque blit: SDL's blend with a surface alpha of exactly 255 takes a slow
            # generic path (28 ms at 1920x1080 here, against 1.4 ms for 254).
            self.new.set_alpha(None)
            screen.blit(self.new, (0, 0))
            self.shown = 1.0
        elif alpha > 0:
            self.new.set_alpha(alpha)
            screen.blit(self.new, (0, 0))
            self.new.set_alpha(None)
            self.shown += (1.0 - self.shown) * alpha / 255
        return False


def logical_size(display: tuple[int, int], rotation: int) -> tuple[int, int]:
    """The size slides are laid out at: the display's size turned back by ``rotation``."""
    w, h = display
    return (h, w) if rotation in (90, 270) else (w, h)


def map_rect(rect: pygame.Rect, logical: tuple[int, int], rotation: int) -> pygame.Rect:
    """Where a rectangle of the logical (unrotated) slide lands on the rotated output.

    Matches a clockwise turn of the picture by ``rotation`` degrees (what a monitor mounted on
    its side needs), i.e. ``pygame.transform.rotate(surface, -rotation)``.
    """
    w, h = logical
    x, y, rw, rh = rect.x, rect.y, rect.w, rect.h
    if rotation == 90:
        return pygame.Rect(h - y - rh, x, rh, rw)
    if rotation == 180:
        return pygame.Rect(w - x - rw, h - y - rh, rw, rh)
    if rotation == 270:
        return pygame.Rect(y, w - x - rw, rh, rw)
    return pygame.Rect(x, y, rw, rh)
