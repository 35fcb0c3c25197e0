"""``signage preview --screen ID [--date D] [--at HH:MM] [--out DIR]``: a screen's playlist
as PNG files, a contact sheet and a printed table, drawn by the player's renderer.

The bundle comes from ``--bundle`` (a bundle.json or its folder), or is built from
``--content`` by ``site-gen bundle`` in a temporary folder (the player side never imports
``site_gen``), or from ``./content`` when it exists, else ``./site/signage``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from ..bundle import BUNDLE_NAME, Bundle, BundleError, load_bundle
from ..schedule import UnknownScreen, compile_day, playlist

ENV_TODAY = "JARSHY_TODAY"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("preview", help="render a screen's playlist to PNG files and a table")
    p.add_argument("--screen", required=True,
                   help="screen id from content/_data/screens.yml, or 'all'")
    p.add_argument("--date", help="local day, 2026-11-23 or 23.11.2026 "
                   f"(default: ${ENV_TODAY}, else today)")
    p.add_argument("--at", default="12:00", help="local time HH:MM (default 12:00)")
    p.add_argument("--out", type=Path, help="folder for the PNG files (default "
                   "build/preview/SCREEN; with --screen all, one subfolder per screen)")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--bundle", type=Path, help="a bundle.json, or the folder holding it")
    source.add_argument("--content", type=Path, help="build the bundle from this content folder")
    p.set_defaults(func=run)


class Failure(Exception):
    """One line for the user; exit code 2."""


def parse_day(text: str) -> date:
    text = text.strip()
    try:
        if "." in text:
            d, m, y = text.split(".")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(text)
    except ValueError:
        raise Failure(f"--date '{text}' is not a date; write 2026-11-23 or 23.11.2026") from None


def parse_clock(text: str) -> time:
    try:
        h, m = text.strip().split(":")
        return time(int(h), int(m))
    except ValueError:
        raise Failure(f"--at '{text}' is not a time; write hours and minutes, e.g. 12:00") from None


def pick_day(option: str | None, bundle: Bundle) -> date:
    text = option or os.environ.get(ENV_TODAY, "").strip().split(" ")[0]
    if text:
        return parse_day(text)
    return datetime.now(bundle.zone).date()  # the CLI may read the clock; the scheduler never


def bundle_from_content(content: Path, args: argparse.Namespace, tmp: Path) -> Path:
    """Run ``site-gen bundle`` for the moment previewed (so an item that expires before
    noon is still in a morning preview)."""
    if not content.is_dir():
        raise Failure(f"no content folder at '{content}'; name it with --content or pass --bundle")
    cmd = [sys.executable, "-m", "site_gen.cli", "bundle", "--content", str(content),
           "--out", str(tmp), "--quiet"]
    day = args.date or os.environ.get(ENV_TODAY, "").strip().split(" ")[0]
    if day:
        cmd += ["--date", f"{parse_day(day).isoformat()} {parse_clock(args.at):%H:%M}"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["site-gen bundle failed"])[-1]
        raise Failure(f"cannot build the bundle from {content}: {last}")
    if done.stderr.strip():  # what site-gen bundle left out, and why (file:line)
        print(done.stderr.rstrip(), file=sys.stderr)
    return tmp / BUNDLE_NAME


def find_bundle(args: argparse.Namespace, tmp: Path) -> Path:
    if args.bundle is not None:
        path: Path = args.bundle
        return path / BUNDLE_NAME if path.is_dir() else path
    if args.content is not None:
        return bundle_from_content(args.content, args, tmp)
    if Path("content").is_dir():
        return bundle_from_content(Path("content"), args, tmp)
    default = Path("site/signage") / BUNDLE_NAME
    if not default.is_file():
        raise Failure(f"no content/ folder and no {default} here; pass --bundle PATH or "
                      "--content DIR, or run it from the project folder")
    return default


def run(args: argparse.Namespace) -> int:
    try:
        with tempfile.TemporaryDirectory(prefix="jarshy-preview-") as tmp:
            return show(args, Path(tmp))
    except (Failure, BundleError, UnknownScreen) as problem:
        print(f"signage preview: {problem.args[0] if problem.args else problem}",
              file=sys.stderr)
        return 2


def show(args: argparse.Namespace, tmp: Path) -> int:
    path = find_bundle(args, tmp)
    bundle = load_bundle(path)
    day = pick_day(args.date, bundle)
    at = datetime.combine(day, parse_clock(args.at), tzinfo=bundle.zone)
    skipped = 0  # slides the screens would skip: the preview goes on, and exits 1
    if args.screen == "all":
        base: Path = args.out or Path("build/preview")
        for n, screen in enumerate(bundle.screens):
            if n:
                print()
            skipped += show_screen(bundle, path, screen.id, at, base / screen.id)
    else:
        skipped = show_screen(bundle, path, args.screen, at,
                              args.out or Path("build/preview") / args.screen)
    return 1 if skipped else 0


def show_screen(bundle: Bundle, path: Path, screen_id: str, at: datetime, out: Path) -> int:
    """Draw one screen's playlist; return how many slides the screens would skip."""
    from .. import preview  # pygame is imported only when a preview is drawn

    pl = playlist(bundle, screen_id, at)
    screen = bundle.screen(screen_id)
    assert screen is not None  # playlist() raised UnknownScreen otherwise
    name = f"{screen.id} ({screen.name.get('kk', '')} / {screen.name.get('ru', '')})"
    print(f"{name}, {at:%Y-%m-%d %H:%M} {bundle.timezone}, bundle {bundle.version[:12]}")
    segments = compile_day(bundle, screen.id, at.date()).segments()
    changes = [f"{start:%H:%M}" for start, _ in segments][1:]
    if changes:
        print(f"the playlist may change today at {', '.join(changes)}")
    if pl.night:
        print(f"night: outside on-hours the screen is {pl.off_hours} until "
              f"{pl.valid_until:%Y-%m-%d %H:%M}; nothing to show")
        return 0
    if not pl.slides:
        print("nothing is scheduled now: the screen shows the standby slide")
        return 0
    result = preview.write_preview(bundle, pl, at, out, media_dir=path.parent)
    print(preview.table(result.rows))
    print(f"{len(result.slides)} slides, one pass {pl.seconds} s, valid until "
          f"{pl.valid_until:%H:%M}; PNG files in {out}/, contact sheet {result.sheet}")
    for line in result.skipped:
        print(f"signage preview: {line}", file=sys.stderr)
    return len(result.skipped)
