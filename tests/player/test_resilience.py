"""Never black: broken media is skipped and logged once, the fallback stands in, a full or
read-only disk does not stop the loop, and a wrong clock is noticed and recovered from."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.video import make_test_clip

from .helpers import (
    Hooks,
    item,
    make_player,
    media_entry,
    plays,
    png_bytes,
    screen,
    write_bundle,
)


def broken_bundle(folder: Path, tmp_path: Path) -> None:
    good_png = png_bytes(tmp=tmp_path)
    corrupt_png = b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50
    clip = make_test_clip(tmp_path / "clip.mp4", frames=8).read_bytes()
    corrupt_mp4 = clip[:40] + bytes(len(clip) - 40)
    media = {"media/good.png": good_png, "media/bad.png": corrupt_png,
             "media/empty.mp4": b"", "media/corrupt.mp4": corrupt_mp4}
    write_bundle(folder, [
        item("good", image=media_entry("media/good.png", good_png, "image/png")),
        item("bad-image", image=media_entry("media/bad.png", corrupt_png, "image/png")),
        item("empty-video", video=media_entry("media/empty.mp4", b"", "video/mp4")),
        item("corrupt-video", video=media_entry("media/corrupt.mp4", corrupt_mp4, "video/mp4")),
        item("text-only"),
    ], media=media)


def test_broken_media_is_skipped_logged_once_and_the_screen_never_black(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime], caplog: pytest.LogCaptureFixture) -> None:
    from signage.bundle import load_bundle

    folder = tmp_path / "bundle"
    broken_bundle(folder, tmp_path)
    bundle = load_bundle(folder / "bundle.json")
    hooks = Hooks(every=0.5)
    caplog.set_level(logging.INFO, logger="signage")
    player = make_player(display((320, 180)), fonts, cache, bundle, folder, at(9, 0),
                         hooks=hooks, duration=600.0, transition="crossfade")
    player.run()

    played = {(r.item, r.lang) for r in plays(cache)}
    assert played == {("good", "kk"), ("good", "ru"), ("text-only", "kk"), ("text-only", "ru")}
    skipped = [r.getMessage() for r in caplog.records if "slide skipped" in r.getMessage()]
    # one line per broken slide (each language is a slide), not one per pass
    assert len(skipped) == 6, skipped
    assert any("bad-image/kk" in m for m in skipped)
    assert any("empty-video/ru" in m and "empty" in m for m in skipped)
    assert any("corrupt-video/kk" in m for m in skipped)
    assert hooks.samples and not any(s.black for s in hooks.samples)
    status = json.loads((cache / "status.json").read_text(encoding="utf-8"))
    assert {e["message"].split(":")[0] for e in status["errors_last_hour"]} >= {
        "bad-image/kk", "empty-video/kk", "corrupt-video/ru"}


def test_when_every_slide_fails_the_fallback_shows(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bad = b"not an image"
    bundle = write_bundle(folder, [item("bad", image=media_entry("media/x.png", bad,
                                                                 "image/png"))],
                          media={"media/x.png": bad})
    hooks = Hooks(every=1.0)
    player = make_player(display((320, 180)), fonts, cache, bundle, folder, at(9, 0),
                         hooks=hooks, duration=60.0)
    player.run()
    assert plays(cache) == []
    assert player.cur is not None and player.cur.kind == "fallback"
    assert hooks.samples and not any(s.black for s in hooks.samples)


def test_no_bundle_at_all_shows_the_fallback(
        cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    hooks = Hooks(every=1.0)
    player = make_player(display((320, 180)), fonts, cache, None, None, at(9, 0), hooks=hooks,
                         duration=30.0)
    player.run()
    assert hooks.samples and not any(s.black for s in hooks.samples)
    status = json.loads((cache / "status.json").read_text(encoding="utf-8"))
    assert status["mode"] == "fallback" and status["bundle"] is None


def test_an_unwritable_log_folder_does_not_stop_the_loop(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime], caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [item("a"), item("b")])
    (cache / "logs").write_text("a file where the log folder should be")  # fails even as root
    caplog.set_level(logging.INFO, logger="signage")
    player = make_player(display((160, 90)), fonts, cache, bundle, folder, at(9, 0),
                         duration=300.0)
    assert player.run() == 0
    assert player.shown >= 25  # 300 s of 10 s slides: the loop went on
    errors = [r for r in caplog.records if "cannot write proof of play" in r.getMessage()]
    assert len(errors) == 1  # logged when it started failing, not on every slide
    status = json.loads((cache / "status.json").read_text(encoding="utf-8"))
    assert status["play_log"]["failing"] and status["play_log"]["pending"] >= 25

    (cache / "logs").unlink()  # the disk is fine again: the backlog is written
    player2 = make_player(display((160, 90)), fonts, cache, bundle, folder, at(10, 0),
                          duration=30.0)
    player2.playlog = player.playlog
    player2.run()
    assert len(plays(cache)) >= 27


def test_a_clock_before_the_bundle_shows_only_undated_items_then_recovers(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [
        item("undated", start=None),
        item("dated", start="2026-11-20", until="2026-11-30"),
    ], screens=[screen(on_hours=["07:00-21:00"])])
    hooks = Hooks(every=5.0)
    wrong = datetime(2001, 1, 1, 3, 0, tzinfo=at(9).tzinfo)  # a dead CMOS battery
    hooks.actions.append((datetime(2001, 1, 1, 3, 5, tzinfo=wrong.tzinfo),
                          lambda: status_during.append(
                              json.loads((cache / "status.json").read_text("utf-8")))))
    status_during: list[dict[str, object]] = []
    player = make_player(display((160, 90)), fonts, cache, bundle, folder, wrong, hooks=hooks,
                         duration=900.0, status_every=10.0)
    clock = player.clock
    # after ten minutes the kiosk gets network time: 10:00 on the pinned day
    hooks.actions.append((datetime(2001, 1, 1, 3, 10, tzinfo=wrong.tzinfo),
                          lambda: clock.set_wall(at(10, 0))))  # type: ignore[attr-defined]
    player.run()

    records = plays(cache)
    before = [r for r in records if r.time.year == 2001]
    after = [r for r in records if r.time.year == 2026]
    assert before and {r.item for r in before} == {"undated"}  # no dated item, night ignored
    assert after and {r.item for r in after} == {"undated", "dated"}
    assert status_during and status_during[0]["mode"] == "clock-unsure"
    clock_state = status_during[0]["clock"]
    assert isinstance(clock_state, dict) and not clock_state["ok"]
    assert "earlier than the bundle" in str(clock_state["problem"])
    final = json.loads((cache / "status.json").read_text(encoding="utf-8"))
    assert final["mode"] == "playing" and final["clock"]["ok"]
    assert not any(s.black for s in hooks.samples)
