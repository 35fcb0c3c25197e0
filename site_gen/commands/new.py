"""``site-gen new SECTION "title" [--lang kk,ru] [--signage]``: start a new item pair."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..clock import BadDate, resolve_now
from ..content.data import load_settings
from ..content.diagnostics import Diagnostic
from ..editorial.i18n import Messages, choose_lang
from ..editorial.new import NewProblem, create_item, parse_langs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a new item pair (kk and ru) with commented "
                       "front matter, status draft")
    p.add_argument("section", help="news, announcements, interviews, analytics, innovations, "
                   "master-classes, success-stories, new-staff, sports-culture, "
                   "congratulations, other, orders or page")
    p.add_argument("title", help="the title, in quotes")
    p.add_argument("--lang", default="kk,ru",
                   help="which files to create: kk, ru or kk,ru (default); the messages "
                   "follow the locale")
    p.add_argument("--signage", action="store_true", help="add a signage: block (screens)")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--date", default=None, help="the item's date instead of today")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tr = Messages(choose_lang(None))
    root: Path = args.content
    try:
        langs = parse_langs(args.lang, tr)
        settings = load_settings(root, list[Diagnostic]())
        today = resolve_now(settings.zone, args.date).date()
        item = create_item(root, args.section, args.title, today, langs=langs,
                           signage=args.signage, tr=tr)
    except (NewProblem, BadDate) as problem:
        print(f"site-gen: {problem}", file=sys.stderr)
        return 2
    for path in item.files:
        print(tr._("created {path}", path=path))
    print(tr._("status: draft; fill in the fields, then run: site-gen check {files}",
               files=" ".join(str(p) for p in item.files)))
    return 0
