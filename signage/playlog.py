"""Proof of play: one JSON Lines record for every slide a screen has shown.

Flow: the player (``signage.records.PlayLog``) appends :func:`to_line` of each
:class:`PlayRecord` to ``logs/plays-YYYY-MM-DD.jsonl``; the editorial period report reads
the files back with :func:`read_plays`. The format is documented in ``docs/bundle.md``::

    {"time":"2026-11-23T12:00:05+05:00","screen":"canteen","item":"news/x","lang":"kk",
     "seconds":12.0,"version":"3f2a…"}

Stdlib only; never imports ``site_gen``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PLAYLOG_FIELDS: tuple[str, ...] = ("time", "screen", "item", "lang", "seconds", "version")


class PlayLogError(ValueError):
    """A line that is not a proof-of-play record; the message says which field and why."""


@dataclass(frozen=True, slots=True)
class PlayRecord:
    time: datetime  # aware: when the slide appeared, with the screen's UTC offset
    screen: str  # screen id from the bundle
    item: str  # item id (content key)
    lang: str  # kk | ru
    seconds: float  # how long it was really shown (shorter when an urgent item interrupted)
    version: str  # the bundle version the slide came from


def to_line(record: PlayRecord) -> str:
    """One JSON line (no newline), keys in the documented order, letters unescaped."""
    if record.time.tzinfo is None:
        raise ValueError("a proof-of-play time needs a time zone")
    return json.dumps({"time": record.time.isoformat(timespec="seconds"),
                       "screen": record.screen, "item": record.item, "lang": record.lang,
                       "seconds": round(float(record.seconds), 3), "version": record.version},
                      ensure_ascii=False, separators=(",", ":"))


def from_line(line: str) -> PlayRecord:
    """Parse one line; raises :class:`PlayLogError`. Unknown extra keys are ignored."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError:
        raise PlayLogError("not a JSON object (a truncated or corrupt line)") from None
    if not isinstance(raw, dict):
        raise PlayLogError("not a JSON object")
    missing = [k for k in PLAYLOG_FIELDS if k not in raw]
    if missing:
        raise PlayLogError(f"missing {', '.join(missing)}")
    try:
        time = datetime.fromisoformat(str(raw["time"]))
    except ValueError:
        raise PlayLogError(f"time '{raw['time']}' is not an ISO date-time") from None
    if time.tzinfo is None:
        raise PlayLogError(f"time '{raw['time']}' has no UTC offset")
    seconds = raw["seconds"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise PlayLogError("seconds must be a number of seconds, 0 or more")
    texts = {k: raw[k] for k in ("screen", "item", "lang", "version")}
    bad = [k for k, v in texts.items() if not isinstance(v, str) or not v]
    if bad:
        raise PlayLogError(f"{', '.join(bad)} must be non-empty text")
    return PlayRecord(time, str(raw["screen"]), str(raw["item"]), str(raw["lang"]),
                      float(seconds), str(raw["version"]))


def read_plays(path: Path, problems: list[str] | None = None) -> Iterator[PlayRecord]:
    """The records of one JSON Lines file. A bad line (such as the last line of a file cut
    by a power loss) is skipped and, when ``problems`` is given, reported there as
    ``file:line: what``."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield from_line(line)
            except PlayLogError as exc:
                if problems is not None:
                    problems.append(f"{path}:{number}: {exc}")


def append_plays(path: Path, records: Iterable[PlayRecord]) -> None:
    """Append records to ``path`` (created with its folder when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("".join(to_line(r) + "\n" for r in records))
