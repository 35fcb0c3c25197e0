"""Video slides: a clip generated here with PyAV plays at its own speed in a worker thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.video import VideoError, make_test_clip, open_video

from .helpers import DrivenClock, Hooks, item, make_player, media_entry, plays, write_bundle


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_test_clip(tmp_path_factory.mktemp("video") / "bars.mp4", frames=64,
                          size=(320, 180), fps=30)


def test_a_clip_plays_at_its_own_speed_and_accounts_for_every_frame(
        clip: Path, display: Callable[..., pygame.Surface]) -> None:
    screen = display((320, 180))
    video = open_video(clip, (320, 180))
    assert video.size == (320, 180) and video.fps == pytest.approx(30)
    assert video.duration == pytest.approx(64 / 30, abs=0.05)
    start = time.monotonic()
    shown: list[tuple[float, float]] = []  # (frame time, moment it was shown)
    while not video.ended and time.monotonic() - start < 30:
        t = time.monotonic() - start
        frame = video.frame_at(t)
        if frame is not None:
            screen.blit(frame, (0, 0))
            shown.append((video.current_pts, t))
        time.sleep(0.004)
    video.close()
    assert video.error is None
    # every frame is either shown or counted as dropped (the bench measures how many drop
    # on a busy machine; a test must not depend on the load)
    assert video.shown + video.dropped + 1 == 64
    assert all(pts <= t for pts, t in shown), "a frame was shown before its time"
    times = [pts for pts, _ in shown]
    assert times == sorted(times) and times[-1] == pytest.approx(63 / 30, abs=0.01)


def test_a_clip_scaled_into_a_box_keeps_its_shape(
        clip: Path, display: Callable[..., pygame.Surface]) -> None:
    display((320, 180))
    video = open_video(clip, (200, 200))
    try:
        assert video.size == (200, 112)
        assert video.first_surface().get_size() == (200, 112)
    finally:
        video.close()


@pytest.mark.parametrize("content", [b"", b"plain text, not a video", b"\x00" * 4096])
def test_unplayable_files_raise_a_one_line_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.mp4"
    path.write_bytes(content)
    with pytest.raises(VideoError) as info:
        open_video(path, (320, 180))
    assert "broken.mp4" in str(info.value) and "\n" not in str(info.value)


class RealTimeClock(DrivenClock):
    """Fake wall time, but sleeps really pass, so the decoder thread keeps up as in life."""

    def sleep(self, seconds: float) -> None:
        time.sleep(max(seconds, 0.0005))
        super().sleep(seconds)


def test_a_video_slide_plays_in_the_loop_and_is_logged(
        clip: Path, tmp_path: Path, cache: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    data = clip.read_bytes()
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [item("clip", video=media_entry("media/bars.mp4", data,
                                                                  "video/mp4"))],
                          media={"media/bars.mp4": data})
    hooks = Hooks(every=0.5)
    player = make_player(display((480, 270)), fonts, cache, bundle, folder, at(9, 0),
                         hooks=hooks, max_slides=2, transition="crossfade", idle_wait=0.05)
    clock = RealTimeClock(at(9, 0), hooks)
    clock.player = player
    player.clock = clock
    player.run()
    records = plays(cache)
    assert [(r.item, r.lang) for r in records] == [("clip", "kk"), ("clip", "ru")]
    # a video slide lasts as long as its clip (2.1 s here), not the reading time of the
    # item's text, and never holds a frozen last frame
    assert all(2.0 <= r.seconds <= 4.0 for r in records), [r.seconds for r in records]
    assert hooks.samples and not any(s.black for s in hooks.samples)


def test_a_late_wake_up_slips_the_clip_and_a_long_stall_skips_frames(
        clip: Path, display: Callable[..., pygame.Surface]) -> None:
    display((320, 180))
    video = open_video(clip, (320, 180))
    try:
        deadline = time.monotonic() + 10
        while not video._queue.full() and time.monotonic() < deadline:  # decoded ahead
            time.sleep(0.01)
        # woken 0.1 s into the clip: frame 1 is shown, frame 2 is not thrown away
        assert video.frame_at(0.1) is not None and video.current_pts == pytest.approx(1 / 30)
        assert video.dropped == 0 and video.slip == pytest.approx(0.1 - 1 / 30)
        assert video.frame_at(0.1) is None  # frame 2 comes one frame period later
        due = video.next_due()
        assert due == pytest.approx(0.1 + 1 / 30)
        assert video.frame_at(due) is not None and video.current_pts == pytest.approx(2 / 30)
        # a stall of a second: the frames that are far too late are skipped and counted
        assert video.frame_at(1.5) is not None
        assert video.dropped > 0 and video.current_pts > 2 / 30
    finally:
        video.close()
