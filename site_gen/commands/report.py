"""``site-gen report --from D --to D [--plays DIR] [--letters DB] [--out DIR]``: the period
report (the social-media regulation's Appendix 2)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from ..clock import BadDate, resolve_now
from ..content import ContentSet, check
from ..content.holidays import load_calendar
from ..content.model import Lang
from ..content.sitewide import today_for_check
from ..editorial.checkmsgs import translate
from ..editorial.checkview import errors_note
from ..editorial.i18n import N_, Messages, add_lang_option, choose_lang
from ..editorial.meetingrules import action_plan_rows, meeting_seasons
from ..editorial.meetingview import action_plans_csv, action_plans_markdown, seasons_markdown
from ..editorial.output import write_text
from ..editorial.report import (
    LettersSource,
    ReportProblem,
    build_report,
    parse_day,
    split_problem,
)
from ..editorial.reportview import CHART_NAME, report_chart, report_csv, report_markdown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="what was published in a period, by section, content "
                       "kind and language, and what the screens showed")
    p.add_argument("--from", dest="start", required=True, help="first day, e.g. 2026-07-01")
    p.add_argument("--to", dest="end", required=True, help="last day, e.g. 2026-12-31")
    p.add_argument("--plays", type=Path, default=None,
                   help="folder with the screens' proof-of-play logs (plays-*.jsonl), or "
                   "the fleet's database (var/fleet.sqlite3), where heartbeats collect them")
    p.add_argument("--letters", type=Path, default=None, metavar="DB",
                   help="the register of letters to the head's blog (var/letters.sqlite3): "
                   "adds the letters by topic and outcome, and the deadlines missed")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--format", choices=("markdown", "csv"), default="markdown",
                   help="what to print (default: markdown)")
    p.add_argument("--out", type=Path, default=None,
                   help="also write report.md, report.csv and the chart into this folder")
    p.add_argument("--action-plans", action="store_true",
                   help="instead: the report meetings' action plans, each task's status with "
                   "overdue ones marked (the monthly progress report to the head)")
    add_lang_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tr = Messages(choose_lang(args.ui_lang))
    try:
        start = parse_day("--from", args.start)
        end = parse_day("--to", args.end)
        if not args.content.is_dir():
            raise ReportProblem(N_("no content folder at '{root}'; run it from the project "
                                   "folder or give --content"), root=args.content)
        content, diagnostics, _report = check(args.content)
        if note := errors_note(diagnostics, tr):
            print(f"site-gen: {note}", file=sys.stderr)
        if args.action_plans:
            return _action_plans(args, content, start, end, tr)
        report = build_report(content, start, end, args.plays,
                              _letters_source(args.letters, args.content, content),
                              "ru" if tr.lang == "ru" else "kk")
    except ReportProblem as problem:
        print(f"site-gen: {tr._(problem.template, **problem.values)}", file=sys.stderr)
        return 2
    today = _today(content)
    meetings_md = "\n".join(seasons_markdown(meeting_seasons(content, start, end), today, tr))
    for line in report.problems:
        where, what = split_problem(line)
        print(f"site-gen: {where}: {translate(what, tr)}; "
              + tr._("the line is skipped, the others are counted"), file=sys.stderr)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        write_text(args.out / CHART_NAME, report_chart(report, tr))
        write_text(args.out / "report.md",
                   report_markdown(report, tr, CHART_NAME, meetings_md))
        write_text(args.out / "report.csv", report_csv(report))
        for name in ("report.md", "report.csv", CHART_NAME):
            print(tr._("wrote {path}", path=args.out / name), file=sys.stderr)
    if args.format == "csv":
        print(report_csv(report), end="")
    else:
        print(report_markdown(report, tr, more=meetings_md), end="")
    return 0


def _letters_source(db: Path | None, root: Path, content: ContentSet) -> LettersSource | None:
    """``--letters DB``: the register (never created here), today, the working days."""
    if db is None:
        return None
    if not db.is_file():
        raise ReportProblem(N_("no letters database at '{path}'; give the register the "
                               "letters service writes (var/letters.sqlite3)"), path=db)
    try:
        now = resolve_now(content.settings.zone)
    except BadDate:
        now = datetime.now(content.settings.zone)  # check has said what is wrong with it
    return LettersSource(db, now, load_calendar(root, []))


def _today(content: ContentSet) -> date:
    return today_for_check(content.settings.zone)  # $JARSHY_TODAY pins it, as for check


def _action_plans(args: argparse.Namespace, content: ContentSet, start: date, end: date,
                  tr: Messages) -> int:
    """``--action-plans``: every task of the meetings' action plans, overdue ones marked."""
    lang: Lang = "ru" if tr.lang == "ru" else "kk"  # tasks in the editor's language
    lines = action_plan_rows(content, start, end, _today(content), lang)
    markdown = action_plans_markdown(lines, start, end, tr)
    csv = action_plans_csv(lines)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in (("action-plans.md", markdown), ("action-plans.csv", csv)):
            write_text(args.out / name, text)
            print(tr._("wrote {path}", path=args.out / name), file=sys.stderr)
    print(csv if args.format == "csv" else markdown, end="")
    return 0

