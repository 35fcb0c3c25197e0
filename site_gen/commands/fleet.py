"""``site-gen fleet register|remove|list|serve``: the screens' heartbeats and the fleet page.

``register SCREEN`` adds a screen to the fleet register and prints its token once (the
register keeps only a hash; registering again gives a new token and the old one stops
working); ``remove SCREEN`` forgets it; ``list`` prints each screen's last heartbeat;
``serve`` runs the heartbeat service with the fleet page and the silence watch
(``site_gen.fleet``), on waitress behind nginx (deploy/systemd/jarshy-fleet.service).
SMTP settings are the digest's (``site_gen.mail``: ``JARSHY_SMTP_HOST``, ``_PORT``,
``_USER``, ``_PASSWORD``, ``_SECURITY``); the addresses to mail are ``--to`` or
``JARSHY_FLEET_TO`` (comma-separated).
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import re
import signal
import sqlite3
import sys
import threading
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..blog.server import make_server
from ..blog.store import folder_problem
from ..content.data import load_screens, load_settings
from ..fleet.app import MAX_BODY, Config, FleetApp
from ..fleet.page import is_silent
from ..fleet.store import FleetStore
from ..fleet.watch import Watch
from ..mail import SmtpSettings, add_smtp_arguments, address_problem, smtp_settings

DEFAULT_DB = Path("var/fleet.sqlite3")
SCREEN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    env = os.environ.get
    p = sub.add_parser("fleet", help="the screens: register them, receive heartbeats, watch")

    def usage(_args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(func=usage)
    cmds = p.add_subparsers(dest="fleet_command", metavar="ACTION")
    r = cmds.add_parser("register", help="add a screen and print its heartbeat token")
    r.add_argument("screen", help="the screen id from content/_data/screens.yml")
    r.set_defaults(func=run_register)
    rm = cmds.add_parser("remove", help="forget a screen (its proof of play stays)")
    rm.add_argument("screen")
    rm.set_defaults(func=run_remove)
    ls = cmds.add_parser("list", help="each screen's last heartbeat")
    ls.set_defaults(func=run_list)
    s = cmds.add_parser("serve", help="the heartbeat service and the fleet page (waitress)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8766, help="port (default: 8766)")
    s.add_argument("--trusted-proxy", default="127.0.0.1", metavar="ADDRESS",
                   help="nginx's address ('' to trust no proxy)")
    s.add_argument("--threads", type=int, default=4, help="worker threads (default: 4)")
    s.add_argument("--bundle", type=Path, default=Path("site/signage/bundle.json"),
                   help="the site's signage/bundle.json: its version is the current one")
    s.add_argument("--silent-minutes", type=float, default=10.0, metavar="N",
                   help="a screen with no heartbeat for N minutes is silent (default: 10)")
    s.add_argument("--watch-every", type=float, default=60.0, metavar="SECONDS",
                   help="look for silent screens this often (default: 60)")
    s.add_argument("--to", action="append", default=[], metavar="ADDRESS",
                   help="mail silent screens here (or $JARSHY_FLEET_TO, comma-separated)")
    s.add_argument("--from", dest="sender", default=env("JARSHY_FLEET_FROM", ""))
    s.add_argument("--page-url", default=env("JARSHY_FLEET_URL", ""),
                   help="the fleet page's address, named in the mails")
    add_smtp_arguments(s)
    s.set_defaults(func=run_serve)
    parsers = [r, rm, ls, s]
    for q in parsers:
        q.add_argument("--db", type=Path, default=DEFAULT_DB,
                       help=f"the fleet database (default: {DEFAULT_DB})")
        q.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (screens.yml, site.yml)")


def fail(message: str) -> int:
    print(f"site-gen fleet: {message}", file=sys.stderr)
    return 2


def _open(db: Path) -> FleetStore | str:
    os.umask(0o077)  # whatever this process writes is its own user's only
    problem = folder_problem(db.parent)
    if problem:
        return problem.replace("letters", "fleet register")
    try:
        return FleetStore(db)
    except (sqlite3.Error, OSError) as exc:
        return f"cannot open the fleet register '{db}': {exc}; check --db and its folder"


def _now(content: Path) -> datetime:
    return datetime.now(load_settings(content, []).zone)


def run_register(args: argparse.Namespace) -> int:
    screen = str(args.screen)
    if not SCREEN_ID.match(screen):
        return fail(f"'{screen}' is not a screen id; use letters, digits, '-', '_' or '.' "
                    "(at most 64), as in content/_data/screens.yml")
    if (args.content / "_data" / "screens.yml").is_file():
        known = [s.id for s in load_screens(args.content, load_settings(args.content, []), [])]
        if known and screen not in known:
            close = difflib.get_close_matches(screen, known, 1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(known)
            return fail(f"no screen '{screen}' in {args.content}/_data/screens.yml; {hint}")
    store = _open(args.db)
    if isinstance(store, str):
        return fail(store)
    token = store.register(screen, _now(args.content))
    print(token)
    print(f"screen '{screen}' registered in {args.db}. Put the token above into the "
          "player's /etc/jarshy/player.env as JARSHY_HEARTBEAT_TOKEN (shown only now; "
          "register again for a new one).", file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if isinstance(store, str):
        return fail(store)
    if not store.remove(str(args.screen)):
        return fail(f"no screen '{args.screen}' in {args.db}")
    print(f"screen '{args.screen}' removed; its proof of play stays")
    return 0


def run_list(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if isinstance(store, str):
        return fail(store)
    now = _now(args.content)
    for screen in store.screens():
        seen = screen.last_seen.isoformat(timespec="seconds") if screen.last_seen else "never"
        mark = "SILENT" if is_silent(screen, now, 10.0) else "ok"
        errors = sum(int(e.get("count", 1)) for e in screen.errors)
        print(f"{screen.id}\t{mark}\tlast seen {seen}\tbundle {screen.version[:12] or '-'}\t"
              f"errors {errors}")
    return 0


def _watch(args: argparse.Namespace, store: FleetStore, clock: Any) -> Watch | str:
    recipients = list(args.to) or [a.strip() for a in
                                   os.environ.get("JARSHY_FLEET_TO", "").split(",") if a.strip()]
    smtp: SmtpSettings | None = None
    if recipients:
        if not args.smtp_host:
            return "--to needs --smtp-host (or $JARSHY_SMTP_HOST) to mail silent screens"
        made = smtp_settings(args)
        if isinstance(made, str):
            return made
        smtp = made
    sender = args.sender or "fleet@localhost"
    for address in (sender, *recipients):
        wrong = address_problem(address, "screens@example.kz")
        if wrong:
            return wrong
    return Watch(store, clock, args.silent_minutes, smtp, parseaddr(sender)[1],
                 [parseaddr(a)[1] for a in recipients], args.page_url)


def run_serve(args: argparse.Namespace) -> int:
    if args.threads < 1 or args.silent_minutes <= 0 or args.watch_every <= 0:
        return fail("--threads must be 1 or more, --silent-minutes and --watch-every above 0")
    zone = load_settings(args.content, []).zone
    store = _open(args.db)
    if isinstance(store, str):
        return fail(store)

    def clock() -> datetime:
        return datetime.now(zone)

    watch = _watch(args, store, clock)
    if isinstance(watch, str):
        return fail(watch)
    app = FleetApp(Config(store, clock, args.bundle, args.silent_minutes))
    try:
        server = make_server(app, args.host, args.port, trusted_proxy=args.trusted_proxy,
                             threads=args.threads, connection_limit=600, max_body=MAX_BODY,
                             ident="jarshy-fleet")
    except OSError as problem:
        return fail(f"cannot listen on {args.host}:{args.port}: {problem.strerror}; "
                    "choose another --port")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    watcher = threading.Thread(target=watch.run, args=(args.watch_every,),
                               name="jarshy-fleet-watch", daemon=True)
    watcher.start()

    def stop(_signal: int, _frame: Any) -> None:
        raise SystemExit(0)  # waitress's run() ends on it and lets running requests finish

    signal.signal(signal.SIGTERM, stop)
    print(f"fleet: listening on http://{args.host}:{server.effective_port}/ (db {args.db}; "
          f"heartbeats at /heartbeat, the page at /fleet/; silent after "
          f"{args.silent_minutes:g} min; mail to {', '.join(watch.recipients) or 'no one'}); "
          "Ctrl+C stops", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        watch.stop()
        server.close()
    return 0
