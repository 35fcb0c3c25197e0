"""A simulated day on the dummy display: what played and when, read back from proof of play."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pygame

from signage.render import Fonts

from .helpers import Hooks, item, make_player, plays, screen, write_bundle


def test_a_day_plays_every_item_in_both_languages_inside_on_hours(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [
        item("urgent-water", priority="urgent", duration=8),
        item("canteen-menu", duration=12),
        item("safety-week", duration=9),
        item("lunch-only", duration=10, hours=["12:00-14:00"]),
    ], screens=[screen(on_hours=["07:00-21:00"])])
    hooks = Hooks(every=600.0)
    start = at(6, 0)
    player = make_player(display((160, 90)), fonts, cache, bundle, folder, start, hooks=hooks,
                         duration=16 * 3600.0)
    assert player.run() == 0

    records = plays(cache)
    assert records, "nothing was logged as played"
    times = [r.time for r in records]
    assert min(times) >= at(7, 0), "a slide was shown before the on-hours started"
    assert max(times) < at(21, 0), "a slide was shown after the on-hours ended"
    for r in records:  # the slide that was on at 21:00 was cut short by the night
        assert r.time + timedelta(seconds=r.seconds) <= at(21, 0) + timedelta(seconds=1)

    # every item in both languages, Kazakh right before Russian
    for item_id in ("urgent-water", "canteen-menu", "safety-week"):
        langs = [r.lang for r in records if r.item == item_id]
        assert langs.count("kk") > 100 and abs(langs.count("kk") - langs.count("ru")) <= 1
    # (an item whose hours end between its kk and ru slides is the one exception)
    pairs = list(zip(records, records[1:], strict=False))
    assert all(b.lang == "ru" and b.item == a.item for a, b in pairs
               if a.lang == "kk" and a.item != "lunch-only")

    # the first slide of the morning is the urgent item, and every pass starts with it
    first = records[0]
    assert (first.item, first.lang) == ("urgent-water", "kk")
    assert first.time < at(7, 0) + timedelta(seconds=2)
    assert records[2].item != "urgent-water"

    # an item with its own hours plays only inside them
    lunch = [r.time for r in records if r.item == "lunch-only"]
    assert lunch and min(lunch) >= at(12, 0) and max(lunch) < at(14, 0)

    # the screen is dark (all black) at night and never black during on-hours
    night = [s for s in hooks.samples if s.when < at(7, 0) or s.when >= at(21, 1)]
    day = [s for s in hooks.samples if at(7, 1) <= s.when < at(21, 0)]
    assert night and all(s.black for s in night)
    assert day and not any(s.black for s in day)


def test_a_dim_screen_shows_the_dim_clock_at_night(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [item("a")],
                          screens=[screen(on_hours=["07:00-21:00"], off_hours="dim")])
    hooks = Hooks(every=60.0)
    player = make_player(display((160, 90)), fonts, cache, bundle, folder, at(21, 30),
                         hooks=hooks, duration=600.0)
    player.run()
    assert plays(cache) == []
    assert hooks.samples and all(s.mode == "night" and not s.black for s in hooks.samples)
