"""Soak: a week of the real player loop in minutes (issue 8), not part of the test run.

Run: ``.venv/bin/python -m bench.soak [--days 7] [--size 480x270]``. The real
``signage.player.Player`` on the dummy SDL driver, with a fake clock that is event-driven: it
lets the loop run at its own pace (every frame at full rate) during transitions, video and
one sampled minute per hour, and otherwise jumps straight to the next thing that changes
(the moment to prepare the next slide, the slide's end, the end of the plan, the next bundle
update, the next sampled minute). So seven days are a few hundred thousand frames, not 36
million, and every slide change, crossfade and night still happens through the real code.

What the week holds: on-hours 07:00-21:00 and dark nights; a new bundle every simulated hour
(a changed text and a new picture, published to a folder and brought in by the real
``signage.sync`` into a real cache, so old bundles are deleted as on a kiosk); an urgent
item every day at 11:00 that interrupts. Reported: transitions, urgent interrupts, bundle
updates, resident memory and open file descriptors every simulated hour (target: flat,
growth under 10 MB), exceptions and error lines (target: zero), and frames where the whole
screen is black during on-hours (target: zero). The table goes to docs/benchmarks.md.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import argparse  # noqa: E402  (SDL must be told before pygame loads)
import hashlib  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402

from bench.report import table, write_section  # noqa: E402
from signage.bundle import content_hash  # noqa: E402
from signage.player import FakeClock, Options, Player  # noqa: E402
from signage.render import default_fonts  # noqa: E402
from signage.sync import Store, Syncer, SyncResult  # noqa: E402
from signage.timezones import load_zone  # noqa: E402
from signage.video import make_test_clip  # noqa: E402

ZONE = load_zone("Asia/Almaty")
START = datetime(2026, 11, 23, 6, 0, tzinfo=ZONE)  # a Monday, an hour before the screen wakes
ON_HOURS = (7, 21)
URGENT_HOUR = 11
SAMPLE_MINUTE = 30  # each hour, this minute runs frame by frame


# ---------------------------------------------------------------------------- the content
def png(color: tuple[int, int, int], size: tuple[int, int] = (96, 64)) -> bytes:
    surf = pygame.Surface(size)
    surf.fill(color)
    pygame.draw.circle(surf, (255 - color[0], 255 - color[1], 255 - color[2]),
                       (size[0] // 2, size[1] // 2), min(size) // 3)
    with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as fh:
        path = Path(fh.name)
    try:
        pygame.image.save(surf, str(path))
        return path.read_bytes()
    finally:
        path.unlink()


def texts(title: str, text: str) -> dict[str, Any]:
    return {lang: {"title": f"{title} ({lang})", "text": text, "body": "",
                   "url": f"http://intranet/{lang}/news/x/", "publish_at": None,
                   "expires": None, "place": ""} for lang in ("kk", "ru")}


def entry(item_id: str, title: str, text: str, *, duration: int | None,
          priority: str = "normal", start: str = "2026-11-01", until: str | None = None,
          hours: list[str] | None = None, media: dict[str, Any] | None = None,
          video: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": item_id, "kind": "article", "section": "news", "date": "2026-11-01",
            "priority": priority, "screens": [], "from": start, "until": until, "days": [],
            "hours": hours or [], "duration": duration, "image": media, "video": video,
            "event": None, "langs": texts(title, text)}


def media_ref(rel: str, data: bytes, typ: str) -> dict[str, Any]:
    return {"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "type": typ}


def publish(folder: Path, now: datetime, hour_no: int, clip: bytes) -> None:
    """Write the bundle of simulated hour ``hour_no`` into the published folder."""
    media: dict[str, bytes] = {"media/film.mp4": clip}
    fresh = png(((hour_no * 37) % 256, (hour_no * 91) % 256, 120))
    fixed = png((30, 90, 160))
    media[f"media/hour-{hour_no}.png"] = fresh
    media["media/logo.png"] = fixed
    day = now.date().isoformat()
    items = [
        entry("news/menu", "Ас мәзірі", f"Бүгінгі мәзір, нұсқа {hour_no}", duration=20),
        entry("news/safety", "Қауіпсіздік апталығы", "Қорғаныс құралдарын тексеріңіз",
              duration=25, media=media_ref("media/logo.png", fixed, "image/png")),
        entry("news/photo", f"Сағат {hour_no} фотосы", "Әріптестер, ұжым, өнім", duration=20,
              media=media_ref(f"media/hour-{hour_no}.png", fresh, "image/png")),
        entry("news/film", "Бейнеролик", "Қысқа бейне", duration=None,
              video=media_ref("media/film.mp4", clip, "video/mp4")),
        entry("news/lunch", "Түскі ас", "Асхана 12:00-ден", duration=25,
              hours=["12:00-14:00"]),
    ]
    if now.hour >= URGENT_HOUR:
        items.append(entry(f"urgent/water-{day}", "Су өшіріледі", "Бүгін 15:00-ге дейін",
                           duration=15, priority="urgent", start=day, until=day,
                           hours=[f"{URGENT_HOUR:02d}:00-{URGENT_HOUR:02d}:20"]))
    raw: dict[str, Any] = {
        "format": 1, "generated_at": now.isoformat(), "timezone": "Asia/Almaty",
        "company": {"kk": "«Жарық Энерго»", "ru": "«Жарык Энерго»"}, "window_days": 14,
        "screens": [{"id": "canteen", "name": {"kk": "Асхана", "ru": "Столовая"},
                     "location": {"kk": "1-қабат", "ru": "1-й этаж"}, "width": 1920,
                     "height": 1080, "rotation": 0,
                     "on_hours": [f"{ON_HOURS[0]:02d}:00-{ON_HOURS[1]:02d}:00"],
                     "off_hours": "dark", "ticker": {}}],
        "items": items}
    raw["version"] = content_hash(raw)
    folder.mkdir(parents=True, exist_ok=True)
    for rel, blob in media.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(blob)
    tmp = folder / "bundle.json.tmp"
    tmp.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / "bundle.json")
    for old in (folder / "media").glob("hour-*.png"):
        if old.name != f"hour-{hour_no}.png":
            old.unlink()


# ---------------------------------------------------------------------------- measuring
def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def picture_cache_mb(player: Player | None) -> float:
    """Bytes held by the player's picture cache (bounded by design; read from its private
    dict because no public figure exists, so that growth in it is not taken for a leak)."""
    cache: dict[Any, pygame.Surface] = (
        vars(player.preparer).get("_cache", {}) if player is not None else {})
    held: int = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in cache.values())
    return held / 1e6


@dataclass
class Tally:
    # (when, RSS MB, open fds, loop iterations, picture cache MB), every simulated hour
    hourly: list[tuple[datetime, float, int, int, float]] = field(default_factory=list)
    frames: int = 0
    checked: int = 0
    black_on: list[datetime] = field(default_factory=list)
    black_night: int = 0
    updates_ok: int = 0
    updates_failed: list[str] = field(default_factory=list)
    interrupts: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: int = 0


class Counter(logging.Handler):
    def __init__(self, tally: Tally) -> None:
        super().__init__(logging.INFO)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "interrupts" in message and message.startswith("urgent item"):
            self.tally.interrupts += 1
        if record.levelno >= logging.ERROR:
            self.tally.errors.append(message)
        elif record.levelno == logging.WARNING:
            self.tally.warnings += 1


def all_black(surface: pygame.Surface) -> bool:
    pixels = pygame.surfarray.pixels3d(surface)
    try:
        return int(pixels[::4, ::4].max()) < 8
    finally:
        del pixels


# ---------------------------------------------------------------------------- the clock
class HourlySync:
    """The sync thread's stand-in: at each new simulated hour, publish a new bundle to the
    folder and run the real syncer once, in the loop's thread (deterministic)."""

    def __init__(self, clock: SoakClock, publish_dir: Path, syncer: Syncer, clip: bytes,
                 tally: Tally) -> None:
        self.clock, self.publish_dir, self.syncer, self.clip = clock, publish_dir, syncer, clip
        self.tally = tally
        self.next_update = START.replace(minute=0) + timedelta(hours=1)
        self.hour_no = 0

    def poll_results(self) -> list[SyncResult]:
        now = self.clock.now()
        if now < self.next_update:
            return []
        self.tally.hourly.append((now, rss_mb(), open_fds(), self.tally.frames,
                                  picture_cache_mb(self.clock.player)))
        self.hour_no += 1
        publish(self.publish_dir, now, self.hour_no, self.clip)
        self.next_update += timedelta(hours=1)
        result = self.syncer.sync_once()
        if result.ok and result.changed:
            self.tally.updates_ok += 1
        else:
            self.tally.updates_failed.append(result.message)
        return [result]


