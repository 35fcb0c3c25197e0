"""``signage doctor`` prints one line per check and exits 1 when one fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .helpers import TEST_KEY_TEXT, item, write_bundle


def doctor(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "JARSHY_PUBLIC_KEYS": TEST_KEY_TEXT}
    return subprocess.run([sys.executable, "-m", "signage.cli", "doctor", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_doctor_checks_every_part_and_names_what_fails(tmp_path: Path) -> None:
    folder = tmp_path / "signage"
    write_bundle(folder, [item("a")])
    result = doctor("--source", str(folder), "--screen", "canteen",
                    "--cache", str(tmp_path / "cache"))
    lines = {line.split(":")[0].split()[-1]: line for line in result.stdout.splitlines()
             if ":" in line}
    assert set(lines) >= {"display", "fonts", "video", "cache", "logs", "source", "clock"}
    # the dummy driver is not a screen: that check fails, so the whole run does
    assert lines["display"].startswith("FAIL") and "dummy" in lines["display"]
    assert result.returncode == 1
    for name in ("fonts", "video", "cache", "logs", "source"):
        assert lines[name].startswith("ok"), lines[name]
    assert "ә ғ қ ң ө ұ ү һ і" in lines["fonts"]


def test_doctor_reports_an_unknown_screen_and_a_dead_source(tmp_path: Path) -> None:
    folder = tmp_path / "signage"
    write_bundle(folder, [item("a")])
    result = doctor("--source", str(folder), "--screen", "nowhere",
                    "--cache", str(tmp_path / "cache"))
    assert "FAIL  source: screen 'nowhere' is not in the bundle; known: canteen" in result.stdout
    dead = doctor("--source", "http://127.0.0.1:9/signage/bundle.json",
                  "--cache", str(tmp_path / "cache"))
    assert dead.returncode == 1
    assert "FAIL  source: http://127.0.0.1:9/signage/bundle.json:" in dead.stdout
