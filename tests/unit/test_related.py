"""Related items (site_gen/newspaper/related.py): the rule editors read in docs/editors.md,
"Article pages": same section 2 points, each shared tag or title word (5+ letters) 1 point,
then newest, then file name; never the item itself; three when the site has them."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from site_gen.content.model import Item, Version
from site_gen.newspaper.related import COUNT, related

BASE = Version(
    lang="kk", path="content/news/x.kk.md", source=Path("x.kk.md"), title="Тақырып",
    date=date(2026, 11, 1), section="news", kind="article", content_kind="information",
    issue=None, lead=False, author="", summary="", image=None, image_alt="", tags=(),
    status="approved", approved_by="", approved_at=None, decision="publish",
    publish_at=None, expires=None, personal_data_consent=False, letter="", event=None,
    signage=None, body="", body_line=1)


def pair(stem: str, section: str, day: int, title: str = "Тақырып",
         tags: tuple[str, ...] = ()) -> tuple[Item, Version]:
    v = dataclasses.replace(BASE, title=title, section=section, date=date(2026, 11, day),
                            tags=tags, path=f"content/{section}/{stem}.kk.md")
    return Item(section, stem, {"kk": v}), v


def test_same_section_beats_one_shared_tag_and_newest_breaks_ties() -> None:
    pairs = [
        pair("a", "news", 10, tags=("су",)),
        pair("b", "news", 1),                      # same section, old: 2 points
        pair("c", "sports-culture", 20, tags=("су",)),  # another section, one tag: 1 point
        pair("d", "news", 5),                      # same section, newer: 2 points
        pair("e", "analytics", 25),                # nothing shared: 0
        pair("f", "news", 3, tags=("су",)),        # same section and the tag: 3 points
    ]
    assert related(pairs)["news/a"] == ["news/f", "news/d", "news/b"]


def test_shared_title_words_count_and_short_words_do_not() -> None:
    pairs = [
        pair("a", "news", 10, title="Қосалқы станция іске қосылды"),
        pair("b", "analytics", 2, title="Станция жүктемесі"),   # shares "станция"
        pair("c", "analytics", 9, title="Іске асты"),            # "іске": 4 letters only
        pair("d", "interviews", 8, title="Басқа"),
    ]
    assert related(pairs)["news/a"][0] == "analytics/b"
    assert related(pairs)["news/a"][1:] == ["analytics/c", "interviews/d"]  # newest fill


@given(st.lists(st.tuples(st.sampled_from(["news", "analytics", "interviews"]),
                          st.integers(1, 28),
                          st.lists(st.sampled_from(["су", "жылу", "спорт"]), max_size=2)),
                min_size=1, max_size=25))
def test_never_itself_never_twice_three_when_there_are(
        rows: list[tuple[str, int, list[str]]]) -> None:
    pairs = [pair(f"i{n:02d}", s, d, tags=tuple(t)) for n, (s, d, t) in enumerate(rows)]
    found = related(pairs)
    again = related(list(reversed(pairs)))
    for item, _ in pairs:
        keys = found[item.key]
        assert item.key not in keys
        assert len(keys) == len(set(keys)) == min(COUNT, len(pairs) - 1)
        assert again[item.key] == keys  # the input's order does not matter