class SoakClock(FakeClock):
    """Fake time that jumps to the next change unless a frame-by-frame stretch is on."""

    def __init__(self, start: datetime, tally: Tally) -> None:
        super().__init__(start)
        self.tally = tally
        self.player: Player | None = None
        self.sync: HourlySync | None = None

    def sleep(self, seconds: float) -> None:
        player = self.player
        self._check_screen()
        if player is None or self._frame_by_frame(player):
            video = player.cur.video if player is not None and player.cur is not None else None
            if video is not None and video.next_due() is None and not video.ended:
                # The decoder is a real thread: while it has no frame ready, give it real
                # time instead of spinning fake milliseconds past it.
                time.sleep(0.002)
            super().sleep(seconds)
            return
        cur = player.cur
        assert cur is not None
        mono, now = self.monotonic(), self.now()
        end = player.cur_start + cur.duration
        targets = [end if player.nxt is not None else end - player.opt.prepare_ahead]
        if player.plan.valid_until is not None:
            targets.append(mono + (player.plan.valid_until - now).total_seconds())
        if self.sync is not None:
            targets.append(mono + (self.sync.next_update - now).total_seconds())
        sample = now.replace(minute=SAMPLE_MINUTE, second=0, microsecond=0)
        if sample > now:
            targets.append(mono + (sample - now).total_seconds())
        jump = min(targets) - mono
        super().sleep(max(seconds, jump))

    def _frame_by_frame(self, player: Player) -> bool:
        cur = player.cur
        return (player.trans is not None or cur is None or cur.video is not None
                or self.now().minute == SAMPLE_MINUTE)

    def _check_screen(self) -> None:
        """Whatever is on the display now stays there until the next sleep ends."""
        player = self.player
        self.tally.frames += 1
        if player is None:
            return
        surface = pygame.display.get_surface()
        assert surface is not None
        self.tally.checked += 1
        if not all_black(surface):
            return
        now = self.now()
        on = ON_HOURS[0] <= now.hour < ON_HOURS[1]
        waking = now.hour == ON_HOURS[0] and now.minute == 0 and now.second < 2
        if on and not waking:
            self.tally.black_on.append(now)
        else:
            self.tally.black_night += 1


