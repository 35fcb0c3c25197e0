"""``signage play --screen ID --source URL|DIR``: the kiosk player.

Sets up the display (full screen at the native resolution with no cursor, or ``--window
WxH`` for development), the cache (last good bundle, logs, ``status.json``) and the sync
thread, then hands over to :class:`signage.player.Player`. Problems the user can fix (no
display, no fonts, a bad option) are one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import datetime, time
from pathlib import Path

from ..fetch import Limits
from ..heartbeat import HeartbeatWorker, http_post
from ..signing import ENV_PUBLIC_KEYS, keys_from_env

ENV_TODAY = "JARSHY_TODAY"
ENV_HEARTBEAT_URL = "JARSHY_HEARTBEAT_URL"  # http://intranet.example.kz/api/heartbeat
ENV_HEARTBEAT_TOKEN = "JARSHY_HEARTBEAT_TOKEN"  # never on the command line (ps shows it)


def default_cache() -> Path:
    if os.geteuid() == 0 or Path("/var/lib/jarshy").is_dir() and os.access(
            "/var/lib/jarshy", os.W_OK):
        return Path("/var/lib/jarshy")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jarshy"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("play", help="run the kiosk player (full screen, unattended)")
    p.add_argument("--screen", required=True, help="screen id from content/_data/screens.yml")
    p.add_argument("--source", default="",
                   help="where bundles come from: http://intranet/signage/bundle.json or a "
                        "folder such as site/signage (default: only the cached bundle)")
    p.add_argument("--cache", type=Path, default=None,
                   help="player state: last good bundle, logs, status.json "
                        "(default /var/lib/jarshy for root, else ~/.cache/jarshy)")
    add_key_option(p)
    p.add_argument("--window", metavar="WxH", help="a window of this size instead of full screen")
    p.add_argument("--transition", choices=("crossfade", "cut"), default="crossfade")
    p.add_argument("--allow-quit", action="store_true",
                   help="let Esc/Q or closing the window stop the player")
    p.add_argument("--duration", type=float, metavar="SECONDS", help="stop after SECONDS")
    p.add_argument("--max-slides", type=int, metavar="N", help="stop after N slides")
    p.add_argument("--heartbeat", default=os.environ.get(ENV_HEARTBEAT_URL, ""), metavar="URL",
                   help="the fleet service's heartbeat address (default: "
                        f"${ENV_HEARTBEAT_URL}); the token comes from ${ENV_HEARTBEAT_TOKEN}")
    p.add_argument("--once", action="store_true",
                   help="show each slide of the playlist once, then stop")
    p.add_argument("--fake-now", metavar="'YYYY-MM-DD HH:MM'",
                   help=f"pretend the clock starts at this local time (default ${ENV_TODAY}; "
                        "a bare date means 12:00)")
    add_limit_option(p)
    p.add_argument("--poll", type=float, default=3.0, metavar="SECONDS",
                   help="how often to ask the source for a new bundle (default 3)")
    p.add_argument("--screenshot", type=Path, metavar="PNG",
                   help="save the last frame to this PNG file when the player stops")
    p.add_argument("-v", "--verbose", action="store_true", help="log every slide change")
    p.set_defaults(func=run)


def add_key_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--public-key", action="append", default=[], metavar="KEY|FILE",
                   help="a public key the site signs bundles with (the line 'site-gen keys' "
                        "printed, or its .pub file); give two while the key is changed; "
                        f"added to ${ENV_PUBLIC_KEYS}. Without any, no bundle is installed")


def add_limit_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-bundle-mib", type=float, default=8.0, metavar="MIB",
                   help="refuse a bundle.json larger than this many MiB (default 8)")


def limits(args: argparse.Namespace) -> Limits:
    if not args.max_bundle_mib > 0:
        raise Failure(f"--max-bundle-mib {args.max_bundle_mib:g} must be more than 0")
    return Limits(bundle_bytes=int(args.max_bundle_mib * (1 << 20)))


def heartbeat_worker(url: str, screen: str, cache: Path) -> HeartbeatWorker | None:
    """The heartbeat thread when a URL is set (docs/screens.md, "Watch the screens")."""
    if not url:
        return None
    token = os.environ.get(ENV_HEARTBEAT_TOKEN, "").strip()
    if not token:
        logging.getLogger("signage.play").error(
            "--heartbeat %s is set but $%s is empty: the service will refuse every "
            "heartbeat; run 'site-gen fleet register %s' and put its token in "
            "/etc/jarshy/player.env", url, ENV_HEARTBEAT_TOKEN, screen)
    return HeartbeatWorker(screen, cache, http_post(url, token))


class Failure(Exception):
    """One line for the user; exit code 2."""


def public_keys(args: argparse.Namespace) -> tuple[bytes, ...]:
    """The keys of ``--public-key`` and ``$JARSHY_PUBLIC_KEYS``; a bad one is a Failure."""
    from ..signing import KeyProblem, load_public_keys

    try:
        return load_public_keys([*args.public_key, *keys_from_env()])
    except KeyProblem as exc:
        raise Failure(f"{exc} (--public-key or ${ENV_PUBLIC_KEYS})") from None


def parse_window(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise Failure(f"--window '{text}' is not a size; write it like 1280x720") from None
    if w < 64 or h < 64:
        raise Failure(f"--window '{text}' is too small; at least 64x64")
    return w, h


def parse_fake_now(text: str, zone: object) -> datetime:
    from zoneinfo import ZoneInfo

    assert isinstance(zone, ZoneInfo)
    text = text.strip()
    try:
        if " " in text or "T" in text:
            parsed = datetime.fromisoformat(text.replace(" ", "T"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
        day = datetime.fromisoformat(text).date()
    except ValueError:
        raise Failure(f"'{text}' is not a date; write 2026-11-23 or '2026-11-23 09:30'"
                      ) from None
    return datetime.combine(day, time(12, 0), tzinfo=zone)


def open_display(window: tuple[int, int] | None) -> object:
    import pygame

    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # muted: no sound card needed
    try:
        pygame.display.init()
    except pygame.error as exc:
        raise Failure(f"no display: {exc}; start X (or set SDL_VIDEODRIVER=kmsdrm), "
                      "see docs/screens.md") from None
    try:
        if window is not None:
            pygame.display.set_caption("Jarshy")
            surface = pygame.display.set_mode(window)
        else:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN | pygame.NOFRAME)
            pygame.mouse.set_visible(False)
    except pygame.error as exc:
        raise Failure(f"cannot open the screen: {exc}") from None
    return surface


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except Failure as exc:
        print(f"signage play: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ..player import Options, Player, SystemClock
    from ..render import FontError, default_fonts
    from ..sync import Store, Syncer, SyncWorker
    from ..timezones import DEFAULT_ZONE, load_zone
    from ..watchdog import Watchdog

    window = parse_window(args.window) if args.window else None
    cache: Path = (args.cache or default_cache()).expanduser()
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Failure(f"cannot create the cache folder {cache}: {exc.strerror}") from None
    store = Store(cache)
    worker = None
    if args.source:
        keys = public_keys(args)
        if not keys:
            logging.getLogger("signage.play").error(
                "no public key configured (--public-key or $%s): every bundle from %s will "
                "be refused; see docs/screens.md", ENV_PUBLIC_KEYS, args.source)
        syncer = Syncer(args.source, store, keys=keys, limits=limits(args))
        if syncer.installed is None:  # Syncer has just looked for an installed bundle
            first = syncer.sync_once()  # first boot: try once before the first slide
            if not first.ok:
                logging.getLogger("signage.play").warning(
                    "no bundle yet (%s); showing the fallback until one arrives", first.message)
        worker = SyncWorker(syncer, poll=args.poll)
    found = store.load_current()
    bundle, media_dir = found if found is not None else (None, None)
    if bundle is not None and bundle.screen(args.screen) is None:
        # Not fatal: a kiosk that exits would leave the monitor black; it shows the fallback
        # and the problem is in the log, in status.json and in `signage doctor`.
        known = ", ".join(s.id for s in bundle.screens) or "none"
        logging.getLogger("signage.play").error(
            "screen '%s' is not in the bundle; known screens: %s", args.screen, known)
    zone = bundle.zone if bundle is not None else load_zone(DEFAULT_ZONE)
    pinned_text = args.fake_now or os.environ.get(ENV_TODAY, "").strip()
    pinned = parse_fake_now(pinned_text, zone) if pinned_text else None
    surface = open_display(window)
    try:
        fonts = default_fonts()
    except FontError as exc:
        raise Failure(str(exc)) from None
    max_slides = args.max_slides
    if args.once and bundle is not None:
        from ..schedule import playlist

        now = pinned or datetime.now(zone)
        max_slides = max(1, len(playlist(bundle, args.screen, now).slides))
    options = Options(screen=args.screen, allow_quit=args.allow_quit or window is not None,
                      transition=args.transition, max_slides=max_slides,
                      duration=args.duration, source=args.source)
    import pygame

    assert isinstance(surface, pygame.Surface)
    beats = heartbeat_worker(args.heartbeat, args.screen, cache)
    player = Player(options, SystemClock(zone, pinned), surface, fonts, bundle=bundle,
                    media_dir=media_dir, cache_dir=cache, source=worker,
                    watchdog=Watchdog.from_env(worker), heartbeat=beats)
    if worker is not None:
        worker.start()
    if beats is not None:
        beats.start()
    try:
        code = player.run()
        if args.screenshot is not None:
            pygame.image.save(surface, str(args.screenshot))
        return code
    finally:
        if worker is not None:
            worker.stop()
        if beats is not None:
            beats.stop()
        pygame.quit()
