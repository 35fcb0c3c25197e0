"""``site-gen bundle [--content DIR] [--out DIR] [--date D] [--days N]``: write the signage
bundle (bundle.json, media, manifest.json) without building the whole site.

Items with errors are left out (``site_gen.content.gate``) and named on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..bundle import DEFAULT_WINDOW_DAYS, select_items, write_bundle
from ..clock import BadDate, resolve_now
from ..content import check, publishable
from .gating import name_left_out, refuse_general
from .keys import add_signing_option, use_signing_key


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bundle", help="write the signage bundle for the screens")
    p.add_argument("--content", type=Path, default=Path("content"))
    p.add_argument("--out", type=Path, default=Path("site/signage"),
                   help="folder for bundle.json, media/ and manifest.json (default site/signage)")
    p.add_argument("--date", help="'today' for the selection: 2026-11-23 or '2026-11-23 09:00' "
                   "(default: $JARSHY_TODAY, else the real clock)")
    p.add_argument("--days", type=int, default=DEFAULT_WINDOW_DAYS,
                   help=f"include items on air within this many days (default "
                   f"{DEFAULT_WINDOW_DAYS})")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    add_signing_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.content.is_dir():
        print(f"site-gen bundle: no content folder at '{args.content}'", file=sys.stderr)
        return 2
    if args.days < 0:
        print("site-gen bundle: --days must be 0 or more", file=sys.stderr)
        return 2
    if problem := use_signing_key(args.signing_key, args.content):
        print(f"site-gen bundle: {problem}", file=sys.stderr)
        return 2
    everything, diagnostics, _ = check(args.content)
    gated = publishable(everything, diagnostics)  # an item with an error goes on no screen
    if refuse_general("bundle", gated.general):
        return 1
    content = gated.content
    try:
        now = resolve_now(content.settings.zone, args.date)
    except BadDate as problem:
        print(f"site-gen bundle: {problem}", file=sys.stderr)
        return 2
    on_screens = {c.item.key for c in select_items(everything, now, args.days)}
    name_left_out("bundle", "not on the screens",
                  [e for e in gated.left_out if e.key in on_screens])
    path = write_bundle(content, args.out, now, args.days)
    if not args.quiet:
        from signage.bundle import load_bundle

        b = load_bundle(path)
        print(f"wrote {path}: {len(b.items)} items, {len(b.screens)} screens, "
              f"{len(b.media())} media files, version {b.version[:12]}")
    return 0
