"""Search in a real browser: one index per language that finds Kazakh and Russian words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PASS_ITEM = "innovations/2026-11-20-"  # the digital pass article (Kazakh file name)


def search(page: Any, site_url: str, lang: str, query: str) -> list[str]:
    """Type ``query`` into the site's search box; return the result links (decoded)."""
    page.goto(site_url + f"{lang}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup; fill() types Cyrillic without key events
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Инициализ|дайындал|Initializ/.test(m.textContent); }")
    page.wait_for_timeout(300)
    for _ in range(10):  # Material renders ten results, then more as the list scrolls
        shown = page.locator(".md-search-result__item").count()
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(150)
        if page.locator(".md-search-result__item").count() == shown:
            break
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
    ("пропускная", "a full Russian word"),
    ("инновация", "another word form: инновация finds инновации"),
    ("пропуска", "another form of пропуск"),
    ("Есікпас", "a word inside «» in Russian text"),
])
def test_russian_search(page: Any, site_url: str, query: str, why: str) -> None:
    assert found(search(page, site_url, "ru", query), "/ru/" + PASS_ITEM), why


def test_indexes_are_per_language(built_site: Path) -> None:
    kk, ru = (json.dumps(json.loads((built_site / f"{lang}/search/search_index.json")
                                    .read_text(encoding="utf-8")), ensure_ascii=False)
              for lang in ("kk", "ru"))
    assert "өткізу жүйесі" in kk and "өткізу жүйесі" not in ru
    assert "пропускная система" in ru and "пропускная система" not in kk


def test_unpublished_words_are_not_found(page: Any, site_url: str) -> None:
    assert search(page, site_url, "kk", "болашақсөз") == []
