"""What the screen itself does: rotation for a monitor on its side, the maintenance overlay,
quitting only with --allow-quit, and proof-of-play retention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pygame

from signage.playlog import PlayRecord
from signage.records import PlayLog
from signage.render import Fonts
from signage.render.layout import HEADER

from .helpers import Hooks, item, make_player, screen, write_bundle


def close(c1: tuple[int, ...], c2: tuple[int, ...], tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1[:3], c2[:3], strict=True))


def test_a_screen_mounted_on_its_side_gets_a_turned_picture(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    bundle = write_bundle(tmp_path / "b", [item("a")],
                          screens=[screen("lobby", rotation=90)])
    surface = display((320, 180))
    player = make_player(surface, fonts, cache, bundle, tmp_path / "b", at(9, 0),
                         screen="lobby", duration=3.0)
    player.run()
    assert player.logical == (180, 320)  # laid out as a portrait slide
    # turned clockwise: the header band that is on top of the slide runs down the right edge
    assert close(surface.get_at((318, 90)), HEADER)
    assert not close(surface.get_at((1, 90)), HEADER)
    assert not close(surface.get_at((160, 1)), HEADER)


def test_the_maintenance_key_shows_status_and_quit_needs_allow_quit(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    bundle = write_bundle(tmp_path / "b", [item("a")])
    surface = display((640, 360))
    hooks = Hooks()
    seen: list[bool] = []

    def press(key: int) -> Callable[[], None]:
        return lambda: pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0,
                                                            unicode="", scancode=0))

    hooks.actions += [
        (at(9, 0) + timedelta(seconds=5), press(pygame.K_F1)),
        (at(9, 0) + timedelta(seconds=7), lambda: seen.append(
            any(close(surface.get_at((x, 180)), (5, 12, 20)) for x in range(100, 540, 4)))),
        (at(9, 0) + timedelta(seconds=9), press(pygame.K_ESCAPE)),
        (at(9, 0) + timedelta(seconds=10), lambda: pygame.event.post(
            pygame.event.Event(pygame.QUIT))),
    ]
    player = make_player(surface, fonts, cache, bundle, tmp_path / "b", at(9, 0), hooks=hooks,
                         duration=60.0)
    player.run()
    assert seen == [True] and player.overlay
    assert player.shown >= 6  # Esc and closing the window did not stop it

    hooks2 = Hooks()
    hooks2.actions.append((at(9, 0) + timedelta(seconds=5), press(pygame.K_ESCAPE)))
    player2 = make_player(surface, fonts, cache, bundle, tmp_path / "b", at(9, 0),
                          hooks=hooks2, duration=60.0, allow_quit=True)
    player2.run()
    assert player2.clock.now() < at(9, 0) + timedelta(seconds=7)


def test_play_logs_rotate_daily_and_keep_ninety_days(tmp_path: Path,
                                                     at: Callable[..., datetime]) -> None:
    log = PlayLog(tmp_path / "logs")
    for days_ago in (0, 1, 89, 90, 91, 200):
        when = at(12, 0) - timedelta(days=days_ago)
        assert log.write(PlayRecord(when, "canteen", "news/x", "kk", 10.0, "v1"))
    (tmp_path / "logs" / "notes.txt").write_text("not ours")
    removed = log.prune(date(2026, 11, 23))
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert [p.name for p in removed] == ["plays-2026-05-07.jsonl", "plays-2026-08-24.jsonl"]
    assert names == ["notes.txt", "plays-2026-08-25.jsonl", "plays-2026-08-26.jsonl",
                     "plays-2026-11-22.jsonl", "plays-2026-11-23.jsonl"]


def test_a_crossfade_blends_without_a_dark_frame_and_ends_exactly_on_the_new_slide(
        display: Callable[..., pygame.Surface]) -> None:
    from signage.transitions import Transition

    screen_ = display((160, 90))
    screen_.fill((200, 40, 40))
    new = pygame.Surface((160, 90)).convert()
    new.fill((40, 40, 200))
    fade = Transition(new, start=0.0)
    reds: list[int] = []
    t = 0.0
    while not fade.draw(screen_, t):
        r, g, b, _ = screen_.get_at((80, 45))
        assert r + b >= 200  # never darker than the two pictures: no black flash
        reds.append(r)
        t += 1 / 60
    assert reds == sorted(reds, reverse=True) and reds[0] > 150 and reds[-1] < 60
    assert tuple(screen_.get_at((80, 45)))[:3] == (40, 40, 200)
    assert 0.8 <= t <= 0.8 + 2 / 60


def test_the_ticker_scrolls_while_the_rest_of_the_slide_stays(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    bundle = write_bundle(tmp_path / "b", [item("a", duration=60)],
                          screens=[screen(ticker=True)])
    surface = display((640, 360))
    shots: list[tuple[bytes, bytes]] = []

    def shoot() -> None:
        strip = surface.subsurface(pygame.Rect(0, 340, 640, 20)).copy()
        body = surface.subsurface(pygame.Rect(0, 80, 640, 200)).copy()
        shots.append((pygame.image.tobytes(strip, "RGB"), pygame.image.tobytes(body, "RGB")))

    hooks = Hooks()
    hooks.actions += [(at(9, 0) + timedelta(seconds=s), shoot) for s in (5, 5.5, 6)]
    player = make_player(surface, fonts, cache, bundle, tmp_path / "b", at(9, 0), hooks=hooks,
                         duration=8.0, idle_wait=0.25)
    player.run()
    assert len(shots) == 3
    assert shots[0][0] != shots[1][0] != shots[2][0]  # the strip moved
    assert shots[0][1] == shots[1][1] == shots[2][1]  # the slide itself did not
