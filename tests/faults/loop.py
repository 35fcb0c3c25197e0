"""Run the real player loop on the dummy display with a FakeClock, the way ``signage play``
boots it (last good bundle from the cache, a syncer polled between frames), and read back
what a technician would look at: proof of play, ``status.json``, screen samples."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame

from signage.bundle import Bundle
from signage.player import FakeClock, Options, Player
from signage.playlog import PlayRecord
from signage.render import Fonts
from signage.sync import Store, Syncer, SyncResult
from tests.player.helpers import (
    TEST_KEYS,
    Hooks,
    Sample,
    all_black,
    make_player,
    plays,
)


class SyncInLoop:
    """The sync thread's stand-in: one ``sync_once`` every ``n`` polls of the loop, in the
    loop's own thread, so a FakeClock run stays deterministic."""

    def __init__(self, syncer: Syncer, n: int = 10) -> None:
        self.syncer, self.n, self.calls = syncer, n, 0
        self.results: list[SyncResult] = []

    def poll_results(self) -> list[SyncResult]:
        self.calls += 1
        if self.calls % self.n:
            return []
        result = self.syncer.sync_once()
        self.results.append(result)
        return [result]




@dataclass
class Run:
    player: Player
    hooks: Hooks
    cache: Path

    @property
    def plays(self) -> list[PlayRecord]:
        return plays(self.cache)

    @property
    def status(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.cache / "status.json").read_text("utf-8"))
        return data

    def black_during_on_hours(self) -> list[datetime]:
        return [s.when for s in self.hooks.samples if s.black and s.mode != "night"]


def boot_and_play(store: Store, source: str, fonts: Fonts, surface: pygame.Surface,
                  start: datetime, seconds: float, *, hooks: Hooks | None = None,
                  every: int = 10, keys: tuple[bytes, ...] = TEST_KEYS,
                  **options: Any) -> Run:
    """Boot like ``signage play --source``: the last good bundle from the cache (one sync
    attempt first only when the cache is empty), then the loop for ``seconds`` fake seconds.
    ``keys``: the public keys the player trusts (the test session's site key)."""
    syncer = Syncer(source, store, keys=keys)
    if store.load_current() is None:
        syncer.sync_once()
    found = store.load_current()
    bundle, media_dir = found if found is not None else (None, None)
    hooks = hooks or Hooks(every=2.0)
    player = make_player(surface, fonts, store.root, bundle, media_dir, start, hooks=hooks,
                         source=SyncInLoop(syncer, every), duration=seconds,
                         status_every=5.0, **options)
    player.run()
    return Run(player, hooks, store.root)


class StopwatchClock(FakeClock):
    """A FakeClock whose test actions and screen samples run by elapsed (monotonic) seconds,
    so they keep their pace when the wall clock is made to jump."""

    def __init__(self, start: datetime, every: float = 2.0) -> None:
        super().__init__(start)
        self.t0 = self.monotonic()
        self.every = every
        self.actions: list[tuple[float, Callable[[], None]]] = []
        self.samples: list[Sample] = []
        self.player: Player | None = None
        self._next_sample = 0.0

    def at(self, elapsed: float, action: Callable[[], None]) -> None:
        self.actions.append((elapsed, action))
        self.actions.sort(key=lambda a: a[0])

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        elapsed = self.monotonic() - self.t0
        while self.actions and self.actions[0][0] <= elapsed:
            self.actions.pop(0)[1]()
        if self.every and elapsed >= self._next_sample and self.player is not None:
            self._next_sample = elapsed + self.every
            surf = pygame.display.get_surface()
            assert surf is not None
            self.samples.append(Sample(self.now(), all_black(surf), self.player.plan.mode))


def play_with(clock: StopwatchClock, surface: pygame.Surface, fonts: Fonts, cache: Path,
              bundle: Bundle | None, media_dir: Path | None, seconds: float,
              **options: Any) -> Run:
    """The loop on ``clock`` for ``seconds`` fake seconds (cut transitions, 1 s idle wait)."""
    opts = Options(screen="canteen", transition="cut", idle_wait=1.0, duration=seconds,
                   status_every=5.0, **options)
    player = Player(opts, clock, surface, fonts, bundle=bundle, media_dir=media_dir,
                    cache_dir=cache)
    clock.player = player
    hooks = Hooks()
    hooks.samples = clock.samples
    player.run()
    return Run(player, hooks, cache)
