"""Small bundles for the player tests, written as real bundle.json files with media, signed
by this test session's site key (``TEST_KEY``; players in tests trust ``TEST_KEYS``)."""

from __future__ import annotations

import hashlib
import json
import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame

from signage.bundle import Bundle, content_hash, parse_bundle
from signage.player import FakeClock, Options, Player, ResultSource
from signage.playlog import PlayRecord, read_plays
from signage.render import Fonts
from signage.signing import SIGNATURE_NAME, key_text, new_private_key, public_key_of, sign
from signage.sync import SyncResult

GENERATED = "2026-11-23T06:00:00+05:00"
TEST_KEY = new_private_key()  # the site's private key for this test session
TEST_KEYS = (public_key_of(TEST_KEY),)  # what a test player trusts
TEST_KEY_TEXT = key_text(TEST_KEYS[0])  # as --public-key / $JARSHY_PUBLIC_KEYS takes it


def png_bytes(color: tuple[int, int, int] = (200, 120, 40), size: tuple[int, int] = (64, 48),
              tmp: Path | None = None) -> bytes:
    surf = pygame.Surface(size)
    surf.fill(color)
    path = (tmp or Path("/tmp")) / f"jarshy-test-{color[0]}-{size[0]}.png"
    pygame.image.save(surf, str(path))
    data = path.read_bytes()
    path.unlink()
    return data


