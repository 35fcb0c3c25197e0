"""Checks that need every item and today's date: links between pages, dates far ahead.

Where it sits: the last step of ``check`` (``site_gen.content.check``), after every file is
read, and run again on every check (the live preview's cache keeps per-file results only):

- a Markdown link that leads to no page or file of the site is a warning at its line
  (``broken-link``), the same finding as the checklist's "site links" column
  (``site_gen.content.links``);
- a ``signage:`` setting that can never reach a screen, and a coming report meeting that
  some channel does not announce early enough (``site_gen.content.meetings``);
- an approved item whose ``date`` is more than :data:`FAR_DAYS` days after today and that
  has no ``publish_at`` is a warning at the date's line (``far-future-date``): it is
  published at once, at the top of its section, which is rarely what the editor meant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostic
from .links import broken_links
from .meetings import announcement_missing, is_meeting, signage_no_effect
from .model import ContentSet, Item

FAR_DAYS = 30


def sitewide_checks(content: ContentSet, today: date) -> Iterable[Diagnostic]:
    site_host = urlsplit(content.settings.base_url).netloc
    urls = {item.url(lang) for item in content.items for lang in item.versions}
    try:
        real_root = content.root.resolve()  # once, not once per link to a file
    except (OSError, ValueError):
        real_root = None  # each link then tries, and fails, on its own (links.link_problem)
    for item in content.items:
        yield from _far_future(item, today)
        yield from meeting_checks(item, content, today)
        for v in item.versions.values():
            for link in broken_links(v, content.root, site_host, urls, real_root):
                yield Diagnostic(v.path, link.line, link.col, "warning", "broken-link",
                                 link.english(), "correct the address; link another item by "
                                 "its file, e.g. [text](../news/2026-11-20-x.kk.md)")


def _far_future(item: Item, today: date) -> Iterable[Diagnostic]:
    for v in item.versions.values():
        ahead = (v.date - today).days
        if v.approved and v.publish_at is None and ahead > FAR_DAYS:
            day = v.date.isoformat()
            yield Diagnostic(v.path, v.lines.get("date", 1), 1, "warning", "far-future-date",
                             f"the date {day} is {ahead} days after today, yet the approved "
                             "item is published at once",
                             f"to publish it on that day, add 'publish_at: {day}'; if the "
                             "date is a typo, correct it")


def meeting_checks(item: Item, content: ContentSet, today: date) -> Iterable[Diagnostic]:
    """A ``signage:`` setting no screen can ever show (``signage-no-effect``); and for a
    report meeting still to come, each channel that does not announce it at least
    ``meetings.announce_days`` days before (``announcement-missing``)."""
    v = item.primary
    if v.signage is not None:
        for problem in signage_no_effect(item, content.screens):
            yield Diagnostic(v.path, v.signage.line, 1, "warning", "signage-no-effect",
                             problem.message, problem.hint)
    event = item.event
    if not is_meeting(item) or event is None or event.starts.date() < today:
        return
    days = content.settings.announce_days
    for missing in announcement_missing(item, content.issues, days):
        at = "poster_printed" if missing.channel == "poster" else "starts"
        yield Diagnostic(v.path, v.lines.get(at, v.lines.get("starts", 1)), 1, "warning",
                         "announcement-missing", f"{missing.message}; a meeting is announced "
                         f"on every channel at least {days} days before", missing.hint)


def today_for_check(zone: ZoneInfo) -> date:
    """Today in the company's zone: ``$JARSHY_TODAY`` (the tests and the demo pin it), else
    the real clock; a malformed ``$JARSHY_TODAY`` is for the commands that read it to
    report, so here it means the real clock."""
    from ..clock import BadDate, resolve_now  # site_gen.clock imports this package

    try:
        return resolve_now(zone).date()
    except BadDate:
        return datetime.now(zone).date()
