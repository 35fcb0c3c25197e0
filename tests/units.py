"""Helpers for the tests of deploy/systemd: a unit's settings as data, and systemd's own
verdict on the units (``systemd-analyze verify``) with the paths only a server has made
harmless (the venv's ``site-gen`` becomes /bin/true, environment files become optional)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SYSTEMD = REPO / "deploy" / "systemd"

needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="systemd is not installed")


def unit_settings(name: str) -> dict[str, list[str]]:
    """Each ``Key=value`` of ``deploy/systemd/<name>`` (continuation lines joined), values in
    order."""
    text = (SYSTEMD / name).read_text(encoding="utf-8").replace("\\\n", " ")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def verify_units(tmp_path: Path, *names: str) -> None:
    """``systemd-analyze verify`` accepts the units ``names`` with no word on stderr."""
    for name in names:
        text = (SYSTEMD / name).read_text(encoding="utf-8")
        text = text.replace("/srv/jarshy/repo/.venv/bin/site-gen", "/bin/true")
        text = text.replace("EnvironmentFile=/etc/jarshy/", "EnvironmentFile=-/etc/jarshy/")
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             *(str(tmp_path / name) for name in names)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
