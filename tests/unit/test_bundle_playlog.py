"""Proof of play: the JSON Lines record the player writes and the period report reads."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from signage.playlog import PlayLogError, PlayRecord, append_plays, from_line, read_plays, to_line
from signage.timezones import load_zone

Z = load_zone("Asia/Almaty")
RECORD = PlayRecord(datetime(2026, 11, 23, 12, 0, 5, tzinfo=Z), "canteen",
                    "announcements/2026-11-23-su-azhyratu", "kk", 20.0, "ab" * 32)


def test_line_has_the_documented_fields_in_order() -> None:
    line = to_line(RECORD)
    assert list(json.loads(line)) == ["time", "screen", "item", "lang", "seconds", "version"]
    assert json.loads(line)["time"] == "2026-11-23T12:00:05+05:00"
    assert from_line(line) == RECORD


def test_kazakh_item_ids_stay_letters() -> None:
    record = PlayRecord(RECORD.time, "lobby", "news/2026-11-20-құттықтау", "kk", 8, "v")
    assert "құттықтау" in to_line(record)
    assert from_line(to_line(record)) == record


def test_files_round_trip_and_a_cut_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "plays-2026-11-23.jsonl"
    append_plays(path, [RECORD, RECORD])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(to_line(RECORD)[:30])  # power lost in the middle of a write
    problems: list[str] = []
    assert list(read_plays(path, problems)) == [RECORD, RECORD]
    assert problems == [f"{path}:3: not a JSON object (a truncated or corrupt line)"]


@pytest.mark.parametrize(("change", "message"), [
    ({"time": "2026-11-23 12:00"}, "has no UTC offset"),
    ({"seconds": -1}, "seconds must be"),
    ({"lang": ""}, "lang must be non-empty"),
])
def test_bad_records_say_what_is_wrong(change: dict[str, object], message: str) -> None:
    raw = {**json.loads(to_line(RECORD)), **change}
    with pytest.raises(PlayLogError, match=message):
        from_line(json.dumps(raw))


def test_naive_time_is_refused_when_writing() -> None:
    naive = PlayRecord(datetime(2026, 11, 23, 12), "canteen", "x", "kk", 1, "v")  # noqa: DTZ001
    with pytest.raises(ValueError, match="time zone"):
        to_line(naive)
