"""``site-gen plan --year 2026 | --half 2026-H2 | --quarter 2026-Q4 | --month 2026-12``:
the content plan of a period and its gaps (the social-media regulation 6.1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..clock import BadDate, resolve_now
from ..content import check
from ..editorial.checkview import errors_note
from ..editorial.i18n import Messages, add_lang_option, choose_lang
from ..editorial.period import KINDS, PlanProblem, parse_period
from ..editorial.plan import build_plan
from ..editorial.planview import plan_json, plan_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help="the content plan of a year, half-year, quarter or "
                       "month: by section, content kind and language, the screens day by "
                       "day, the meetings, the newspaper, and the gaps")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", help="a year, e.g. 2026")
    which.add_argument("--half", help="a half-year, e.g. 2026-H2")
    which.add_argument("--quarter", help="a quarter, e.g. 2026-Q4")
    which.add_argument("--month", help="a month, e.g. 2026-12")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--date", default=None, help="today instead of the real date")
    add_lang_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tr = Messages(choose_lang(args.ui_lang))
    kind = next(k for k in KINDS if getattr(args, k) is not None)
    try:
        period = parse_period(kind, getattr(args, kind))
    except PlanProblem as problem:
        print(f"site-gen: {tr._(problem.template, **problem.values)}", file=sys.stderr)
        return 2
    if not args.content.is_dir():
        print("site-gen: " + tr._("no content folder at '{root}'; run it from the project "
                                  "folder or give --content", root=args.content),
              file=sys.stderr)
        return 2
    content, diagnostics, _report = check(args.content)
    if note := errors_note(diagnostics, tr):
        print(f"site-gen: {note}", file=sys.stderr)
    try:
        now = resolve_now(content.settings.zone, args.date)
    except BadDate as problem:
        print(f"site-gen: {problem}", file=sys.stderr)
        return 2
    plan = build_plan(content, period, now)
    print(plan_json(plan, tr) if args.format == "json" else plan_text(plan, tr))
    return 0

