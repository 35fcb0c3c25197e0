"""``site-gen publish``: the service that puts each push on the site and the screens.

It keeps its own clone of the content repository (``--work``), fetches ``--branch`` every
``--every`` seconds, and rebuilds the site and the signage bundle into ``--out`` when the
branch moved, when the post-receive hook (``deploy/git/post-receive``) touched ``--wake``,
or when the output changes by itself (a ``publish_at``, an expiry, a signage ``from`` or
``until``, an event's start or end, an issue's date, or midnight). Items with errors are
left out and reported to the log, and mailed once to ``publish_report_to`` of
``content/_data/site.yml`` through the SMTP settings of ``site_gen.mail``.
Runs until stopped (deploy/systemd/jarshy-publish.service).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from ..mail import add_smtp_arguments, address_problem, smtp_settings
from ..publish.follow import Follower, GitProblem
from ..publish.report import Reporter
from ..publish.service import Publisher
from .keys import add_signing_option, use_signing_key


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("publish", help="follow the content repository and publish each push "
                       "and each scheduled moment (a long-running service)")
    p.add_argument("--repo", required=True,
                   help="the repository editors push to (path or URL git can fetch)")
    p.add_argument("--branch", default="main", help="the branch to publish (default: main)")
    p.add_argument("--work", type=Path, required=True,
                   help="the service's own clone (made on the first start)")
    p.add_argument("--out", type=Path, required=True, help="the site folder nginx serves")
    p.add_argument("--build-dir", type=Path, default=None,
                   help="staging folder (default: <work>/../build)")
    p.add_argument("--content-dir", default="content",
                   help="the content folder inside the repository (default: content)")
    p.add_argument("--every", type=float, default=30.0,
                   help="seconds between fetches (default: 30)")
    p.add_argument("--wake", type=Path, default=None,
                   help="a file the post-receive hook touches to wake the service at once")
    p.add_argument("--from", dest="sender", default=os.environ.get("JARSHY_PUBLISH_FROM", ""),
                   help="sender of the report (default: $JARSHY_PUBLISH_FROM or "
                   "jarshy-publish@<this host>)")
    add_signing_option(p)
    add_smtp_arguments(p)
    p.set_defaults(func=run)


def fail(message: str) -> int:
    print(f"site-gen publish: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.every < 1:
        return fail(f"--every {args.every:g}: fetch at most once a second; write e.g. 30")
    sender = args.sender or f"jarshy-publish@{socket.getfqdn()}"
    wrong = address_problem(sender, "jarshy@example.kz")
    if wrong:
        return fail(f"--from: {wrong}")
    smtp = smtp_settings(args) if args.smtp_host else None
    if isinstance(smtp, str):
        return fail(smtp)
    work: Path = args.work.resolve()
    if problem := use_signing_key(args.signing_key, work / args.content_dir):
        return fail(problem)
    publisher = Publisher(
        follower=Follower(args.repo, args.branch, work),
        out=args.out.resolve(),
        build_dir=(args.build_dir or work.parent / "build").resolve(),
        every=args.every,
        now=lambda: datetime.now(UTC),
        sleep=time.sleep,
        reporter=Reporter(smtp, sender),
        wake=args.wake,
        content_dir=args.content_dir,
    )
    try:
        publisher.run()
    except GitProblem as problem:  # only the first clone: later fetches are retried
        return fail(f"{problem}; check --repo and --branch")
    return 0
