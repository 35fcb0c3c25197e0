"""The fleet service on a real waitress, for the fleet and player tests."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_gen.blog.server import make_server, stop_server
from site_gen.fleet.app import MAX_BODY, Config, FleetApp
from site_gen.fleet.store import FleetStore

HOST = "127.0.0.1"
ALMATY = ZoneInfo("Asia/Almaty")


class Clock:
    """A settable aware clock for the service."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Fleet:
    port: int
    store: FleetStore
    config: Config | None = None  # None: the service runs in another process

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/heartbeat"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            answer = conn.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            conn.close()

    def beat(self, payload: dict[str, Any], token: str) -> tuple[int, Any]:
        status, _, data = self.request(
            "POST", "/heartbeat", json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        return status, json.loads(data)


@contextmanager
def running(db: Path, clock: Callable[[], datetime], *, port: int = 0,
            bundle: Path | None = None, silent_minutes: float = 10.0) -> Iterator[Fleet]:
    store = FleetStore(db)
    config = Config(store, clock, bundle, silent_minutes)
    server = make_server(FleetApp(config), HOST, port, threads=2, max_body=MAX_BODY,
                         ident="jarshy-fleet")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Fleet(int(server.effective_port), store, config)
    finally:
        stop_server(server)
        thread.join(5)
        assert not thread.is_alive(), "the waitress loop did not stop"
