"""``site-gen letters serve``: the small HTTP endpoint the blog's letter form posts to.

Where it sits: the staged blog page posts JSON (format in ``letters``) here; each good
letter goes into the SQLite ``store`` and the writer gets its number back. Standard
library only (``http.server``), one thread per request, no state but the database and a
per-address flood counter. CORS headers are sent only to the configured site origin, and
a browser request from any other origin is refused.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .letters import MAX_BODY, validate
from .store import LetterStore

log = logging.getLogger(__name__)
PATHS = ("/", "/letters", "/letters/")


def origin_of(url: str) -> str:
    """``http://intranet.example.kz/x/`` → ``http://intranet.example.kz`` ("" if not a URL)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds from one client address."""

    def __init__(self, limit: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str) -> float:
        """0 when the request may go on (and counts it), else seconds until it may."""
        now = self.clock()
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle addresses so memory stays small
                self._seen = {a: q for a, q in self._seen.items()
                              if q and q[-1] > now - self.window}
            times = self._seen.setdefault(address, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return max(1.0, times[0] + self.window - now)
            times.append(now)
            return 0.0


@dataclass
class Config:
    store: LetterStore
    origin: str  # the site's origin ("http://intranet.example.kz"); "" = no browser origin
    clock: Callable[[], datetime]  # aware "now" in the company's zone
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(10, 600.0))


class LettersServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: Config) -> None:
        super().__init__(address, Handler)
        self.config = config


class Handler(BaseHTTPRequestHandler):
    server: LettersServer
    server_version = "jarshy-letters"
    sys_version = ""
    timeout = 15  # seconds a slow client may hold a thread

    # -- plumbing ------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # stdlib's name
        log.info("%s %s", self.client_address[0], format % args)

    def _cors(self) -> bool:
        """Send CORS headers when the request comes from the site's own pages."""
        origin = self.headers.get("Origin", "")
        allowed = self.server.config.origin
        if allowed and origin.lower() == allowed:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
            return True
        return False

    def _reply(self, status: HTTPStatus, body: dict[str, Any],
               headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self._cors()
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: HTTPStatus, code: str, limit: int | None = None,
               headers: dict[str, str] | None = None) -> None:
        self.close_connection = True  # the body may be left unread
        problem: dict[str, Any] = {"field": "", "code": code}
        if limit is not None:
            problem["limit"] = limit
        self._reply(status, {"errors": [problem]}, headers)

    # -- methods -------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # http.server's name
        """CORS preflight: allowed only for the site's origin."""
        self.send_response(HTTPStatus.NO_CONTENT if self.path in PATHS
                           else HTTPStatus.NOT_FOUND)
        if self._cors():
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # http.server's name
        if self.path not in PATHS:
            self._error(HTTPStatus.NOT_FOUND, "not-found")
            return
        self._reply(HTTPStatus.OK, {"service": "jarshy letters",
                                    "post": "application/json letter, see docs/editors.md"})

    def do_POST(self) -> None:  # http.server's name
        config = self.server.config
        if self.path not in PATHS:
            self._error(HTTPStatus.NOT_FOUND, "not-found")
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() != config.origin:
            self._error(HTTPStatus.FORBIDDEN, "foreign-origin")
            return
        wait = config.limiter.check(self.client_address[0])
        if wait:
            self._error(HTTPStatus.TOO_MANY_REQUESTS, "too-many",
                        headers={"Retry-After": str(int(wait + 0.999))})
            return
        media = self.headers.get_content_type()
        if media != "application/json" or self.headers.get_content_charset("utf-8").lower() \
                not in ("utf-8", "utf8"):
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "not-json")
            return
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            self._error(HTTPStatus.LENGTH_REQUIRED, "no-length")
            return
        length = int(length_text)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", limit=MAX_BODY)
            return
        try:
            payload = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._error(HTTPStatus.BAD_REQUEST, "bad-json")
            return
        letter, problems = validate(payload)
        if letter is None:
            self._reply(HTTPStatus.UNPROCESSABLE_ENTITY,
                        {"errors": [p.as_json() for p in problems]})
            return
        stored = config.store.add(letter, config.clock())
        log.info("letter %s registered (%s, %d characters)", stored.number, stored.lang,
                 len(stored.text))
        self._reply(HTTPStatus.CREATED, {
            "number": stored.number,
            "received": stored.received.isoformat(timespec="seconds"),
            "reply_by": stored.reply_by.isoformat(),
        })


def make_server(host: str, port: int, config: Config) -> LettersServer:
    """A bound server (``port`` 0 picks a free one: ``server.server_address[1]``)."""
    return LettersServer((host, port), config)
