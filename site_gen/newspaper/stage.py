"""The newspaper's staging extension: its pages, feeds, home blocks and sidebar entry.

Listed in ``site_gen.stage.extensions.EXTENSIONS``; the staging calls :func:`extend` once
and then each registered function once per language with a ``StageContext``. Adds:

* ``newspaper/index.md`` (archive), ``newspaper/<N>.md`` (issue front pages),
  ``newspaper/<section>.md`` (a section across issues): :mod:`.pages`;
* the header and footer of issue articles and report meetings, carried in the archive's
  front matter for the item page templates: :mod:`.itempage`;
* ``feed.xml`` (Atom) and ``rss.xml`` in each language's root: :mod:`.feeds`;
* home blocks (lead story 15, latest items as cards 20, upcoming events 25, current
  issue 30, on the screens today 35): :mod:`.home`;
* the sidebar entry "Корпоративтік газет" / "Корпоративная газета" (order 20).

What the model could not place (a second lead, an issue item outside the newspaper's sections)
is logged as a warning with the file and what to change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from ..stage.extensions import Registry, StageContext, StagedFile
from ..stage.memo import reuse
from . import home, labels
from .feeds import ATOM_FILE, RSS_FILE, FeedProblem, atom, feed_entries, rss
from .itempage import item_extras
from .model import Newspaper
from .pages import ARCHIVE, newspaper_files

log = logging.getLogger(__name__)


_last: tuple[StageContext, Newspaper] | None = None


def newspaper(ctx: StageContext) -> Newspaper:
    """The newspaper of ``ctx``, built once per staged language (pages, item headers and
    home blocks all ask for it)."""
    global _last
    if _last is None or _last[0] is not ctx:
        _last = (ctx, Newspaper.build(ctx.content, ctx.lang, ctx.now, ctx.published()))
    return _last[1]


def make_pages(ctx: StageContext) -> Iterable[StagedFile]:
    paper = newspaper(ctx)
    for note in paper.notes:
        log.warning("newspaper: %s", note)
    # With the caller's memo: made again when the newspaper or the items' places changed
    # (the print edition's bodies link to other items' pages).
    places = ctx.memo.places(ctx.content) if ctx.memo is not None else ()
    yield from reuse(ctx.memo, "newspaper.pages", "files", (paper, places),
                     partial(newspaper_files, ctx, paper))
    try:
        entries = feed_entries(ctx.content, ctx.lang, ctx.now, rows=ctx.published(),
                               memo=ctx.memo)
        yield StagedFile(ATOM_FILE, atom(ctx.content, ctx.lang, entries, ctx.now))
        yield StagedFile(RSS_FILE, rss(ctx.content, ctx.lang, entries, ctx.now))
    except FeedProblem as problem:
        log.warning("feeds for %s not written: %s", ctx.lang, problem)


def make_nav(ctx: StageContext) -> Sequence[tuple[str, str]]:
    return [(labels.word("newspaper", ctx.lang), ARCHIVE)]


def _with_paper(block: Callable[[StageContext, Newspaper], str | None]
                ) -> Callable[[StageContext], str | None]:
    return lambda ctx: block(ctx, newspaper(ctx))


def extend(registry: Registry) -> None:
    registry.add_pages("newspaper", make_pages)
    registry.add_item_meta("newspaper", lambda ctx: item_extras(ctx, newspaper(ctx)))
    registry.add_nav("newspaper", 20, make_nav)
    # The order is the phone's (one column); from 60em the home places them side by side.
    registry.add_home_block("lead", 15, home.lead_block)
    registry.add_home_block("latest-cards", 20, home.latest_block)
    registry.add_home_block("upcoming-events", 25, home.events_block)
    registry.add_home_block("newspaper-issue", 30, _with_paper(home.issue_block))
    registry.add_home_block("on-screens-today", 35, home.screens_block)
