"""``site-gen plan --month 2026-12``: the month's content plan and its gaps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..clock import BadDate, resolve_now
from ..content import check
from ..editorial.checkview import errors_note
from ..editorial.i18n import Messages, add_lang_option, choose_lang
from ..editorial.plan import PlanProblem, build_plan, parse_month
from ..editorial.planview import plan_json, plan_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help="the content plan of a month: per week, section and "
                       "language, the screens, and the gaps")
    p.add_argument("--month", required=True, help="the month, e.g. 2026-12")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--date", default=None, help="today instead of the real date")
    add_lang_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tr = Messages(choose_lang(args.ui_lang))
    try:
        first = parse_month(args.month)
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
    plan = build_plan(content, first, now)
    print(plan_json(plan, tr) if args.format == "json" else plan_text(plan, tr))
    return 0

