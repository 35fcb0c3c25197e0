"""The colours every Jarshy output shares: screens, posters and the digest e-mail.

Where it sits: a leaf module with no imports, so the player's renderer
(``signage.render.layout`` re-exports these for the slide templates) and the site's
printed and mailed outputs (``site_gen.kindhtml``: posters and the digest) take the same
numbers from one place. ``site_gen`` may import ``signage``; never the other way round
(``tests/test_boundaries.py``). Values are sRGB triples; :func:`css` writes one for CSS.
"""

from __future__ import annotations

Color = tuple[int, int, int]

# A calm palette: deep blue ground, warm white text, one gold accent, red only for urgent.
BACKGROUND: Color = (14, 34, 51)
PANEL: Color = (21, 48, 74)
HEADER: Color = (9, 24, 38)
TEXT: Color = (243, 246, 249)
MUTED: Color = (169, 188, 207)
ACCENT: Color = (232, 176, 75)
URGENT: Color = (214, 69, 69)
URGENT_BG: Color = (168, 30, 38)  # the urgent template's ground: white text on it is 6.7:1
URGENT_HEADER: Color = (112, 16, 24)
URGENT_TEXT: Color = (255, 226, 170)  # the date/place line and list marks on the alert red
FESTIVE: Color = (92, 36, 64)  # the congratulation template's ground: plum under the gold
TICKER_BG: Color = (9, 24, 38)
TICKER_TEXT: Color = (230, 236, 242)
QR_DARK: Color = (9, 24, 38)
QR_LIGHT: Color = (255, 255, 255)


def css(color: Color) -> str:
    """``rgb(168, 30, 38)``: the form Chromium's computed style reports, for comparisons."""
    r, g, b = color
    return f"rgb({r}, {g}, {b})"
