"""Heartbeats from the real player loop (dummy display, fake clock) to the real fleet
service on waitress: the service is down for three days, then up; every proof-of-play line
arrives exactly once, and nothing the loop does waits for the network."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame

from signage.heartbeat import CURSOR, HeartbeatWorker, http_post
from signage.player import Options, Player
from signage.render import Fonts
from site_gen.fleet.store import FleetStore
from tests.fleet.harness import ALMATY, Clock, running
from tests.security.nginx_harness import free_port

from .helpers import DrivenClock, Hooks, item, plays, screen, write_bundle


class Post:
    """The player's real HTTP POST, counting attempts and losing the first good answer
    (the service stored the batch; the connection broke before the player read it)."""

    def __init__(self, url: str, token: str) -> None:
        self.post = http_post(url, token, timeout=5.0)
        self.attempts = 0
        self.lost = 0

    def __call__(self, body: bytes) -> tuple[int, bytes]:
        self.attempts += 1
        status, data = self.post(body)
        if status == 200 and self.lost == 0:
            self.lost += 1
            raise ConnectionResetError(104, "connection reset by peer")
        return status, data


def run_player(display: pygame.Surface, fonts: Fonts, cache: Path, folder: Path,
               start: datetime, seconds: float, beats: HeartbeatWorker) -> Player:
    bundle = write_bundle(folder, [item("water-off", duration=10), item("menu", duration=10)],
                          screens=[screen(on_hours=["08:00-09:00"])])
    clock = DrivenClock(start, Hooks())
    player = Player(Options(screen="canteen", transition="cut", idle_wait=10.0,
                            duration=seconds), clock, display, fonts, bundle=bundle,
                    media_dir=folder, cache_dir=cache, heartbeat=beats)
    clock.player = player
    assert player.run() == 0
    return player


def test_days_of_server_downtime_lose_no_proof_of_play_line(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    db = tmp_path / "var" / "fleet.sqlite3"
    token = FleetStore(db).register("canteen", at(7, 0))
    port = free_port()  # nothing listens here yet: the service is down
    post = Post(f"http://127.0.0.1:{port}/heartbeat", token)
    beats = HeartbeatWorker("canteen", cache, post, batch=100)
    beats.start()
    try:
        surface = display((160, 90))
        # three days, the service down all along
        run_player(surface, fonts, cache, tmp_path / "bundle", at(7, 0), 3 * 86400.0, beats)
        down = plays(cache)
        assert len({r.time.date() for r in down}) == 3 and len(down) > 3 * 300
        deadline = time.monotonic() + 10
        while post.attempts == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert post.attempts > 0, "the heartbeat thread never tried"
        assert not (cache / CURSOR).exists(), "a line was taken as delivered while down"

        # the service comes back; the player plays on, the thread catches up in batches
        clock = Clock(at(8, 0, day=26))
        with running(db, clock, port=port) as fleet:
            player = run_player(surface, fonts, cache, tmp_path / "bundle", at(7, 50, day=26),
                                1800.0, beats)
            expected = [(r.time, r.item, r.lang, r.seconds, r.version) for r in plays(cache)]
            deadline = time.monotonic() + 60
            while len(fleet.store.plays()) < len(expected) and time.monotonic() < deadline:
                beats.offer({"version": player.version, "current": {"kind": "night"},
                             "uptime": 1800.0, "errors": []})
                time.sleep(0.2)
            stored = [(p.time, p.item, p.lang, p.seconds, p.version)
                      for _, _, p in fleet.store.plays("canteen")]
            assert stored == expected  # every line, once, in order
            assert post.lost == 1  # one batch was stored but its answer lost, then sent again
            (seen,) = fleet.store.screens()
            assert seen.last_seen == clock.now and seen.version == player.version
            assert seen.free_disk > 0  # the player's cache disk, measured by the thread
            acked = json.loads((cache / CURSOR).read_text())["acked"]
            assert acked == max(seq for _, seq, _ in fleet.store.plays())
    finally:
        beats.stop()


def test_a_service_that_never_answers_does_not_hold_up_the_loop(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    hanging = threading.Event()
    release = threading.Event()

    def post(body: bytes) -> tuple[int, bytes]:  # a service that accepts and never answers
        hanging.set()
        release.wait(30)
        raise TimeoutError("timed out")

    beats = HeartbeatWorker("canteen", cache, post)
    beats.start()
    try:
        started = time.monotonic()
        player = run_player(display((160, 90)), fonts, cache, tmp_path / "bundle", at(8, 0),
                            1800.0, beats)
        assert time.monotonic() - started < 25, "the loop waited for the hanging POST"
        assert hanging.wait(10), "no heartbeat was sent"
        assert player.shown > 100  # half an hour of slides went on while the POST hung
        assert len(plays(cache)) > 100
    finally:
        release.set()
        beats.stop()


def test_signage_play_sends_heartbeats_with_the_token_of_its_environment(
        tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from .helpers import TEST_KEY_TEXT

    folder = tmp_path / "site" / "signage"
    bundle = write_bundle(folder, [item("water-off", duration=3)])
    db = tmp_path / "var" / "fleet.sqlite3"
    clock = Clock(datetime(2026, 11, 23, 10, 0, 30, tzinfo=ALMATY))
    with running(db, clock) as fleet:
        token = fleet.store.register("canteen", clock.now)
        env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
               "JARSHY_TODAY": "2026-11-23 10:00", "JARSHY_PUBLIC_KEYS": TEST_KEY_TEXT,
               "JARSHY_HEARTBEAT_URL": fleet.url}
        for given in ("wrong-token", token):
            result = subprocess.run(
                [sys.executable, "-m", "signage.cli", "play", "--screen", "canteen",
                 "--source", str(folder), "--cache", str(tmp_path / "cache"), "--window",
                 "320x180", "--duration", "4", "--transition", "cut"],
                env={**env, "JARSHY_HEARTBEAT_TOKEN": given}, capture_output=True,
                text=True, timeout=120)
            assert result.returncode == 0, result.stderr
            if given != token:
                assert "refused this screen's token (401)" in result.stderr
                assert fleet.store.screens()[0].last_seen is None
        (seen,) = fleet.store.screens()
        assert seen.last_seen == clock.now and seen.version == bundle.version
        assert seen.current["item"] == "water-off" and seen.current["lang"] in ("kk", "ru")
