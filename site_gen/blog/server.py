"""``site-gen letters serve``: the small WSGI endpoint the blog's letter form posts to.

Where it sits: the staged blog page posts JSON (format in ``letters``) here; each good
letter goes into the SQLite ``store`` and the writer gets its number back. The app is a
plain WSGI callable (:class:`LettersApp`); :func:`make_server` runs it on waitress
(a fixed pool of threads, connection limit, timeouts, no thread per socket), behind nginx
(deploy/nginx/jarshy-site.conf), which buffers each request before passing it on.

Every request gets a JSON answer and at most one log line, never a traceback: bad bytes,
a deep JSON nest, lone surrogates, a full disk, and what waitress itself refuses
(a bad Content-Length, a body over the limit). No log line carries a writer's address; the
flood counter keeps only a salted hash of it, in memory, with a salt made per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from .letters import MAX_BODY, validate
from .lookup import QUESTIONS_PATH, STATUS_PATHS, look_up, questions
from .store import LetterStore

log = logging.getLogger(__name__)
PATHS = ("/", "/letters", "/letters/")
StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Answer = tuple[HTTPStatus, dict[str, Any], dict[str, str]]
BASE_HEADERS = [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]


def origin_of(url: str) -> str:
    """``http://intranet.example.kz/x/`` → ``http://intranet.example.kz`` ("" if not a URL)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds from one client address.

    Addresses are remembered only as a keyed hash (BLAKE2b with a random key made when the
    limiter is), so the memory of the process tells no one who wrote.
    """

    def __init__(self, limit: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._salt = os.urandom(32)
        self._seen: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()

    def key(self, address: str) -> bytes:
        return hashlib.blake2b(address.encode("utf-8", "replace"), key=self._salt,
                               digest_size=16).digest()

    def check(self, address: str) -> float:
        """0 when the request may go on (and counts it), else seconds until it may."""
        now = self.clock()
        key = self.key(address)
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle writers so memory stays small
                self._seen = {a: q for a, q in self._seen.items()
                              if q and q[-1] > now - self.window}
            times = self._seen.setdefault(key, deque())
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
    anonymous: str = "accept"  # blog.anonymous of site.yml: accept | refuse
    # The writers' lookups (number + code) and the meeting pages' counts: counters of their
    # own, so looking a letter up never uses up the writer's letters.
    lookup_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(10, 600.0))
    count_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(120, 600.0))


def one_line(value: object) -> str:
    """A message for the log on one line, at most 200 characters, whatever it holds."""
    return " ".join(str(value).split())[:200]


def _error(status: HTTPStatus, code: str, limit: int | None = None,
           headers: dict[str, str] | None = None) -> Answer:
    problem: dict[str, Any] = {"field": "", "code": code}
    if limit is not None:
        problem["limit"] = limit
    return status, {"errors": [problem]}, headers or {}


def _too_many(wait: float) -> Answer:
    return _error(HTTPStatus.TOO_MANY_REQUESTS, "too-many",
                  headers={"Retry-After": str(int(wait + 0.999))})


def _well_formed(payload: object) -> bool:
    """False when a key or text value holds a lone surrogate (``"\\ud800"`` in the JSON)."""
    if not isinstance(payload, dict):
        return True
    texts = [k for k in payload if isinstance(k, str)]
    texts += [v for v in payload.values() if isinstance(v, str)]
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class LettersApp:
    """The WSGI application: ``GET``/``OPTIONS``/``POST`` on ``/letters`` (or ``/``), a
    writer's lookup (``POST /letters/status``) and a meeting's count of questions
    (``GET /letters/questions/<id>``), both in ``lookup``."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, environ: dict[str, Any], start_response: StartResponse
                 ) -> Iterable[bytes]:
        try:
            status, body, headers = self.answer(environ)
        except Exception as problem:  # noqa: BLE001 - every request gets a JSON answer and one log line
            log.error("letters: unexpected %s while answering a request: %s",
                      type(problem).__name__, one_line(problem))
            status, body, headers = _error(HTTPStatus.INTERNAL_SERVER_ERROR, "server-error")
        if status == HTTPStatus.NO_CONTENT:
            data = b""
        else:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        out = [("Content-Type", "application/json; charset=utf-8"),
               ("Content-Length", str(len(data))), *BASE_HEADERS, *headers.items()]
        out += self._cors(environ)
        start_response(f"{status.value} {status.phrase}", out)
        return [data]

    def _cors(self, environ: dict[str, Any]) -> list[tuple[str, str]]:
        """CORS headers when the request comes from the site's own pages."""
        origin = str(environ.get("HTTP_ORIGIN", ""))
        if self.config.origin and origin.lower() == self.config.origin:
            return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        return []

    def answer(self, environ: dict[str, Any]) -> Answer:
        method = environ.get("REQUEST_METHOD", "")
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(QUESTIONS_PATH) and method in ("GET", "HEAD"):
            wait = self.config.count_limiter.check(str(environ.get("REMOTE_ADDR", "")))
            if wait:
                return _too_many(wait)
            return questions(self.config.store, path)
        if path in STATUS_PATHS and method == "POST":
            return self.post(environ, self.config.lookup_limiter, lookup=True)
        if path not in PATHS and path not in STATUS_PATHS:
            return _error(HTTPStatus.NOT_FOUND, "not-found")
        if method == "OPTIONS":  # CORS preflight: allowed only for the site's origin
            allowed = self._cors(environ)
            return HTTPStatus.NO_CONTENT, {}, ({
                "Access-Control-Allow-Methods": "POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600"} if allowed else {})
        if method == "GET":
            return HTTPStatus.OK, {"service": "jarshy letters",
                                   "post": "application/json letter, see docs/editors.md"}, {}
        if method != "POST":
            return _error(HTTPStatus.METHOD_NOT_ALLOWED, "method",
                          headers={"Allow": "GET, POST, OPTIONS"})
        return self.post(environ, self.config.limiter)

    def post(self, environ: dict[str, Any], limiter: RateLimiter, lookup: bool = False
             ) -> Answer:
        config = self.config
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and str(origin).lower() != config.origin:
            return _error(HTTPStatus.FORBIDDEN, "foreign-origin")
        wait = limiter.check(str(environ.get("REMOTE_ADDR", "")))
        if wait:
            return _too_many(wait)
        media = Message()
        media["Content-Type"] = str(environ.get("CONTENT_TYPE", ""))
        if media.get_content_type() != "application/json" or \
                str(media.get_content_charset("utf-8")).lower() not in ("utf-8", "utf8"):
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "not-json")
        length_text = str(environ.get("CONTENT_LENGTH") or "")
        if not (length_text.isascii() and length_text.isdigit()):
            return _error(HTTPStatus.LENGTH_REQUIRED, "no-length")
        length = int(length_text)
        if length > MAX_BODY:
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", limit=MAX_BODY)
        raw = environ["wsgi.input"].read(length)
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error(HTTPStatus.BAD_REQUEST, "bad-json")
        except RecursionError:  # [[[[...]]]]: Python's parser gives up; so do we
            log.warning("letters: refused a JSON body nested too deep")
            return _error(HTTPStatus.BAD_REQUEST, "too-deep")
        if not _well_formed(payload):
            log.warning("letters: refused a JSON body with a lone surrogate")
            return _error(HTTPStatus.BAD_REQUEST, "bad-text")
        if lookup:
            try:
                return look_up(config.store, payload)
            except (sqlite3.Error, OSError) as problem:
                log.error("letters: cannot read the letters for a lookup (%s: %s); "
                          "answered 503", type(problem).__name__, one_line(problem))
                return _error(HTTPStatus.SERVICE_UNAVAILABLE, "unavailable",
                              headers={"Retry-After": "60"})
        letter, problems = validate(payload, config.anonymous)
        if letter is None:
            return (HTTPStatus.UNPROCESSABLE_ENTITY,
                    {"errors": [p.as_json() for p in problems]}, {})
        try:
            stored, code = config.store.add_with_code(letter, config.clock())
        except (sqlite3.Error, OSError) as problem:  # a full disk, a locked or broken file
            log.error("letters: cannot store a letter (%s: %s); answered 503",
                      type(problem).__name__, one_line(problem))
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "unavailable",
                          headers={"Retry-After": "60"})
        log.info("letter %s registered (%s, %d characters)", stored.number, stored.lang,
                 len(stored.text))
        return HTTPStatus.CREATED, {
            "number": stored.number,
            "code": code,  # shown once to the writer; the store keeps only its hash
            "received": stored.received.isoformat(timespec="seconds"),
            "reply_by": stored.reply_by.isoformat(),
            "answer_by": stored.answer_by.isoformat() if stored.answer_by else None,
        }, {}


