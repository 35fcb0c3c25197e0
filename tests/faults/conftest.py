"""Fixtures of the fault tests: the player tests' own (dummy SDL drivers, fonts, a small
display, Almaty times, a cache folder), reused rather than copied, plus a web server that
can fail on purpose and a log folder on a tiny file system."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.player.conftest import at, cache, display, fonts  # noqa: F401  (shared fixtures)

from .server import FaultySite


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[FaultySite]:
    s = FaultySite(tmp_path / "site")
    yield s
    s.down()
