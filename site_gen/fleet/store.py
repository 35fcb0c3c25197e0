"""The fleet's register: screens, their tokens, their last heartbeat and proof of play.

Where it sits: ``site-gen fleet register`` adds a screen and prints its token once; the
heartbeat service (``app``) checks tokens, records each heartbeat and stores the proof-of-play
lines it carries; the fleet page, the silence watch (``watch``) and ``site-gen report --plays``
read it. One SQLite file of its own (not the letters' file), mode 0600 in a folder of mode
0700, like the letters register: free disk and errors of screens are for monitor owners only.

A token is 256 random bits from :mod:`secrets`, kept only as a salted BLAKE2b hash. A
proof-of-play line is stored once per ``(screen, seq)``: a batch sent again after a lost
answer changes nothing, so every line arrives exactly once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from signage.playlog import PlayRecord

from ..privatedb import connect, create_private

SCHEMA = """
CREATE TABLE IF NOT EXISTS screens (
    id          TEXT PRIMARY KEY,      -- the screen id of content/_data/screens.yml
    salt        BLOB NOT NULL,         -- 16 random bytes
    token_hash  BLOB NOT NULL,         -- BLAKE2b(token, salt)
    registered  TEXT NOT NULL,         -- ISO 8601 with the company's UTC offset
    last_seen   TEXT,                  -- the last good heartbeat; NULL: never
    version     TEXT NOT NULL DEFAULT '',  -- the bundle version on screen
    current     TEXT NOT NULL DEFAULT '{}',  -- JSON: what it showed (kind, item, lang)
    uptime      REAL NOT NULL DEFAULT 0,   -- seconds the player has been running
    errors      TEXT NOT NULL DEFAULT '[]',  -- JSON: [{"message", "count"}] of that beat
    errors_at   TEXT,                  -- when the last non-empty errors arrived
    free_disk   INTEGER NOT NULL DEFAULT -1,  -- bytes free in the player's cache; -1 unknown
    silent      INTEGER NOT NULL DEFAULT 0    -- 1: reported silent by e-mail, not back yet
);
CREATE TABLE IF NOT EXISTS plays (
    screen   TEXT NOT NULL,
    seq      INTEGER NOT NULL,             -- the player's number of the line (see heartbeat)
    time     TEXT NOT NULL,                -- when the slide appeared, with its UTC offset
    item     TEXT NOT NULL,
    lang     TEXT NOT NULL,
    seconds  REAL NOT NULL,
    version  TEXT NOT NULL,
    PRIMARY KEY (screen, seq)
);
"""
DUMMY_SALT = b"\0" * 16


def new_token() -> str:
    """A fresh screen token: 43 URL-safe characters (256 random bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str, salt: bytes) -> bytes:
    return hashlib.blake2b(token.strip().encode("utf-8", "replace"), salt=salt,
                           person=b"jarshy-screen", digest_size=32).digest()


@dataclass(frozen=True, slots=True)
class Screen:
    id: str
    registered: datetime
    last_seen: datetime | None
    version: str
    current: dict[str, Any]
    uptime: float
    errors: list[dict[str, Any]]
    errors_at: datetime | None
    free_disk: int
    silent: bool


@dataclass(frozen=True, slots=True)
class Beat:
    """One heartbeat, checked (``app.parse_beat``)."""

    screen: str
    version: str
    current: dict[str, Any]
    uptime: float
    errors: list[dict[str, Any]]
    free_disk: int
    plays: Sequence[tuple[int, PlayRecord]]


