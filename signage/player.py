"""The kiosk loop: owns time and the screen; the only place that reads the clock.

Flow: ``signage.sync`` (a thread) delivers verified bundles → **here** the loop asks
``signage.schedule.playlist`` what is on air, ``signage.prepare`` for the next picture (made
ready before the current slide ends), ``signage.transitions`` for the crossfade and
``signage.records`` to write proof of play and ``status.json``. Everything it calls returns
values; a slide that fails is replaced by the next one or by the fallback, logged once.

Redraw only what changes: a static slide repaints the clock (once a second), the progress
mark and, when the screen has one, the ticker strip; a video slide repaints its picture box.
Time comes from a :class:`Clock`: :class:`SystemClock` in production, :class:`FakeClock`
(advanced by ``tick(dt)``; ``sleep`` ticks) in tests, so a whole day runs in seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import pygame

from .bundle import Bundle
from .heartbeat import HeartbeatWorker
from .memory import limit_malloc_arenas
from .painting import Painting
from .plan import Plan, make_plan
from .playlog import PlayRecord
from .prepare import Prepared, Preparer, slide_key
from .records import ErrorWindow, PlayLog, StatusFile
from .render import Fonts, rotate_output
from .schedule import Slide
from .sync import SyncResult
from .timezones import DEFAULT_ZONE, load_zone
from .transitions import Kind, Transition, logical_size
from .watchdog import Watchdog

log = logging.getLogger(__name__)


class Clock(Protocol):
    def now(self) -> datetime: ...  # aware
    def monotonic(self) -> float: ...
    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock, or one pinned to a moment (``JARSHY_TODAY``) that then runs on."""

    def __init__(self, zone: ZoneInfo, pinned: datetime | None = None) -> None:
        self.zone = zone
        self._pinned = pinned
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        if self._pinned is not None:
            return self._pinned + timedelta(seconds=time.monotonic() - self._t0)
        return datetime.now(self.zone)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A virtual clock for tests: ``sleep`` and ``tick`` move both wall and monotonic time;
    ``set_wall`` makes the wall clock jump (a kiosk that gets network time)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self._now = start
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def tick(self, dt: float) -> None:
        self._now += timedelta(seconds=dt)
        self._mono += dt

    def sleep(self, seconds: float) -> None:
        self.tick(max(seconds, 0.0005))

    def set_wall(self, when: datetime) -> None:
        self._now = when


class ResultSource(Protocol):
    """Where new bundles come from (``signage.sync.SyncWorker``, or a test's queue)."""

    def poll_results(self) -> list[SyncResult]: ...


@dataclass(frozen=True, slots=True)
class Options:
    screen: str
    allow_quit: bool = False
    transition: Kind = "crossfade"
    max_slides: int | None = None  # stop after this many slide changes (tests, demo)
    duration: float | None = None  # stop after this many seconds
    frame_rate: float = 60.0  # during transitions and while the ticker scrolls
    idle_wait: float = 0.25  # longest sleep on a static slide (keys stay responsive)
    status_every: float = 60.0
    prepare_ahead: float = 2.0
    source: str = ""


