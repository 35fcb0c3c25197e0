"""Section pages in Chromium: cards, newest first, 12 a page, with a pager in kk and ru.

A site of its own is built for this module: the example's data files and pictures with
27 news items in Kazakh (three pages: 12, 12 and 3), 14 of them also in Russian (two
pages), so the language switch on the third Kazakh page has no same page to go to. Every
item must appear exactly once over the pages, newest first; previous/next and the page
numbers must lead where they say.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from site_gen.newspaper import labels
from site_gen.newspaper.sections import PER_PAGE, page_numbers
from tests.conftest import REPO, TODAY, serve_folder

pytestmark = pytest.mark.browser

KK_ITEMS = 27  # three pages: 12 + 12 + 3
RU_ITEMS = 14  # two pages: 12 + 2
FIRST_DAY = date(2026, 10, 1)
ITEM = """---
title: "{title}"
date: {day}
section: news
status: approved
approved_by: "А. Сейітова"
approved_at: "{day} 10:00"
decision: publish
checklist:
  legal: ok
  ethics: ok
  editorial: ok
  visuals: not-applicable
  consequences: ok
  reaction: "Ә. Қасымова"
summary: "{summary}"
---

{body}
"""


def _title(lang: str, n: int) -> str:
    return f"Жаңалық нөмірі {n:02d}" if lang == "kk" else f"Новость номер {n:02d}"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-paged")
    content = root / "content"
    shutil.copytree(REPO / "content" / "_data", content / "_data")
    shutil.copytree(REPO / "content" / "images", content / "images")
    (content / "news").mkdir()
    for n in range(1, KK_ITEMS + 1):
        day = FIRST_DAY + timedelta(days=n)
        for lang in ("kk", "ru") if n > KK_ITEMS - RU_ITEMS else ("kk",):
            text = ITEM.format(title=_title(lang, n), day=day.isoformat(),
                               summary=_title(lang, n) + ".", body=_title(lang, n) + ".")
            (content / "news" / f"{day.isoformat()}-zhanalyq-{n:02d}.{lang}.md").write_text(
                text, encoding="utf-8")
    out = root / "site"
    build(content, out, date=TODAY, repo=REPO, build_dir=root / "build")
    with serve_folder(out) as url:
        yield url


def _keys_on(page: Any) -> list[str]:
    cards = page.locator(".jarshy-section-page .jarshy-tile")
    return [cards.nth(i).get_attribute("data-key") for i in range(cards.count())]


def test_page_numbers_keep_first_last_and_the_near_ones() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]
    assert page_numbers(4, 7) == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(("lang", "count"), [("kk", KK_ITEMS), ("ru", RU_ITEMS)])
def test_every_item_appears_once_over_the_pages_newest_first(page: Any, paged_site: str,
                                                              lang: str, count: int) -> None:
    pages = -(-count // PER_PAGE)
    seen: list[str] = []
    for n in range(1, pages + 1):
        address = f"{paged_site}{lang}/news/" + (f"page/{n}/" if n > 1 else "")
        response = page.goto(address)
        assert response is not None and response.ok, address
        keys = _keys_on(page)
        assert len(keys) == (PER_PAGE if n < pages else count - PER_PAGE * (pages - 1))
        seen += keys
    assert len(seen) == count and len(set(seen)) == count
    assert seen == sorted(seen, reverse=True)  # keys start with the date: newest first
    response = page.goto(f"{paged_site}{lang}/news/page/{pages + 1}/")
    assert response is not None and response.status == 404  # no empty page after the last


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_next_and_previous_walk_the_pages(page: Any, paged_site: str, lang: str) -> None:
    page.goto(f"{paged_site}{lang}/news/")
    pager = page.locator("[data-jarshy=pager]")
    assert pager.get_attribute("aria-label") == labels.word("pages", lang)
    assert page.locator("[data-jarshy=prev-page]").count() == 0  # page 1 has no previous
    footer = page.locator(".md-footer__link")  # the pager, not the docs footer
    assert footer.count() and not any(footer.nth(i).is_visible() for i in range(footer.count()))
    first = _keys_on(page)
    nxt = page.locator("[data-jarshy=next-page]")
    assert labels.word("page_next", lang) in nxt.inner_text()
    nxt.click()
    page.wait_for_url(re.compile(rf"/{lang}/news/page/2/$"))
    second = _keys_on(page)
    assert second and not set(first) & set(second)
    assert page.locator("[data-jarshy=page-status]").inner_text().strip() == \
        labels.word("page_of", lang).format(n=2, m=-(-len_of(lang) // PER_PAGE))
    assert page.locator("h1").first.inner_text().strip() == \
        f"{labels.section_name('news', lang)} — " + \
        labels.word("page_title", lang).format(n=2)  # type: ignore[arg-type]
    current = page.locator(".jarshy-pager__page--current")
    assert current.inner_text().strip() == "2" and current.get_attribute("aria-current") == "page"
    prev = page.locator("[data-jarshy=prev-page]")
    assert labels.word("page_prev", lang) in prev.inner_text()
    prev.click()
    page.wait_for_url(re.compile(rf"/{lang}/news/$"))
    assert _keys_on(page) == first
    # A page number goes straight to its page.
    last = -(-len_of(lang) // PER_PAGE)
    page.locator(".jarshy-pager__page", has_text=str(last)).click()
    page.wait_for_url(re.compile(rf"/{lang}/news/page/{last}/$"))
    assert page.locator("[data-jarshy=next-page]").count() == 0  # the last has no next


def len_of(lang: str) -> int:
    return KK_ITEMS if lang == "kk" else RU_ITEMS


def test_the_language_switch_keeps_the_page_or_goes_to_the_first(paged_site: str,
                                                                 page: Any) -> None:
    page.goto(f"{paged_site}kk/news/page/2/")
    link = page.locator("link[rel=alternate][hreflang=ru], a[hreflang=ru]").first
    assert link.count() == 1
    page.goto(f"{paged_site}kk/news/page/3/")  # Russian has two pages: its first page
    hrefs = page.eval_on_selector_all("a[hreflang=ru]", "els => els.map(e => e.href)")
    assert any(h.endswith("/ru/news/") for h in hrefs), hrefs
    page.goto(f"{paged_site}kk/news/page/2/")
    hrefs = page.eval_on_selector_all("a[hreflang=ru]", "els => els.map(e => e.href)")
    assert any(h.endswith("/ru/news/page/2/") for h in hrefs), hrefs


@pytest.mark.parametrize("width", [390, 1366])
def test_pager_fits_the_screen(page: Any, paged_site: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{paged_site}kk/news/page/2/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("[data-jarshy=pager]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
