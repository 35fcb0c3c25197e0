"""The letters app on a real waitress server in a thread, and raw HTTP to it.

Shared by tests/unit/test_letters_server.py and the letters tests under tests/security.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_gen.blog.server import Config, LettersApp, RateLimiter, make_server, stop_server
from site_gen.blog.store import LetterStore

SITE = "http://intranet.zharyq.example.kz"
HOST = "127.0.0.1"
LETTER = {"name": "", "department": "Ұлытау учаскесі", "lang": "kk",
          "text": "Вахталық автобустың кестесін қысқы уақытқа ауыстыруды сұраймыз.",
          "answer": "blog", "consent": True}


def fixed_clock() -> datetime:
    return datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Almaty"))


@dataclass
class Endpoint:
    port: int
    store: LetterStore
    config: Config

    def request(self, method: str, body: bytes | None = None, headers: dict[str, str] | None
                = None, path: str = "/letters") -> tuple[int, dict[str, str], Any]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            heads = {k.lower(): v for k, v in response.getheaders()}
            return response.status, heads, json.loads(data) if data else None
        finally:
            conn.close()

    def post(self, payload: object, content_type: str = "application/json",
             origin: str | None = SITE) -> tuple[int, dict[str, str], Any]:
        headers = {"Content-Type": content_type}
        if origin:
            headers["Origin"] = origin
        return self.request("POST", json.dumps(payload).encode("utf-8"), headers)

    def raw(self, data: bytes) -> tuple[int, dict[str, str], Any]:
        """Send ``data`` as it is (a request http.client would refuse to write)."""
        with socket.create_connection((HOST, self.port), timeout=10) as sock:
            sock.sendall(data)
            response = http.client.HTTPResponse(sock)
            response.begin()
            body = response.read()
            heads = {k.lower(): v for k, v in response.getheaders()}
            return response.status, heads, json.loads(body) if body else None


@contextmanager
def running(db: Path, limit: int = 5, store: LetterStore | None = None,
            trusted_proxy: str = "127.0.0.1", anonymous: str = "accept") -> Iterator[Endpoint]:
    """The letters app on waitress on 127.0.0.1 (a free port), stopped on exit."""
    store = store or LetterStore(db)
    config = Config(store, SITE, fixed_clock, RateLimiter(limit, 60.0), anonymous,
                    RateLimiter(limit, 60.0))
    server = make_server(LettersApp(config), HOST, 0, trusted_proxy=trusted_proxy, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Endpoint(int(server.effective_port), store, config)
    finally:
        stop_server(server)
        thread.join(5)
        assert not thread.is_alive(), "the waitress loop did not stop"
