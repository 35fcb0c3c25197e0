"""deploy/systemd/jarshy-fleet.service: systemd accepts it, and it agrees with nginx."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from site_gen.cli import build_parser
from tests.units import needs_systemd, unit_settings, verify_units

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "deploy" / "systemd" / "jarshy-fleet.service"
NGINX_CONF = REPO / "deploy" / "nginx" / "jarshy-site.conf"




@needs_systemd
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    verify_units(tmp_path, UNIT.name)


def test_the_unit_serves_where_nginx_looks_apart_from_the_letters() -> None:
    unit = unit_settings(UNIT.name)
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
