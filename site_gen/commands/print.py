"""``site-gen print --issue N --lang kk|ru``: the newspaper issue as an A4 PDF.

Prints the built issue page (``site/<lang>/newspaper/<N>/``) with headless Chromium;
its print stylesheet makes the newspaper layout. Builds the site first when the page is
not there yet (or with ``--build``), and when an item of the issue has errors: the page on disk
may show it as it was, and the build shows only what the publishing gate lets out
(``site_gen.content.gate``). Problems are one line and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import BuildRefused, build
from ..clock import BadDate
from ..content import check, format_text, publishable
from ..newspaper.printing import PrintProblem, find_chromium, issue_page, print_to_pdf
from ..stage.config import ConfigProblem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("print", help="print a newspaper issue to an A4 PDF (headless Chromium)")
    p.add_argument("--issue", type=int, required=True, metavar="N", help="issue number")
    p.add_argument("--lang", choices=("kk", "ru"), default="kk",
                   help="language of the edition (default: kk)")
    p.add_argument("--out", type=Path, default=None,
                   help="the PDF to write (default: build/print/issue-N-LANG.pdf)")
    p.add_argument("--site", type=Path, default=Path("site"),
                   help="the built site (default: site)")
    p.add_argument("--content", type=Path, default=Path("content"))
    p.add_argument("--build", action="store_true",
                   help="build the site first even when the issue page exists")
    p.add_argument("--date", default=None,
                   help="build as of this day (default: $JARSHY_TODAY or today)")
    p.add_argument("--chromium", default=None,
                   help="Chromium to print with (default: $JARSHY_CHROMIUM or /usr/bin/chromium)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        pdf = _print(args)
    except PrintProblem as problem:
        print(f"site-gen print: {problem}", file=sys.stderr)
        return 2
    print(f"wrote {pdf}")
    return 0


def _print(args: argparse.Namespace) -> Path:
    number: int = args.issue
    lang: str = args.lang
    chromium = find_chromium(args.chromium)  # first: say it is missing before a long build
    if not args.content.is_dir():
        raise PrintProblem(f"no content folder at '{args.content}'; run it from the project "
                           "folder or pass --content PATH")
    content, diagnostics, _ = check(args.content)
    gated = publishable(content, diagnostics)
    if gated.general:
        print(format_text(gated.general))
        raise PrintProblem(f"{len(gated.general)} errors in the data files (above); fix them, "
                           "then print")
    # An item of this issue with an error: the page on disk may show it as it was; build
    # again, so the page shows what the gate lets out (its last good version, or nothing).
    in_issue = {i.key for i in content.items if i.issue == number}
    stale = [e for e in gated.left_out if e.key in in_issue]
    if content.issue(number) is None:
        known = ", ".join(str(i.number) for i in content.issues) or "none yet"
        raise PrintProblem(f"there is no issue {number} (content/_data/issues/{number}.yml); "
                           f"known issues: {known}")
    page = issue_page(args.site, lang, number)
    if args.build or not page.is_file() or stale:
        _build(args)
    if not page.is_file():
        raise PrintProblem(f"issue {number} has no page in {lang} ({page}): none of its "
                           f"articles is published in {lang} yet; approve one, or print the "
                           "other language")
    out: Path = args.out or Path("build") / "print" / f"issue-{number}-{lang}.pdf"
    return print_to_pdf(page, out, chromium)


def _build(args: argparse.Namespace) -> None:
    """Build the whole site, as ``site-gen build`` does, so the page is there and current."""
    print(f"building the site into {args.site}/ first ...")
    try:
        report = build(args.content, args.site, date=args.date)
    except BuildRefused as refused:
        print(format_text(refused.diagnostics))
        raise PrintProblem(f"the site was not built: {refused}; fix them, then print") from None
    except (BadDate, ConfigProblem) as problem:
        raise PrintProblem(str(problem)) from None
    for what, entries in (("left out", report.left_out),
                          ("printed as its last good version", report.held_back)):
        for entry in entries:
            print(f"{what}: {entry.key}, which has errors:")
            for d in entry.errors:
                print(f"  {d.format()}")