# ---------------------------------------------------------------------------- the run
def soak(days: int, size: tuple[int, int], work: Path) -> tuple[Tally, Player, float, str]:
    tally = Tally()
    logging.getLogger("signage").addHandler(Counter(tally))
    logging.getLogger("signage").setLevel(logging.INFO)
    clip = make_test_clip(work / "clip.mp4", frames=20, size=(160, 90), fps=10).read_bytes()
    publish_dir, store = work / "published", Store(work / "cache")
    publish(publish_dir, START - timedelta(minutes=5), 0, clip)
    syncer = Syncer(str(publish_dir), store)
    first = syncer.sync_once()
    assert first.ok and first.changed, first.message
    found = store.load_current()
    assert found is not None
    pygame.display.init()
    display = pygame.display.set_mode(size)
    clock = SoakClock(START, tally)
    clock.sync = HourlySync(clock, publish_dir, syncer, clip, tally)
    options = Options(screen="canteen", transition="crossfade",
                      duration=days * 86400.0, status_every=60.0)
    player = Player(options, clock, display, default_fonts(), bundle=found[0],
                    media_dir=found[1], cache_dir=store.root, source=clock.sync)
    clock.player = player
    crashed = ""
    started = time.perf_counter()
    try:
        player.run()
    except Exception:  # noqa: BLE001 - the soak reports a crash instead of dying with it
        crashed = traceback.format_exc(limit=6)
    elapsed = time.perf_counter() - started
    tally.hourly.append((clock.now(), rss_mb(), open_fds(), tally.frames,
                         picture_cache_mb(player)))
    pygame.display.quit()
    return tally, player, elapsed, crashed


