"""``signage play`` from the command line (dummy display): one clear line for bad options,
and a short run from a folder source that leaves proof of play and status.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .helpers import TEST_KEY_TEXT, item, write_bundle


def play(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "JARSHY_TODAY": "2026-11-23 10:00", "JARSHY_PUBLIC_KEYS": TEST_KEY_TEXT}
    return subprocess.run([sys.executable, "-m", "signage.cli", "play", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_play_runs_from_a_folder_and_leaves_its_records(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "signage"
    bundle = write_bundle(folder, [item("a", duration=3)])
    cache = tmp_path / "cache"
    result = play("--screen", "canteen", "--source", str(folder), "--cache", str(cache),
                  "--window", "320x180", "--max-slides", "2", "--transition", "cut")
    assert result.returncode == 0, result.stderr
    lines = (cache / "logs" / "plays-2026-11-23.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x)["lang"] for x in lines] == ["kk", "ru"]
    status = json.loads((cache / "status.json").read_text("utf-8"))
    assert status["bundle"]["version"] == bundle.version
    assert (cache / "current" / "bundle.json").is_file()  # kept for an offline boot


def test_bad_options_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args, words in ((["--window", "wide"], "--window 'wide' is not a size"),
                        (["--fake-now", "yesterday"], "'yesterday' is not a date")):
        result = play("--screen", "canteen", "--cache", str(tmp_path / "c"), *args)
        assert result.returncode == 2
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