# -- waitress ----------------------------------------------------------------------------

WAITRESS_CODES = {400: "bad-request", 413: "too-large", 431: "headers-too-large"}


class _JsonErrorTask(ErrorTask):  # type: ignore[misc]  # waitress ships no type information
    """waitress's answer to a request it cannot read, as the app's JSON error (one log line)."""

    def execute(self) -> None:
        error = self.request.error
        code = WAITRESS_CODES.get(error.code, "server-error")
        problem: dict[str, Any] = {"field": "", "code": code}
        if error.code == 413:  # the limit this server was made with (make_server)
            problem["limit"] = int(self.channel.adj.max_request_body_size)
        body = json.dumps({"errors": [problem]}).encode("utf-8")
        log.warning("%s: refused a request the server could not read (%d %s: %s)",
                    self.channel.adj.ident.removeprefix("jarshy-"), error.code, error.reason,
                    one_line(error.body))
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend([("Content-Type", "application/json; charset=utf-8"),
                                      *BASE_HEADERS])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _JsonErrorChannel(HTTPChannel):  # type: ignore[misc]  # waitress ships no type information
    error_task_class = _JsonErrorTask


def make_server(app: Callable[..., Iterable[bytes]], host: str, port: int, *,
                trusted_proxy: str = "127.0.0.1", threads: int = 4,
                connection_limit: int = 100, max_body: int = MAX_BODY,
                ident: str = "jarshy-letters") -> Any:
    """A bound waitress server (``port`` 0 picks one: ``server.effective_port``); ``run()``.

    Shared by the letters and the fleet's heartbeat service (``site_gen.fleet.app``): each
    runs its own server, with its own threads, so one can never starve the other.

    Requests from ``trusted_proxy`` (nginx on this machine) are taken to come from the
    address nginx puts in X-Forwarded-For; such headers from anyone else are dropped.
    """
    proxy: dict[str, Any] = {}
    if trusted_proxy:
        proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
                 "trusted_proxy_headers": {"x-forwarded-for"}}
    server = create_server(
        app, host=host, port=port, threads=threads, connection_limit=connection_limit,
        channel_timeout=30, cleanup_interval=10, max_request_body_size=max_body,
        max_request_header_size=16 * 1024, ident=ident, expose_tracebacks=False,
        clear_untrusted_proxy_headers=True, **proxy)
    server.channel_class = _JsonErrorChannel
    return server


def stop_server(server: Any) -> None:
    """Stop a server whose ``run()`` goes on in another thread (tests, embedding)."""
    from waitress import wasyncore

    server.task_dispatcher.shutdown()  # first: a worker still answering pulls the trigger
    try:
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
    except OSError:  # the trigger is closed already: the loop is ending; close what is left
        wasyncore.close_all(server._map, ignore_all=True)
