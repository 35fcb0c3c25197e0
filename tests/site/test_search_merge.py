"""The readers' script merges a parted index's answers without letting one part's fallback
hide another part's real match (themes/assets/javascripts/jarshy-search.js).

Pagefind answers a word that is in none of a part's pages with that part's pages holding
the longest prefix of it that is there (Pagefind issue #793). With the index in parts, each
part answers on its own: a word on one page gives that page from its part, and pages with a
much shorter prefix from every other part, all in one list by score. Here the kk pages are
indexed in parts of 15 and a made-up word is put on one or two pages whose other parts hold
only its beginning ("цифрлық", "цифрлықтар"): the reader gets exactly
those pages, and "nothing found" only for a word no page has.

The first ten results are shown as soon as they are judged; parts not among them are judged
after, and the list is redone if one of them answered with its fallback (the search box's
``data-jarshy-settled``, which the tests' search waits for).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_gen import search
from tests.conftest import serve_folder
from tests.site.test_search import search as search_box
from tests.site.test_search import type_query, wait_for

pytestmark = pytest.mark.browser

SIZE = 15  # pages per part here
HEAD = "цифрлық"  # on pages of most parts of the example site
ONE = HEAD + "хатшы"  # put on one page
TWO = HEAD + "тыңдаушы"  # put on two pages of different parts
NONE = HEAD + "жолсерік"  # on no page: its head is everywhere


def _with_word(page: Path, words: str) -> None:
    """``words`` once, near the end of the page's text (a long page: a low score)."""
    html = page.read_text("utf-8")
    page.unlink()  # a rendered page is never rewritten in place
    page.write_text(html.replace("</article>", f"<p>{words}</p></article>", 1), "utf-8")


@pytest.fixture(scope="module")
def marked(built_site: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, dict[str, set[str]]]]:
    """The kk pages with the words put in, indexed in parts of SIZE; the pages per word."""
    root = tmp_path_factory.mktemp("jarshy-merge")
    live = root / "kk"
    shutil.copytree(built_site / "kk", live, ignore=shutil.ignore_patterns(search.OUTPUT))
    size = search.PART_PAGES
    search.PART_PAGES = SIZE
    try:
        pages = search.language_pages(live)
        parts = search.part_count(len(pages))
        assert parts >= 5, parts
        by_part: dict[int, list[str]] = {}
        for page in pages:
            if "</article>" in (live / page).read_text("utf-8"):
                by_part.setdefault(search.part_of(page, parts), []).append(page)
        # the longest page of two different parts, so that the other parts' pages rank first
        longest = sorted(((live / p).stat().st_size, p, n)
                         for n, found in by_part.items() for p in found)
        one = longest[-1][1]
        two = next(p for _, p, n in reversed(longest) if n != longest[-1][2])
        # every other part answers the new words with its shortest page, which holds their
        # head many times over: a higher score than the pages that have the words
        heads = {min(found, key=lambda p: (live / p).stat().st_size)
                 for found in by_part.values()} - {one, two}
        for page in heads:
            _with_word(live / page, " ".join([HEAD, HEAD + "тар"] * 10))
        _with_word(live / one, f"{ONE} {TWO}")
        _with_word(live / two, TWO)
        search.index_language(live, "kk")
    finally:
        search.PART_PAGES = size
    assert search.parts_listed(live / search.OUTPUT) == parts
    with serve_folder(root) as url:
        yield url, {ONE: _urls({one}), TWO: _urls({one, two}), NONE: set(), HEAD: _urls(heads)}


def _urls(pages: set[str]) -> set[str]:
    """The address of each page (its folder, as the result links have it)."""
    return {p.removesuffix("index.html") for p in pages}


def _pages(urls: list[str], base: str) -> set[str]:
    return {u[len(base) + len("kk/"):] for u in urls}


@pytest.mark.parametrize("word", [ONE, TWO])
def test_a_word_on_few_pages_finds_them_and_no_other(
        page: Any, marked: tuple[str, dict[str, set[str]]], word: str) -> None:
    url, where = marked
    found = search_box(page, url, "kk", word)
    assert _pages(found, url) == where[word]
    meta = page.locator(".md-search-result__meta").text_content() or ""
    assert str(len(where[word])) in meta or len(where[word]) == 1, meta


def test_a_word_on_no_page_finds_nothing(
        page: Any, marked: tuple[str, dict[str, set[str]]]) -> None:
    url, _ = marked
    assert search_box(page, url, "kk", NONE) == []
    assert page.locator(".md-search-result__item").count() == 0


def test_real_first_results_are_shown_before_every_part_is_judged(
        page: Any, marked: tuple[str, dict[str, set[str]]]) -> None:
    """A word on pages of many parts: the first ten are shown at once (no fallback among
    them), and the list is settled without a change."""
    url, where = marked
    type_query(page, url, "kk", HEAD)
    first = page.locator(".md-search-result__item").count()
    wait_for(page, "settled", HEAD)
    assert first == page.locator(".md-search-result__item").count() == 10


def test_a_word_on_many_pages_finds_them_all(
        page: Any, marked: tuple[str, dict[str, set[str]]]) -> None:
    url, where = marked
    found = _pages(search_box(page, url, "kk", HEAD), url)
    assert found >= where[HEAD], where[HEAD] - found  # every part's


@pytest.mark.parametrize("words", [f"{ONE} {HEAD}", f"{TWO} {HEAD}"])
def test_two_words_find_the_pages_with_both(
        page: Any, marked: tuple[str, dict[str, set[str]]], words: str) -> None:
    url, where = marked
    found = _pages(search_box(page, url, "kk", words), url)
    assert found == where[words.split()[0]], found
