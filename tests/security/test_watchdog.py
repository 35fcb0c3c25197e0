"""A dead or hung sync thread must be noticed: the player's main loop tells systemd it is
alive (``READY=1``, then ``WATCHDOG=1``) only while the sync worker has reported within its
deadline, so systemd (``WatchdogSec=``) restarts a player whose sync has died or hung.

systemd is played by a unix datagram socket in ``tmp_path`` given as ``$NOTIFY_SOCKET``; the
loop runs on the player tests' FakeClock, the sync worker is a real thread."""

from __future__ import annotations

import configparser
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.sync import SYNC_STALE, Store, Syncer, SyncResult, SyncWorker
from signage.watchdog import Watchdog
from tests.player.conftest import at, display, fonts  # noqa: F401  (shared fixtures)
from tests.player.helpers import (
    TEST_KEY_TEXT,
    TEST_KEYS,
    Hooks,
    item,
    make_player,
    media_entry,
    publish,
    write_bundle,
)

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "jarshy-player.service"


class Systemd:
    """The receiving end of ``$NOTIFY_SOCKET``: a thread reads every datagram the player
    sends as soon as it comes, as systemd does (the socket holds only 10 unread)."""

    def __init__(self, path: Path) -> None:
        assert len(str(path)) < 100, "a unix socket path must be short"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.05)
        self._got: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            with self._lock:
                self._got.append(data.decode())

    def received(self) -> list[str]:
        """Everything sent since the last call (after a moment for the reader to catch up)."""
        time.sleep(0.2)
        with self._lock:
            out, self._got = self._got, []
        return out

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture()
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Systemd]:
    s = Systemd(tmp_path / "notify")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))
    monkeypatch.setenv("WATCHDOG_USEC", "10000000")  # 10 s: a ping every 5 s
    yield s
    s.close()


class Killed(BaseException):
    """What ends a thread whatever it catches (as a bug in the except clause itself would)."""


class Breakable:
    """A syncer that works until told to die (raise past every handler) or to hang."""

    def __init__(self, real: Syncer) -> None:
        self.real, self.fetcher = real, real.fetcher
        self.mode = "ok"
        self.entered = threading.Event()
        self.release = threading.Event()

    def sync_once(self) -> SyncResult:
        if self.mode == "die":
            self.entered.set()
            raise Killed
        if self.mode == "hang":
            self.entered.set()
            self.release.wait(30)
        return self.real.sync_once()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("fate", ["die", "hang"])
def test_pings_stop_when_the_sync_thread_dies_or_hangs(
        fate: str, systemd: Systemd, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime],  # noqa: F811
        caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "signage"
    publish(folder, "v1", [(200, 30, 30)])
    store = Store(tmp_path / "cache")
    syncer = Breakable(Syncer(str(folder), store, keys=TEST_KEYS))
    syncer.real.sync_once()
    bundle, media_dir = store.load_current()  # type: ignore[misc]
    stale_after = 3.0  # real seconds (the product's is SYNC_STALE); the first 120 fake s take less
    worker = SyncWorker(syncer, poll=0.02, stale_after=stale_after)  # type: ignore[arg-type]
    before: list[str] = []

    def break_sync() -> None:
        before.extend(systemd.received())
        syncer.mode = fate
        assert syncer.entered.wait(10)
        time.sleep(stale_after + 0.5)  # the loop is stopped meanwhile: no fake time passes

    start = at(9, 0)
    hooks = Hooks(actions=[(start + timedelta(seconds=120), break_sync)])
    player = make_player(display((160, 90)), fonts, store.root, bundle, media_dir, start,
                         hooks=hooks, source=worker, duration=240.0)
    player.watchdog = Watchdog.from_env(worker)
    caplog.set_level(logging.INFO, logger="signage.watchdog")
    worker.start()
    try:
        player.run()
    finally:
        syncer.release.set()
        worker.stop()
    after = systemd.received()

    assert before[0] == "READY=1"
    assert 20 <= before.count("WATCHDOG=1") <= 25  # every 5 s of the first 120 s
    assert "WATCHDOG=1" not in after  # 120 s more of the loop, no ping: systemd steps in
    why = [r.getMessage() for r in caplog.records if r.name == "signage.watchdog"]
    assert len(why) == 1 and "sync" in why[0] and "systemd" in why[0], why


