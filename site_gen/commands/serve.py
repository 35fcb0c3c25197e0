"""``site-gen serve``: build the site once, serve it on 127.0.0.1 and rebuild what changes.

Edits under ``content/``, ``themes/`` and ``mkdocs.yml`` are picked up (watchdog), only the
affected pages are rendered again, and the browser reloads by itself.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .. import engine
from ..clock import BadDate
from ..serve import Preview, serve
from ..stage.config import ConfigProblem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="live preview of the site with fast rebuilds")
    p.add_argument("--content", type=Path, default=Path("content"))
    p.add_argument("--date", default=None,
                   help="preview the site of this day (default: $JARSHY_TODAY, else today)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--out", type=Path, default=Path("build/preview/site"),
                   help="where the preview is rendered (default: build/preview/site)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(format="site-gen: %(message)s", level=logging.INFO)
    engine.quiet()  # ProperDocs' and Material's lines (its livereload's too) from WARNING
    for noisy in ("watchdog", "material"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if not args.content.is_dir():
        print(f"site-gen: no content folder at '{args.content}'", file=sys.stderr)
        return 2
    repo = Path.cwd()
    try:
        # Its own staging folder: a `site-gen build` may run at the same time.
        preview = Preview(args.content, args.out, repo=repo,
                          build_dir=repo / "build" / "preview" / "stage", date=args.date)
        first = preview.initial()
    except (BadDate, ConfigProblem) as problem:
        print(f"site-gen: {problem}", file=sys.stderr)
        return 2
    if not first.full:  # errors about no one item (content/_data/): nothing to show
        print("site-gen: fix the errors above, then run site-gen serve again", file=sys.stderr)
        return 1
    if first.errors:
        print(f"site-gen: {first.errors} item(s) with errors are left out of the preview (see "
              "above); the rest is served, and a fixed item comes back on its own",
              file=sys.stderr)
    print(f"built the preview in {first.seconds:.1f} s; serving on http://{args.host}:"
          f"{args.port}/ (Ctrl+C stops)")
    try:
        serve(preview, args.host, args.port,
              [args.content, repo / "themes", repo / "mkdocs.yml"])
    except OSError as problem:
        print(f"site-gen: cannot serve on {args.host}:{args.port}: {problem.strerror}; "
              "try --port 8001", file=sys.stderr)
        return 2
    return 0
