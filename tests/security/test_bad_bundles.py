"""A malformed ``bundle.json`` (JSON nested thousands deep, a number of 5,000 digits) or any
unexpected error in one sync attempt must not stop a screen for good: the sync thread logs it
once, backs off, keeps polling and installs the next good bundle; ``status.json`` says why the
bad one was refused, and ``signage doctor`` prints a located FAIL line, never a traceback."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.signing import SIGNATURE_NAME, sign
from signage.sync import Store, Syncer, SyncResult, SyncWorker
from tests.faults.loop import boot_and_play
from tests.player.conftest import at, display, fonts  # noqa: F401  (shared fixtures)
from tests.player.helpers import TEST_KEY, TEST_KEY_TEXT, TEST_KEYS, publish

DEEP = b'{"format": 1, "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def long_number(folder: Path) -> bytes:
    """The folder's own good bundle with window_days replaced by a 5,000-digit number."""
    raw = json.loads((folder / "bundle.json").read_bytes())
    raw["window_days"] = 14
    text = json.dumps(raw, ensure_ascii=False, indent=1)
    return text.replace('"window_days": 14', '"window_days": ' + "9" * 5000).encode()


MALFORMED: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "deep-nesting": (lambda folder: DEEP, "nested too deeply"),
    "5000-digit-number": (long_number, "5000 digits"),
}


def put(folder: Path, data: bytes) -> None:
    """Publish ``data`` as the folder's bundle.json, signed by the site's key (a malformed
    bundle from the site itself, so it gets past the signature to the parser)."""
    (folder / SIGNATURE_NAME).write_bytes(sign(data, TEST_KEY))
    tmp = folder / "bundle.json.tmp"
    tmp.write_bytes(data)
    tmp.replace(folder / "bundle.json")


def wait_for(worker: SyncWorker, seen: list[SyncResult], done: Callable[[], bool],
             seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done():
        seen += worker.poll_results()
        time.sleep(0.02)
    seen += worker.poll_results()


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_bundle_does_not_stop_the_sync_thread(
        case: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    make, reason = MALFORMED[case]
    folder = tmp_path / "signage"
    v1 = publish(folder, "v1", [(200, 30, 30)])
    store = Store(tmp_path / "cache")
    syncer = Syncer(str(folder), store, keys=TEST_KEYS)
    assert syncer.sync_once().changed
    put(folder, make(folder))
    worker = SyncWorker(syncer, poll=0.02, pause=lambda failures: 0.02)
    caplog.set_level(logging.INFO, logger="signage.sync")
    worker.start()
    try:
        seen: list[SyncResult] = []
        wait_for(worker, seen, lambda: sum(not r.ok for r in seen) >= 5)
        failed = [r for r in seen if not r.ok]
        assert len(failed) >= 5, "the sync thread stopped polling after the bad bundle"
        assert reason in failed[0].message
        assert str(folder / "bundle.json") in failed[0].message  # located: which file
        assert store.load_current()[0].version == v1  # type: ignore[index]
        # logged once, not once per attempt, and never as a traceback
        lines = [r for r in caplog.records if r.name == "signage.sync"]
        assert sum(reason in r.getMessage() for r in lines) == 1
        assert not any(r.exc_info for r in lines)

        time.sleep(0.01)
        v2 = publish(folder, "v2", [(30, 30, 200)])
        wait_for(worker, seen, lambda: any(r.changed and r.version == v2 for r in seen))
        assert any(r.changed and r.version == v2 for r in seen)
        assert store.load_current()[0].version == v2  # type: ignore[index]
    finally:
        worker.stop()


class Flaky:
    """A syncer whose attempts raise what no one expected (a bug, a library's odd error)
    ``times`` times, then work."""

    def __init__(self, real: Syncer, times: int) -> None:
        self.real, self.fetcher, self.left = real, real.fetcher, times

    def sync_once(self) -> SyncResult:
        if self.left > 0:
            self.left -= 1
            raise KeyError("manifest")
        return self.real.sync_once()


def test_any_error_in_an_attempt_is_logged_once_and_the_thread_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "signage"
    v1 = publish(folder, "v1", [(200, 30, 30)])
    flaky = Flaky(Syncer(str(folder), Store(tmp_path / "cache"), keys=TEST_KEYS), 6)
    caplog.set_level(logging.INFO, logger="signage.sync")
    worker = SyncWorker(flaky, poll=0.02, pause=lambda failures: 0.02)  # type: ignore[arg-type]
    worker.start()
    try:
        seen: list[SyncResult] = []
        wait_for(worker, seen, lambda: any(r.changed for r in seen))
        assert [r.version for r in seen if r.changed] == [v1]
        failed = [r for r in seen if not r.ok]
        assert len(failed) == 6 and all("KeyError" in r.message for r in failed)
        lines = [r.getMessage() for r in caplog.records if r.name == "signage.sync"]
        assert sum("KeyError" in line for line in lines) == 1, lines
        assert any("works again" in line for line in lines)
    finally:
        worker.stop()


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_status_json_says_why_and_the_old_bundle_plays(
        case: str, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:  # noqa: F811
    make, reason = MALFORMED[case]
    folder = tmp_path / "signage"
    v1 = publish(folder, "v1", [(200, 30, 30), (30, 160, 60)])
    store = Store(tmp_path / "cache")
    assert Syncer(str(folder), store, keys=TEST_KEYS).sync_once().changed
    put(folder, make(folder))

    run = boot_and_play(store, str(folder), fonts, display((160, 90)), at(9, 0), 120.0)

    assert {r.version for r in run.plays} == {v1} and len(run.plays) >= 10
    assert not run.black_during_on_hours()
    sync = run.status["sync"]
    assert sync["result"] == "failed" and reason in sync["message"], sync


def doctor(key_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    key_file.write_text(TEST_KEY_TEXT + "\n", encoding="utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "JARSHY_PUBLIC_KEYS": str(key_file)}
    return subprocess.run([sys.executable, "-m", "signage.cli", "doctor", *args], env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_doctor_names_a_malformed_bundle_without_a_traceback(case: str, tmp_path: Path) -> None:
    make, reason = MALFORMED[case]
    folder = tmp_path / "signage"
    publish(folder, "v1", [(200, 30, 30)])
    store = Store(tmp_path / "cache")
    assert Syncer(str(folder), store, keys=TEST_KEYS).sync_once().changed
    bad = make(folder)
    put(folder, bad)  # the source serves it …
    (store.current.resolve() / "bundle.json").write_bytes(bad)  # … and so is this PC's copy
    installed = store.current / "bundle.json"

    result = doctor(tmp_path / "site.pub", "--source", str(folder), "--cache", str(store.root))

    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 1
    lines = {line.split(":")[0].split(None, 1)[-1]: line for line in result.stdout.splitlines()
             if ":" in line}
    for check, where in (("source", folder / "bundle.json"), ("cached bundle", installed)):
        assert lines[check].startswith("FAIL"), lines[check]
        assert str(where) in lines[check] and reason in lines[check], lines[check]