def test_no_ping_when_the_loop_itself_stops(systemd: Systemd, tmp_path: Path, fonts: Fonts,  # noqa: F811
                                            display: Callable[..., pygame.Surface],  # noqa: F811
                                            at: Callable[..., datetime]) -> None:  # noqa: F811
    """A hung loop sends nothing, whatever the sync thread does: the pings come from the
    loop's own iterations, not from a timer of their own."""
    folder = tmp_path / "signage"
    publish(folder, "v1", [(200, 30, 30)])
    store = Store(tmp_path / "cache")
    syncer = Syncer(str(folder), store, keys=TEST_KEYS)
    syncer.sync_once()
    bundle, media_dir = store.load_current()  # type: ignore[misc]
    worker = SyncWorker(syncer, poll=0.02)
    player = make_player(display((160, 90)), fonts, store.root, bundle, media_dir, at(9, 0),
                         source=worker, duration=60.0)
    player.watchdog = Watchdog.from_env(worker)
    worker.start()
    try:
        player.run()
        during = systemd.received()
        time.sleep(0.5)  # the loop has returned; the worker still beats
        assert systemd.received() == []
    finally:
        worker.stop()
    assert during[0] == "READY=1" and during.count("WATCHDOG=1") >= 10


def test_the_unit_restarts_a_silent_player_within_a_minute() -> None:
    """The shipped unit: systemd waits for READY=1 (so the first boot's download does not
    count), takes notifications from the player (X is the main process), and the sync
    deadline plus the watchdog timeout stay under a minute."""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read_string(UNIT.read_text(encoding="utf-8"))
    service = unit["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "all"
    watchdog = float(service["WatchdogSec"].rstrip("s"))
    assert SYNC_STALE + watchdog + float(service["RestartSec"]) <= 60
    assert service["Restart"] == "always"


def test_signage_play_tells_systemd_it_is_ready_and_alive(systemd: Systemd,
                                                          tmp_path: Path) -> None:
    """The real command, as the unit starts it: READY=1, then pings from its loop."""
    folder = tmp_path / "signage"
    publish(folder, "v1", [(200, 30, 30)])
    key = tmp_path / "site.pub"
    key.write_text(TEST_KEY_TEXT + "\n", encoding="utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "JARSHY_TODAY": "2026-11-23 10:00", "WATCHDOG_USEC": "1000000"}  # a ping each 0.5 s
    result = subprocess.run(
        [sys.executable, "-m", "signage.cli", "play", "--screen", "canteen", "--source",
         str(folder), "--public-key", str(key), "--cache", str(tmp_path / "cache"),
         "--window", "160x90", "--duration", "4"],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    got = systemd.received()
    assert got[0] == "READY=1" and got.count("WATCHDOG=1") >= 5, got


def test_the_sync_thread_reports_while_it_checks_a_big_file(tmp_path: Path) -> None:
    """Hashing gigabytes of video on a slow PC takes longer than the worker may stay silent:
    it reports each MiB it checks, also for a file reused from the cache (no download)."""
    folder = tmp_path / "signage"
    video = os.urandom(3 * (1 << 20) + 5)
    entry = media_entry("media/clip.mp4", video, "video/mp4")
    write_bundle(folder, [item("a", video=entry)], media={"media/clip.mp4": video})
    syncer = Syncer(str(folder), Store(tmp_path / "cache"), keys=TEST_KEYS)
    assert syncer.sync_once().changed
    beats: list[int] = []
    syncer.fetcher.progress = lambda: beats.append(1)
    write_bundle(folder, [item("a", video=entry), item("b", video=entry)],
                 media={"media/clip.mp4": video})
    again = syncer.sync_once()
    assert again.changed, again.message
    assert len(beats) >= 4  # the reused 3 MiB clip was hashed a MiB at a time, reporting
