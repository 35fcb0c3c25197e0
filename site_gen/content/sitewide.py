"""Checks that need every item and today's date: links between pages, dates far ahead.

Where it sits: the last step of ``check`` (``site_gen.content.check``), after every file is
read. A long-running process's ``FileCache`` keeps each item's findings and each link's needs
(:class:`LinkMemo`), so a second check re-checks only changed items and the links whose
target came or went:

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
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostic
from .filecache import DatedFindings, FileCache
from .links import (
    NO_FILE,
    BrokenLink,
    Where,
    closest,
    file_leads_somewhere,
    likeness,
    links_of,
    url_problem,
    where,
)
from .meetings import announcement_missing, is_meeting, signage_no_effect
from .model import ContentSet, Item, Version
from .tree import ContentTree

FAR_DAYS = 30


def sitewide_checks(content: ContentSet, today: date, *, tree: ContentTree | None = None,
                    urls: AbstractSet[str] | None = None, cache: FileCache | None = None
                    ) -> list[Diagnostic]:
    """The checks above, item by item. ``tree``: this check's walk of content/ (links to
    files are then answered from it); ``urls``: every item's address, when the caller has
    them; ``cache``: the long-running process's, whose memos make a second run re-check
    only the items and links a change can reach."""
    site_host = urlsplit(content.settings.base_url).netloc
    if urls is None:
        urls = {item.url(lang) for item in content.items for lang in item.versions}
    if cache is not None:
        if cache.links is None or cache.links.site_host != site_host or \
                cache.links.root != content.root:
            cache.links = LinkMemo(content.root, site_host)
        links: LinkMemo = cache.links
        dated: dict[int, tuple[Item, DatedFindings]] = cache.dated
    else:
        links, dated = LinkMemo(content.root, site_host), {}
    links.begin(urls, tree)
    out: list[Diagnostic] = []
    for item in content.items:
        hit = dated.get(id(item))
        if hit is None or hit[0] is not item or hit[1][0] != today:
            found = [*_far_future(item, today), *meeting_checks(item, content, today)]
            hit = dated[id(item)] = (item, (today, found))
        if hit[1][1]:
            out += hit[1][1]
        for v in item.versions.values():
            broken = links.broken(v)
            if broken:
                out += broken
    links.end()
    return out


# One version's links: the version, each link with what it needs, the warnings found, the
# names and addresses the warnings depend on (``None``: links the walk cannot answer, asked
# of the file system every run), and the missing addresses for which another is suggested.
_Known = tuple[Version, list[tuple[str, int, int, Where]], list[Diagnostic],
               frozenset[str] | None, tuple[str, ...]]


class LinkMemo:
    """Each version's links, what each needs and what was found, kept by the version's
    identity and found again only when a name or address it depends on came or went; the
    closest address to each missing one, kept up to date as addresses come and go. Its
    answers equal :func:`~site_gen.content.links.broken_links`'."""

    def __init__(self, root: Path, site_host: str) -> None:
        self.root, self.site_host = root, site_host
        self.urls: frozenset[str] = frozenset()
        self.names: frozenset[str] | None = None  # the last walk's, when it could answer
        self.changed: set[str] = set()  # names and addresses that came or went
        self.urls_changed = False
        self.every = True  # find every version's links again (first run, no walk to ask)
        self.tree: ContentTree | None = None
        self.real_root: Path | None = None
        self.resolved = False
        self.needs: dict[int, _Known] = {}
        self.seen: dict[int, _Known] = {}
        self.close: dict[str, tuple[float, str] | None] = {}
        self.asked: set[str] = set()

    def begin(self, urls: AbstractSet[str], tree: ContentTree | None) -> None:
        self.tree, self.resolved = tree, False
        now = urls if isinstance(urls, frozenset) else frozenset(urls)
        self.changed = set()
        self.urls_changed = now != self.urls
        if self.urls_changed:
            added, removed = now - self.urls, self.urls - now
            self.changed = set(added | removed)
            for wanted, best in list(self.close.items()):
                if best is not None and best[1] in removed:
                    del self.close[wanted]  # asked again from scratch when needed
                    continue
                for url in added:
                    score = likeness(wanted, url)
                    if score is not None and (best is None or (score, url) > best):
                        best = (score, url)
                self.close[wanted] = best
            self.urls = now
        walk = tree is not None and tree.complete and not tree.has_links
        self.every = not walk or self.names is None
        if walk and self.names is not None and tree is not None:
            self.changed |= tree.names ^ self.names
        self.names = tree.names if walk and tree is not None else None

    def end(self) -> None:
        """Keep only what this run asked: deleted versions' links are forgotten."""
        self.needs, self.seen = self.seen, {}
        self.close = {w: b for w, b in self.close.items() if w in self.asked}
        self.asked = set()

    def broken(self, v: Version) -> list[Diagnostic]:
        """The warnings of ``v``'s links that lead nowhere, in order."""
        known = self.needs.get(id(v))
        if known is None or known[0] is not v:
            needs = [(target, line, col, where(v, self.root, target, self.site_host))
                     for target, line, col in links_of(v)]
            known = self._found(v, needs)
        elif self.every or known[3] is None or (known[4] and self.urls_changed) or (
                known[3] and not known[3].isdisjoint(self.changed)):
            known = self._found(v, known[1])
        elif known[4]:
            self.asked.update(known[4])
        self.seen[id(v)] = known
        return known[2]

    def _found(self, v: Version, needs: list[tuple[str, int, int, Where]]) -> _Known:
        found: list[Diagnostic] = []
        depends: set[str] | None = set()
        suggests: list[str] = []
        for target, line, col, need in needs:
            if depends is not None and need[0] == "url":
                depends.add(need[1])
            elif depends is not None and need[0] == "file":
                if need[1] is None or self.names is None:
                    depends = None  # asked of the file system: again on every run
                else:
                    depends.add(need[1])
            problem = self._problem(target, need)
            if problem is None:
                continue
            if need[0] == "url":
                suggests.append(need[1])
            link = BrokenLink(problem[0], problem[1], line, col)
            found.append(Diagnostic(v.path, link.line, link.col, "warning", "broken-link",
                                    link.english(), "correct the address; link another item "
                                    "by its file, e.g. [text](../news/2026-11-20-x.kk.md)"))
        return (v, needs, found, None if depends is None else frozenset(depends),
                tuple(suggests))

    def _problem(self, target: str, need: Where) -> tuple[str, dict[str, object]] | None:
        if need[0] == "ok":
            return None
        if need[0] == "bad":
            return need[1], need[2]
        if need[0] == "url":
            wanted, exact = need[1], need[2]
            if exact and wanted in self.urls:
                return None
            self.asked.add(wanted)
            if wanted not in self.close:
                best = closest(wanted, self.urls)
                self.close[wanted] = None if best is None else (
                    likeness(wanted, best) or 0.0, best)
            best_now = self.close[wanted]
            return url_problem(target, wanted, exact, self.urls,
                               None if best_now is None else best_now[1])
        exists = None if need[1] is None or self.tree is None else \
            self.tree.file_exists(need[1])
        if exists is None:
            if not self.resolved:
                try:
                    self.real_root = self.root.resolve()  # once, not once per link
                except (OSError, ValueError):
                    self.real_root = None  # each link then tries, and fails, on its own
                self.resolved = True
            exists = file_leads_somewhere(need[2], self.root, self.real_root)
        return None if exists else (NO_FILE, {"target": target})


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
