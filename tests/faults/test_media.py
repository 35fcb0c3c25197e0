"""A media file is deleted from the player's cache while it plays (a cleaner script, a disk
error, a technician). The picture already drawn stays on screen; the video, which is read
from disk each time it plays, is skipped from then on with one line in the log and in
``status.json``; the other slides go on and the screen is never black."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pygame
import pytest

from signage.bundle import load_bundle
from signage.render import Fonts
from signage.video import make_test_clip
from tests.player.helpers import item, media_entry, png_bytes, write_bundle

from .loop import StopwatchClock, play_with


def test_media_deleted_from_the_cache_while_playing(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime], caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "current"
    picture = png_bytes((220, 140, 20), tmp=tmp_path)
    clip = make_test_clip(tmp_path / "clip.mp4", frames=30).read_bytes()
    write_bundle(folder, [
        item("poster", image=media_entry("media/poster.png", picture, "image/png")),
        item("film", video=media_entry("media/film.mp4", clip, "video/mp4")),
        item("text"),
    ], media={"media/poster.png": picture, "media/film.mp4": clip})
    bundle = load_bundle(folder / "bundle.json")
    caplog.set_level(logging.INFO, logger="signage")
    clock = StopwatchClock(at(9, 0), every=1.0)

    def delete() -> None:
        (folder / "media" / "poster.png").unlink()
        (folder / "media" / "film.mp4").unlink()

    clock.at(90, delete)
    run = play_with(clock, display((160, 90)), fonts, cache, bundle, folder, 600.0)

    records = run.plays
    deleted_at = at(9, 0) + timedelta(seconds=90)
    before = {r.item for r in records if r.time < deleted_at}
    after = [r for r in records if r.time >= deleted_at + timedelta(seconds=30)]
    assert before == {"poster", "film", "text"}
    assert {r.item for r in after} == {"poster", "text"}  # the drawn picture stays
    assert len(after) >= 30  # the loop went on
    assert clock.samples and not any(s.black for s in clock.samples)
    skipped = [r.getMessage() for r in caplog.records if "slide skipped" in r.getMessage()]
    assert len(skipped) == 2 and all("film/" in m for m in skipped)  # kk and ru, once each
    errors = [e["message"] for e in run.status["errors_last_hour"]]
    assert any(m.startswith("film/kk") and "film.mp4" in m for m in errors), errors
    assert run.status["mode"] == "playing"
