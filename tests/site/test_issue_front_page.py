"""The issue's front page in Chromium: a newspaper front page, not a docs page.

The masthead (the paper's name, the issue's number and date), the lead story as a large
card with its picture, the sections as blocks of cards in more than one column at 1366 px
and in one at 390 px, and no docs navigation at the left. Expected words come from the
content model and the interface tables, never typed in here.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import pytest

from site_gen.content import ContentSet
from site_gen.content.model import Lang
from site_gen.newspaper import labels
from site_gen.newspaper.model import IssueView, Newspaper

pytestmark = pytest.mark.browser

LANGS: tuple[Lang, Lang] = ("kk", "ru")


@pytest.fixture(scope="module")
def content(built_content: ContentSet) -> ContentSet:
    return built_content


def current(content: ContentSet, lang: Lang) -> IssueView:
    from tests.site.conftest import TODAY
    now = datetime.combine(datetime.fromisoformat(TODAY).date(), time(12),
                           tzinfo=content.settings.zone)
    view = Newspaper.build(content, lang, now).current
    assert view is not None and view.lead is not None
    return view


def columns(page: Any) -> list[float]:
    """The distinct left edges of the section blocks (one per column)."""
    lefts = page.eval_on_selector_all(
        ".jarshy-front__section", "els => els.map(e => Math.round(e.getBoundingClientRect().x))")
    return sorted(set(lefts))


@pytest.mark.parametrize("lang", LANGS)
def test_masthead_names_the_paper_the_issue_and_its_date(page: Any, site_url: str,
                                                         content: ContentSet, lang: Lang) -> None:
    view = current(content, lang)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    mast = page.locator("[data-jarshy=masthead]")
    assert mast.locator("h1").inner_text().strip() == labels.word("newspaper", lang)
    assert mast.locator("[data-jarshy=issue-number]").inner_text().strip() == \
        labels.issue_title(view.number, lang)
    date = mast.locator("[data-jarshy=issue-date]")
    assert date.inner_text().strip() == labels.long_date(view.date, lang)
    assert date.get_attribute("datetime") == view.date.isoformat()
    # The paper's name is set large: well above the page's text and its section headings.
    sizes = page.evaluate("""() => {
        const px = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
        return [px('.jarshy-masthead__title'), px('.jarshy-front__section-title'),
                px('.md-typeset')];
    }""")
    assert sizes[0] > 1.5 * sizes[1] and sizes[0] > 2.5 * sizes[2], sizes
    box = mast.bounding_box()
    assert box["y"] < 200, "the masthead opens the page"


@pytest.mark.parametrize("lang", LANGS)
def test_lead_story_is_first_with_its_picture_title_and_lead(
        page: Any, site_url: str, content: ContentSet, lang: Lang) -> None:
    view = current(content, lang)
    lead = view.lead
    assert lead is not None and lead.version.image is not None
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    card = page.locator(".jarshy-front__lead .jarshy-tile--large")
    assert card.locator(".jarshy-tile__title").inner_text().strip() == lead.title
    assert card.locator(".jarshy-tile__summary").inner_text().strip() == lead.version.summary
    img = card.locator("img")
    assert page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle())
    # A big picture: wider than half the content, larger than any section card's picture.
    content_width = page.locator(".md-content").bounding_box()["width"]
    width = img.bounding_box()["width"]
    assert width > content_width / 2
    others = page.eval_on_selector_all(
        ".jarshy-front__section img", "els => els.map(e => e.getBoundingClientRect().width)")
    assert others and width > max(others)
    first_section = page.locator(".jarshy-front__section").first.bounding_box()
    assert card.bounding_box()["y"] < first_section["y"]


@pytest.mark.parametrize("lang", LANGS)
def test_sections_are_columns_of_cards_wide_and_one_column_on_a_phone(
        page: Any, site_url: str, content: ContentSet, lang: Lang) -> None:
    view = current(content, lang)
    filled = [s for s, _ in view.filled_sections()]
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    sections = page.locator(".jarshy-front__section")
    assert [sections.nth(i).get_attribute("data-section") for i in range(sections.count())] \
        == filled
    for i, name in enumerate(filled):
        cards = sections.nth(i).locator(".jarshy-tile")
        assert cards.count() == len(dict(view.filled_sections())[name])
    wide = columns(page)
    assert 2 <= len(wide) <= 3, wide
    page.set_viewport_size({"width": 768, "height": 1024})  # a tablet: two columns
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    assert len(columns(page)) == 2
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    assert len(columns(page)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("lang", LANGS)
def test_no_docs_navigation_at_the_left(page: Any, site_url: str, content: ContentSet,
                                        lang: Lang) -> None:
    view = current(content, lang)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    primary = page.locator(".md-sidebar--primary")
    assert primary.count() == 0 or not primary.is_visible()
    toc = page.locator(".md-sidebar--secondary")
    assert toc.count() == 0 or not toc.is_visible()
    footer = page.locator(".md-footer__link")  # no docs "previous/next" footer shown
    assert all(not footer.nth(i).is_visible() for i in range(footer.count()))
    # The front page starts near the window's left edge, as wide as Material's grid allows.
    box = page.locator(".jarshy-front").bounding_box()
    assert box["width"] > 1100, box
    # An article page keeps its navigation (the difference is the front page's own).
    page.goto(f"{site_url}{lang}/{view.lead.item.section}/{view.lead.item.stem}/")
    assert page.locator(".md-sidebar--primary").is_visible()
