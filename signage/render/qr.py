"""QR codes to an item's intranet page, drawn straight from segno's module matrix.

Called by ``slide.py``. No PIL: the matrix is painted one pixel per module onto a tiny
surface and scaled up by a whole number with nearest-neighbour scaling, so modules stay
sharp squares that a phone camera reads from across a canteen.
"""

from __future__ import annotations

import functools

import pygame
import segno

from signage.render.layout import QR_DARK, QR_LIGHT

QUIET_ZONE = 2  # modules of white around the code; the light box the slide draws adds more
Color = tuple[int, int, int]


@functools.lru_cache(maxsize=64)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix (True = dark) of ``url``, error correction M, no quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def qr_surface(url: str, max_side: int, *, dark: Color = QR_DARK,
               light: Color = QR_LIGHT, quiet: int = QUIET_ZONE) -> pygame.Surface:
    """A square QR code of ``url`` at most ``max_side`` pixels, whole-pixel modules.

    The result is ``(modules + 2 * quiet) * k`` pixels wide for the largest whole ``k``
    that fits (at least 1, so a tiny preview may exceed ``max_side`` rather than blur).
    """
    matrix = qr_matrix(url)
    n = len(matrix) + 2 * quiet
    small = pygame.Surface((n, n))
    small.fill(light)
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                small.set_at((x + quiet, y + quiet), dark)
    k = max(1, max_side // n)
    return pygame.transform.scale(small, (n * k, n * k))
