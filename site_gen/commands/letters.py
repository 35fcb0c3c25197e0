"""``site-gen letters serve|list|export|reply|answer|forward|remind``: the blog's letters.

``serve`` is the endpoint the blog's form posts to; ``list`` shows the office every letter
with both deadlines (the first reply in 3 working days, the official answer in 15, counted
with content/_data/holidays/), ``--overdue`` only the late ones, ``--meeting ID`` the
questions for a report meeting; ``export`` writes them as CSV or JSON; ``reply NUMBER``
records a first reply given outside the site, ``answer NUMBER`` the official answer,
``forward NUMBER`` a letter moved to official correspondence; ``remind`` writes (and with
``--send`` mails) the weekly reminder to the blog's office (``site_gen.blog.remind``).
A published ``answer`` item with ``letter: NUMBER`` closes a letter by itself; ``list``
and ``remind`` record it in the database, so the writer's lookup shows it too.

What the office reads comes from anyone on the intranet: ``list`` shows control characters
escaped (a new line in a name cannot make a false row), and ``export`` neutralises cells a
spreadsheet would run as a formula.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import signal
import sqlite3
import sys
import tempfile
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..blog.letters import LIMITS, MAX_BODY
from ..blog.office import ANSWER_STATES, Row, answers, rows
from ..blog.server import Config, LettersApp, RateLimiter, make_server, origin_of
from ..blog.store import LetterStore, folder_problem
from ..clock import BadDate, resolve_now
from ..content import check
from ..content.data import load_settings
from ..content.dates import DateProblem, parse_date
from ..content.holidays import Calendar, load_calendar
from ..content.model import ContentSet
from .letters_more import meeting_header, register_more

DEFAULT_DB = Path("var/letters.sqlite3")
MARKS = {"answered": "answered", "replied": "replied", "overdue": "OVERDUE",
         "due-today": "due today", "open": "open", "forwarded": "forwarded"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("letters", help="the head's blog: receive, list and export letters")

    def usage(_args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(func=usage)
    cmds = p.add_subparsers(dest="letters_command", metavar="ACTION")

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--db", type=Path, default=DEFAULT_DB,
                       help=f"the letters database (default: {DEFAULT_DB})")
        q.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")

    s = cmds.add_parser("serve", help="receive letters from the blog's form over HTTP")
    common(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    s.add_argument("--trusted-proxy", default="127.0.0.1", metavar="ADDRESS",
                   help="the reverse proxy whose X-Forwarded-For names the writer "
                        "(default: 127.0.0.1, nginx on this machine; '' trusts none)")
    s.add_argument("--threads", type=int, default=4,
                   help="requests answered at once (default: 4)")
    s.add_argument("--origin", default=None,
                   help="the site's origin allowed to post (default: base_url in site.yml)")
    s.add_argument("--limit", type=int, default=10,
                   help="requests one address may send per window (default: 10)")
    s.add_argument("--window", type=float, default=600.0,
                   help="the flood window in seconds (default: 600)")
    s.add_argument("--holiday", action="append", default=[], metavar="DATE",
                   help="an extra day off for the reply deadline (repeatable)")
    s.set_defaults(func=run_serve)

    ls = cmds.add_parser("list", help="every letter with its reply deadline")
    common(ls)
    ls.add_argument("--open", action="store_true", help="only letters still waiting for a reply")
    ls.add_argument("--overdue", action="store_true",
                    help="only letters past a deadline (the first reply or the official answer)")
    ls.add_argument("--meeting", default=None, metavar="ID",
                    help="only the questions for this report meeting (its file name, e.g. "
                         "2026-11-18-esep-beru-kezdesui)")
    ls.add_argument("--date", default=None, help="count deadlines as of this day")
    ls.set_defaults(func=run_list)

    ex = cmds.add_parser("export", help="write the letters as CSV (for Excel) or JSON")
    common(ex)
    ex.add_argument("--format", choices=("csv", "json"), default="csv")
    ex.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    ex.add_argument("--date", default=None, help="count deadlines as of this day")
    ex.set_defaults(func=run_export)

    r = cmds.add_parser("reply", help="record the first reply to a letter")
    common(r)
    r.add_argument("number", help="the letter's number, e.g. 2026-0042")
    r.add_argument("--date", default=None, help="the day of the reply (default: today)")
    r.set_defaults(func=run_reply, mark="reply")
    register_more(cmds, common, run_reply)


def fail(message: str) -> int:
    print(f"site-gen letters: {message}", file=sys.stderr)
    return 2


def _open_store(args: argparse.Namespace) -> LetterStore | None:
    if not args.db.is_file():
        return None
    return LetterStore(args.db)


def calendar_of(content: Path, *, years: tuple[int, ...] = ()) -> Calendar:
    """The working-day calendar of ``content``; its problems and the ``years`` it does not
    cover are warnings on stderr (the deadlines are then counted roughly)."""
    said: list[Any] = []
    calendar = load_calendar(content, said)
    for d in said:
        print(f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}"
              + (f"; {d.hint}" if d.hint else ""), file=sys.stderr)
    for year in sorted(set(years) - calendar.years):
        print(f"site-gen letters: warning: no holiday file for {year}; deadlines in {year} "
              f"count weekends and fixed-date holidays only; add "
              f"{content}/_data/holidays/{year}.yml (docs/editors.md)", file=sys.stderr)
    return calendar


def _store_problem(db: Path, problem: Exception) -> str:
    return (f"cannot use the letters database '{db}': {problem}; check that the file is a "
            "letters database and that its folder is writable")


def run_serve(args: argparse.Namespace) -> int:
    settings = load_settings(args.content, [])  # defaults when there is no site.yml
    origin = origin_of(args.origin if args.origin is not None else settings.base_url)
    if args.origin and not origin:
        return fail(f"--origin '{args.origin}' is not an http(s) URL; "
                    "write e.g. http://intranet.example.kz")
    holidays: set[date] = set()
    for text in args.holiday:
        try:
            holidays.add(parse_date(text))
        except DateProblem as problem:
            return fail(f"--holiday: {problem.message}; {problem.hint}")
    if args.limit < 1 or args.window <= 0:
        return fail("--limit must be 1 or more and --window above 0")
    if args.threads < 1:
        return fail("--threads must be 1 or more")
    zone = settings.zone
    os.umask(0o077)  # whatever this process writes is its own user's only
    problem_text = folder_problem(args.db.parent)
    if problem_text:
        return fail(problem_text)
    this_year = datetime.now(zone).year
    calendar = calendar_of(args.content, years=(this_year, this_year + 1))
    try:
        store = LetterStore(args.db, frozenset(holidays), calendar)
    except (sqlite3.Error, OSError) as problem:
        return fail(_store_problem(args.db, problem))
    config = Config(store, origin, lambda: datetime.now(zone),
                    RateLimiter(args.limit, args.window), settings.blog_anonymous,
                    RateLimiter(args.limit, args.window))
    try:
        server = make_server(LettersApp(config), args.host, args.port,
                             trusted_proxy=args.trusted_proxy, threads=args.threads)
    except OSError as problem:
        return fail(f"cannot listen on {args.host}:{args.port}: {problem.strerror}; "
                    "choose another --port")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    def stop(_signal: int, _frame: Any) -> None:
        raise SystemExit(0)  # waitress's run() ends on it and lets running requests finish

    signal.signal(signal.SIGTERM, stop)
    print(f"letters: listening on http://{args.host}:{server.effective_port}/ (db {args.db}, "
          f"site origin {origin or 'none: browsers cannot post'}; anonymous letters: "
          f"{settings.blog_anonymous}); "
          f"letters of {LIMITS['text'][0]}-{LIMITS['text'][1]} characters, "
          f"bodies up to {MAX_BODY} bytes; Ctrl+C stops", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def _rows(args: argparse.Namespace, store: LetterStore, meeting: str | None = None,
          content: ContentSet | None = None) -> list[Row] | str:
    """The letters with their state, or a message saying what went wrong. A published
    answer not yet in the database is recorded there (the writer's lookup reads it)."""
    if content is None and args.content.is_dir():
        content = check(args.content)[0]
    zone = content.settings.zone if content else load_settings(args.content, []).zone
    try:
        now = resolve_now(zone, args.date)
    except BadDate as problem:
        return str(problem)
    found = answers(content, now) if content else {}
    letters = store.letters(meeting)
    for x in letters:
        answer = found.get(x.number)
        if answer is not None and x.answered is None:
            store.mark_answered(x.number, answer.date, answer.url)
    years = {now.year} | {d.year for x in letters for d in (x.reply_by, x.answer_by) if d}
    calendar = calendar_of(args.content, years=tuple(years))
    return rows(store.letters(meeting), now.date(), found, calendar)


def run_list(args: argparse.Namespace) -> int:
    try:
        return _run_list(args)
    except (sqlite3.Error, OSError) as problem:
        return fail(_store_problem(args.db, problem))


def _run_list(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return fail(f"no letters database at '{args.db}'; run 'site-gen letters serve' "
                    "first or pass --db")
    late_after = None
    content = None
    if args.meeting is not None:
        content = check(args.content)[0] if args.content.is_dir() else None
        header = meeting_header(content, args.meeting)
        if isinstance(header, str):
            return fail(header)
        print(header[0])
        late_after = header[1]
    result = _rows(args, store, args.meeting, content)
    if isinstance(result, str):
        return fail(result)
    shown = [r for r in result if (not args.open or r.state in ("overdue", "due-today", "open"))
             and (not args.overdue or r.overdue)]
    for row in shown:
        x = row.letter
        text = " ".join(x.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        extra = (f" → {row.answer.url}" if row.answer else
                 f" → {x.answer_url}" if x.answer_url else
                 f" ({x.answered.isoformat()})" if x.answered else
                 f" ({x.forwarded.isoformat()})" if x.forwarded else "")
        first = f" ({x.replied.isoformat()})" if x.replied and row.state == "replied" else ""
        late = "  LATE QUESTION" if late_after and x.received.date() > late_after else ""
        due = row.answer_by.isoformat() if row.answer_by else "?"
        print(f"{x.number}  {x.received:%Y-%m-%d %H:%M}  reply by {x.reply_by.isoformat()}  "
              f"{MARKS[row.state]}{first}  answer by {due}  {MARKS[row.answer_state]}{extra}"
              f"{late}  [{x.lang}] {visible(x.department)}"
              f"{' / ' + visible(x.name) if x.name else ''}"
              f"{' / ' + visible(x.contact) if x.contact else ''}: {visible(text)}")
    counts = {s: sum(1 for r in result if r.state == s) for s in MARKS}
    full = {s: sum(1 for r in result if r.answer_state == s) for s in ANSWER_STATES}
    print(f"{len(result)} letters: {counts['overdue']} overdue, {counts['due-today']} due today, "
          f"{counts['open']} open, {counts['replied']} replied, {counts['answered']} answered; "
          f"official answer: {full['overdue']} overdue, {full['due-today']} due today, "
          f"{full['open']} open, {full['answered']} answered, {full['forwarded']} forwarded")
    return 0


# Bidirectional overrides and isolates: they could reorder what the terminal shows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str) -> str:
    """``text`` on one terminal line: control characters, line and paragraph separators
    and bidi controls written as escapes (``\\n``, ``\\x1b``, ``\\u2028``)."""
    out = []
    for c in text:
        if c == "\\" or c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Zl", "Zp"):
            out.append(c.encode("unicode_escape").decode("ascii"))
        else:
            out.append(c)
    return "".join(out)


# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP: CSV
# injection); a leading apostrophe makes it text, shown without the apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def run_export(args: argparse.Namespace) -> int:
    try:
        return _run_export(args)
    except (sqlite3.Error, OSError) as problem:
        return fail(_store_problem(args.db, problem))


def _run_export(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return fail(f"no letters database at '{args.db}'; pass --db")
    result = _rows(args, store)
    if isinstance(result, str):
        return fail(result)
    records = [r.as_json() for r in result]
    if args.format == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        fields = list(records[0]) if records else ["number"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in r.items()} for r in records)
        text = buffer.getvalue()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    # Excel opens a CSV as UTF-8 only with the byte-order mark.
    data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.output.parent, prefix=".export-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, args.output)
    print(f"wrote {len(records)} letters to {args.output}")
    return 0


def run_reply(args: argparse.Namespace) -> int:
    try:
        return _run_reply(args)
    except (sqlite3.Error, OSError) as problem:
        return fail(_store_problem(args.db, problem))


def _run_reply(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return fail(f"no letters database at '{args.db}'; pass --db")
    try:
        zone = load_settings(args.content, []).zone
        day = parse_date(args.date) if args.date else resolve_now(zone).date()
    except DateProblem as problem:
        return fail(f"--date: {problem.message}; {problem.hint}")
    except BadDate as problem:
        return fail(str(problem))
    mark, what = {"reply": (store.mark_replied, "first reply"),
                  "answer": (store.mark_answered, "official answer"),
                  "forward": (store.mark_forwarded, "forwarded to official correspondence")
                  }[args.mark]
    if not mark(args.number, day):
        known = [x.number for x in store.letters()][-3:]
        return fail(f"there is no letter {args.number}"
                    + (f"; the latest are {', '.join(known)}" if known else ""))
    print(f"letter {args.number}: {what} recorded on {day.isoformat()}")
    return 0
