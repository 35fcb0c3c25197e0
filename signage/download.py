"""One bounded HTTP GET: a size cap, a total deadline, and redirects only on one origin.

Where it sits: under ``signage.fetch`` (which knows what a bundle, a signature and a media
file are and how big each may be) and over ``http.client`` (the standard library's HTTP, so
no redirect is followed behind our back and no proxy setting from the environment applies).
Whoever can answer on the intranet's address must not be able to fill the player's memory or
disk, hold its sync thread for as long as it likes, or send it to another server:

- the body is read in chunks of at most 64 KiB and the download stops one byte past
  ``limit`` (a ``Content-Length`` over it is refused before the body is read);
- ``seconds`` is a wall-clock deadline (``time.monotonic``) for the whole exchange,
  connection, headers and body: a timer shuts the socket down when it passes, so a server
  that sends a byte now and then cannot stretch it the way it stretches a per-read timeout;
- a redirect is followed (at most 5) only to the same scheme, host and port as ``origin``.

Problems are :class:`DownloadProblem` with one line that names the URL.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message

CHUNK = 1 << 16
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


class DownloadProblem(Exception):
    """Why a download failed, in one line that names the URL."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: Message
    size: int  # body bytes written (0 unless status is 200)


Origin = tuple[str, str, int]


def origin_of(url: str) -> Origin:
    """(scheme, host, port) of an http(s) URL, the port filled in; raises DownloadProblem."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
        scheme = "bad port"
    if scheme not in ("http", "https") or not parts.hostname:
        raise DownloadProblem(f"{url}: not an http:// or https:// address")
    return scheme, parts.hostname.lower(), port or (443 if scheme == "https" else 80)


def origin_text(origin: Origin) -> str:
    return f"{origin[0]}://{origin[1]}:{origin[2]}"


class _Deadline:
    """Shuts the watched socket down when ``seconds`` have passed since ``__enter__``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.001, self.end - time.monotonic())

    def passed(self) -> bool:
        if time.monotonic() >= self.end:
            self.expired = True
        return self.expired

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
        if self.expired:
            self._expire()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the download is over anyway


def get(url: str, write: Callable[[bytes], object], *, origin: Origin, limit: int,
        seconds: float, too_big: str, timeout: float = 10.0,
        headers: Mapping[str, str] | None = None,
        progress: Callable[[], None] | None = None) -> Answer:
    """GET ``url``, passing the body of a 200 answer to ``write`` chunk by chunk.

    Another status is returned with its headers, its body unread (304, 404 …). Raises
    :class:`DownloadProblem`: ``too_big`` (one line) past ``limit`` bytes; past the deadline;
    on a redirect off ``origin``; when the connection fails or closes early.
    """
    deadline = _Deadline(seconds)
    slow = DownloadProblem(f"{url}: took longer than {seconds:.0f} s (the server sends too "
                           "slowly); stopped")
    conn: http.client.HTTPConnection | None = None
    try:
        with deadline:
            conn, response, where = _open(url, origin, dict(headers or {}), deadline, timeout)
            if response.status != 200:
                return Answer(response.status, response.reason, response.headers, 0)
            expected = response.length  # None: until the server closes (or chunked)
            if expected is not None and expected > limit:
                raise DownloadProblem(too_big)
            got = 0
            while chunk := response.read1(CHUNK):
                got += len(chunk)
                if got > limit:
                    raise DownloadProblem(too_big)
                write(chunk)
                if progress is not None:
                    progress()
                if deadline.passed():
                    raise slow
            if deadline.expired:
                raise slow
            if expected is not None and got < expected:
                raise DownloadProblem(f"{where}: the connection closed after {got} of "
                                      f"{expected} bytes")
            return Answer(200, response.reason, response.headers, got)
    except (OSError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise slow from None
        reason = getattr(exc, "strerror", None) or exc
        raise DownloadProblem(f"{url}: {reason}") from exc
    finally:
        if conn is not None:
            conn.close()


def _open(url: str, origin: Origin, headers: dict[str, str], deadline: _Deadline,
          timeout: float) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse, str]:
    """Send the GET, following redirects on ``origin`` only; the connection and the answer."""
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port = origin_of(url)
        parts = urllib.parse.urlsplit(url)
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        conn = kind(host, port, timeout=min(timeout, deadline.left()))
        try:
            conn.connect()
            deadline.watch(conn.sock)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
        except BaseException:
            conn.close()
            raise
        if response.status not in REDIRECTS:
            return conn, response, url
        location = response.getheader("Location") or ""
        conn.close()
        following = urllib.parse.urljoin(url, location.strip())
        try:
            same = origin_of(following) == origin
        except DownloadProblem:
            same = False
        if not location.strip() or not same:
            raise DownloadProblem(
                f"{url}: redirect to {following or 'nowhere'} refused: the player follows "
                f"redirects only within {origin_text(origin)}, where its source is; point "
                "the source at the address that serves the bundle")
        url = following
    raise DownloadProblem(f"{url}: more than {MAX_REDIRECTS} redirects; stopped")
