"""``site-gen check [PATH ...]``: report every problem in the content, exit 1 on errors."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path, PurePosixPath

from ..content import ContentSet, Diagnostic, check, format_json, has_errors
from ..editorial import checkmsgs, checkview
from ..editorial.checklist import run_checklist
from ..editorial.i18n import Messages, add_lang_option, choose_lang


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check the content and report every problem")
    p.add_argument("paths", nargs="*", type=Path, default=[],
                   help="the content folder (default: content), or files inside it")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--checklist", action="store_true",
                   help="the pre-publication checklist of each item in review or approved")
    add_lang_option(p)
    p.set_defaults(func=run)


class PathProblem(ValueError):
    """A path on the command line that cannot be checked (one line for the editor)."""


def find_root(paths: list[Path]) -> tuple[Path, list[Path]]:
    """The content root and the files or folders to report on (empty: all)."""
    if not paths:
        return Path("content"), []
    for path in paths:
        if not path.exists():
            raise PathProblem(f"no such file or folder: '{path}'")
    first = paths[0]
    if len(paths) == 1 and first.is_dir() and _is_root(first):
        return first, []
    start = first if first.is_dir() else first.parent
    root = next((p for p in [start, *start.parents] if _is_root(p)), None)
    if root is None:
        if len(paths) == 1 and first.is_dir():
            return first, []  # a folder without _data/: check it as a content root
        raise PathProblem(f"'{first}' is not inside a content folder; name the folder: "
                          "site-gen check content/")
    for path in paths:
        if not path.resolve().is_relative_to(root.resolve()):
            raise PathProblem(f"'{path}' is not inside the content folder '{root}'")
    if any(p.resolve() == root.resolve() for p in paths):
        return root, []
    return root, paths


def chart_problems(content: ContentSet) -> list[Diagnostic]:
    """Chart blocks that would not draw, with their line in the file.

    The chart module (and matplotlib behind it) is loaded only when a body has a chart.
    """
    versions = [v for item in content.items for v in item.versions.values()
                if "```chart" in v.body or "~~~chart" in v.body]
    if not versions:
        return []
    from ..charts import check_markdown

    return [Diagnostic(v.path, v.body_line + problem.line - 1, 1, "error", "bad-chart",
                       problem.message, problem.hint)
            for v in versions for problem in check_markdown(v.body)]


def _is_root(folder: Path) -> bool:
    return (folder / "_data").is_dir() or folder.name == "content"


def _shown(root: Path, path: Path) -> str:
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    return unicodedata.normalize("NFC", (PurePosixPath(root.name) / rel).as_posix())


def run(args: argparse.Namespace) -> int:
    tr = Messages(choose_lang(args.ui_lang))
    try:
        root, only = find_root(args.paths)
    except PathProblem as problem:
        print(f"site-gen: {checkmsgs.translate(str(problem), tr)}", file=sys.stderr)
        return 2
    if not root.is_dir():
        print("site-gen: " + checkmsgs.translate(
            f"no content folder at '{root}'; run it from the project folder "
            "or name the folder: site-gen check content/", tr), file=sys.stderr)
        return 2
    content, diagnostics, report = check(root)
    diagnostics = [*diagnostics, *chart_problems(content)]
    files: set[str] = set()
    folders: tuple[str, ...] = ()
    if only:
        files = {_shown(root, p) for p in only if not p.is_dir()}
        folders = tuple(_shown(root, p) + "/" for p in only if p.is_dir())
        diagnostics = [d for d in diagnostics if d.path in files or d.path.startswith(folders)]
    summary = report.summary(content, diagnostics)
    if args.checklist:
        shown = files | {v.path for i in content.items for v in i.versions.values()
                         if v.path.startswith(folders)} if only else None
        lists = run_checklist(content, shown, diagnostics)
        if args.format == "json":
            print(checkview.checklist_json(lists, diagnostics, summary, tr))
        else:
            # check's findings about an item in the checklist are shown in its blocks.
            shown_there = {f.diagnostic for c in lists for r in c.results
                           for f in r.findings if f.diagnostic is not None}
            rest = [d for d in diagnostics if d not in shown_there]
            if rest:
                print(checkmsgs.format_text(rest, tr))
            print(checkview.checklist_text(lists, tr))
        # The same exit as plain check: a must-fix block is one of check's errors.
        return 1 if has_errors(diagnostics) else 0
    if args.format == "json":
        print(format_json(diagnostics, summary))
    else:
        if diagnostics:
            print(checkmsgs.format_text(diagnostics, tr))
        for line in checkview.summary_lines(summary, report.missing, tr):
            print(line)
    return 1 if has_errors(diagnostics) else 0
