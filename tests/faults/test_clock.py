"""The wall clock jumps (network time arrives, a technician sets it by hand): back an hour,
then forward a day. The loop goes on, the schedule follows the new time at once (an item that
ended yesterday is gone), the screen is never black, and ``status.json`` records the jumps.

(A clock years before the bundle, a dead CMOS battery, is
``tests/player/test_resilience.py::test_a_clock_before_the_bundle_shows_only_undated_items_then_recovers``.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pygame

from signage.render import Fonts
from tests.player.helpers import item, screen, write_bundle

from .loop import StopwatchClock, play_with


def test_the_clock_jumps_back_an_hour_and_forward_a_day(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [
        item("always", duration=10),
        item("monday-only", duration=10, until="2026-11-23"),
    ], screens=[screen(on_hours=["07:00-21:00"])])
    clock = StopwatchClock(at(10, 0), every=2.0)
    statuses: list[dict[str, object]] = []

    def snapshot() -> None:
        import json
        statuses.append(json.loads((cache / "status.json").read_text("utf-8")))

    clock.at(300, lambda: clock.set_wall(at(9, 5)))  # 10:05 → 09:05
    clock.at(330, snapshot)
    clock.at(600, lambda: clock.set_wall(at(9, 10, day=24)))  # Monday 09:10 → Tuesday 09:10
    clock.at(630, snapshot)
    run = play_with(clock, display((160, 90)), fonts, cache, bundle, folder, 900.0)

    records = run.plays
    first = [r for r in records if r.time < at(10, 5) and r.time >= at(10, 0)]
    back = [r for r in records if at(9, 5) <= r.time < at(9, 10)]
    tuesday = [r for r in records if r.time >= at(0, 0, day=24)]
    assert len(first) >= 25 and len(back) >= 25 and len(tuesday) >= 25  # it went on each time
    assert {r.item for r in back} == {"always", "monday-only"}
    assert {r.item for r in tuesday} == {"always"}  # ended yesterday: gone at once
    assert tuesday[0].time < at(9, 10, day=24) + timedelta(seconds=11)
    assert all(r.seconds <= 10.5 for r in records)  # no slide stuck across a jump
    assert clock.samples and not any(s.black for s in clock.samples)

    assert len(statuses) == 2
    back_status, forward_status = statuses
    assert str(back_status["updated_at"]).startswith("2026-11-23T09:0")
    assert str(forward_status["updated_at"]).startswith("2026-11-24T09:1")
    for st in statuses:
        assert st["mode"] == "playing"
    jumps = [e["message"] for e in forward_status["errors_last_hour"]  # type: ignore[union-attr]
             if "jumped" in e["message"]]  # type: ignore[index]
    assert len(jumps) == 2, forward_status["errors_last_hour"]
    assert "2026-11-23T09:05" in jumps[0] and "2026-11-24T09:10" in jumps[1]
