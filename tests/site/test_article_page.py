"""Article pages in Chromium: the lead paragraph, the picture with its caption, the reading
time and three related items, in Kazakh and Russian.

Expected texts come from the example content through the content model (never typed in
here). Related items are checked on every article page of both languages from the built
files, and followed by a click in the browser.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from site_gen.content import ContentSet
from site_gen.content.model import PAGE_SECTION, Item, Lang, Version
from site_gen.newspaper import labels
from site_gen.newspaper.model import reading_minutes
from site_gen.newspaper.related import COUNT

pytestmark = pytest.mark.browser

LANGS: tuple[Lang, Lang] = ("kk", "ru")
LEAD_ITEM = "news/2026-11-18-shygys-110"  # the lead of issue 12: summary, picture, caption
PORTAL_ITEM = "orders/2026-11-20-qysqy-qauipsizdik"  # an order: not in any issue


@pytest.fixture(scope="module")
def content(built_content: ContentSet) -> ContentSet:
    return built_content


@pytest.fixture(scope="module")
def now(built_now: datetime) -> datetime:
    return built_now


def _version(content: ContentSet, key: str, lang: Lang) -> tuple[Item, Version]:
    item = next(i for i in content.items if i.key == key)
    return item, item.versions[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_lead_paragraph_is_the_summary_set_larger_than_the_text(
        page: Any, site_url: str, content: ContentSet, lang: Lang) -> None:
    _, version = _version(content, LEAD_ITEM, lang)
    page.goto(f"{site_url}{lang}/{LEAD_ITEM}/")
    lead = page.locator("article .jarshy-standfirst")
    assert lead.count() == 1
    assert lead.inner_text().strip() == version.summary
    size = page.evaluate("""() => {
        const px = e => parseFloat(getComputedStyle(e).fontSize);
        const body = [...document.querySelectorAll('article.md-content__inner > p')]
            .find(p => !p.className);
        return [px(document.querySelector('.jarshy-standfirst')), px(body)];
    }""")
    assert size[0] >= 1.15 * size[1], f"lead {size[0]} px, body text {size[1]} px"
    # Under the title, above the picture and the body.
    h1 = page.locator("article h1").first.bounding_box()
    figure = page.locator("article figure.jarshy-figure").first.bounding_box()
    box = lead.bounding_box()
    assert h1["y"] < box["y"] < figure["y"]


@pytest.mark.parametrize("lang", LANGS)
def test_item_picture_is_a_figure_with_its_caption(page: Any, site_url: str,
                                                   content: ContentSet, lang: Lang) -> None:
    _, version = _version(content, LEAD_ITEM, lang)
    assert version.image_caption  # the example shows the caption field
    page.goto(f"{site_url}{lang}/{LEAD_ITEM}/")
    figure = page.locator("article figure.jarshy-figure--item")
    assert figure.count() == 1
    img = figure.locator("img")
    caption = figure.locator("figcaption")
    assert caption.inner_text().strip() == version.image_caption
    assert img.get_attribute("alt") == version.image_alt
    assert page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle())
    pic, cap = img.bounding_box(), caption.bounding_box()
    assert cap["y"] >= pic["y"] + pic["height"] - 1, "the caption is under the picture"
    assert cap["height"] > 0 and caption.is_visible()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", [LEAD_ITEM, PORTAL_ITEM])
def test_reading_time_in_the_readers_language(page: Any, site_url: str, content: ContentSet,
                                              lang: Lang, key: str) -> None:
    _, version = _version(content, key, lang)
    minutes = reading_minutes(f"{version.title}\n{version.summary}\n{version.body}", lang)
    page.goto(f"{site_url}{lang}/{key}/")
    shown = page.locator("[data-jarshy=reading-time]")
    assert shown.count() == 1 and shown.is_visible()
    text = shown.inner_text()
    assert labels.word("reading_time", lang) in text
    assert labels.minutes(minutes, lang) in text
    assert re.search(r"\d+\s*мин", text)


def _related_keys(html: str) -> list[str]:
    block = html.split('data-jarshy="related"', 1)
    if len(block) < 2:
        return []
    return re.findall(r'class="jarshy-related__item" data-key="([^"]+)"', block[1])


@pytest.mark.parametrize("lang", LANGS)
def test_every_article_shows_three_related_items_never_itself(
        built_site: Path, content: ContentSet, now: datetime, lang: Lang) -> None:
    published = [(i, v) for i, v in content.published(lang, now)
                 if i.section != PAGE_SECTION or i.event is not None]
    keys = {i.key for i, _ in published}
    assert len(published) > COUNT
    for item, _ in published:
        html = (built_site / lang / item.section / item.stem / "index.html").read_text()
        found = _related_keys(html)
        assert len(found) == COUNT, f"{lang}/{item.key}: {found}"
        assert item.key not in found, f"{lang}/{item.key} lists itself"
        assert len(set(found)) == COUNT, f"{lang}/{item.key} lists one item twice: {found}"
        assert set(found) <= keys, f"{lang}/{item.key}: not published in {lang}: {found}"


@pytest.mark.parametrize("lang", LANGS)
def test_related_items_prefer_the_same_section_and_open(page: Any, site_url: str,
                                                        content: ContentSet, now: datetime,
                                                        lang: Lang) -> None:
    item, _ = _version(content, LEAD_ITEM, lang)
    same = [i.key for i, _ in content.published(lang, now)
            if i.section == item.section and i.key != item.key]
    page.goto(f"{site_url}{lang}/{LEAD_ITEM}/")
    cards = page.locator(".jarshy-related__item")
    assert cards.count() == COUNT
    shown = [cards.nth(n).get_attribute("data-key") for n in range(COUNT)]
    assert LEAD_ITEM not in shown
    # The section has enough items: all three come from it (2 points each beat any tag).
    assert len(same) >= COUNT and set(shown) <= set(same)
    assert page.locator(".jarshy-related__title").text_content().strip() == \
        labels.word("related", lang)
    first = cards.first.locator("a")
    title = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert page.locator("article h1").first.inner_text().strip().startswith(title[:20])
    assert f"/{lang}/{shown[0]}/" in page.url


BODY_PICTURE_ITEM = "master-classes/2026-11-06-dnekerleu"  # a lone picture in the body


@pytest.mark.parametrize("lang", LANGS)
def test_lone_body_picture_is_a_figure_captioned_by_its_title(
        page: Any, site_url: str, content: ContentSet, lang: Lang) -> None:
    _, version = _version(content, BODY_PICTURE_ITEM, lang)
    found = re.search(r'^!\[([^\]]*)\]\(\S+ "([^"]+)"\)\s*$', version.body, re.MULTILINE)
    assert found, "the example shows a lone body picture with a title"
    alt, title = found.groups()
    page.goto(f"{site_url}{lang}/{BODY_PICTURE_ITEM}/")
    figure = page.locator("article figure.jarshy-figure:not(.jarshy-figure--item)")
    assert figure.count() == 1
    assert figure.locator("figcaption").inner_text().strip() == title
    img = figure.locator("img")
    assert img.get_attribute("alt") == alt
    assert page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle())
    pic, cap = img.bounding_box(), figure.locator("figcaption").bounding_box()
    assert cap["y"] >= pic["y"] + pic["height"] - 1