class Player(Painting):
    """One screen's loop. ``run()`` returns when asked to stop (``--allow-quit``, limits)."""

    def __init__(self, options: Options, clock: Clock, display: pygame.Surface, fonts: Fonts,
                 *, bundle: Bundle | None, media_dir: Path | None, cache_dir: Path,
                 source: ResultSource | None = None, watchdog: Watchdog | None = None,
                 heartbeat: HeartbeatWorker | None = None) -> None:
        limit_malloc_arenas()  # before the sync and video threads allocate (signage.memory)
        self.opt = options
        self.opt_allow_quit = options.allow_quit
        self.clock = clock
        self.display = display
        self.fonts = fonts
        self.source = source
        self.watchdog = watchdog  # systemd's, pinged from this loop only (signage.watchdog)
        self.heartbeat = heartbeat  # its thread does the network; the loop only offers
        self._last_beat = -1e9
        self.bundle = bundle
        self.media_dir = media_dir
        self.pending: tuple[Bundle, Path | None] | None = None
        self.playlog = PlayLog(cache_dir / "logs")
        self.status_file = StatusFile(cache_dir / "status.json")
        self.cache_dir = cache_dir
        self.errors = ErrorWindow()
        self.failed: dict[str, str] = {}
        self.urgent_known: set[str] = set()
        self.plan: Plan = Plan("fallback", (), None)
        self.last_sync: dict[str, object] = {"result": "none yet", "source": options.source}
        self.shown = 0
        self.overlay = False
        self.running = True
        self.frames = 0
        self.fps = 0.0
        self._ignored_quit = False
        self.rotation = 0
        self.preparer = self._make_preparer()
        self.cur: Prepared | None = None
        self.nxt: Prepared | None = None
        self.trans: Transition | None = None
        self.t0 = self.cur_start = 0.0
        self.cur_started_at = datetime.min.replace(tzinfo=UTC)
        self.cur_unsure = False
        self._last_kind = ""
        self._last_clock = ""
        self._last_progress = -1

    # ------------------------------------------------------------------ setup
    @property
    def zone(self) -> ZoneInfo:
        return self.bundle.zone if self.bundle is not None else load_zone(DEFAULT_ZONE)

    @property
    def version(self) -> str:
        return self.bundle.version if self.bundle is not None else ""

    # The next slide comes from the newest bundle: a pending one if a sync delivered it.
    @property
    def _version_next(self) -> str:
        return self.pending[0].version if self.pending is not None else self.version

    @property
    def _media_dir_next(self) -> Path | None:
        return self.pending[1] if self.pending is not None else self.media_dir

    def _screen_info(self, bundle: Bundle | None) -> tuple[int, dict[str, str], dict[str, str]]:
        info = bundle.screen(self.opt.screen) if bundle is not None else None
        company = dict(bundle.company) if bundle is not None else {}
        if info is None:
            return 0, company, {}
        return info.rotation, company, dict(info.ticker)

    def _make_preparer(self) -> Preparer:
        self.rotation, company, tickers = self._screen_info(self.bundle)
        self.logical = logical_size(self.display.get_size(), self.rotation)
        return Preparer(self.logical, self.fonts, company=company, tickers=tickers)

    def _promote(self, bundle: Bundle, media_dir: Path | None) -> None:
        """Start using ``bundle`` (at a slide boundary, or at once for an urgent item)."""
        old_rotation = self.rotation
        self.bundle, self.media_dir, self.pending = bundle, media_dir, None
        self.failed.clear()
        rotation, company, tickers = self._screen_info(bundle)
        if rotation != old_rotation:
            self.preparer = self._make_preparer()
        else:
            self.preparer.configure(company=company, tickers=tickers)
        log.info("now playing bundle %s", bundle.version[:12])

    # ------------------------------------------------------------------ planning
    def make_plan(self, now: datetime) -> Plan:
        """What to show at ``now``, from the newest bundle (a pending one included)."""
        bundle = self.pending[0] if self.pending is not None else self.bundle
        return make_plan(bundle, self.opt.screen, now)

    def _replan(self, now: datetime, t: float, *, new_bundle: bool = False) -> None:
        """Re-evaluate the schedule; interrupt for a new urgent item, a change of mode, or
        (``new_bundle``) a bundle that took the urgent slide on screen off the air: a
        retracted urgent notice leaves every screen as soon as the bundle arrives, not at the
        end of its slide (other slides finish, as with any new bundle)."""
        old = self.plan
        self.plan = plan = self.make_plan(now)
        if plan.problem != old.problem and plan.problem:
            log.warning("%s", plan.problem)
            self.errors.add(t, plan.problem)
        elif old.mode == "clock-unsure" and plan.mode != "clock-unsure":
            log.warning("the clock is plausible again; back to the schedule")
        urgent = {slide_key(s) for s in plan.slides if s.urgent}
        new_urgent = [s for s in plan.slides if s.urgent and slide_key(s) not in
                      self.urgent_known]
        self.urgent_known = urgent
        cur = self.cur
        if cur is None:
            return
        mode_changed = (plan.mode != old.mode and
                        ({plan.mode, old.mode} & {"night", "clock-unsure"} or
                         cur.kind != "slide"))
        if new_urgent and not (cur.slide is not None and cur.slide.urgent):
            if self.pending is not None:
                self._promote(*self.pending)
            log.info("urgent item %s interrupts", slide_key(new_urgent[0]))
            self._drop_next()
            self.nxt = self._prepare_from([new_urgent[0]], now, t)
            self._switch(now, t)
        elif mode_changed:
            self._drop_next()
            self._switch(now, t)
        elif (new_bundle and cur.slide is not None and cur.slide.urgent
              and cur.key not in {slide_key(s) for s in plan.slides}):
            if self.pending is not None:
                self._promote(*self.pending)
            log.info("%s is off the air in the new bundle; taken off the screen", cur.key)
            self._drop_next()
            self._switch(now, t)

    # ------------------------------------------------------------------ preparing
    def _fail(self, key: str, exc: BaseException, t: float) -> None:
        message = f"{key}: {exc}".replace("\n", " ")
        if self.failed.get(key) != message:
            log.error("slide skipped: %s", message)
            self.errors.add(t, message)
        self.failed[key] = message

    def _prepare_from(self, slides: Sequence[Slide], now: datetime, t: float) -> Prepared:
        """The first of ``slides`` that prepares; the fallback when none does."""
        for slide in slides:
            key = slide_key(slide)
            if key in self.failed:
                continue
            try:
                return self.preparer.slide(slide, self._media_dir_next, now, self._version_next)
            except Exception as exc:  # noqa: BLE001 - a kiosk must survive any one bad slide
                # (unreadable image, codec, font or pygame error): log it once, try the next.
                self._fail(key, exc, t)
        return self.preparer.fallback(now, self._version_next)

    def _prepare_next(self, now: datetime, t: float) -> Prepared:
        if self.pending is not None and (self.cur is None or self.cur.kind != "slide"):
            self._promote(*self.pending)
        plan = self.plan = self.make_plan(now)
        if plan.mode == "night":
            return (self.preparer.fallback(now, self._version_next, dim=True, kind="night")
                    if plan.dim else self.preparer.dark(self._version_next))
        slides = list(plan.slides)
        keys = [slide_key(s) for s in slides]
        after = self.cur.key if self.cur is not None else ""
        start = keys.index(after) + 1 if after in keys else 0
        if plan.mode == "clock-unsure" and (start >= len(slides) or not slides):
            return self.preparer.fallback(now, self._version_next)  # once per pass
        ordered = slides[start:] + slides[:start]
        return self._prepare_from(ordered, now, t)

    def _drop_next(self) -> None:
        if self.nxt is not None:
            self.nxt.close()
            self.nxt = None

    # ------------------------------------------------------------------ showing
    def _record(self, t: float) -> None:
        cur = self.cur
        if cur is None or cur.slide is None:
            return
        self.playlog.write(PlayRecord(self.cur_started_at, self.opt.screen, cur.slide.item_id,
                                      cur.slide.lang, round(t - self.cur_start, 3),
                                      cur.version or "none"),
                           unsure=self.cur_unsure)

    def _switch(self, now: datetime, t: float, *, first: bool = False) -> None:
        self._record(t)
        nxt = self.nxt or self._prepare_next(now, t)
        self.nxt = None
        if self.pending is not None and nxt.version == self.pending[0].version:
            self._promote(*self.pending)
            if nxt.canvas.get_size() != self.logical:  # the new bundle turned the screen
                nxt.close()
                nxt = self._prepare_next(now, t)
        # Night to night, fallback to fallback: the picture barely changes, fading it would
        # only spend CPU all night.
        same = self.cur is not None and self.cur.kind == nxt.kind != "slide"
        if self.cur is not None:
            self.cur.close()
        self.cur, self.cur_start, self.cur_started_at = nxt, t, now
        self.cur_unsure = self.plan.mode == "clock-unsure"
        self.shown += 1
        self._paint_all(now, t)
        whole = rotate_output(nxt.canvas, self.rotation)
        kind: Kind = "cut" if first or same else self.opt.transition
        self.trans = Transition(whole, t, kind)
        if nxt.kind == "slide":
            log.debug("showing %s for %.1f s", nxt.key, nxt.duration)
        elif nxt.kind != self._last_kind:
            log.info("showing the %s screen", nxt.kind)
        self._last_kind = nxt.kind

    # ------------------------------------------------------------------ the loop
    def run(self) -> int:
        t = self.t0 = self.clock.monotonic()
        now = self.clock.now().astimezone(self.zone)
        self._last_progress = -1
        self._last_status = -1e9
        self._last_replan = t
        self._fps_mark, self._fps_frames = t, 0
        self._expect = (now, t)
        self.plan = self.make_plan(now)
        self.urgent_known = {slide_key(s) for s in self.plan.slides if s.urgent}
        self._switch(now, t, first=True)
        self._write_status(now, t)
        if self.watchdog is not None:
            self.watchdog.ready()
        while self.running:
            t = self.clock.monotonic()
            now = self.clock.now().astimezone(self.zone)
            if self.opt.duration is not None and t - self.t0 >= self.opt.duration:
                break
            if self.watchdog is not None:
                self.watchdog.tick(t)
            self._events()
            self._take_sync(now, t)
            if self._should_replan(now, t):
                before = self.cur
                self._replan(now, t)
                if self.cur is not before:  # an interruption: status.json says it at once
                    self._write_status(now, t)
            cur = self.cur
            assert cur is not None
            end = self.cur_start + cur.duration
            ended = cur.video is not None and cur.video.ended and cur.video.next_due() is None
            if t >= end or (ended and t - self.cur_start > 0.5):
                if self.opt.max_slides is not None and self.shown >= self.opt.max_slides:
                    break
                self._switch(now, t)
                cur = self.cur
                assert cur is not None
                end = self.cur_start + cur.duration
            elif self.nxt is None and self.trans is None and t >= end - self.opt.prepare_ahead:
                self.nxt = self._prepare_next(now, t)
            dirty = self._draw(now, t)
            if dirty:
                pygame.display.update(dirty)
                self._fps_frames += 1
            if t - self._last_status >= self.opt.status_every:
                self._write_status(now, t)
            if self.heartbeat is not None and t - self._last_beat >= self.heartbeat.every:
                self._offer_beat(t)
            self.clock.sleep(self._wait(t, end))
        t = self.clock.monotonic()
        self._record(t)
        self._write_status(self.clock.now().astimezone(self.zone), t)
        if self.cur is not None:
            self.cur.close()
        self._drop_next()
        return 0

    def _wait(self, t: float, end: float) -> float:
        cur = self.cur
        assert cur is not None
        wait = self.opt.idle_wait
        if self.trans is not None or cur.ticker is not None:
            wait = 1.0 / self.opt.frame_rate
        if cur.video is not None:
            due = cur.video.next_due()
            wait = min(wait, (self.cur_start + due - t) if due is not None else 0.005)
        if cur.kind == "slide" and self.trans is None:
            wait = min(wait, 1.0 - ((t - self.cur_start) % 1.0))  # the progress mark's second
        after = t - self.clock.monotonic()  # time spent drawing this frame
        return max(0.0005, min(wait + after, end - self.clock.monotonic()))

    def _should_replan(self, now: datetime, t: float) -> bool:
        exp_now, exp_t = self._expect
        jumped = abs((now - exp_now).total_seconds() - (t - exp_t)) > 5.0
        self._expect = (now, t)
        if jumped:
            log.warning("the wall clock jumped to %s", now.isoformat(timespec="seconds"))
            # status.json keeps it too: a jump explains odd times in proof of play.
            self.errors.add(t, f"the wall clock jumped to {now.isoformat(timespec='seconds')}")
        due = self.plan.valid_until is not None and now >= self.plan.valid_until
        if jumped or due or t - self._last_replan >= 60.0:
            self._last_replan = t
            return True
        return False

    def _take_sync(self, now: datetime, t: float) -> None:
        if self.source is None:
            return
        for result in self.source.poll_results():
            self.last_sync = {"result": "ok" if result.ok else "failed",
                              "message": result.message, "at": now.isoformat(
                                  timespec="seconds"), "source": self.opt.source}
            if result.ok:
                self.last_sync["last_success"] = self.last_sync["at"]
            else:
                self.errors.add(t, f"sync: {result.message}")
            if result.refused:  # why the bundle was not trusted: no-signature, older …
                self.last_sync["refused"] = result.refused
            if result.changed and result.bundle is not None:
                self.pending = (result.bundle, result.media_dir)
                self._drop_next()  # prepared from the old bundle: prepare again
                if self.cur is not None and self.cur.kind != "slide":
                    self._promote(result.bundle, result.media_dir)
                    self._switch(now, t)
                else:
                    self._replan(now, t, new_bundle=True)
                self._write_status(now, t)

    def _events(self) -> None:
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and
                                             event.key in (pygame.K_ESCAPE, pygame.K_q)):
                if self.opt.allow_quit:
                    self.running = False
                elif not self._ignored_quit:
                    self._ignored_quit = True
                    log.info("quit ignored: the player runs with --allow-quit only")
            elif event.type == pygame.KEYDOWN and event.key in (pygame.K_F1, pygame.K_m):
                self.overlay = not self.overlay
                if not self.overlay and self.cur is not None:
                    self.trans = Transition(rotate_output(self.cur.canvas, self.rotation),
                                            self.clock.monotonic(), "cut")

    # ------------------------------------------------------------------ status
    def status(self, now: datetime, t: float) -> dict[str, object]:
        cur = self.cur
        span = t - self._fps_mark
        if span >= 1.0:
            self.fps = round(self._fps_frames / span, 1)
            self._fps_mark, self._fps_frames = t, 0
        current: dict[str, object] = {"kind": cur.kind if cur else "none"}
        if cur is not None and cur.slide is not None:
            current.update(item=cur.slide.item_id, lang=cur.slide.lang,
                           since=self.cur_started_at.isoformat(timespec="seconds"),
                           seconds=cur.duration, urgent=cur.slide.urgent)
        bundle = self.bundle
        return {
            "screen": self.opt.screen,
            "updated_at": now.isoformat(timespec="seconds"),
            "mode": self.plan.mode,
            "clock": {"ok": self.plan.mode != "clock-unsure",
                      "problem": self.plan.problem if self.plan.mode == "clock-unsure" else ""},
            "bundle": None if bundle is None else {
                "version": bundle.version, "generated_at": bundle.generated_at.isoformat(),
                "items": len(bundle.items)},
            "sync": dict(self.last_sync),
            "current": current,
            "fps": self.fps,
            "slides_shown": self.shown,
            "errors_last_hour": self.errors.summary(t),
            "play_log": {"failing": self.playlog.failing, "pending": self.playlog.pending,
                         "lost": self.playlog.lost},
        }

    def _offer_beat(self, t: float) -> None:
        """Hand the heartbeat thread this minute's snapshot (it returns at once)."""
        assert self.heartbeat is not None
        cur = self.cur
        current: dict[str, object] = {"kind": cur.kind if cur else "none"}
        if cur is not None and cur.slide is not None:
            current.update(item=cur.slide.item_id, lang=cur.slide.lang,
                           since=self.cur_started_at.isoformat(timespec="seconds"))
        self.heartbeat.offer({"version": self.version, "current": current,
                              "uptime": round(t - self.t0, 1),
                              "errors": self.errors.since(self._last_beat)})
        self._last_beat = t

    def _write_status(self, now: datetime, t: float) -> None:
        self._last_status = t
        self.playlog.flush()
        if self.plan.mode != "clock-unsure":
            self.playlog.prune(now.date())
        self.status_file.write(self.status(now, t))
