"""A real nginx (Debian's /usr/sbin/nginx) running the shipped site config from a temp prefix.

Used by the nginx and letters-proxy tests. The shipped ``deploy/nginx/jarshy-site.conf`` is
included, unchanged but for the lines a test machine must change: the listen address, the
site's root, the letters and fleet services' ports and the log folder. Each of those lines must be
found in the shipped file, so a test fails if the file changes shape under it. Debian's
``mime.types`` sits where the install instructions put it, relative to the config prefix.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "deploy" / "nginx" / "jarshy-site.conf"
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
HOST = "127.0.0.1"

need_nginx = pytest.mark.skipif(
    not NGINX.exists() or not MIME_TYPES.exists(),
    reason="nginx is not installed (Debian package 'nginx'; ./dev.sh installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def shipped_csp() -> str:
    """The policy of the CSP map's default line in the shipped config (part of the file)."""
    for line in SHIPPED.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("default") and "default-src" in stripped:
            return stripped.split(None, 1)[1].rstrip(";").strip().strip('"')
    raise AssertionError("no CSP map default line in the shipped config")


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"the shipped config has no '{old}' for the test to point elsewhere"
    return text.replace(old, new)


@dataclass
class Nginx:
    prefix: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def conf(self) -> Path:
        return self.prefix / "conf" / "nginx.conf"

    @property
    def logs(self) -> Path:
        return self.prefix / "logs"

    def command(self, *extra: str) -> list[str]:
        return [str(NGINX), "-p", str(self.prefix), "-c", str(self.conf), *extra]

    def test_config(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)

    def start(self) -> None:
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                assert self.process.stderr is not None
                raise AssertionError(f"nginx stopped: {self.process.stderr.read()!r}")
            try:
                socket.create_connection((HOST, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("nginx did not listen within 10 s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, source: str | None = None
                ) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10,
                                          source_address=(source, 0) if source else None)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.msg, response.read()
        finally:
            conn.close()

    def raw(self, data: bytes, source: str = HOST) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Send ``data`` as it is, from the loopback address ``source``."""
        with socket.socket() as sock:
            sock.settimeout(10)
            sock.bind((source, 0))
            sock.connect((HOST, self.port))
            sock.sendall(data)
            response = http.client.HTTPResponse(sock)
            response.begin()
            return response.status, response.msg, response.read()

    def error_log(self) -> str:
        return "".join(p.read_text(encoding="utf-8", errors="replace")
                       for p in sorted(self.logs.glob("*.log")) if "access" not in p.name)


def prepare(prefix: Path, site: Path, letters_port: int = 8765, fleet_port: int = 8766
            ) -> Nginx:
    """Lay out a config prefix around the shipped server file; nothing is started yet."""
    conf = prefix / "conf"
    conf.mkdir(parents=True)
    (prefix / "logs").mkdir()
    shutil.copy(MIME_TYPES, conf / "mime.types")
    port = free_port()
    text = SHIPPED.read_text(encoding="utf-8")
    text = _replace(text, "listen 80;", f"listen {HOST}:{port};")
    text = _replace(text, "root /srv/jarshy/site;", f"root {site};")
    text = _replace(text, "server 127.0.0.1:8765", f"server 127.0.0.1:{letters_port}")
    text = _replace(text, "server 127.0.0.1:8766", f"server 127.0.0.1:{fleet_port}")
    text = _replace(text, "/var/log/nginx/", f"{prefix / 'logs'}/")
    (conf / "jarshy-site.conf").write_text(text, encoding="utf-8")
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must read tmp_path
    (conf / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'logs' / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "    include mime.types;\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {prefix / 'logs' / 'access.log'};\n"
        "    include jarshy-site.conf;\n"
        "}\n", encoding="utf-8")
    return Nginx(prefix, port)
