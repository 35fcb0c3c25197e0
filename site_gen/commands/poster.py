"""``site-gen poster ITEM``: a printable A4 notice (HTML and PDF), Kazakh above, Russian below.

An item with errors (``site_gen.content.gate``) is refused, with the file and line of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..clock import BadDate, resolve_now
from ..content import check, publishable
from ..newspaper.feeds import write_atomic
from ..newspaper.printing import PrintProblem, find_chromium, print_to_pdf
from ..poster import PosterProblem, find_item, poster_html
from .gating import errors_text, left_out_item, refuse_general


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("poster", help="an A4 notice-board poster of one item (HTML and PDF)")
    p.add_argument("item", help="the item: news/2026-11-18-shygys-110, its stem or its file")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--out", type=Path, default=Path("build/posters"),
                   help="where to write <stem>.html and <stem>.pdf (default: build/posters)")
    p.add_argument("--date", default=None, help="print as of this day (default: today)")
    p.add_argument("--summary", action="store_true",
                   help="print the summary instead of the full text")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    p.add_argument("--chromium", default=None, help="the Chromium to print with")
    p.set_defaults(func=run)


def fail(message: str) -> int:
    print(f"site-gen poster: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if not args.content.is_dir():
        return fail(f"no content folder at '{args.content}'; pass --content")
    everything, diagnostics, _report = check(args.content)
    gated = publishable(everything, diagnostics)  # an item with an error is printed nowhere
    if refuse_general("poster", gated.general):
        return 1
    content = gated.content
    try:
        now = resolve_now(content.settings.zone, args.date)
        held = left_out_item(args.item, gated.left_out)
        if held is not None:  # even when no file of it could be read at all
            raise PosterProblem(f"'{held.key}' has errors, so it is printed on no poster (nor "
                                "published anywhere) until they are fixed:\n"
                                + errors_text(held))
        item = find_item(content, args.item)
        poster = poster_html(content, item, now, use_summary=args.summary)
    except (BadDate, PosterProblem) as problem:
        return fail(str(problem))
    page = args.out / f"{item.stem}.html"
    write_atomic(page, poster.html.encode("utf-8"))
    for note in poster.notes:
        print(f"note: {note}")
    print(f"wrote {page}")
    if args.no_pdf:
        return 0
    try:
        pdf = print_to_pdf(page, page.with_suffix(".pdf"), find_chromium(args.chromium))
    except PrintProblem as problem:
        return fail(f"{problem} (the HTML is ready: {page})")
    print(f"wrote {pdf}")
    return 0
