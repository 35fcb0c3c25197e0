"""The player reads a picture's size from its header and refuses a decompression bomb
before pygame decodes it (issue 12: a 20000×20000 PNG of tens of kilobytes took the player
to 1.9 GB of memory on f24d797). The slide is skipped and logged; the other slides play."""

from __future__ import annotations

import logging
import resource
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame
import pytest

from signage.render import Fonts
from signage.render.slide import RenderError, load_image
from tests.security.media_files import bomb_png

from .helpers import Hooks, item, make_player, media_entry, plays, png_bytes, write_bundle


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path pygame.image.load is asked for; the bomb is refused here instead of being
    decoded (so this test cannot take the machine's memory even on a player that asks)."""
    seen: list[str] = []
    real = pygame.image.load

    def spy(path: Any, *args: Any) -> pygame.Surface:
        seen.append(str(path))
        if Path(str(path)).name.startswith("bomb"):
            raise pygame.error("the test refused to decode the bomb")
        return real(path, *args)

    monkeypatch.setattr(pygame.image, "load", spy)
    return seen


def test_a_bomb_in_the_bundle_is_skipped_from_its_header_and_never_decoded(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime], caplog: pytest.LogCaptureFixture,
        loads: list[str]) -> None:
    from signage.bundle import load_bundle

    bomb = bomb_png()
    good = png_bytes(tmp=tmp_path)
    folder = tmp_path / "bundle"
    write_bundle(folder, [
        item("bomb", image=media_entry("media/bomb.png", bomb, "image/png")),
        item("good", image=media_entry("media/good.png", good, "image/png")),
    ], media={"media/bomb.png": bomb, "media/good.png": good})
    bundle = load_bundle(folder / "bundle.json")
    caplog.set_level(logging.INFO, logger="signage")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    hooks = Hooks(every=0.5)
    player = make_player(display((320, 180)), fonts, cache, bundle, folder, at(9, 0),
                         hooks=hooks, duration=120.0)
    player.run()
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024

    assert not [p for p in loads if Path(p).name.startswith("bomb")], \
        "pygame was asked to decode the bomb"
    assert any(p.endswith("good.png") for p in loads)
    assert {(r.item, r.lang) for r in plays(cache)} == {("good", "kk"), ("good", "ru")}
    skipped = [r.getMessage() for r in caplog.records if "slide skipped" in r.getMessage()]
    assert any("bomb/kk" in m and "player's budget" in m for m in skipped), skipped
    assert hooks.samples and not any(s.black for s in hooks.samples)
    assert grown_mb < 200, f"the player's memory grew by {grown_mb:.0f} MB"


def test_load_image_checks_the_budget_before_decoding(tmp_path: Path, loads: list[str]) -> None:
    from signage.render.slide import PICTURE_PIXEL_BUDGET  # new with the budget

    side = int(PICTURE_PIXEL_BUDGET ** 0.5) + 1  # just over the budget
    path = tmp_path / "bomb-small.png"
    path.write_bytes(bomb_png(side, side))
    with pytest.raises(RenderError, match=f"{side}x{side} pixels, more than the player's budget"):
        load_image(path)
    assert loads == []
    ok = tmp_path / "fine.png"
    ok.write_bytes(bomb_png(side - 2, side - 2))
    assert load_image(ok).get_size() == (side - 2, side - 2)


def test_doctor_names_a_bomb_the_player_would_skip(tmp_path: Path, loads: list[str]) -> None:
    """`signage doctor` called a bundle with a 20000×20000 picture fine on f24d797: from the
    source and from this PC's cached copy it now names the picture and fails, without
    decoding it."""
    from signage.doctor import check_cached, check_source
    from signage.sync import Store, Syncer

    from .helpers import TEST_KEYS

    folder = tmp_path / "signage"
    bomb, good = bomb_png(), png_bytes(tmp=tmp_path)
    write_bundle(folder, [
        item("bomb", image=media_entry("media/bomb.png", bomb, "image/png")),
        item("good", image=media_entry("media/good.png", good, "image/png")),
    ], media={"media/bomb.png": bomb, "media/good.png": good})

    source, _ = check_source(str(folder), None, keys=TEST_KEYS)
    assert not source.ok and "image media/bomb.png has more pixels than the player's budget" \
        in source.detail, source
    store = Store(tmp_path / "cache")
    assert Syncer(str(folder), store, keys=TEST_KEYS).sync_once().changed
    cached = check_cached(store.root)
    assert not cached.ok and "media/bomb.png" in cached.detail, cached
    assert not [p for p in loads if Path(p).name.startswith("bomb")]
