"""deploy/systemd/jarshy-letters-remind.{service,timer}: systemd accepts them, the service
runs ``site-gen letters remind --send`` on the letters service's database as its user, and
the timer fires weekly."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from site_gen.cli import build_parser
from tests.units import needs_systemd, unit_settings, verify_units


def test_the_service_sends_the_reminder_from_the_letters_database() -> None:
    remind = unit_settings("jarshy-letters-remind.service")
    serve = unit_settings("jarshy-letters.service")
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
    timer = unit_settings("jarshy-letters-remind.timer")
    assert timer["OnCalendar"] == ["Mon *-*-* 09:00:00 Asia/Almaty"]
    assert timer["Persistent"] == ["true"]


@needs_systemd
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    verify_units(tmp_path, "jarshy-letters-remind.service", "jarshy-letters-remind.timer")
    check = subprocess.run(["systemd-analyze", "calendar", "--iterations=2",
                            "Mon *-*-* 09:00:00 Asia/Almaty"], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 0 and "Mon 2" in check.stdout, check.stdout
