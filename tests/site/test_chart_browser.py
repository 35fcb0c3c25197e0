"""A chart's inline SVG as a reader's browser draws it, against a golden picture.

It lives beside the site tests to share their one Chromium (a second Playwright instance
in the same run breaks the browser tests after it).
"""

from __future__ import annotations

import io
from typing import Any

import pygame
import pytest

from site_gen.charts import bar_chart
from tests.golden.compare import assert_matches_golden

pytestmark = pytest.mark.browser


def test_chart_looks_right_in_chromium(_browser: Any) -> None:
    svg = bar_chart(["Қаңтар", "Ақпан", "Наурыз"], {"2025": [12, 15, 9.5], "2026": [10, 11, 8]},
                    lang="kk", title="Ажыратулар саны", x_label="Ай", y_label="Саны")
    page = _browser.new_page(viewport={"width": 480, "height": 300})
    try:
        page.set_content(f'<body style="margin:0;width:480px">{svg}</body>')
        png = page.locator("svg").screenshot()
    finally:
        page.close()
    assert_matches_golden("chart_kk_bar", pygame.image.load(io.BytesIO(png)))
