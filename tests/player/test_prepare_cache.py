"""The player's picture cache keeps only what can still be shown: this bundle, today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pygame

from signage.prepare import Preparer
from signage.render import Fonts
from signage.schedule import Slide


def slide(n: int) -> Slide:
    return Slide(item_id=f"news/item-{n}", lang="kk", kind="article", title=f"Жаңалық {n}",
                 text="Қысқа мәтін", body="", duration=10, priority="normal", image=None,
                 video=None, url=f"/kk/news/item-{n}/", screen_id="canteen")


def test_a_new_bundle_or_day_drops_older_pictures(
        fonts: Fonts, display: Callable[[tuple[int, int]], pygame.Surface],
        at: Callable[..., datetime]) -> None:
    display((320, 180))
    prep = Preparer((320, 180), fonts, company={"kk": "Жарық"}, tickers={})
    noon = at(12)
    for n in range(3):
        prep.slide(slide(n), None, noon, "bundle-a")
    assert {k[1] for k in prep._cache} == {"bundle-a"} and len(prep._cache) == 3
    first = prep._cache[("news/item-0/kk", "bundle-a", "2026-11-23")]
    assert prep.slide(slide(0), None, noon, "bundle-a").canvas is first  # reused, not redrawn
    assert len(prep._cache) == 3
    prep.slide(slide(0), None, noon, "bundle-b")
    assert [k[1] for k in prep._cache] == ["bundle-b"]
    prep.slide(slide(1), None, at(9, day=24), "bundle-b")
    assert [k[2] for k in prep._cache] == ["2026-11-24"]
