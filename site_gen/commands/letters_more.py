"""``site-gen letters answer|forward|remind`` and the meeting header of ``list --meeting``.

Where it sits: beside ``site_gen.commands.letters`` (which registers these through
:func:`register_more`), so that module stays readable. ``remind`` builds the weekly
message with ``site_gen.blog.remind`` and sends it with ``site_gen.mail`` (the same
``JARSHY_SMTP_*`` settings as the digest).
"""

from __future__ import annotations

import argparse
import os
import smtplib
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..content.diagnostics import did_you_mean
from ..content.model import ContentSet
from ..mail import add_smtp_arguments, address_problem, send, send_problem, smtp_settings


def register_more(cmds: argparse._SubParsersAction[argparse.ArgumentParser],
                  common: Callable[[argparse.ArgumentParser], None],
                  run_reply: Callable[[argparse.Namespace], int]) -> None:
    env = os.environ.get
    for name, what in (("answer", "record the official answer to a letter"),
                       ("forward", "record that a letter went to official correspondence")):
        q = cmds.add_parser(name, help=what)
        common(q)
        q.add_argument("number", help="the letter's number, e.g. 2026-0042")
        q.add_argument("--date", default=None, help="the day (default: today)")
        q.set_defaults(func=run_reply, mark=name)

    m = cmds.add_parser("remind", help="the weekly e-mail to the blog's office: what is "
                                       "overdue and what falls due within 7 days")
    common(m)
    m.add_argument("--date", default=None, help="count deadlines as of this day")
    m.add_argument("--out", type=Path, default=None, help="also write the message (.eml)")
    m.add_argument("--from", dest="sender", default=env("JARSHY_LETTERS_FROM", ""),
                   help="sender (default: $JARSHY_LETTERS_FROM or letters@<site host>)")
    m.add_argument("--to", action="append", default=[],
                   help="the blog's office (repeatable; default: $JARSHY_LETTERS_TO, "
                        "comma-separated)")
    m.add_argument("--send", action="store_true", help="send it through the SMTP server")
    add_smtp_arguments(m)
    m.set_defaults(func=run_remind)


def meeting_header(content: ContentSet | None, meeting: str) -> tuple[str, date] | str:
    """The line above ``list --meeting`` and the meeting's last day for questions, or a
    message naming the known meetings."""
    events = {} if content is None else {
        item.stem: item for item in content.items if item.event is not None}
    item = events.get(meeting)
    if item is None:
        known = sorted(events)
        return (f"there is no report meeting '{meeting}' in the content; "
                + (did_you_mean(meeting, known) or f"known: {', '.join(known) or 'none'}"))
    event = item.event
    assert event is not None  # chosen above for having one
    title = item.primary.title
    return (f"questions for '{title}' ({meeting}), {event.starts:%d.%m.%Y %H:%M}; questions "
            f"until {event.questions_until:%d.%m.%Y}", event.questions_until)


def _fail(message: str) -> int:
    print(f"site-gen letters: {message}", file=sys.stderr)
    return 2


def run_remind(args: argparse.Namespace) -> int:
    import sqlite3

    from . import letters as base

    try:
        return _run_remind(args)
    except (sqlite3.Error, OSError) as problem:
        return _fail(base._store_problem(args.db, problem))


def _run_remind(args: argparse.Namespace) -> int:
    from ..blog.remind import overdue_and_soon, reminder
    from ..clock import resolve_now
    from ..content.data import load_settings
    from ..newspaper.feeds import write_atomic
    from . import letters as base

    store = base._open_store(args)
    if store is None:
        return _fail(f"no letters database at '{args.db}'; pass --db")
    settings = load_settings(args.content, [])
    recipients = list(args.to) or [a.strip() for a in
                                   os.environ.get("JARSHY_LETTERS_TO", "").split(",")
                                   if a.strip()]
    host = urlsplit(settings.base_url).hostname or "localhost"
    sender = args.sender or f"letters@{host}"
    for address in (sender, *recipients):
        wrong = address_problem(address, "blog-office@example.kz")
        if wrong:
            return _fail(wrong)
    if args.send and not recipients:
        return _fail("--send needs at least one --to address (or $JARSHY_LETTERS_TO)")
    if args.send and not args.smtp_host:
        return _fail("--send needs --smtp-host (or $JARSHY_SMTP_HOST)")
    smtp = smtp_settings(args) if args.send else None
    if isinstance(smtp, str):
        return _fail(smtp)
    result = base._rows(args, store)
    if isinstance(result, str):
        return _fail(result)
    today = resolve_now(settings.zone, args.date).date()
    late, soon = overdue_and_soon(result, today)
    msg = reminder(result, today, sender=sender, recipients=recipients,
                   sent_at=resolve_now(settings.zone), host=host)
    if args.out is not None:
        write_atomic(args.out, msg.as_bytes())
        print(f"wrote {args.out}")
    if not args.send:
        sys.stdout.write(str(msg.get_content()))
        print(f"{len(late)} overdue, {len(soon)} due within 7 days (not sent: add --send)")
        return 0
    assert smtp is not None  # made above when sending
    try:
        send(msg, smtp, sender, recipients)
    except (smtplib.SMTPException, OSError) as problem:
        return _fail(f"{send_problem(smtp, problem)}; try again or check the SMTP settings")
    print(f"sent to {', '.join(recipients)} through {smtp.host}:{smtp.port}: "
          f"{len(late)} overdue, {len(soon)} due within 7 days")
    return 0
