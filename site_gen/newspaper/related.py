"""Related items for an article page, decided at staging (the "Read also" cards).

Sits beside :mod:`.itempage`, which shows the result in each article's footer. Pure: it
takes the published ``(item, version)`` pairs of one language and returns, for each item,
the keys of at most :data:`COUNT` others of the same language. The rule (docs/site.md,
"Related items"):

* every other published item of the page's language is a candidate, never the item itself;
* a candidate scores 2 for the same section, plus 1 for each tag it shares, plus 1 for each
  title word of five letters or more it shares (words compared in lower case);
* the best score first, then the newest, then the file name (so the choice is the same on
  every build); when nothing is shared, the newest items of the site fill the places;
* a tag or title word that more than :data:`COMMON` items carry says nothing about two of
  them and is ignored, which keeps the work linear at 10,000 items.

Each language is computed from its own texts (tags and titles are written per language), so
an item may show different neighbours in kk and ru; both show three when the site has them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..content.model import Item, Version

COUNT = 3
COMMON = 200  # a tag or word on more items than this ties nothing together
SECTION_SCORE = 2
MIN_WORD = 5
_WORD = re.compile(r"[^\W\d_]+")


def _words(version: Version) -> set[str]:
    return {w.casefold() for w in _WORD.findall(version.title) if len(w) >= MIN_WORD}


def _tags(version: Version) -> set[str]:
    return {t.strip().casefold() for t in version.tags if t.strip()}


def related(pairs: Sequence[tuple[Item, Version]], count: int = COUNT) -> dict[str, list[str]]:
    """``{key: [related keys, best first]}`` for every item of ``pairs`` (one language)."""
    # One order for every tie: newest first, then the key.
    order = sorted(range(len(pairs)),
                   key=lambda i: (-pairs[i][0].date.toordinal(), pairs[i][0].key))
    rank = {i: r for r, i in enumerate(order)}
    by_section: dict[str, list[int]] = defaultdict(list)
    postings: dict[str, list[int]] = defaultdict(list)
    marks: list[set[str]] = []
    for i in order:
        by_section[pairs[i][0].section].append(i)
    for i, (_, version) in enumerate(pairs):
        mine = {"t:" + t for t in _tags(version)} | {"w:" + w for w in _words(version)}
        marks.append(mine)
        for mark in mine:
            postings[mark].append(i)
    result: dict[str, list[str]] = {}
    for i, (item, _) in enumerate(pairs):
        scores: dict[int, int] = defaultdict(int)
        for mark in marks[i]:
            found = postings[mark]
            if len(found) > COMMON:
                continue
            for j in found:
                if j != i:
                    scores[j] += 1
        # The newest of the same section and of the whole site cover every candidate that
        # shares nothing: among equal scores the newest wins.
        for j in [*by_section[item.section][: count + 1], *order[: count + 1]]:
            if j != i:
                scores.setdefault(j, 0)
        section = item.section
        best = sorted(scores, key=lambda j: (
            -(scores[j] + (SECTION_SCORE if pairs[j][0].section == section else 0)), rank[j]))
        result[item.key] = [pairs[j][0].key for j in best[:count]]
    return result
