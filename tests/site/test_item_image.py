"""An item's picture is shown under its title, loaded from the site itself, with its alt text."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

ITEM = "news/2026-11-18-shygys-110"


@pytest.mark.parametrize(("lang", "alt_word"), [("kk", "трансформатор"),
                                                ("ru", "трансформатор")])
def test_item_picture_loads_under_the_title(page: Any, site_url: str, lang: str,
                                            alt_word: str) -> None:
    page.goto(f"{site_url}{lang}/{ITEM}/")
    img = page.locator("article figure.jarshy-figure img")
    assert img.count() == 1
    assert alt_word in (img.get_attribute("alt") or "")
    assert page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle())
    title_box = page.locator("article h1").first.bounding_box()
    assert img.bounding_box()["y"] > title_box["y"]