def _set_up(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


def _when(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


class FleetStore:
    """The fleet database at ``path`` (created with its folder on first use, owner only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        create_private(path, _set_up)  # owner only, as the letters (site_gen.privatedb)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path)

    # -- screens ---------------------------------------------------------------------
    def register(self, screen: str, now: datetime) -> str:
        """Add ``screen`` (or give it a new token: the old one stops working); the token."""
        token = new_token()
        salt = secrets.token_bytes(16)
        with self._connect() as db:
            db.execute(
                "INSERT INTO screens (id, salt, token_hash, registered) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET salt = excluded.salt, "
                "token_hash = excluded.token_hash",
                (screen, salt, token_hash(token, salt), now.isoformat(timespec="seconds")))
        return token

    def remove(self, screen: str) -> bool:
        """Forget a screen (its proof of play stays); False when it was not registered."""
        with self._connect() as db:
            return db.execute("DELETE FROM screens WHERE id = ?", (screen,)).rowcount > 0

    def check_token(self, screen: str, token: str) -> bool:
        """True when ``token`` is ``screen``'s; the same work for an unknown screen."""
        with self._connect() as db:
            row = db.execute("SELECT salt, token_hash FROM screens WHERE id = ?",
                             (screen,)).fetchone()
        salt, stored = (bytes(row[0]), bytes(row[1])) if row else (DUMMY_SALT, b"")
        given = token_hash(token, salt)
        return hmac.compare_digest(given, stored) and row is not None

    def screens(self) -> list[Screen]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, registered, last_seen, version, current, uptime, errors, "
                "errors_at, free_disk, silent FROM screens ORDER BY id").fetchall()
        out = []
        for r in rows:
            registered = _when(r[1])
            assert registered is not None
            out.append(Screen(str(r[0]), registered, _when(r[2]), str(r[3]),
                              json.loads(r[4]), float(r[5]), json.loads(r[6]), _when(r[7]),
                              int(r[8]), bool(r[9])))
        return out

    def set_silent(self, screen: str, silent: bool) -> None:
        with self._connect() as db:
            db.execute("UPDATE screens SET silent = ? WHERE id = ?", (int(silent), screen))

    # -- heartbeats ------------------------------------------------------------------
    def record(self, beat: Beat, now: datetime) -> int:
        """Store a heartbeat and its lines in one transaction; the number of new lines."""
        stamp = now.isoformat(timespec="seconds")
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "UPDATE screens SET last_seen = ?, version = ?, current = ?, uptime = ?, "
                    "errors = ?, free_disk = ?, "
                    "errors_at = CASE WHEN ? THEN ? ELSE errors_at END WHERE id = ?",
                    (stamp, beat.version, json.dumps(beat.current, ensure_ascii=False),
                     beat.uptime, json.dumps(beat.errors, ensure_ascii=False),
                     beat.free_disk, bool(beat.errors), stamp, beat.screen))
                before = db.total_changes
                db.executemany(
                    "INSERT OR IGNORE INTO plays (screen, seq, time, item, lang, seconds, "
                    "version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(beat.screen, seq, p.time.isoformat(timespec="seconds"), p.item, p.lang,
                      p.seconds, p.version) for seq, p in beat.plays])
                added = db.total_changes - before
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return added

    def plays(self, screen: str | None = None) -> list[tuple[str, int, PlayRecord]]:
        """Stored proof of play: ``(screen, seq, record)`` in the screens' own order."""
        query = "SELECT screen, seq, time, item, lang, seconds, version FROM plays"
        args: tuple[str, ...] = ()
        if screen is not None:
            query, args = query + " WHERE screen = ?", (screen,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY screen, seq", args).fetchall()
        return [(str(r[0]), int(r[1]),
                 PlayRecord(datetime.fromisoformat(str(r[2])), str(r[0]), str(r[3]),
                            str(r[4]), float(r[5]), str(r[6]))) for r in rows]


def stored_plays(path: Path) -> list[PlayRecord]:
    """Every proof-of-play line in the fleet database at ``path``, read-only (the period
    report, ``site-gen report --plays var/fleet.sqlite3``); raises ``sqlite3.Error`` when
    it is not the fleet's database."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        rows = db.execute("SELECT screen, time, item, lang, seconds, version FROM plays "
                          "ORDER BY screen, seq").fetchall()
    finally:
        db.close()
    return [PlayRecord(datetime.fromisoformat(str(r[1])), str(r[0]), str(r[2]), str(r[3]),
                       float(r[4]), str(r[5])) for r in rows]
