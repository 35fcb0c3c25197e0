"""The digest draws each item in the template of its kind, as the screens and the poster do:
its HTML part opened in Chromium, its plain-text part read as a mail reader shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from signage.palette import ACCENT, FESTIVE, PANEL, URGENT_BG, css
from site_gen.content import ContentSet, check
from site_gen.digest import digest_items, html_text, plain_text

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return check(REPO / "content")[0]


def open_digest(browser: Any, content: ContentSet, day: str) -> Any:
    when = date.fromisoformat(day)
    page = browser.new_page(viewport={"width": 700, "height": 900})
    page.set_content(html_text(content, when, digest_items(content, when)))
    return page


def style(page: Any, selector: str, prop: str) -> str:
    return str(page.locator(selector).first.evaluate(
        f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


def plain(content: ContentSet, day: str) -> str:
    when = date.fromisoformat(day)
    return plain_text(content, when, digest_items(content, when))


def test_an_urgent_item_comes_first_under_the_alert_band(_browser: Any,
                                                         content: ContentSet) -> None:
    page = open_digest(_browser, content, "2026-11-23")
    try:
        for lang, first in (("kk", "ШҰҒЫЛ"), ("ru", "СРОЧНО")):
            part = page.locator(f'div[lang="{lang}"]')
            entry = part.locator('[data-kind="urgent"]')
            assert entry.count() == 1
            band = entry.locator(".jarshy-alert")
            assert band.evaluate("e => getComputedStyle(e).backgroundColor") == css(URGENT_BG)
            words = band.inner_text()
            assert words.startswith(first) and "ШҰҒЫЛ" in words and "СРОЧНО" in words
            assert band.locator("svg.jarshy-sign").count() == 1
            # first in its part: nothing of another kind above it
            assert part.locator("[data-kind]").first.get_attribute("data-kind") == "urgent"
    finally:
        page.close()
    text = plain(content, "2026-11-23")
    assert text.index("⚠ ШҰҒЫЛ · СРОЧНО") < text.index("* Шұғыл: 23–24 қарашада")
    assert text.index("⚠ СРОЧНО · ШҰҒЫЛ") < text.index("* Срочно: 23–24 ноября")


def test_an_event_has_its_date_time_and_place_block(_browser: Any,
                                                    content: ContentSet) -> None:
    page = open_digest(_browser, content, "2026-11-18")
    try:
        for lang, month in (("kk", "желтоқсан"), ("ru", "декабря")):
            block = page.locator(f'div[lang="{lang}"] [data-kind="event"] .jarshy-when')
            assert block.locator(".jarshy-when-day").inner_text() == "18"
            assert block.locator(".jarshy-when-month").inner_text() == month
            assert block.locator(".jarshy-when-time").inner_text() == "15:00"
            assert block.evaluate("e => getComputedStyle(e).backgroundColor") == css(PANEL)
            assert block.locator(".jarshy-when-day").evaluate(
                "e => getComputedStyle(e).color") == css(ACCENT)
        # the other items of the day are plain announcements
        assert page.locator('[data-kind="announcement"]').count() == 2
    finally:
        page.close()
    text = plain(content, "2026-11-18")
    assert "Күні, уақыты, орны: 18 желтоқсан, жұма, 15:00 · Бас кеңсе" in text
    assert "Дата, время, место: 18 декабря, пятница, 15:00 · Главный офис" in text


def test_a_congratulation_has_the_festive_frame(_browser: Any, content: ContentSet) -> None:
    page = open_digest(_browser, content, "2026-11-19")
    try:
        frames = page.locator('[data-kind="congratulation"] .jarshy-festive')
        assert frames.count() == 2
        for i in range(2):
            frame = frames.nth(i)
            assert frame.evaluate("e => getComputedStyle(e).backgroundColor") == css(FESTIVE)
            assert frame.locator("h3 a").evaluate("e => getComputedStyle(e).color") \
                == css(ACCENT)
            assert frame.locator("svg.jarshy-star").count() == 2
        assert style(page, '[data-kind="announcement"] h3 a', "color") != css(ACCENT)
    finally:
        page.close()
    assert "* ★ Жанат Бейсеновті 60 жасқа" in plain(content, "2026-11-19")


def test_a_report_carries_its_action_plan_table(_browser: Any, content: ContentSet) -> None:
    page = open_digest(_browser, content, "2026-06-19")
    try:
        for lang in ("kk", "ru"):
            table = page.locator(f'div[lang="{lang}"] [data-kind="table"] '
                                 'table[data-jarshy="action-plan"]')
            assert table.locator("tbody tr").count() == 4
            assert table.locator("th").first.evaluate(
                "e => getComputedStyle(e).backgroundColor") == css(PANEL)
    finally:
        page.close()
    text = plain(content, "2026-06-19")
    assert "ІС-ШАРАЛАР ЖОСПАРЫ" in text and "ПЛАН МЕРОПРИЯТИЙ" in text
    assert "  2. Установить новую вытяжную вентиляцию в ремонтном цехе — Главный механик" in text
