"""A branch office's caching nginx (``deploy/nginx/jarshy-branch.conf``) in front of the origin.

Beside ``nginx_harness`` (the origin: ``jarshy-site.conf``). The shipped branch file is
included unchanged but for the lines a test machine must change: the listen address, the
origin's address (the origin harness's port on loopback) and the cache folder. Each of those
lines must be in the shipped file, so a test fails if the file changes shape under it.
``origin_requests`` counts the origin's access log, the number of times a file crossed
the "wide-area link".
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from tests.security.nginx_harness import HOST, MIME_TYPES, Nginx, _replace, free_port

REPO = Path(__file__).resolve().parents[2]
BRANCH = REPO / "deploy" / "nginx" / "jarshy-branch.conf"

_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" '
                   r'(?P<status>\d{3}) (?P<bytes>\d+)')


def prepare_branch(prefix: Path, origin_port: int) -> Nginx:
    """Lay out a config prefix around the shipped branch file; nothing is started yet."""
    conf = prefix / "conf"
    conf.mkdir(parents=True)
    (prefix / "logs").mkdir()
    (prefix / "cache").mkdir()
    port = free_port()
    text = BRANCH.read_text(encoding="utf-8")
    text = _replace(text, "listen 80;", f"listen {HOST}:{port};")
    text = _replace(text, "server 192.0.2.10:80;", f"server {HOST}:{origin_port};")
    text = _replace(text, "/var/cache/jarshy-branch", str(prefix / "cache"))
    (conf / "jarshy-branch.conf").write_text(text, encoding="utf-8")
    (conf / "mime.types").write_bytes(MIME_TYPES.read_bytes())
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must read tmp_path
    (conf / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'logs' / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include mime.types;\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {prefix / 'logs' / 'access.log'};\n"
        "    include jarshy-branch.conf;\n"
        "}\n", encoding="utf-8")
    return Nginx(prefix, port)


def origin_requests(origin: Nginx) -> Counter[tuple[str, int]]:
    """(path, status) → how many requests the origin answered, from its access log."""
    counts: Counter[tuple[str, int]] = Counter()
    log = origin.logs / "access.log"
    if not log.exists():
        return counts
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _LINE.search(line)
        if match:
            counts[(match["path"], int(match["status"]))] += 1
    return counts


def bodies_sent(origin: Nginx, path: str) -> int:
    """How many answers to ``path`` carried a body (status 200) from the origin."""
    return origin_requests(origin)[(path, 200)]
