"""Heartbeats: each minute, the screen tells the intranet it is alive and hands over its
proof of play.

Where it sits: the player's loop (``signage.player``) owns time; once a minute it
:meth:`HeartbeatWorker.offer`\\ s a snapshot (bundle version, current slide, uptime, errors
since the last offer) and goes on at once. A thread of its own (like the sync worker,
``signage.sync``) POSTs it as JSON to the fleet service (``site_gen.fleet.app``, behind nginx
at ``/api/heartbeat``) with the screen's token (``Authorization: Bearer``), adding the free
disk and the proof-of-play lines (``logs/plays-*.jsonl``, ``signage.records``) after the last
acknowledged one. The service answers with ``acked``, the highest line number it stored;
only then does the cursor file (``heartbeat.json``, written atomically) move. While the
service is down the lines stay on disk (90 days, ``records.KEEP_DAYS``) and go later, in
batches of :data:`BATCH` lines; a batch sent twice is stored once (the service keys lines by
screen and number), so every line arrives exactly once.

A line's number is ``YYYYMMDD × 1 000 000 + its line in that day's file``: it grows with
the day and the line, and it never changes, whatever the process restarts. Lines of a clock
that could not be trusted (``plays-….unsure.jsonl``) are not sent: their dates are wrong.

Stdlib only; never imports ``site_gen``.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .playlog import PlayLogError, from_line
from .records import LOG_PREFIX, atomic_write_text

log = logging.getLogger(__name__)

EVERY = 60.0  # seconds between heartbeats
BATCH = 200  # proof-of-play lines per heartbeat (the service takes at most 500)
ROUNDS = 50  # batches sent back to back after downtime before the next minute
TIMEOUT = 10.0
DAY = 1_000_000
CURSOR = "heartbeat.json"
Post = Callable[[bytes], tuple[int, bytes]]


def seq_of(day: date, line: int) -> int:
    return (day.year * 10_000 + day.month * 100 + day.day) * DAY + line


class Outbox:
    """The proof-of-play lines not acknowledged yet, read from the day files."""

    def __init__(self, log_dir: Path, cursor: Path) -> None:
        self.dir = log_dir
        self.cursor = cursor

    def acked(self) -> int:
        try:
            value = json.loads(self.cursor.read_text(encoding="utf-8")).get("acked", 0)
        except (OSError, ValueError, AttributeError):
            return 0  # no cursor yet (or a broken one): send all; the service keeps one copy
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    def acknowledge(self, seq: int) -> None:
        if seq > self.acked():
            atomic_write_text(self.cursor, json.dumps({"acked": seq}) + "\n")

    def pending(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` lines after the cursor, oldest first: ``{"seq", "play"}``."""
        acked = self.acked()
        out: list[dict[str, Any]] = []
        try:
            files = sorted(self.dir.glob(f"{LOG_PREFIX}*.jsonl"))
        except OSError:
            return out
        for path in files:
            try:
                day = date.fromisoformat(path.stem[len(LOG_PREFIX):])
            except ValueError:
                continue  # an .unsure file or not ours
            if seq_of(day, DAY - 1) <= acked:
                continue
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    for number, line in enumerate(fh, 1):
                        seq = seq_of(day, number)
                        if seq <= acked or not line.endswith("\n"):
                            continue  # sent already, or still being written
                        try:
                            from_line(line)
                        except PlayLogError:
                            continue  # a line cut by a power loss: not proof of play
                        out.append({"seq": seq, "play": json.loads(line)})
                        if len(out) >= limit:
                            return out
            except OSError as exc:
                log.warning("heartbeat: cannot read %s: %s", path, exc.strerror)
        return out


@dataclass
class Sent:
    ok: bool
    message: str
    lines: int = 0  # lines acknowledged by this heartbeat
    more: bool = False  # a full batch went: more may be waiting


