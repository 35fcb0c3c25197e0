"""deploy/systemd/jarshy-letters-remind.{service,timer}: systemd accepts them, the service
runs ``site-gen letters remind --send`` on the letters service's database as its user, and
the timer fires weekly."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from site_gen.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
SYSTEMD = REPO / "deploy" / "systemd"


def settings(name: str) -> dict[str, list[str]]:
    text = (SYSTEMD / name).read_text(encoding="utf-8").replace("\\\n", " ")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_the_service_sends_the_reminder_from_the_letters_database() -> None:
    remind, serve = settings("jarshy-letters-remind.service"), settings("jarshy-letters.service")
    command = shlex.split(remind["ExecStart"][0])
    args = build_parser(command[1:]).parse_args(command[1:])
    assert (args.letters_command, args.send) == ("remind", True)
    served = build_parser(shlex.split(serve["ExecStart"][0])[1:]).parse_args(
        shlex.split(serve["ExecStart"][0])[1:])
    assert args.db == served.db and args.content == served.content
    assert remind["User"] == serve["User"] and remind["UMask"] == ["0077"]
    assert remind["EnvironmentFile"] == ["/etc/jarshy/letters-remind.env"]
    assert "JARSHY_SMTP_PASSWORD" not in remind["ExecStart"][0]


def test_the_timer_fires_every_monday_in_the_company_zone() -> None:
    timer = settings("jarshy-letters-remind.timer")
    assert timer["OnCalendar"] == ["Mon *-*-* 09:00:00 Asia/Almaty"]
    assert timer["Persistent"] == ["true"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    for name in ("jarshy-letters-remind.service", "jarshy-letters-remind.timer"):
        text = (SYSTEMD / name).read_text(encoding="utf-8")
        text = text.replace("/srv/jarshy/repo/.venv/bin/site-gen", "/bin/true")
        text = text.replace("EnvironmentFile=/etc/jarshy/", "EnvironmentFile=-/etc/jarshy/")
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             str(tmp_path / "jarshy-letters-remind.service"),
                             str(tmp_path / "jarshy-letters-remind.timer")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    check = subprocess.run(["systemd-analyze", "calendar", "--iterations=2",
                            "Mon *-*-* 09:00:00 Asia/Almaty"], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 0 and "Mon 2" in check.stdout, check.stdout
