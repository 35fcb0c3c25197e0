"""deploy/systemd/jarshy-letters.service: systemd accepts it, and it agrees with nginx.

The unit runs ``site-gen letters serve`` where the nginx config looks for it (the upstream's
address), keeps the database in its private state folder, and confines the process.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from site_gen.cli import build_parser
from tests.units import needs_systemd, unit_settings, verify_units

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "deploy" / "systemd" / "jarshy-letters.service"
NGINX_CONF = REPO / "deploy" / "nginx" / "jarshy-site.conf"




@needs_systemd
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    verify_units(tmp_path, UNIT.name)


def test_the_unit_serves_where_nginx_looks_and_keeps_letters_private() -> None:
    unit = unit_settings(UNIT.name)
    command = shlex.split(unit["ExecStart"][0])
    assert command[1:3] == ["letters", "serve"]
    args = build_parser(command[1:]).parse_args(command[1:])
    upstream = re.search(r"upstream jarshy_letters \{\s*server ([\d.]+):(\d+);",
                         NGINX_CONF.read_text(encoding="utf-8"))
    assert upstream and (args.host, args.port) == (upstream.group(1), int(upstream.group(2)))
    assert args.trusted_proxy == "127.0.0.1"
    state = unit["StateDirectory"][0]
    assert args.db.parent == Path("/var/lib") / state
    assert unit["StateDirectoryMode"] == ["0700"] and unit["UMask"] == ["0077"]
    for key, value in [("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("PrivateTmp", "yes"), ("ProtectHome", "yes"),
                       ("IPAddressDeny", "any"), ("CapabilityBoundingSet", "")]:
        assert unit.get(key) == [value], key
    assert unit["User"] != ["root"]
