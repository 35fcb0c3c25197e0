"""Search at archive scale, in a real browser: what site_gen/search.py and
themes/assets/javascripts/jarshy-search.js do so that first results come quickly.

* Pagefind (script, WebAssembly, every part's metadata) loads when the reader comes to the
  search box, before the first letter is typed, and not at all on a page where nobody
  searches.
* The first ten results are shown as soon as their own fragments arrive; more follow as
  the list is scrolled.
* A language with many pages is indexed in parts (``site_gen.search.PART_PAGES`` pages
  each); the readers' script searches them all: the same pages are found as with one index.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, TODAY, serve_folder
from tests.site.test_search import search, type_query

pytestmark = pytest.mark.browser

MANY = "шығарылым"  # on more than ten pages of the example site (kk)


def _requests(page: Any) -> list[str]:
    """The URLs the page asks for from now on, its Web Workers' included (Pagefind fetches
    its WebAssembly and index from one)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def test_nothing_loads_until_the_reader_comes_to_the_box(page: Any, site_url: str) -> None:
    seen = _requests(page)
    page.goto(site_url + "kk/")
    page.wait_for_load_state("networkidle")
    assert [u for u in seen if "/pagefind/" in u] == []  # no search, nothing to pay
    page.locator("input.md-search__input").focus()
    page.wait_for_selector("[data-jarshy-search][data-jarshy-loaded]", state="attached")
    loaded = [u for u in seen if "/pagefind/" in u]
    # before any letter: the script, the WebAssembly and the index's metadata, no chunk
    assert any(u.endswith("/kk/pagefind/pagefind.js") for u in loaded), loaded
    assert any("/kk/pagefind/wasm." in u for u in loaded), loaded
    assert any(u.endswith(".pf_meta") for u in loaded), loaded
    assert not any(u.endswith((".pf_index", ".pf_fragment")) for u in loaded), loaded


def test_pointer_over_the_search_button_starts_loading(page: Any, site_url: str) -> None:
    seen = _requests(page)
    page.set_viewport_size({"width": 390, "height": 800})  # the header's search button
    page.goto(site_url + "ru/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__button[for=__search]").hover()
    page.wait_for_selector("[data-jarshy-search][data-jarshy-loaded]", state="attached")
    assert any("/ru/pagefind/wasm." in u for u in seen), seen


def test_first_ten_results_then_more_on_scroll(page: Any, site_url: str) -> None:
    seen = _requests(page)
    type_query(page, site_url, "kk", MANY)
    items = page.locator(".md-search-result__item")
    assert items.count() == 10
    fragments = [u for u in seen if u.endswith(".pf_fragment")]
    assert len(fragments) <= 11, fragments  # the shown ten (and the check of the first)
    page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item')"
                           ".length === 20")


@pytest.fixture(scope="module")
def parted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The example content built with parts of 15 pages (the build's workers are forked:
    they see the lowered size)."""
    from site_gen import search as search_index
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-parts")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "tests" / "site" / "fixtures" / "content", root / "content",
                    dirs_exist_ok=True)
    size = search_index.PART_PAGES
    search_index.PART_PAGES = 15
    try:
        build(root / "content", root / "site", date=TODAY, repo=REPO,
              build_dir=root / "build")
    finally:
        search_index.PART_PAGES = size
    with serve_folder(root / "site") as url:
        yield url, root / "site"


def test_a_large_index_is_written_in_parts(parted_url: tuple[str, Path]) -> None:
    _, site = parted_url
    for lang in ("kk", "ru"):
        folder = site / lang / "pagefind"
        parts = json.loads((folder / "jarshy-parts.json").read_text("utf-8"))["parts"]
        pages = sum(1 for p in (site / lang).rglob("*.html") if "pagefind" not in p.parts)
        assert len(parts) + 1 == -(-pages // 15), (lang, parts, pages)
        for part in parts:
            assert (folder / part / "pagefind-entry.json").is_file()
            assert not (folder / part / "pagefind.js").exists()  # part 0's serves all
        # no page is in two parts, none is left out
        counts = [json.loads((folder / p / "pagefind-entry.json").read_text("utf-8"))
                  ["languages"][lang]["page_count"] for p in ["", *parts]]
        assert sum(counts) == pages, (counts, pages)


@pytest.mark.parametrize(("lang", "query"), [
    ("kk", "цифрлық"), ("kk", "қызметкер"), ("kk", MANY), ("kk", "Есікпас"),
    ("ru", "инновация"), ("ru", "пропускная"), ("ru", "зеленые"),
    ("kk", "болашақсөз"),  # found nowhere, in parts as in one index
])
def test_parts_find_what_one_index_finds(page: Any, site_url: str,
                                         parted_url: tuple[str, Path], lang: str,
                                         query: str) -> None:
    whole = search(page, site_url, lang, query)
    seen = _requests(page)
    parted = search(page, parted_url[0], lang, query)
    path = len(site_url)
    assert sorted(u[path:] for u in whole) == sorted(u[len(parted_url[0]):] for u in parted)
    assert any("/kk/pagefind/part/" in u or "/ru/pagefind/part/" in u for u in seen), seen
