"""``site-gen report --from D --to D [--plays DIR] [--out DIR]``: the period report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content import check
from ..editorial.checkmsgs import translate
from ..editorial.checkview import errors_note
from ..editorial.i18n import N_, Messages, add_lang_option, choose_lang
from ..editorial.output import write_text
from ..editorial.report import ReportProblem, build_report, parse_day, split_problem
from ..editorial.reportview import CHART_NAME, report_chart, report_csv, report_markdown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="what was published in a period, by section, content "
                       "kind and language, and what the screens showed")
    p.add_argument("--from", dest="start", required=True, help="first day, e.g. 2026-07-01")
    p.add_argument("--to", dest="end", required=True, help="last day, e.g. 2026-12-31")
    p.add_argument("--plays", type=Path, default=None,
                   help="folder with the screens' proof-of-play logs (plays-*.jsonl)")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--format", choices=("markdown", "csv"), default="markdown",
                   help="what to print (default: markdown)")
    p.add_argument("--out", type=Path, default=None,
                   help="also write report.md, report.csv and the chart into this folder")
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
        report = build_report(content, start, end, args.plays)
    except ReportProblem as problem:
        print(f"site-gen: {tr._(problem.template, **problem.values)}", file=sys.stderr)
        return 2
    for line in report.problems:
        where, what = split_problem(line)
        print(f"site-gen: {where}: {translate(what, tr)}; "
              + tr._("the line is skipped, the others are counted"), file=sys.stderr)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        write_text(args.out / CHART_NAME, report_chart(report, tr))
        write_text(args.out / "report.md", report_markdown(report, tr, CHART_NAME))
        write_text(args.out / "report.csv", report_csv(report))
        for name in ("report.md", "report.csv", CHART_NAME):
            print(tr._("wrote {path}", path=args.out / name), file=sys.stderr)
    print(report_csv(report) if args.format == "csv" else report_markdown(report, tr), end="")
    return 0

