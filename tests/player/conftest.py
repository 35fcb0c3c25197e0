"""Fixtures of the player tests: dummy SDL drivers, small bundles written to disk, a player
driven by a FakeClock that can sample the screen while it runs."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator  # noqa: E402  (SDL must be told before pygame)
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from signage.render import Fonts  # noqa: E402
from signage.render.fonts import CANDIDATES  # noqa: E402
from signage.timezones import load_zone  # noqa: E402

ALMATY = load_zone("Asia/Almaty")


@pytest.fixture(scope="session")
def fonts() -> Fonts:
    family = CANDIDATES[0]
    missing = [str(p) for p in family.files() if not p.is_file()]
    assert not missing, f"install fonts-noto-core (./dev.sh does): missing {missing}"
    return Fonts(family)


@pytest.fixture()
def display() -> Iterator[Callable[[tuple[int, int]], pygame.Surface]]:
    """Open a dummy display of a given size; closed after the test."""
    def open_(size: tuple[int, int] = (320, 180)) -> pygame.Surface:
        pygame.display.init()
        return pygame.display.set_mode(size)

    yield open_
    pygame.display.quit()


@pytest.fixture()
def at() -> Callable[..., datetime]:
    def make(hour: int, minute: int = 0, day: int = 23, month: int = 11,
             year: int = 2026) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=ALMATY)
    return make


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    d = tmp_path / "cache"
    d.mkdir()
    return d
