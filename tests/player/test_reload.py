"""Hot reload: a new bundle takes effect at the next slide boundary; an urgent item
interrupts within 5 seconds; status.json tells what is going on."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pygame

from signage.render import Fonts

from .helpers import Hooks, QueueSource, item, make_player, plays, write_bundle


def test_a_new_bundle_takes_effect_at_the_next_slide_boundary(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    old = write_bundle(tmp_path / "v1", [item("old-a", duration=20), item("old-b", duration=20)])
    new = write_bundle(tmp_path / "v2", [item("new-a", duration=20)])
    source = QueueSource()
    hooks = Hooks()
    posted = at(9, 0) + timedelta(seconds=7)  # in the middle of the first slide
    hooks.actions.append((posted, lambda: source.post(new, tmp_path / "v2")))
    player = make_player(display((160, 90)), fonts, cache, old, tmp_path / "v1", at(9, 0),
                         hooks=hooks, source=source, duration=120.0)
    player.run()
    records = plays(cache)
    first = records[0]
    assert first.item.startswith("old-") and first.version == old.version
    assert first.seconds == 20.0  # not cut short by the new bundle
    assert all(r.item == "new-a" and r.version == new.version for r in records[1:])
    assert records[1].time == at(9, 0) + timedelta(seconds=20)


def test_an_urgent_item_interrupts_within_five_seconds(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    old = write_bundle(tmp_path / "v1", [item("menu", duration=30)])
    new = write_bundle(tmp_path / "v2", [item("menu", duration=30),
                                         item("water-off", priority="urgent", duration=15)])
    source = QueueSource()
    hooks = Hooks()
    posted = at(9, 0) + timedelta(seconds=11.3)
    hooks.actions.append((posted, lambda: source.post(new, tmp_path / "v2")))
    player = make_player(display((160, 90)), fonts, cache, old, tmp_path / "v1", at(9, 0),
                         hooks=hooks, source=source, duration=90.0, transition="crossfade")
    player.run()
    records = plays(cache)
    assert records[0].item == "menu" and records[0].seconds < 15  # cut short
    urgent = records[1]
    assert (urgent.item, urgent.lang) == ("water-off", "kk")
    assert timedelta(0) <= urgent.time - posted < timedelta(seconds=5)
    assert (records[2].item, records[2].lang) == ("water-off", "ru")  # then its Russian slide
    assert records[3].item == "menu"


def test_an_urgent_item_whose_hours_begin_interrupts(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    bundle = write_bundle(tmp_path / "b", [
        item("menu", duration=30),
        item("drill", priority="urgent", duration=10, hours=["09:01-09:30"])])
    player = make_player(display((160, 90)), fonts, cache, bundle, tmp_path / "b",
                         at(9, 0), duration=90.0)
    player.run()
    drill = [r for r in plays(cache) if r.item == "drill"]
    assert drill and drill[0].lang == "kk"
    assert at(9, 1) <= drill[0].time < at(9, 1) + timedelta(seconds=5)


def test_status_json_says_what_is_on_screen_and_how_sync_went(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    bundle = write_bundle(tmp_path / "b", [item("menu", duration=30)])
    source = QueueSource()
    hooks = Hooks()
    from signage.sync import SyncResult

    hooks.actions.append((at(9, 0) + timedelta(seconds=30), lambda: source.q.put(
        SyncResult(False, False, "http://intranet/signage/bundle.json: timed out",
                   version=bundle.version))))
    player = make_player(display((160, 90)), fonts, cache, bundle, tmp_path / "b",
                         at(9, 0), hooks=hooks, source=source, duration=130.0)
    player.run()
    status = json.loads((cache / "status.json").read_text(encoding="utf-8"))
    assert status["screen"] == "canteen"
    assert status["mode"] == "playing"
    assert status["bundle"]["version"] == bundle.version
    assert status["bundle"]["items"] == 1
    assert status["sync"]["result"] == "failed"
    assert "timed out" in status["sync"]["message"]
    assert status["current"]["item"] == "menu" and status["current"]["lang"] in ("kk", "ru")
    assert status["clock"]["ok"] is True
    assert status["fps"] > 0
    assert status["updated_at"].startswith("2026-11-23T09:02:1")
    assert any("timed out" in e["message"] for e in status["errors_last_hour"])


def test_a_retracted_notice_leaves_the_screen_when_the_bundle_arrives(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    """A push that deletes the urgent notice, then one that sets its ``until`` to yesterday:
    each takes it off the screen as soon as the bundle arrives, not when its 40 s slide
    would have ended, and status.json says what is on screen from that moment."""
    on = write_bundle(tmp_path / "on", [item("menu", duration=20),
                                        item("water-off", priority="urgent", duration=40)])
    deleted = write_bundle(tmp_path / "deleted", [item("menu", duration=20)])
    ended = write_bundle(tmp_path / "ended", [
        item("menu", duration=20),
        item("water-off", priority="urgent", duration=40, until="2026-11-22")])
    statuses: list[tuple[datetime, dict[str, object]]] = []
    for name, retracted in (("deleted", deleted), ("ended", ended)):
        run_cache = cache / name
        source = QueueSource()
        hooks = Hooks()
        posted = at(9, 0) + timedelta(seconds=12.5)  # the notice has 27.5 s left
        hooks.actions.append((posted, lambda b=retracted, n=name, q=source: q.post(
            b, tmp_path / n)))

        def peek(c: Path = run_cache, p: datetime = posted) -> None:
            status = json.loads((c / "status.json").read_text(encoding="utf-8"))
            statuses.append((p, status))

        hooks.actions.append((posted + timedelta(seconds=1), peek))
        player = make_player(display((160, 90)), fonts, run_cache, on, tmp_path / "on",
                             at(9, 0), hooks=hooks, source=source, duration=60.0)
        player.run()
        records = plays(run_cache)
        assert (records[0].item, records[0].lang) == ("water-off", "kk")
        assert records[0].seconds < 13.5, name  # cut short at the new bundle
        assert all(r.item == "menu" for r in records[1:]), name
        assert records[1].time - posted < timedelta(seconds=1), name
    for posted, status in statuses:
        current = status["current"]
        assert isinstance(current, dict)
        assert current["item"] == "menu"
        assert datetime.fromisoformat(str(current["since"])) - posted < timedelta(seconds=1)
        assert status["bundle"]["version"] in (deleted.version, ended.version)  # type: ignore[index]


def test_status_json_names_an_urgent_item_as_soon_as_its_hours_interrupt(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    """No new bundle: the clock starts the urgent item; status.json (otherwise written once
    a minute) names it within a second, for whoever watches the screen from afar."""
    bundle = write_bundle(tmp_path / "b", [
        item("menu", duration=30),
        item("drill", priority="urgent", duration=10, hours=["09:01-09:30"])])
    hooks = Hooks()
    seen: list[object] = []
    hooks.actions.append((at(9, 1) + timedelta(seconds=1), lambda: seen.append(json.loads(
        (cache / "status.json").read_text(encoding="utf-8"))["current"])))
    player = make_player(display((160, 90)), fonts, cache, bundle, tmp_path / "b",
                         at(9, 0) + timedelta(seconds=30), hooks=hooks, duration=40.0)
    player.run()
    assert seen and isinstance(seen[0], dict)
    assert (seen[0]["item"], seen[0]["urgent"]) == ("drill", True)
