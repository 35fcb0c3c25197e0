"""``site-gen build [--date D] [--content content] [--out site] [--strict]``: the whole site.

Builds kk and ru in parallel into ``site/kk`` and ``site/ru``, the root page and the signage
bundle, and prints what readers will see as "translation not ready". An item with errors is
left out, or held back as its last good version when it was published before; the build
names each at the end with its errors and exits 1. Errors about no one item
(``content/_data/``), or any error with ``--strict``, refuse the build (exit 1, nothing
written). A build that fails (a full disk) removes what it wrote and says so (exit 2).
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

from ..build import BuildRefused, build
from ..clock import BadDate
from ..content import LeftOut, format_text
from ..stage.config import ConfigProblem
from .keys import add_signing_option, use_signing_key


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="build the bilingual site (kk and ru) into site/")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--out", type=Path, default=Path("site"),
                   help="where the site goes (default: site)")
    p.add_argument("--date", default=None,
                   help="build the site as it is on this day: 2026-11-23 or 23.11.2026 "
                        "(default: $JARSHY_TODAY, else today)")
    p.add_argument("--stage-dir", type=Path, default=Path("build"),
                   help="where the per-language MkDocs projects are staged (default: build)")
    p.add_argument("--strict", action="store_true",
                   help="build nothing when any item has an error (default: leave that item "
                        "out, or keep its last good version, and build the rest)")
    add_signing_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(format="site-gen: %(levelname)s: %(message)s", level=logging.WARNING)
    if not args.content.is_dir():
        print(f"site-gen: no content folder at '{args.content}'; run it from the project "
              "folder or pass --content", file=sys.stderr)
        return 2
    if problem := use_signing_key(args.signing_key, args.content):
        print(f"site-gen: {problem}", file=sys.stderr)
        return 2
    try:
        report = build(args.content, args.out, date=args.date, build_dir=args.stage_dir,
                       strict=args.strict)
    except BuildRefused as refused:
        print(format_text(refused.diagnostics))
        print(f"site-gen: not built: {refused}; fix them and run site-gen build again; "
              "the previous site is unchanged", file=sys.stderr)
        return 1
    except (BadDate, ConfigProblem) as problem:
        print(f"site-gen: {problem}", file=sys.stderr)
        return 2
    except Exception as problem:  # noqa: BLE001 - the CLI edge: one line, the old site stays
        if os.environ.get("JARSHY_DEBUG"):
            raise
        if isinstance(problem, OSError) and problem.errno in (errno.ENOSPC, errno.EDQUOT):
            # Not problem.filename: a failed copy names its source, not the full disk.
            print(f"site-gen: the disk is full ({problem.strerror}) while writing the site "
                  f"next to {args.out.resolve()}; nothing was published: the previous site is "
                  "unchanged and what this build had written is removed; free some space and "
                  "run site-gen build again", file=sys.stderr)
            return 2
        print(f"site-gen: the site could not be rendered ({type(problem).__name__}: "
              f"{problem}); the previous site is unchanged; run with JARSHY_DEBUG=1 for "
              "details", file=sys.stderr)
        return 2
    warnings = [d for d in report.diagnostics if d.severity == "warning"]
    if warnings:
        print(format_text(warnings))
    seen = {(d.path, d.line) for d in warnings}
    for lang, staged in report.staged.items():
        # check already names most raw-HTML problems; print only what it did not.
        extra = [d for d in staged.problems if (d.path, d.line) not in seen]
        if extra:
            print(format_text(extra))
        for failure in staged.failures:
            print(f"site-gen: {lang}: {failure}", file=sys.stderr)
    day = report.now.strftime("%Y-%m-%d %H:%M %Z")
    print(f"built {report.site}/ for {day}: "
          + ", ".join(f"{lang} {n} pages" for lang, n in report.pages.items())
          + f" in {report.seconds['total']:.1f} s"
          + ("; signage bundle in signage/" if report.bundle else ""))
    for lang, staged in report.staged.items():
        if staged.missing:
            noun = "item shows" if len(staged.missing) == 1 else "items show"
            print(f"{len(staged.missing)} {noun} 'translation not ready' in {lang}: "
                  + ", ".join(item.key for item in staged.missing))
    _print_left_out("left out (not on the site, not on the screens)", report.left_out)
    _print_left_out("held back (their last good version stays on the site and the screens)",
                    report.held_back, report.gone)
    if report.left_out or report.held_back:
        print(f"site-gen: built with {len(report.left_out)} left out and "
              f"{len(report.held_back)} held back; fix the errors above and run site-gen "
              "build again", file=sys.stderr)
        return 1
    return 0


def _print_left_out(what: str, entries: list[LeftOut],
                    gone: dict[str, list[str]] | None = None) -> None:
    """Each item with its errors, at the end of the output where an editor looks."""
    if not entries:
        return
    noun = "item" if len(entries) == 1 else "items"
    print(f"{len(entries)} {noun} {what}:")
    for entry in entries:
        print(f"  {entry.key}" + ("" if entry.is_item else " (a file)"))
        for d in entry.errors:
            print(f"    {d.format()}")
        for path in (gone or {}).get(entry.key, []):
            print(f"    {path} is no longer in content/: the held-back version goes without it")
