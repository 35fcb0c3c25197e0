"""Fixtures of the rendering tests: dummy SDL drivers, the packaged font, slides, a fixed clock."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable  # noqa: E402  (SDL must be told before pygame loads)
from datetime import datetime  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from signage.schedule import Slide  # noqa: E402
from signage.timezones import load_zone  # noqa: E402
from tests.player.conftest import fonts  # noqa: E402, F401  (one font fixture for both)


@pytest.fixture()
def now() -> datetime:
    """Monday 23 November 2026, 09:05 in Almaty: the demo's pinned day."""
    return datetime(2026, 11, 23, 9, 5, tzinfo=load_zone("Asia/Almaty"))


SlideFactory = Callable[..., Slide]


@pytest.fixture()
def make_slide() -> SlideFactory:
    def make(lang: str = "kk", title: str = "", text: str = "", **kw: Any) -> Slide:
        fields: dict[str, Any] = {
            "item_id": "news/2026-11-20-spartakiada", "lang": lang, "kind": "article",
            "title": title, "text": text, "body": "", "duration": 10, "priority": "normal",
            "image": None, "video": None, "url": "", "screen_id": "canteen"}
        fields.update(kw)
        return Slide(**fields)
    return make
