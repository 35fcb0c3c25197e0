"""deploy/systemd/jarshy-fleet.service: systemd accepts it, and it agrees with nginx."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from site_gen.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "deploy" / "systemd" / "jarshy-fleet.service"
NGINX_CONF = REPO / "deploy" / "nginx" / "jarshy-site.conf"


def settings() -> dict[str, list[str]]:
    text = UNIT.read_text(encoding="utf-8").replace("\\\n", " ")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key.strip(), []).append(value.strip())
    return out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(
        "/srv/jarshy/repo/.venv/bin/site-gen", "/bin/true"), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_the_unit_serves_where_nginx_looks_apart_from_the_letters() -> None:
    unit = settings()
    command = shlex.split(unit["ExecStart"][0])
    assert command[1:3] == ["fleet", "serve"]
    args = build_parser(command[1:]).parse_args(command[1:])
    conf = NGINX_CONF.read_text(encoding="utf-8")
    upstream = re.search(r"upstream jarshy_fleet \{\s*server ([\d.]+):(\d+);", conf)
    letters = re.search(r"upstream jarshy_letters \{\s*server ([\d.]+):(\d+);", conf)
    assert upstream and letters
    assert (args.host, args.port) == (upstream.group(1), int(upstream.group(2)))
    assert args.port != int(letters.group(2))
    assert args.db.parent == Path("/var/lib") / unit["StateDirectory"][0]
    assert unit["StateDirectoryMode"] == ["0700"] and unit["UMask"] == ["0077"]
    assert unit["User"] != ["jarshy-letters"]
