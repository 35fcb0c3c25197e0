"""Slide rendering for the kiosk player and for previews: slide → ``pygame.Surface``.

Flow: ``signage.schedule`` picks a :class:`~signage.render.slide.SlideLike`; the player
calls :func:`render_static` once per slide and then, on a copy, :func:`draw_clock` (once
a second), :meth:`Ticker.draw` (every frame, its strip only) and :func:`draw_progress`;
:func:`rotate_output` turns the finished frame for a monitor on its side. Previews call
:func:`render_slide` for the whole picture. When nothing is eligible the player shows
:func:`render_fallback`. Importing this package does not initialise pygame; fonts are
opened lazily through :class:`Fonts` (``Fonts.find()`` checks every Kazakh letter).
"""

from signage.render.chrome import Ticker, clock_rect, draw_clock, draw_progress, format_date
from signage.render.fallback import render_fallback
from signage.render.fonts import (
    FontCheck,
    FontError,
    FontFamily,
    Fonts,
    ShapeProblem,
    check_fonts,
    check_kazakh_shapes,
    default_fonts,
)
from signage.render.layout import BACKGROUND, Layout, compute_layout
from signage.render.qr import qr_matrix, qr_surface
from signage.render.slide import (
    RenderError,
    SlideLike,
    fit_image,
    load_image,
    media_rect,
    render_slide,
    render_static,
    rotate_output,
    slide_layout,
)

__all__ = [
    "BACKGROUND", "FontCheck", "FontError", "FontFamily", "Fonts", "Layout", "RenderError",
    "ShapeProblem", "SlideLike", "Ticker", "check_fonts", "check_kazakh_shapes", "clock_rect",
    "compute_layout", "default_fonts", "draw_clock", "draw_progress", "fit_image", "format_date",
    "load_image", "media_rect", "qr_matrix", "qr_surface", "render_fallback", "render_slide",
    "render_static", "rotate_output", "slide_layout",
]