def http_post(url: str, token: str, timeout: float = TIMEOUT) -> Post:
    def post(body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return int(answer.status), bytes(answer.read(64 * 1024))
        except urllib.error.HTTPError as exc:
            return int(exc.code), b""
    return post


class HeartbeatWorker:
    """Sends what the loop offers, in a thread; never blocks the loop."""

    def __init__(self, screen: str, cache_dir: Path, post: Post, *, every: float = EVERY,
                 batch: int = BATCH) -> None:
        self.screen = screen
        self.cache_dir = cache_dir
        self.post = post
        self.every = every
        self.batch = batch
        self.outbox = Outbox(cache_dir / "logs", cache_dir / CURSOR)
        self._offered: dict[str, Any] | None = None
        self._errors: dict[str, int] = {}  # not yet delivered, with counts
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jarshy-heartbeat", daemon=True)
        self._last = ""

    # -- the loop's side -------------------------------------------------------------
    def offer(self, snapshot: dict[str, Any]) -> None:
        """The newest state from the loop (errors since its last offer); returns at once."""
        with self._lock:
            for error in snapshot.get("errors", []):
                message = str(error["message"])
                self._errors[message] = self._errors.get(message, 0) + int(error["count"])
            self._offered = snapshot
        self._wake.set()

    # -- the thread's side -----------------------------------------------------------
    def _body(self, snapshot: dict[str, Any], lines: list[dict[str, Any]]) -> bytes:
        try:
            free = shutil.disk_usage(self.cache_dir).free
        except OSError:
            free = -1
        with self._lock:
            errors = [{"message": m[:300], "count": n} for m, n in self._errors.items()][:50]
        return json.dumps({"screen": self.screen, "version": snapshot.get("version", ""),
                           "current": snapshot.get("current", {}),
                           "uptime": snapshot.get("uptime", 0), "errors": errors,
                           "free_disk": free, "plays": lines},
                          ensure_ascii=False).encode("utf-8")

    def send_once(self, snapshot: dict[str, Any]) -> Sent:
        """One heartbeat with up to ``batch`` lines; the cursor moves on what was stored."""
        lines = self.outbox.pending(self.batch)
        body = self._body(snapshot, lines)
        try:
            status, raw = self.post(body)
        except (OSError, ValueError) as exc:  # refused, timed out, no route, a bad URL
            return Sent(False, f"cannot reach the fleet service: {exc}")
        if status == 401:
            return Sent(False, "the fleet service refused this screen's token (401); "
                               "set JARSHY_HEARTBEAT_TOKEN (docs/screens.md)")
        if status != 200:
            return Sent(False, f"the fleet service answered {status}")
        with self._lock:
            self._errors.clear()  # delivered
        try:
            acked = json.loads(raw.decode("utf-8")).get("acked")
        except (ValueError, AttributeError):
            acked = None
        sent = [line["seq"] for line in lines]
        if isinstance(acked, int) and sent and acked in sent:
            try:
                self.outbox.acknowledge(acked)
            except OSError as exc:  # sent again next time; the service keeps one copy
                return Sent(False, f"cannot write {self.outbox.cursor}: {exc.strerror}")
            return Sent(True, "ok", sent.index(acked) + 1, len(lines) >= self.batch)
        return Sent(True, "ok", 0, False)

    def send_all(self, snapshot: dict[str, Any], rounds: int = ROUNDS) -> Sent:
        """Heartbeats back to back while full batches wait (catching up after downtime)."""
        total = 0
        for _ in range(rounds):
            result = self.send_once(snapshot)
            total += result.lines
            if not result.ok or not result.more or self._stop.is_set():
                return Sent(result.ok, result.message, total, result.more)
        return Sent(True, "ok", total, True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                return
            with self._lock:
                snapshot = dict(self._offered or {})
            try:
                result = self.send_all(snapshot)
            except Exception as exc:  # noqa: BLE001 - the thread must outlive any one heartbeat
                result = Sent(False, f"unexpected {type(exc).__name__}: {exc}")
            if result.message != self._last:  # transitions, not ticks
                if result.ok:
                    log.info("heartbeat: the fleet service answers")
                else:
                    log.warning("heartbeat failed: %s; proof of play stays on disk and "
                                "goes with a later heartbeat", result.message)
                self._last = result.message

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=TIMEOUT * 2)
