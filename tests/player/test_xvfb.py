"""The player in a real X window: start Xvfb, run ``signage play`` full screen for a few
seconds, and check the screenshot it leaves is a slide, not a black screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from .helpers import TEST_KEY_TEXT, all_black, item, screen, write_bundle

XVFB = "/usr/bin/Xvfb"


@pytest.fixture()
def xdisplay() -> Iterator[str]:
    if not Path(XVFB).exists():
        pytest.skip(f"{XVFB} is not installed (Debian package xvfb; ./dev.sh installs it)")
    for n in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    else:
        pytest.skip("no free X display number between :91 and :119")
    proc = subprocess.Popen([XVFB, f":{n}", "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb :{n} did not start")
            time.sleep(0.05)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.xvfb
def test_the_player_fills_a_real_x_screen(xdisplay: str, tmp_path: Path) -> None:
    folder = tmp_path / "signage"
    write_bundle(folder, [item("hello", duration=8)], screens=[screen(ticker=True)])
    shot = tmp_path / "shot.png"
    env = {**os.environ, "DISPLAY": xdisplay, "SDL_VIDEODRIVER": "x11",
           "SDL_AUDIODRIVER": "dummy", "JARSHY_TODAY": "2026-11-23 10:00",
           "JARSHY_PUBLIC_KEYS": TEST_KEY_TEXT}
    signage = shutil.which("signage", path=str(Path(sys.executable).parent))
    cmd = [signage or "signage", "play", "--screen", "canteen", "--source", str(folder),
           "--cache", str(tmp_path / "cache"), "--duration", "4", "--allow-quit",
           "--screenshot", str(shot)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pygame.init()
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)  # full screen at the display's resolution
    assert not all_black(image)
    assert (tmp_path / "cache" / "status.json").is_file()
