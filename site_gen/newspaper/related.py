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

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from ..content.model import Item, Version

COUNT = 3
COMMON = 200  # a tag or word on more items than this ties nothing together
SECTION_SCORE = 2
MIN_WORD = 5
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=65536)
def _marks(title: str, tags: tuple[str, ...]) -> frozenset[str]:
    """An item's tags and long title words, as ``t:tag`` and ``w:word``."""
    words = {w.casefold() for w in _WORD.findall(title) if len(w) >= MIN_WORD}
    return frozenset({"t:" + t.strip().casefold() for t in tags if t.strip()}
                     | {"w:" + w for w in words})


class _Index:
    """The candidates' structures of one language's published items."""

    def __init__(self, pairs: Sequence[tuple[Item, Version]], count: int) -> None:
        self.pairs = pairs
        self.count = count
        self.keys = [item.key for item, _ in pairs]
        self.sections = [item.section for item, _ in pairs]
        dates = [item.date.toordinal() for item, _ in pairs]
        keys = self.keys
        # One order for every tie: newest first, then the key.
        self.order = sorted(range(len(pairs)), key=lambda i: (-dates[i], keys[i]))
        self.rank = {i: r for r, i in enumerate(self.order)}
        self.by_section: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.marks: list[frozenset[str]] = []
        for i in self.order:
            self.by_section[self.sections[i]].append(i)
        for i, (_, version) in enumerate(pairs):
            mine = _marks(version.title, tuple(version.tags))
            self.marks.append(mine)
            for mark in mine:
                self.postings[mark].append(i)
        self.sig = {keys[i]: (self.sections[i], dates[i], self.marks[i])
                    for i in range(len(pairs))}

    def top(self, section: str | None) -> list[str]:
        found = self.order if section is None else self.by_section.get(section, [])
        return [self.keys[j] for j in found[: self.count + 1]]

    def related_of(self, i: int) -> list[str]:
        count = self.count
        scores: dict[int, int] = defaultdict(int)
        for mark in self.marks[i]:
            found = self.postings[mark]
            if len(found) > COMMON:
                continue
            for j in found:
                if j != i:
                    scores[j] += 1
        # The newest of the same section and of the whole site cover every candidate that
        # shares nothing: among equal scores the newest wins.
        section = self.sections[i]
        for j in [*self.by_section[section][: count + 1], *self.order[: count + 1]]:
            if j != i:
                scores.setdefault(j, 0)
        sections, rank = self.sections, self.rank
        best = sorted(scores, key=lambda j: (
            -(scores[j] + (SECTION_SCORE if sections[j] == section else 0)), rank[j]))
        return [self.keys[j] for j in best[:count]]


def related(pairs: Sequence[tuple[Item, Version]], count: int = COUNT,
            memo: dict[str, object] | None = None) -> dict[str, list[str]]:
    """``{key: [related keys, best first]}`` for every item of ``pairs`` (one language).

    ``memo`` (kept by the caller between stagings, ``site_gen.stage.memo``): only the items
    whose answer the change can move are computed again (those sharing a tag or title word
    with a changed item, and a section's items when its newest changed)."""
    index = _Index(pairs, count)
    last = memo.get("index") if memo is not None else None
    if memo is None or not isinstance(last, _Index) or last.count != count or \
            last.top(None) != index.top(None):
        result = {index.keys[i]: index.related_of(i) for i in range(len(pairs))}
    else:
        result = _update(last, memo["result"], index)  # type: ignore[arg-type]
    if memo is not None:
        memo["index"], memo["result"] = index, result
    return result


def _update(last: _Index, before: dict[str, list[str]], index: _Index
            ) -> dict[str, list[str]]:
    """``before`` (the answers for ``last``'s items) brought up to ``index``'s items."""
    old, new = last.sig, index.sig
    changed = {k for k, sig in new.items() if old.get(k) != sig} | (old.keys() - new.keys())
    affected = changed & new.keys()
    for key in changed:
        for sig in (old.get(key), new.get(key)):
            if sig is None:
                continue
            for mark in sig[2]:
                was = last.postings.get(mark, [])
                now = index.postings.get(mark, [])
                if len(was) <= COMMON or len(now) <= COMMON:
                    affected.update(last.keys[j] for j in was)
                    affected.update(index.keys[j] for j in now)
    for section in last.by_section.keys() | index.by_section.keys():
        if last.top(section) != index.top(section):
            affected.update(index.keys[j] for j in index.by_section.get(section, []))
    result = {k: v for k, v in before.items() if k in new and k not in affected}
    position = {k: i for i, k in enumerate(index.keys)} if affected else {}
    for key in affected & new.keys():
        result[key] = index.related_of(position[key])
    return result
