"""The calm slide shown when nothing is eligible, and the dim slide for night hours.

Called by the player instead of a black screen: when the playlist is empty, when every
slide failed, when the clock is implausible, and (``dim=True``) outside on-hours on a
screen configured to dim. Both languages, Kazakh first: company name, a large clock and
the date. Cheap enough to redraw whole once a second.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from signage.render.chrome import format_clock, format_date
from signage.render.fonts import Fonts, default_fonts
from signage.render.layout import ACCENT, BACKGROUND, MUTED, TEXT, compute_layout
from signage.render.text import Color

DIM_BACKGROUND: Color = (4, 8, 12)
DIM_TEXT: Color = (62, 72, 84)


def _line(fonts: Fonts, text: str, size: int, width: int, color: Color, *,
          bold: bool = False) -> pygame.Surface:
    font = fonts.get(size, bold=bold)
    while size > 6 and font.size(text)[0] > width:
        size = max(6, int(size * 0.9))
        font = fonts.get(size, bold=bold)
    return font.render(text, True, color)


def _stack(surface: pygame.Surface, lines: list[tuple[pygame.Surface, int]],
           center: tuple[int, int]) -> None:
    """Blit ``(image, gap_after)`` lines centred as one block around ``center``."""
    total = sum(img.get_height() + gap for img, gap in lines) - (lines[-1][1] if lines else 0)
    y = center[1] - total // 2
    for img, gap in lines:
        surface.blit(img, img.get_rect(midtop=(center[0], y)))
        y += img.get_height() + gap


def render_fallback(size: tuple[int, int], *, now: datetime, company_kk: str,
                    company_ru: str, dim: bool = False,
                    fonts: Fonts | None = None) -> pygame.Surface:
    """The fallback slide at ``now`` (company-local time); ``dim`` for night hours."""
    fonts = fonts or default_fonts()
    layout = compute_layout(size, ticker=False)
    w, h = size
    width = w - 2 * layout.px(64)
    surface = pygame.Surface(size)
    if dim:
        surface.fill(DIM_BACKGROUND)
        lines = [(_line(fonts, format_clock(now), layout.px(150), width, DIM_TEXT, bold=True),
                  layout.px(12)),
                 (_line(fonts, format_date(now, "kk"), layout.px(34), width, DIM_TEXT), 0)]
        # Move the block a little every hour so nothing sits on the same pixels all night.
        step = layout.px(40)
        dx = ((now.hour * 7) % 5 - 2) * step
        dy = ((now.hour * 3) % 5 - 2) * step
        _stack(surface, lines, (w // 2 + dx, h // 2 + dy))
        return surface
    surface.fill(BACKGROUND)
    rule = pygame.Surface((layout.px(120), layout.px(4)))
    rule.fill(ACCENT)
    lines = []
    if company_kk:
        lines.append((_line(fonts, company_kk, layout.px(64), width, TEXT, bold=True),
                      layout.px(10)))
    if company_ru and company_ru != company_kk:
        lines.append((_line(fonts, company_ru, layout.px(40), width, MUTED), layout.px(10)))
    lines.append((rule, layout.px(40)))
    lines.append((_line(fonts, format_clock(now), layout.px(190), width, TEXT, bold=True),
                  layout.px(24)))
    lines.append((_line(fonts, format_date(now, "kk"), layout.px(44), width, TEXT),
                  layout.px(8)))
    lines.append((_line(fonts, format_date(now, "ru"), layout.px(36), width, MUTED), 0))
    _stack(surface, lines, (w // 2, h // 2))
    return surface
