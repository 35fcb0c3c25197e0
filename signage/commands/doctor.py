"""``signage doctor [--source URL|DIR] [--screen ID] [--cache DIR] [--public-key KEY]``: is
this monitor ready?

Prints one line per check (display, fonts with every Kazakh letter, video decoding, cache
and log folders, the public keys, the bundle source and its signature, the clock) and exits
1 when any check fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from .play import Failure, add_key_option, add_limit_option, limits, public_keys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="check a new monitor before it goes live")
    p.add_argument("--source", default="", help="the bundle URL or folder the player will use")
    p.add_argument("--screen", help="the screen id the player will show")
    p.add_argument("--cache", type=Path, default=None,
                   help="the player's cache folder (default as for signage play)")
    add_key_option(p)
    add_limit_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from ..doctor import run_checks
    from ..timezones import DEFAULT_ZONE, load_zone
    from .play import default_cache

    cache: Path = (args.cache or default_cache()).expanduser()
    zone = load_zone(DEFAULT_ZONE)
    try:
        keys = public_keys(args)
        bounds = limits(args)
    except Failure as exc:
        print(f"signage doctor: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for check in run_checks(source=args.source or None, cache=cache, screen=args.screen,
                            now=lambda: datetime.now(zone), keys=keys, limits=bounds):
        print(check.line(), flush=True)
        failed += not check.ok
    print(f"{'all checks passed' if not failed else f'{failed} check(s) failed'}")
    return 1 if failed else 0
