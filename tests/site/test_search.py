"""Search in a real browser: Pagefind's per-language index behind Material's search box.

The example site (``built_site``) answers the recall questions on its own articles; one more
article (tests/site/fixtures/search-content: every Kazakh letter, ё and е, words mixing
Cyrillic and Latin letters) is built into a site of its own here, so the other site tests
keep the example as it was.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LOCAL_HOST, REPO, TODAY, _QuietHandler, _Server
from tests.security.nginx_harness import need_nginx, prepare

pytestmark = pytest.mark.browser

PASS_ITEM = "innovations/2026-11-20-"  # the digital pass article (Kazakh file name)
FURNITURE = "innovations/2026-11-21-"  # tests/site/fixtures/search-content
SUBSTATION_PHRASE = "инвестициялық"  # only in the body of the Шығыс-110 article of issue 12
RELATED_WORD = "корпуста"  # in a title many articles list among their related items


@pytest.fixture(scope="module")
def search_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example content plus the search fixture article, built and served."""
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-search")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    shutil.copytree(Path(__file__).parent / "fixtures" / "search-content", content,
                    dirs_exist_ok=True)
    build(content, root / "site", date=TODAY, repo=REPO, build_dir=root / "build")
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = _Server((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def type_query(page: Any, site_url: str, lang: str, query: str) -> None:
    """Open the language's home page, type ``query`` into the search box and wait until the
    first answer to it is in the list (:func:`wait_for` ``settled`` for the final one)."""
    page.goto(site_url + f"{lang}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    wait_for(page, "answered", query)


def wait_for(page: Any, state: str, query: str) -> None:
    """Wait until jarshy-search.js marks ``query`` ``answered`` (first results shown) or
    ``settled`` (every part of the index judged: the list is final)."""
    page.wait_for_function(f"q => document.querySelector('[data-jarshy-search]')"
                           f".getAttribute('data-jarshy-{state}') === q", arg=query.strip())


def search(page: Any, site_url: str, lang: str, query: str) -> list[str]:
    """Type ``query`` into the site's search box; return the result links (decoded)."""
    type_query(page, site_url, lang, query)
    wait_for(page, "settled", query)
    total = int("".join(c for c in page.locator(".md-search-result__meta").text_content() or ""
                        if c.isdigit()) or 0)
    while (shown := page.locator(".md-search-result__item").count()) < total:
        # ten results, then ten more each time the list is scrolled to its end (as Material)
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item')"
                               ".length > n", arg=shown)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all(
        "els => els.map(e => decodeURIComponent(e.href))")
    return [str(h) for h in hrefs]


def found(results: list[str], part: str) -> bool:
    return any(part in r for r in results)


@pytest.mark.parametrize(("query", "why"), [
    ("цифрлық", "a Kazakh word"),
    ("өткізгіш", "a Kazakh stem finds its inflected forms (өткізгішті, өткізгіштері)"),
    ("қызметкер", "қызметкер finds қызметкерлерге"),
    ("Есікпас", "a word written inside «»"),
])
def test_kazakh_search(page: Any, site_url: str, query: str, why: str) -> None:
    assert found(search(page, site_url, "kk", query), "/kk/" + PASS_ITEM), why


@pytest.mark.parametrize(("query", "why"), [
    ("әлеуметтік", "ә"), ("ғимараттағы", "ғ"), ("қаптама", "қ"), ("көңілді", "ң"),
    ("өрттен", "ө"), ("ұйымдастырушылар", "ұ"), ("үйлестірген", "ү"), ("жиһаз", "һ"),
    ("іскерлік", "і"),
    ("жиһ", "a prefix finds the word"), ("ұйымдас", "a prefix finds the word"),
    ("Ақжелкен", "a word inside «»"),
    ("Telegram", "the Latin part of Telegram-арнамыздан"),
    ("арнамыздан", "the Cyrillic part of Telegram-арнамыздан"),
    ("QRкодтар", "a word mixing Latin and Cyrillic letters"),
    ("QRкод", "a prefix of a word mixing Latin and Cyrillic letters"),
])
def test_kazakh_letters(page: Any, search_url: str, query: str, why: str) -> None:
    assert found(search(page, search_url, "kk", query), "/kk/" + FURNITURE), why


@pytest.mark.parametrize(("query", "why"), [
    ("пропускная", "a full Russian word"),
    ("инновация", "another word form: инновация finds инновации"),
    ("пропуска", "another form of пропуск"),
    ("Есікпас", "a word inside «» in Russian text"),
])
def test_russian_search(page: Any, site_url: str, query: str, why: str) -> None:
    assert found(search(page, site_url, "ru", query), "/ru/" + PASS_ITEM), why


@pytest.mark.parametrize(("query", "why"), [
    ("зеленые", "е finds ё (зелёные)"),
    ("ёлочные", "ё finds е (елочные)"),
    ("QRкодам", "a word mixing Latin and Cyrillic letters"),
    ("гирлянд", "a prefix finds the word"),
])
def test_russian_yo(page: Any, search_url: str, query: str, why: str) -> None:
    assert found(search(page, search_url, "ru", query), "/ru/" + FURNITURE), why


def test_indexes_are_per_language(page: Any, site_url: str) -> None:
    assert search(page, site_url, "kk", "пропускная") == []
    assert search(page, site_url, "ru", "өткізгіш") == []
    assert found(search(page, site_url, "ru", "пропускная"), "/ru/" + PASS_ITEM)


def test_issue_front_page_does_not_index_its_articles(page: Any, site_url: str) -> None:
    results = search(page, site_url, "kk", SUBSTATION_PHRASE)
    assert found(results, "/kk/news/"), results  # the article itself
    assert not found(results, "/kk/newspaper/12/"), results  # not the issue that prints it
    assert found(search(page, site_url, "kk", "шығарылым"), "/kk/newspaper/12/")  # its title


def test_related_items_do_not_make_an_article_a_result(page: Any, site_url: str,
                                                        built_site: Path) -> None:
    """"корпуста" is in the titles of items that many articles list as related; only pages
    with the word in their own text are found."""
    results = search(page, site_url, "kk", RELATED_WORD)
    assert results
    for url in results:
        path = built_site / url.split("/", 3)[3] / "index.html"
        own = re.sub(r'<section class="jarshy-related".*?</section>', "",
                      path.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert RELATED_WORD in own.lower(), url


def test_search_loads_no_whole_index(page: Any, site_url: str, built_site: Path) -> None:
    results = search(page, site_url, "kk", "цифрлық")
    assert found(results, "/kk/" + PASS_ITEM)
    seen = page.requests_seen
    assert not any("search_index" in url for url in seen), seen
    assert any("/kk/pagefind/" in url for url in seen), seen  # Pagefind answered
    # Material's search plugin does not run: no whole-site index is even written
    assert not (built_site / "kk" / "search").exists()
    assert not (built_site / "ru" / "search").exists()
    # The page fixture fails the test if any request left 127.0.0.1.


def test_result_count_is_in_the_language(page: Any, site_url: str) -> None:
    search(page, site_url, "ru", "пропускная")
    meta = page.locator(".md-search-result__meta").text_content() or ""
    assert any(word in meta for word in ("Найдено", "найден", "совпад")), meta
    assert search(page, site_url, "kk", "болашақсөз") == []
    meta = page.locator(".md-search-result__meta").text_content() or ""
    assert "Ештеңе табылмады" in meta, meta


def test_unpublished_words_are_not_found(page: Any, site_url: str) -> None:
    assert search(page, site_url, "kk", "болашақсөз") == []


@need_nginx
def test_search_works_behind_nginx_with_its_policy(page: Any, built_site: Path,
                                                    tmp_path: Path) -> None:
    """The header CSP also reaches Pagefind's worker and its WebAssembly (the <meta> policy
    covers only the page): search must still answer, with no policy violation."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text or "WebAssembly" in m.text else None)
    server = prepare(tmp_path / "prefix", built_site)
    server.start()
    chunk = next((built_site / "kk" / "pagefind" / "fragment").iterdir()).name
    try:
        results = search(page, f"http://127.0.0.1:{server.port}/", "kk", "цифрлық")
        # the hashed chunks are kept by the browser; the entry and scripts are revalidated
        cache = {path: server.request("GET", path)[1].get("Cache-Control") for path in
                 ("/kk/pagefind/pagefind.js", "/kk/pagefind/pagefind-entry.json",
                  f"/kk/pagefind/fragment/{chunk}")}
    finally:
        server.stop()
    assert found(results, "/kk/" + PASS_ITEM)
    assert violations == []
    assert cache["/kk/pagefind/pagefind.js"] == "no-cache"
    assert cache["/kk/pagefind/pagefind-entry.json"] == "no-cache"
    assert "immutable" in (cache[f"/kk/pagefind/fragment/{chunk}"] or "")
