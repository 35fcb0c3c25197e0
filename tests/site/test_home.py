"""The portal home page in Chromium (issue 14): full width, no docs chrome, its blocks, the grid.

Opens the example site built by ``built_site`` (today pinned to ``TODAY``) in the session's
headless Chromium. What a reader sees: no sidebar, table of contents or "next" footer at
1366 px, the sidebar still in the phone's drawer; the lead story with its picture; a grid of
cards with pictures and section labels (several columns at 1366, one at 360 and 390); the
upcoming events with a countdown counted from the build's date; the newest issue's cover; the
blog's latest answers; today's screens with a link to the screens page; in kk and in ru.
The countdown's words are checked without a browser too.
"""

from __future__ import annotations

import urllib.request
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from site_gen.content import ContentSet
from site_gen.content.model import Lang
from site_gen.newspaper.events import upcoming
from site_gen.newspaper.home import countdown, lead_story
from site_gen.newspaper.model import Newspaper
from site_gen.stage import strings
from site_gen.stage.extensions import StageContext

LANGS: tuple[Lang, Lang] = ("kk", "ru")
MIN_CARDS = 6


@pytest.fixture(scope="module")
def content(built_content: ContentSet) -> ContentSet:
    return built_content


@pytest.fixture(scope="module")
def now(built_now: datetime) -> datetime:
    return built_now


def context(content: ContentSet, lang: Lang, now: datetime, tmp: Path) -> StageContext:
    return StageContext(content, lang, now, tmp / "docs", tmp / "site")


def open_home(chromium: Any, site_url: str, lang: str, width: int) -> Any:
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_url}{lang}/")
    page.evaluate("document.fonts.ready")
    return page


def boxes(page: Any, selector: str) -> list[dict[str, float]]:
    loc = page.locator(selector)
    out = [loc.nth(i).bounding_box() for i in range(loc.count())]
    assert all(b is not None for b in out), selector
    return [b for b in out if b is not None]


def loaded_picture(img: Any) -> bool:
    return bool(img.evaluate("i => i.complete && i.naturalWidth > 0"))


def expected_countdown(days: int, lang: Lang) -> str:
    """Written out here from the rules (not from the code under test)."""
    if lang == "kk":
        return {0: "бүгін", 1: "ертең"}.get(days, f"{days} күннен кейін")
    if days in (0, 1):
        return ("сегодня", "завтра")[days]
    last, last2 = days % 10, days % 100
    word = ("день" if last == 1 and last2 != 11 else
            "дня" if 2 <= last <= 4 and not 12 <= last2 <= 14 else "дней")
    return f"через {days} {word}"


def test_countdown_words_in_kazakh_and_russian() -> None:
    build_day = date(2026, 12, 3)
    for days in (0, 1, 2, 5, 11, 13, 21, 22, 25, 101, 111, 112):
        day = date.fromordinal(build_day.toordinal() + days)
        for lang in LANGS:
            assert countdown(day, build_day, lang) == expected_countdown(days, lang)
    assert countdown(date(2026, 12, 16), build_day, "kk") == "13 күннен кейін"
    assert countdown(date(2026, 12, 16), build_day, "ru") == "через 13 дней"
    assert countdown(date(2026, 12, 1), build_day, "ru") == "идёт сейчас"


@pytest.mark.parametrize("lang", LANGS)
def test_home_is_full_width_without_sidebar_toc_or_next_footer(chromium: Any, site_url: str,
                                                               lang: str) -> None:
    page = open_home(chromium, site_url, lang, 1366)
    try:
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-sidebar--secondary").is_visible()
        assert page.locator(".md-footer__link").count() == 0 or not page.locator(
            ".md-footer__link").first.is_visible()
        home = page.locator(".jarshy-home").bounding_box()
        assert home is not None and home["width"] > 1100  # the whole grid, not a docs column
        # An article still has its sidebar: the home hides it on purpose, not by accident.
        page.goto(f"{site_url}{lang}/news/")
        assert page.locator(".md-sidebar--primary").is_visible()
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_sidebar_still_opens_as_the_drawer_on_a_phone(chromium: Any, site_url: str,
                                                        lang: str) -> None:
    page = open_home(chromium, site_url, lang, 390)
    try:
        link = page.locator(".md-sidebar--primary a[href$='newspaper/']").first
        assert not link.is_visible() or link.bounding_box()["x"] < 0
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(400)  # the drawer slides in (0.25 s)
        box = link.bounding_box()
        assert link.is_visible() and box is not None and box["x"] >= 0
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_lead_story_with_its_picture_first(chromium: Any, site_url: str, content: ContentSet,
                                           now: datetime, lang: Lang, tmp_path: Path) -> None:
    found = lead_story(context(content, lang, now, tmp_path))
    assert found is not None
    item, version = found
    assert version.image is not None  # the example's lead has a picture
    page = open_home(chromium, site_url, lang, 1366)
    try:
        lead = page.locator(".jarshy-home-lead .jarshy-tile--large")
        assert lead.get_attribute("data-key") == item.key
        assert lead.locator(".jarshy-tile__title a").inner_text().strip() == version.title
        img = lead.locator("img")
        assert loaded_picture(img) and img.get_attribute("alt")
        assert (img.bounding_box() or {"width": 0})["width"] > 600  # big
        # first on the page after the masthead, and beside the newest issue at 1366
        issue = page.locator(".jarshy-home-issue").bounding_box()
        box = lead.bounding_box()
        assert box is not None and issue is not None
        assert issue["x"] >= box["x"] + box["width"] and abs(issue["y"] - box["y"]) < 80
        cards = page.locator(".jarshy-home-latest .jarshy-tile").first.bounding_box()
        assert cards is not None and cards["y"] > box["y"] + box["height"]
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_latest_cards_have_section_labels_and_their_pictures(
        chromium: Any, site_url: str, content: ContentSet, now: datetime, lang: Lang) -> None:
    items = {i.key: i for i in content.items}
    page = open_home(chromium, site_url, lang, 1366)
    try:
        cards = page.locator(".jarshy-home-latest .jarshy-tile")
        assert cards.count() >= MIN_CARDS
        with_pictures = 0
        for n in range(cards.count()):
            card = cards.nth(n)
            item = items[card.get_attribute("data-key") or ""]
            assert card.locator(".jarshy-tile__section").inner_text().strip().casefold() == \
                strings.t(lang, f"section.{item.section}").casefold()
            assert card.locator(".jarshy-tile__title a").inner_text().strip() == \
                item.versions[lang].title
            assert card.locator("time").get_attribute("datetime") == item.date.isoformat()
            img = card.locator("img")
            if item.versions[lang].image is not None:
                assert loaded_picture(img) and img.get_attribute("alt")
                with_pictures += 1
            else:
                assert img.count() == 0
        assert with_pictures >= 2
        # a click anywhere on a card opens its item (the title's link covers the card)
        first = cards.first
        key = first.get_attribute("data-key") or ""
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 8)
        page.wait_for_url(f"**/{lang}/{items[key].section}/{items[key].stem}/")
    finally:
        page.close()


