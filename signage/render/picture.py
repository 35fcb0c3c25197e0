"""Pictures of slides: read safely (a pixel budget before decoding) and scaled to a box.

Called by the templates (``signage.render.templates``) for an image slide and by the
player (through ``signage.render``) to scale video frames with :func:`fit_image`. A picture
that cannot be read raises :class:`RenderError` with one line saying why.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Literal

import pygame

Fit = Literal["contain", "cover"]
# The most pixels a picture may have to be decoded (4096×4096, 64 MB at 32 bits): more than
# a 3840×2160 screen shows. The build sends screen-sized copies; this guards the player.
PICTURE_PIXEL_BUDGET = 4096 * 4096


class RenderError(RuntimeError):
    """A slide that cannot be drawn (unreadable image…); the message is one line."""


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