def own_growth(hourly: list[tuple[datetime, float, int, int, float]]) -> float:
    """Growth of resident memory not counting the bounded picture cache, from the end of
    the first simulated day (everything warmed up) to its highest point after."""
    own = [h[1] - h[4] for h in hourly]
    day1 = min(len(hourly) - 1, 24)
    return max(own[day1:]) - own[day1]


def report(tally: Tally, player: Player, elapsed: float, crashed: str, days: int,
           size: tuple[int, int]) -> str:
    hourly = tally.hourly
    rss = [h[1] for h in hourly]
    fds = [h[2] for h in hourly]
    growth = own_growth(hourly)
    last3 = rss[-1] - rss[max(0, len(rss) - 1 - 72)]
    rows: list[list[object]] = [
        ["simulated time", f"{days} days ({days * 24} h) from {START:%Y-%m-%d %H:%M}",
         f"< 10 min real: {elapsed / 60:.1f} min"],
        ["slide changes (transitions)", player.shown, "-"],
        ["urgent interrupts", tally.interrupts, f"{days} (one a day)"],
        ["bundle updates installed", tally.updates_ok,
         f"{len(hourly) - 1} (one an hour); failed: {len(tally.updates_failed)}"],
        ["loop iterations (frames and jumps)", tally.frames, "event-driven"],
        ["resident memory, first hour → last hour", f"{rss[0]:.1f} → {rss[-1]:.1f} MB", "flat"],
        ["picture cache (bounded, 96 MB budget), first hour → last hour",
         f"{hourly[0][4]:.1f} → {hourly[-1][4]:.1f} MB", "bounded"],
        ["memory growth after day 1, not counting the picture cache",
         f"{growth:+.1f} MB", "< 10 MB"],
        ["memory growth over the last 3 days (all of it)", f"{last3:+.1f} MB", "< 10 MB"],
        ["open file descriptors (min – max)", f"{min(fds)} – {max(fds)}", "flat"],
        ["exceptions out of the loop", 1 if crashed else 0, "0"],
        ["error lines logged", len(tally.errors), "0"],
        ["all-black screens during on-hours", len(tally.black_on), "0"],
        ["all-black screens at night (dark mode, expected)", tally.black_night, "-"],
    ]
    body = (f"Display {size[0]}x{size[1]} (dummy SDL driver), crossfades at 60 frames/s, "
            f"one sampled minute per hour frame by frame.\n\n"
            + table(["what", "measured", "target"], rows))
    per_day = []
    for d in range(days):
        chunk = hourly[d * 24:(d + 1) * 24 + 1]
        if chunk:
            per_day.append([f"day {d + 1} ({chunk[0][0]:%a %d.%m})",
                            f"{min(h[1] for h in chunk):.1f} – {max(h[1] for h in chunk):.1f}",
                            f"{max(h[4] for h in chunk):.1f}",
                            f"{min(h[2] for h in chunk)} – {max(h[2] for h in chunk)}"])
    body += "\n\nResident memory and open files, sampled every simulated hour:\n\n"
    body += table(["day", "RSS MB (min – max)", "picture cache MB (max)",
                   "open fds (min – max)"], per_day)
    if crashed:
        body += "\n\nThe loop raised:\n\n```\n" + crashed + "```"
    if tally.errors:
        body += "\n\nFirst error lines: " + "; ".join(sorted(set(tally.errors))[:5])
    if tally.black_on:
        body += "\n\nFirst black moments: " + ", ".join(
            f"{t:%a %H:%M:%S}" for t in tally.black_on[:5])
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--size", default="320x180", help="display size, WxH")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    assert len(size) == 2
    with tempfile.TemporaryDirectory(prefix="jarshy-soak-") as tmp:
        tally, player, elapsed, crashed = soak(args.days, (size[0], size[1]), Path(tmp))
    body = report(tally, player, elapsed, crashed, args.days, (size[0], size[1]))
    if args.no_write:
        print(body)
    else:
        write_section("soak", "Soak: a week of the player loop", body)
    ok = (not crashed and not tally.errors and not tally.black_on and elapsed < 600
          and own_growth(tally.hourly) < 10)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
