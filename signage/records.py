"""What the player leaves on disk: proof of play and ``status.json``.

Where it sits: ``signage.player`` hands finished plays and a status snapshot to these
writers; they never read a clock (the loop passes the local date and time). Proof of play is
one JSON Lines file per local day, ``logs/plays-YYYY-MM-DD.jsonl``, in the record format of
``signage.playlog``; files older than :data:`KEEP_DAYS` are deleted when the day changes.

A full or read-only disk must never stop the loop: every write catches ``OSError``, logs the
problem once when it starts and once when it clears (transitions, not ticks), and keeps a
bounded backlog of plays in memory that is written as soon as the disk accepts it again.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .playlog import PlayRecord, to_line

log = logging.getLogger(__name__)

KEEP_DAYS = 90
BACKLOG = 5000  # plays kept in memory while the disk refuses writes (about 12 hours)
LOG_PREFIX = "plays-"


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to a temp file in the same directory, then ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


class DiskProblem:
    """Remembers whether a kind of write is failing, so each problem is logged once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.failing: str | None = None

    def failed(self, exc: OSError) -> None:
        message = f"{exc.strerror or exc}"
        if self.failing != message:
            log.error("cannot write %s: %s; the player goes on and retries", self.what, message)
            self.failing = message

    def worked(self) -> None:
        if self.failing is not None:
            log.warning("writing %s works again", self.what)
            self.failing = None


class PlayLog:
    """Appends proof-of-play records to one JSON Lines file per local day."""

    def __init__(self, log_dir: Path, keep_days: int = KEEP_DAYS) -> None:
        self.dir = log_dir
        self.keep_days = keep_days
        self._backlog: deque[tuple[Path, str]] = deque(maxlen=BACKLOG)
        self._problem = DiskProblem(f"proof of play in {log_dir}")
        self._pruned_for: date | None = None
        self.lost = 0  # records pushed out of a full backlog (reported in status.json)

    def path_for(self, day: date, *, unsure: bool = False) -> Path:
        """``plays-2026-11-23.jsonl``; plays shown while the clock could not be trusted go to
        ``plays-2001-01-01.unsure.jsonl`` (the date the wrong clock gave), which retention
        leaves alone: pruning it by that date would delete it at once."""
        suffix = ".unsure" if unsure else ""
        return self.dir / f"{LOG_PREFIX}{day.isoformat()}{suffix}.jsonl"

    @property
    def failing(self) -> str | None:
        return self._problem.failing

    @property
    def pending(self) -> int:
        return len(self._backlog)

    def write(self, record: PlayRecord, *, unsure: bool = False) -> bool:
        """Queue ``record`` for the file of its local day, write everything queued;
        False when the disk refused (the record stays queued)."""
        if len(self._backlog) == self._backlog.maxlen:
            self.lost += 1
        self._backlog.append((self.path_for(record.time.date(), unsure=unsure),
                              to_line(record)))
        return self.flush()

    def flush(self) -> bool:
        if not self._backlog:
            return True
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            by_file: dict[Path, list[str]] = {}
            for path, line in self._backlog:
                by_file.setdefault(path, []).append(line)
            for path, lines in by_file.items():
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write("".join(line + "\n" for line in lines))
        except OSError as exc:
            self._problem.failed(exc)
            return False
        self._backlog.clear()
        self._problem.worked()
        return True

    def prune(self, today: date) -> list[Path]:
        """Delete day files older than ``keep_days`` (once per day); returns what it deleted."""
        if self._pruned_for == today:
            return []
        self._pruned_for = today
        oldest = today - timedelta(days=self.keep_days)
        removed: list[Path] = []
        try:
            candidates = sorted(self.dir.glob(f"{LOG_PREFIX}*.jsonl"))
        except OSError:
            return removed
        for path in candidates:
            stem = path.stem[len(LOG_PREFIX):]
            try:
                day = date.fromisoformat(stem)
            except ValueError:
                continue  # not ours: leave it
            if day < oldest:
                try:
                    path.unlink()
                    removed.append(path)
                except OSError as exc:
                    log.warning("cannot delete old play log %s: %s", path, exc.strerror)
        if removed:
            log.info("deleted %d play log(s) older than %d days", len(removed), self.keep_days)
        return removed


class ErrorWindow:
    """Distinct errors of the last hour with their counts, for ``status.json``."""

    def __init__(self, seconds: float = 3600.0) -> None:
        self.seconds = seconds
        self._events: deque[tuple[float, str]] = deque()

    def add(self, t: float, message: str) -> None:
        self._events.append((t, message))

    def since(self, mark: float) -> list[dict[str, object]]:
        """Distinct errors after ``mark`` (monotonic seconds) with their counts (heartbeats)."""
        counts: dict[str, int] = {}
        for when, message in self._events:
            if when > mark:
                counts[message] = counts.get(message, 0) + 1
        return [{"message": m, "count": n} for m, n in counts.items()]

    def summary(self, t: float) -> list[dict[str, object]]:
        while self._events and self._events[0][0] < t - self.seconds:
            self._events.popleft()
        counts: dict[str, int] = {}
        for _, message in self._events:
            counts[message] = counts.get(message, 0) + 1
        return [{"message": m, "count": n} for m, n in counts.items()]


class StatusFile:
    """``status.json``: written atomically; a failing disk is logged once and retried."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problem = DiskProblem(str(path))

    @property
    def failing(self) -> str | None:
        return self._problem.failing

    def write(self, status: Mapping[str, object]) -> bool:
        text = json.dumps(status, ensure_ascii=False, indent=2, sort_keys=True, default=_iso)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, text + "\n")
        except OSError as exc:
            self._problem.failed(exc)
            return False
        self._problem.worked()
        return True


def _iso(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def read_status(path: Path) -> dict[str, Any] | None:
    """The last ``status.json`` (``signage doctor`` and the maintenance overlay show it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
