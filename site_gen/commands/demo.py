"""``site-gen demo``: what the README's first command runs on the example content.

It grows with the product: check the content, build and serve the site, start the
player (or render today's playlists to PNG files where there is no display).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import check as check_command


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="check, build and show the example content")
    p.add_argument("--once", action="store_true",
                   help="do every step once and exit (no server, no player window)")
    p.add_argument("--content", type=Path, default=Path("content"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("== 1. Checking the content")
    ns = argparse.Namespace(paths=[args.content], format="text")
    return check_command.run(ns)