@pytest.mark.parametrize("width,columns", [(1366, 4), (1024, 3), (768, 2), (390, 1),
                                           (360, 1)])
def test_card_grid_columns_by_width(chromium: Any, site_url: str, width: int,
                                    columns: int) -> None:
    page = open_home(chromium, site_url, "kk", width)
    try:
        found = boxes(page, ".jarshy-home-latest .jarshy-tile")
        lefts = sorted({round(b["x"]) for b in found})
        assert len(lefts) == columns, (width, lefts)
        if columns == 1:
            view = page.evaluate("document.documentElement.clientWidth")
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= view for b in found)
            assert all(b["width"] > view * 0.8 for b in found)  # the whole width, one column
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_events_count_down_from_the_build_date(chromium: Any, site_url: str,
                                               content: ContentSet, now: datetime,
                                               lang: Lang) -> None:
    events = upcoming(content, lang, now)
    assert events
    page = open_home(chromium, site_url, lang, 1366)
    try:
        rows = page.locator(".jarshy-home-events li.jarshy-event")
        assert rows.count() == len(events)
        for n, (item, version, event) in enumerate(events):
            row = rows.nth(n)
            days = (event.starts.astimezone(now.tzinfo).date() - now.date()).days
            assert row.get_attribute("data-key") == item.key
            assert row.locator(".jarshy-event__title").inner_text().strip() == version.title
            assert row.locator(".jarshy-countdown").inner_text().strip() == \
                expected_countdown(days, lang)
            assert row.locator(".jarshy-event__day").inner_text().strip() == \
                str(event.starts.astimezone(now.tzinfo).day)
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_issue_cover_blog_answers_and_screens_blocks(chromium: Any, site_url: str,
                                                     content: ContentSet, now: datetime,
                                                     lang: Lang) -> None:
    current = Newspaper.build(content, lang, now).current
    assert current is not None
    page = open_home(chromium, site_url, lang, 1366)
    try:
        cover = page.locator(f".jarshy-home-issue a[href$='newspaper/{current.number}/'] img")
        assert loaded_picture(cover) and cover.get_attribute("alt")
        answers = page.locator(".jarshy-home-blog__answer a")
        published = [i for i, _ in content.published(lang, now) if i.kind == "answer"]
        assert answers.count() == min(3, len(published)) and answers.count() >= 1
        assert answers.first.inner_text().strip() == published[0].versions[lang].title
        screens = page.locator(".jarshy-home-screens")
        assert screens.locator("li").count() >= 1
        link = screens.locator("h2 a")
        assert (link.get_attribute("href") or "").endswith("screens/")
        # side by side at 1366: events, screens, blog in one row
        row = [page.locator(s).bounding_box() for s in
               (".jarshy-home-events", ".jarshy-home-screens", ".jarshy-home-blog")]
        assert all(b is not None for b in row)
        tops = [b["y"] for b in row if b is not None]
        assert max(tops) - min(tops) < 5
        for selector in (".jarshy-home-blog__answer a", ".jarshy-home-screens h2 a",
                         ".jarshy-home-issue a.jarshy-home-issue__link"):
            href = page.locator(selector).first.get_attribute("href")
            with urllib.request.urlopen(f"{site_url}{lang}/{href}") as r:  # noqa: S310 - local
                assert r.status == 200
        link.click()
        page.wait_for_url(f"**/{lang}/screens/")
    finally:
        page.close()
