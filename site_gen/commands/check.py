"""``site-gen check [PATH ...]``: report every problem in the content, exit 1 on errors."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from ..content import check, format_json, format_text, has_errors
from ..content.check import LANG_NAMES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check the content and report every problem")
    p.add_argument("paths", nargs="*", type=Path, default=[],
                   help="the content folder (default: content), or files inside it")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def find_root(paths: list[Path]) -> tuple[Path, list[Path]]:
    """The content root and the files to report on (empty: all)."""
    if not paths:
        return Path("content"), []
    first = paths[0]
    if len(paths) == 1 and first.is_dir():
        return first, []
    for parent in [first.parent, *first.parent.parents]:
        if (parent / "_data").is_dir() or parent.name == "content":
            return parent, paths
    return Path("content"), paths


def run(args: argparse.Namespace) -> int:
    root, only = find_root(args.paths)
    if not root.is_dir():
        print(f"site-gen: no content folder at '{root}'; run it from the project folder "
              "or name the folder: site-gen check content/", file=sys.stderr)
        return 2
    content, diagnostics, report = check(root)
    if only:
        wanted = {unicodedata.normalize("NFC", (Path(root.name) / p.resolve()
                  .relative_to(root.resolve())).as_posix()) for p in only}
        diagnostics = [d for d in diagnostics if d.path in wanted]
    summary = report.summary(content, diagnostics)
    if args.format == "json":
        print(format_json(diagnostics, summary))
    else:
        if diagnostics:
            print(format_text(diagnostics))
        print(f"checked {summary['files']} files: {summary['items']} items, "
              f"{summary['errors']} errors, {summary['warnings']} warnings")
        for lang, keys in report.missing.items():
            if keys:
                noun = "item has" if len(keys) == 1 else "items have"
                print(f"{len(keys)} {noun} no {lang} ({LANG_NAMES[lang]}) version: "
                      + ", ".join(keys))
    return 1 if has_errors(diagnostics) else 0
