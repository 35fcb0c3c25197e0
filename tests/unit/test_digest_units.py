"""deploy/systemd/jarshy-digest.{service,timer}: systemd accepts them, the service sends the
digest on working days only (the command skips the rest), and the timer fires every morning
in the company's zone, weekends included (a decreed working Saturday gets its digest)."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from site_gen.cli import build_parser
from tests.units import needs_systemd, unit_settings, verify_units


def test_the_service_sends_on_working_days_only() -> None:
    unit = unit_settings("jarshy-digest.service")
    command = shlex.split(unit["ExecStart"][0])
    args = build_parser(command[1:]).parse_args(command[1:])
    assert args.func.__module__ == "site_gen.commands.digest"
    assert args.send and args.working_days_only and args.date is None  # today, each run
    assert str(args.out).startswith("/var/lib/jarshy-digest/")
    assert unit["StateDirectory"] == ["jarshy-digest"]
    assert unit["ReadWritePaths"] == ["/var/lib/jarshy-digest"]
    assert unit["EnvironmentFile"] == ["/etc/jarshy/digest.env"]
    assert "TZ=Asia/Almaty" in unit["Environment"][0]
    assert "PASSWORD" not in unit["ExecStart"][0]


def test_the_timer_fires_every_morning_in_the_company_zone() -> None:
    timer = unit_settings("jarshy-digest.timer")
    assert timer["OnCalendar"] == ["*-*-* 08:30:00 Asia/Almaty"]
    assert timer["Persistent"] == ["true"]


@needs_systemd
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    verify_units(tmp_path, "jarshy-digest.service", "jarshy-digest.timer")
    # the next three runs are on three consecutive days, a Saturday among them or not
    check = subprocess.run(["systemd-analyze", "calendar", "--iterations=3",
                            "--base-time=2026-11-26 12:00 UTC",
                            "*-*-* 08:30:00 Asia/Almaty"], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 0, check.stderr
    days = [line for line in check.stdout.splitlines() if "2026-11-" in line]
    assert [d for d in ("2026-11-27", "2026-11-28", "2026-11-29")
            if any(d in line for line in days)] == ["2026-11-27", "2026-11-28", "2026-11-29"]
