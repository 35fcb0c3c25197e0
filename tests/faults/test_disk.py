"""The log folder is full or read-only. Proof of play cannot be written, but the loop goes
on, the screen shows the same content, ``status.json`` (beside the folder, on the root
disk) says which write fails and how many plays wait in memory; when the disk takes writes
again the backlog is written and the problem clears.

As root the folder is a real tiny tmpfs (filled up, or mounted read-only, then remounted);
without root, writes in ``signage.records`` raise the same ``OSError`` from a patched
``open``. (A file where the folder should be is
``tests/player/test_resilience.py::test_an_unwritable_log_folder_does_not_stop_the_loop``.)"""

from __future__ import annotations

import builtins
import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame
import pytest

import signage.records
from signage.render import Fonts
from tests.player.helpers import item, write_bundle

from .loop import StopwatchClock, play_with


class LogDisk:
    """The log folder's file system, broken and fixed on demand."""

    def __init__(self, folder: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.kind, self.mp = folder, kind, monkeypatch
        self.mounted = False
        self.broken = False
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            opts = "size=16k,mode=0755" + (",ro" if kind == "read-only" else "")
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "jarshy-test", str(folder)],
                                  capture_output=True, check=False)
            self.mounted = done.returncode == 0
        self.real = "tmpfs" if self.mounted else "patched open"

    def break_(self) -> None:
        self.broken = True
        if self.mounted and self.kind == "full":
            with open(self.folder / "filler", "wb", buffering=0) as fh:  # until it is full
                try:
                    while True:
                        fh.write(b"\0" * 4096)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
        elif not self.mounted:
            code = errno.ENOSPC if self.kind == "full" else errno.EROFS
            real_open = builtins.open
            folder = str(self.folder)

            def failing_open(file: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
                if self.broken and str(file).startswith(folder) and set(mode) & set("wax+"):
                    raise OSError(code, os.strerror(code), str(file))
                return real_open(file, mode, *args, **kw)

            self.mp.setattr(signage.records, "open", failing_open, raising=False)

    def fix(self) -> None:
        self.broken = False
        if self.mounted and self.kind == "full":
            (self.folder / "filler").unlink()
        elif self.mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(self.folder)], check=True)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], check=False)


@pytest.fixture(params=["full", "read-only"])
def log_disk(request: pytest.FixtureRequest, cache: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[LogDisk]:
    disk = LogDisk(cache / "logs", request.param, monkeypatch)
    yield disk
    disk.close()


def test_a_full_or_read_only_log_folder_does_not_stop_the_loop(
        log_disk: LogDisk, tmp_path: Path, cache: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [item("menu"), item("safety")])
    clock = StopwatchClock(at(9, 0), every=2.0)
    statuses: list[dict[str, Any]] = []

    def snapshot() -> None:
        import json
        statuses.append(json.loads((cache / "status.json").read_text("utf-8")))

    log_disk.break_()
    clock.at(295, snapshot)
    clock.at(300, log_disk.fix)
    clock.at(330, snapshot)
    run = play_with(clock, display((160, 90)), fonts, cache, bundle, folder, 360.0)

    assert run.player.shown >= 34  # 360 s of 10 s slides: the loop went on
    assert clock.samples and not any(s.black for s in clock.samples)
    during, after = statuses
    expected = "No space left" if log_disk.kind == "full" else "Read-only file system"
    assert during["play_log"]["failing"] and expected in during["play_log"]["failing"], (
        log_disk.real, during["play_log"])
    assert during["play_log"]["pending"] >= 28  # every play of those 5 minutes kept
    assert during["current"]["item"] in ("menu", "safety")
    assert after["play_log"]["failing"] is None and after["play_log"]["pending"] == 0
    records = run.plays  # the backlog reached the disk: nothing lost
    assert len(records) >= 34 and min(r.time for r in records) == at(9, 0)