def media_entry(rel: str, data: bytes, typ: str) -> dict[str, Any]:
    return {"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "type": typ}


def item(item_id: str, *, priority: str = "normal", duration: int | None = 10,
         hours: Sequence[str] = (), start: str | None = "2026-11-01", until: str | None = None,
         image: dict[str, Any] | None = None, video: dict[str, Any] | None = None,
         langs: Sequence[str] = ("kk", "ru"), screens: Sequence[str] = ()) -> dict[str, Any]:
    texts = {"kk": ("Жаңалық", "Қысқа мәтін: әріптестер, ұжым, өнім"),
             "ru": ("Новость", "Короткий текст для экрана")}
    return {
        "id": item_id, "kind": "article", "section": "news", "date": "2026-11-01",
        "priority": priority, "screens": list(screens), "from": start, "until": until,
        "days": [], "hours": list(hours), "duration": duration, "image": image, "video": video,
        "event": None,
        "langs": {lang: {"title": f"{texts[lang][0]} {item_id}", "text": texts[lang][1],
                         "body": "", "url": f"http://intranet/{lang}/news/{item_id}/",
                         "publish_at": None, "expires": None, "place": ""}
                  for lang in langs},
    }


def screen(screen_id: str = "canteen", *, on_hours: Sequence[str] = ("07:00-21:00",),
           off_hours: str = "dark", rotation: int = 0, ticker: bool = False) -> dict[str, Any]:
    return {"id": screen_id, "name": {"kk": "Асхана", "ru": "Столовая"},
            "location": {"kk": "1-қабат", "ru": "1-й этаж"}, "width": 1920, "height": 1080,
            "rotation": rotation, "on_hours": list(on_hours), "off_hours": off_hours,
            "ticker": {"kk": "Ас болсын, әріптестер!", "ru": "Приятного аппетита!"}
            if ticker else {}}


def write_bundle(folder: Path, items: Sequence[dict[str, Any]], *,
                 screens: Sequence[dict[str, Any]] | None = None,
                 media: dict[str, bytes] | None = None,
                 generated_at: str = GENERATED,
                 signed_by: bytes | None = TEST_KEY) -> Bundle:
    """Write ``folder/bundle.json`` (+ media files and, unless ``signed_by`` is None,
    ``bundle.json.sig``, first, as the site does) and return the parsed bundle."""
    folder.mkdir(parents=True, exist_ok=True)
    raw: dict[str, Any] = {
        "format": 1, "generated_at": generated_at, "timezone": "Asia/Almaty",
        "company": {"kk": "«Жарық Энерго»", "ru": "«Жарык Энерго»"}, "window_days": 14,
        "screens": list(screens or [screen()]), "items": list(items)}
    raw["version"] = content_hash(raw)
    data = (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode()
    for rel, blob in (media or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(blob)
    if signed_by is not None:
        (folder / "sig.tmp").write_bytes(sign(data, signed_by))
        (folder / "sig.tmp").replace(folder / SIGNATURE_NAME)
    else:
        (folder / SIGNATURE_NAME).unlink(missing_ok=True)
    tmp = folder / "bundle.json.tmp"
    tmp.write_bytes(data)
    tmp.replace(folder / "bundle.json")
    return parse_bundle(data)


class QueueSource:
    """A stand-in for the sync thread: the test posts results, the loop polls them."""

    def __init__(self) -> None:
        self.q: queue.Queue[SyncResult] = queue.Queue()

    def post(self, bundle: Bundle, media_dir: Path) -> None:
        self.q.put(SyncResult(True, True, f"installed bundle {bundle.version}", bundle,
                              media_dir, bundle.version))

    def poll_results(self) -> list[SyncResult]:
        out = []
        while not self.q.empty():
            out.append(self.q.get_nowait())
        return out


@dataclass
class Sample:
    when: datetime
    black: bool
    mode: str


@dataclass
class Hooks:
    """Things to do at fake moments (post a bundle, jump the clock) and screen samples."""

    every: float = 0.0  # sample the display this often (fake seconds); 0 = never
    actions: list[tuple[datetime, Callable[[], None]]] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)


class DrivenClock(FakeClock):
    """A FakeClock that runs the test's hooks while the player sleeps."""

    def __init__(self, start: datetime, hooks: Hooks) -> None:
        super().__init__(start)
        self.hooks = hooks
        self.player: Player | None = None
        self._next_sample = start

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        now = self.now()
        while self.hooks.actions and self.hooks.actions[0][0] <= now:
            _, action = self.hooks.actions.pop(0)
            action()
        if self.hooks.every and now >= self._next_sample and self.player is not None:
            from datetime import timedelta

            self._next_sample = now + timedelta(seconds=self.hooks.every)
            surf = pygame.display.get_surface()
            assert surf is not None
            self.hooks.samples.append(Sample(now, all_black(surf), self.player.plan.mode))


def all_black(surface: pygame.Surface) -> bool:
    """True when no pixel of ``surface`` is lighter than near-black."""
    small = pygame.transform.scale(surface, (64, 36))
    w, h = small.get_size()
    return all(max(small.get_at((x, y))[:3]) < 8 for x in range(w) for y in range(h))


def make_player(display: pygame.Surface, fonts: Fonts, cache: Path, bundle: Bundle | None,
                media_dir: Path | None, start: datetime, *, hooks: Hooks | None = None,
                source: ResultSource | None = None, **options: Any) -> Player:
    opts = Options(screen=options.pop("screen", "canteen"), transition=options.pop(
        "transition", "cut"), idle_wait=options.pop("idle_wait", 1.0), **options)
    clock = DrivenClock(start, hooks or Hooks())
    player = Player(opts, clock, display, fonts, bundle=bundle, media_dir=media_dir,
                    cache_dir=cache, source=source)
    clock.player = player
    return player


def plays(cache: Path) -> list[PlayRecord]:
    out: list[PlayRecord] = []
    for path in sorted((cache / "logs").glob("plays-*.jsonl")):
        out += list(read_plays(path))
    return out


def publish(root: Path, marker: str, colors: list[tuple[int, int, int]],
            **extra: Any) -> str:
    """A bundle with one picture item per colour under ``root``; returns its version."""
    media: dict[str, bytes] = {}
    items = []
    for i, color in enumerate(colors):
        data = png_bytes(color, tmp=root.parent)
        rel = f"media/{hashlib.sha256(data).hexdigest()[:16]}.png"
        media[rel] = data
        items.append(item(f"{marker}-{i}", image=media_entry(rel, data, "image/png")))
    return write_bundle(root, items, media=media, **extra).version
