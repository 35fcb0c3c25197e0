"""``site-gen fleet serve``: the heartbeat service and the live fleet page.

Where it sits: every player (``signage.heartbeat``) POSTs a heartbeat each minute to
``/heartbeat`` (nginx: ``/api/heartbeat``); the service checks the screen's token, stores the
heartbeat and its proof-of-play lines in the fleet's own SQLite file (``store``) and answers
with what it stored (``acked``: the highest line number it has now). ``/fleet/`` (nginx: behind
an allow-list) is the monitor owners' page (``page``), rendered from the same file on each
request. It runs on waitress through the letters service's :func:`make_server`, as a process
of its own, with its own threads: 500 screens can never starve the letters.

Every request gets an answer and at most one log line, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from signage.playlog import PlayLogError, PlayRecord, from_line

from ..blog.server import BASE_HEADERS, StartResponse, one_line
from .page import CSS, CSS_PATH, bundle_version, render_page
from .store import Beat, FleetStore

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024  # bytes: MAX_LINES lines of about 200 bytes, with room to spare
MAX_LINES = 500  # proof-of-play lines in one heartbeat; the player sends more in batches
MAX_ERRORS = 50
BEAT_PATHS = ("/heartbeat", "/heartbeat/")
PAGE_PATHS = {"/fleet/": "kk", "/fleet": "kk", "/fleet/kk/": "kk", "/fleet/ru/": "ru"}
# The page's own policy: its stylesheet only, no script at all, no frames.
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")
Answer = tuple[HTTPStatus, str, bytes, dict[str, str]]


@dataclass
class Config:
    store: FleetStore
    clock: Callable[[], datetime]  # aware "now" in the company's zone
    bundle: Path | None = None  # the site's signage/bundle.json: its version is "current"
    silent_minutes: float = 10.0  # a screen quieter than this is marked silent


class BadBeat(ValueError):
    """A heartbeat that does not follow the protocol; the message names the field."""


def _text(raw: dict[str, Any], key: str, limit: int, *, required: bool = False) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or len(value) > limit or (required and not value):
        raise BadBeat(f"{key} must be text of at most {limit} characters")
    value.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError: refused below
    return value


def _number(raw: dict[str, Any], key: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < -1:
        raise BadBeat(f"{key} must be a number")
    return float(value)


def parse_beat(raw: object) -> tuple[Beat, list[int]]:
    """The heartbeat in ``raw`` and the numbers of lines refused (not proof of play)."""
    if not isinstance(raw, dict):
        raise BadBeat("a heartbeat is a JSON object")
    screen = _text(raw, "screen", 64, required=True)
    current_raw = raw.get("current", {})
    if not isinstance(current_raw, dict):
        raise BadBeat("current must be an object")
    current = {k: _text(current_raw, k, 200) for k in ("kind", "item", "lang", "since")
               if k in current_raw}
    errors_raw = raw.get("errors", [])
    if not isinstance(errors_raw, list) or len(errors_raw) > MAX_ERRORS:
        raise BadBeat(f"errors must be a list of at most {MAX_ERRORS}")
    errors = []
    for entry in errors_raw:
        if not isinstance(entry, dict):
            raise BadBeat("each error is an object with message and count")
        errors.append({"message": _text(entry, "message", 300, required=True),
                       "count": int(_number(entry, "count", 1))})
    plays_raw = raw.get("plays", [])
    if not isinstance(plays_raw, list) or len(plays_raw) > MAX_LINES:
        raise BadBeat(f"plays must be a list of at most {MAX_LINES} lines")
    plays: list[tuple[int, PlayRecord]] = []
    refused: list[int] = []
    for entry in plays_raw:
        seq = entry.get("seq") if isinstance(entry, dict) else None
        if isinstance(seq, bool) or not isinstance(seq, int) or seq <= 0:
            raise BadBeat("each line has a seq, a whole number above 0")
        try:
            record = from_line(json.dumps(entry.get("play")))
        except PlayLogError:
            refused.append(seq)
            continue
        if record.screen != screen:
            refused.append(seq)  # another screen's line: never stored under this one
            continue
        plays.append((seq, record))
    beat = Beat(screen, _text(raw, "version", 128), current, _number(raw, "uptime", 0),
                errors, int(_number(raw, "free_disk", -1)), plays)
    return beat, refused


def _json(status: HTTPStatus, body: dict[str, Any], headers: dict[str, str] | None = None
          ) -> Answer:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return status, "application/json; charset=utf-8", data, headers or {}


def _error(status: HTTPStatus, code: str, message: str = "",
           headers: dict[str, str] | None = None) -> Answer:
    problem = {"field": "", "code": code}
    if message:
        problem["message"] = message
    return _json(status, {"errors": [problem]}, headers)


class FleetApp:
    """The WSGI application: ``POST /heartbeat``; ``GET /fleet/`` (kk), ``/fleet/ru/``,
    ``/fleet/?lang=ru`` and its stylesheet."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, environ: dict[str, Any], start_response: StartResponse
                 ) -> Iterable[bytes]:
        try:
            status, kind, data, headers = self.answer(environ)
        except Exception as problem:  # noqa: BLE001 - every request gets an answer and one log line
            log.error("fleet: unexpected %s while answering a request: %s",
                      type(problem).__name__, one_line(problem))
            status, kind, data, headers = _error(HTTPStatus.INTERNAL_SERVER_ERROR,
                                                 "server-error")
        out = [("Content-Type", kind), ("Content-Length", str(len(data))), *BASE_HEADERS,
               *headers.items()]
        start_response(f"{status.value} {status.phrase}", out)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else data]

    def answer(self, environ: dict[str, Any]) -> Answer:
        method = str(environ.get("REQUEST_METHOD", ""))
        path = str(environ.get("PATH_INFO", ""))
        if path in BEAT_PATHS:
            if method != "POST":
                return _error(HTTPStatus.METHOD_NOT_ALLOWED, "method", headers={"Allow": "POST"})
            return self.beat(environ)
        if path in PAGE_PATHS or path == CSS_PATH:
            if method not in ("GET", "HEAD"):
                return _error(HTTPStatus.METHOD_NOT_ALLOWED, "method",
                              headers={"Allow": "GET, HEAD"})
            if path == CSS_PATH:
                return HTTPStatus.OK, "text/css; charset=utf-8", CSS.encode("utf-8"), {}
            query = parse_qs(str(environ.get("QUERY_STRING", "")))
            lang = PAGE_PATHS[path]
            if query.get("lang", [""])[0] in ("kk", "ru"):
                lang = query["lang"][0]
            return self.page(lang)
        return _error(HTTPStatus.NOT_FOUND, "not-found")

    def page(self, lang: str) -> Answer:
        config = self.config
        try:
            screens = config.store.screens()
        except (sqlite3.Error, OSError) as problem:
            log.error("fleet: cannot read the fleet register (%s: %s); answered 503",
                      type(problem).__name__, one_line(problem))
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "unavailable",
                          headers={"Retry-After": "60"})
        html = render_page(lang, screens, config.clock(), bundle_version(config.bundle),
                           config.silent_minutes)
        return (HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"),
                {"Content-Security-Policy": PAGE_CSP, "Content-Language": lang})

    def beat(self, environ: dict[str, Any]) -> Answer:
        config = self.config
        media = Message()
        media["Content-Type"] = str(environ.get("CONTENT_TYPE", ""))
        if media.get_content_type() != "application/json":
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "not-json")
        length_text = str(environ.get("CONTENT_LENGTH") or "")
        if not (length_text.isascii() and length_text.isdigit()):
            return _error(HTTPStatus.LENGTH_REQUIRED, "no-length")
        if int(length_text) > MAX_BODY:
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too-large")
        auth = str(environ.get("HTTP_AUTHORIZATION", ""))
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return self._refused("no token")
        raw = environ["wsgi.input"].read(int(length_text))
        try:
            payload = json.loads(raw.decode("utf-8"))
            beat, refused = parse_beat(payload)
        except (UnicodeError, json.JSONDecodeError, RecursionError):
            return _error(HTTPStatus.BAD_REQUEST, "bad-json")
        except BadBeat as problem:
            return _error(HTTPStatus.UNPROCESSABLE_ENTITY, "bad-heartbeat", str(problem))
        try:
            if not config.store.check_token(beat.screen, token):
                return self._refused(f"a wrong token for screen '{one_line(beat.screen)}'")
            added = config.store.record(beat, config.clock())
        except (sqlite3.Error, OSError) as problem:  # a full disk, a locked or broken file
            log.error("fleet: cannot store a heartbeat (%s: %s); answered 503",
                      type(problem).__name__, one_line(problem))
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "unavailable",
                          headers={"Retry-After": "60"})
        if refused:
            log.warning("fleet: screen %s sent %d lines that are not proof of play "
                        "(numbers %s…); acknowledged and not stored", beat.screen,
                        len(refused), refused[0])
        seqs = [seq for seq, _ in beat.plays] + refused
        return _json(HTTPStatus.OK, {"stored": added, "acked": max(seqs) if seqs else None,
                                     "refused": refused})

    @staticmethod
    def _refused(why: str) -> Answer:
        log.warning("fleet: refused a heartbeat: %s", why)
        return _error(HTTPStatus.UNAUTHORIZED, "bad-token",
                      headers={"WWW-Authenticate": 'Bearer realm="jarshy-fleet"'})
