"""``site-gen digest --date D [--send]``: the day's news as a bilingual e-mail (.eml).

Beside the company's items it carries the editor's outside news of the day
(``content/_data/digest/<day>.yml``); a faulty entry there is left out and named on stderr.
With ``--working-days-only`` (the systemd timer's way) a weekend or a day off of
``content/_data/holidays/<year>.yml`` writes and sends nothing.

Items with errors are left out (``site_gen.content.gate``) and named on stderr.
SMTP settings: ``site_gen.mail`` (options or ``JARSHY_SMTP_*``; the password only from the
environment).
"""

from __future__ import annotations

import argparse
import os
import smtplib
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..clock import BadDate, resolve_now
from ..content import Diagnostic, check, publishable
from ..content.holidays import load_calendar
from ..content.outside import load_outside_news
from ..digest import digest_items, digest_message
from ..mail import add_smtp_arguments, address_problem, send, send_problem, smtp_settings
from ..newspaper.feeds import FeedProblem, write_atomic
from .gating import name_left_out, refuse_general


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    env = os.environ.get
    p = sub.add_parser("digest", help="the day's news as a bilingual e-mail; --send sends it")
    p.add_argument("--date", default=None, help="the day (default: today)")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (default: content)")
    p.add_argument("--out", type=Path, default=None,
                   help="the .eml file (default: build/digest/digest-<date>.eml)")
    p.add_argument("--from", dest="sender", default=env("JARSHY_DIGEST_FROM", ""),
                   help="sender address (default: $JARSHY_DIGEST_FROM or digest@<site host>)")
    p.add_argument("--to", action="append", default=[],
                   help="a recipient (repeatable; default: $JARSHY_DIGEST_TO, comma-separated)")
    p.add_argument("--skip-empty", action="store_true",
                   help="write and send nothing on a day without news")
    p.add_argument("--working-days-only", action="store_true",
                   help="write and send nothing on a weekend or a day off (the holiday files "
                   "content/_data/holidays/<year>.yml; a decreed working Saturday is sent)")
    p.add_argument("--send", action="store_true", help="send it through the SMTP server")
    add_smtp_arguments(p)
    p.set_defaults(func=run)


def fail(message: str) -> int:
    print(f"site-gen digest: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if not args.content.is_dir():
        return fail(f"no content folder at '{args.content}'; pass --content")
    everything, diagnostics, _report = check(args.content)
    gated = publishable(everything, diagnostics)  # an item with an error is mailed to no one
    if refuse_general("digest", gated.general):
        return 1
    content = gated.content
    try:
        now = resolve_now(content.settings.zone, args.date)
    except BadDate as problem:
        return fail(str(problem))
    day = now.date()
    if args.working_days_only and not _working_day(args.content, day):
        return 0
    recipients = list(args.to) or [a.strip() for a in
                                   os.environ.get("JARSHY_DIGEST_TO", "").split(",") if a.strip()]
    host = urlsplit(content.settings.base_url).hostname or "localhost"
    sender = args.sender or f"digest@{host}"
    for address in (sender, *recipients):
        wrong = address_problem(address, "management@example.kz")
        if wrong:
            return fail(wrong)
    if args.send and not recipients:
        return fail("--send needs at least one --to address (or $JARSHY_DIGEST_TO)")
    if args.send and not args.smtp_host:
        return fail("--send needs --smtp-host (or $JARSHY_SMTP_HOST)")
    smtp = smtp_settings(args) if args.send else None
    if isinstance(smtp, str):
        return fail(smtp)
    try:
        entries = digest_items(content, day)
        that_day = {e.item.key for found in digest_items(everything, day).values()
                    for e in found}
    except FeedProblem as problem:
        return fail(str(problem))
    name_left_out("digest", f"not in the digest of {day:%d.%m.%Y}",
                  [e for e in gated.left_out if e.key in that_day])
    problems: list[Diagnostic] = []
    outside = load_outside_news(args.content, day, problems)
    for d in problems:  # an entry with a mistake is left out; say which and why
        print(f"site-gen digest: {d.format()}", file=sys.stderr)
    count = max(len(v) for v in entries.values())
    if count == 0 and not outside and args.skip_empty:
        print(f"digest {day:%d.%m.%Y}: no news that day; nothing written (--skip-empty)")
        return 0
    msg = digest_message(content, day, entries, sender=sender, recipients=recipients,
                         sent_at=resolve_now(content.settings.zone), outside=outside)
    out: Path = args.out or Path("build/digest") / f"digest-{day.isoformat()}.eml"
    write_atomic(out, msg.as_bytes())
    print(f"wrote {out}: {len(entries['kk'])} kk and {len(entries['ru'])} ru items "
          f"of {day:%d.%m.%Y}" + (f", {len(outside)} outside news" if outside else ""))
    if not args.send:
        return 0
    assert smtp is not None  # made above when sending
    try:
        send(msg, smtp, sender, recipients)
    except (smtplib.SMTPException, OSError) as problem:
        return fail(f"{send_problem(smtp, problem)}; the message is kept in {out}")
    print(f"sent to {', '.join(recipients)} through {smtp.host}:{smtp.port}")
    return 0


def _working_day(root: Path, day: date) -> bool:
    """Whether ``day`` is a working day; a day that is not is said on stdout."""
    problems: list[Diagnostic] = []
    calendar = load_calendar(root, problems)
    if day.year not in calendar.years:
        print(f"site-gen digest: no content/_data/holidays/{day.year}.yml; only weekends and "
              "the fixed-date public holidays count as days off", file=sys.stderr)
    if calendar.is_working_day(day):
        return True
    print(f"digest {day:%d.%m.%Y}: not a working day; nothing written or sent "
          "(--working-days-only)")
    return False
