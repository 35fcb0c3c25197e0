"""After a report meeting its results reach every channel: the poster carries the action
plan (opened in Chromium, as it prints), and the site's screens views list the meeting's
results slide and link its page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from site_gen.content import ContentSet, check
from site_gen.content.model import Lang
from site_gen.newspaper import labels
from site_gen.newspaper.events import is_overdue
from site_gen.poster import find_item, poster_html

REPO = Path(__file__).resolve().parents[2]
NOW = datetime.fromisoformat("2026-11-23T12:00:00+05:00")
JUNE = "announcements/2026-06-19-esep-beru-qorytyndysy"


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return check(REPO / "content")[0]


@pytest.mark.parametrize("summary", [False, True])
def test_the_poster_prints_the_action_plan_in_both_halves(
        _browser: Any, content: ContentSet, summary: bool) -> None:
    item = find_item(content, JUNE)
    html = poster_html(content, item, NOW, use_summary=summary).html
    page = _browser.new_page()
    try:
        page.set_content(html)
        page.wait_for_selector("html[data-fitted]")
        for lang in ("kk", "ru"):
            half = page.locator(f'section.half[lang="{lang}"]')
            event = item.versions[lang].event
            assert event is not None
            table = half.locator('.body:not([hidden]) table[data-jarshy="action-plan"]')
            assert table.count() == 1
            rows = table.locator("tbody tr")
            assert rows.count() == len(event.action_plan)
            for i, row in enumerate(event.action_plan):
                text = rows.nth(i).inner_text()
                assert row.task in text and row.responsible in text
                late = is_overdue(row, NOW.date())
                mark = labels.word("overdue", lang).lower()  # printed in capitals
                assert (mark in text.lower()) is late
            heads = table.locator("th").all_inner_texts()
            assert labels.word("responsible", lang) in heads
            # Printed whole: the table's last row ends inside its half of the sheet.
            box = half.bounding_box()
            last = rows.nth(rows.count() - 1).bounding_box()
            assert box is not None and last is not None
            assert last["y"] + last["height"] <= box["y"] + box["height"] + 1
            assert last["height"] > 0
        plan = item.event.action_plan if item.event else ()
        assert any(is_overdue(r, NOW.date()) for r in plan)  # the demo has an overdue row
    finally:
        page.close()


def test_screens_page_and_home_list_the_meetings_results(page: Any, site_url: str,
                                                         content: ContentSet) -> None:
    item = find_item(content, JUNE)
    for lang in ("kk", "ru"):
        page.goto(f"{site_url}{lang}/")
        links = page.locator(".jarshy-home-screens li a")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        assert any(item.stem in h for h in hrefs), hrefs
    page.goto(f"{site_url}kk/screens/")
    figure = page.locator(f'figure a[href*="{item.stem}"] img').first
    figure.wait_for()
    assert figure.evaluate("img => img.naturalWidth") > 0  # the thumbnail's file was found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_print_edition_carries_the_meetings_action_plan(page: Any, site_url: str,
                                                            content: ContentSet,
                                                            lang: Lang) -> None:
    item = find_item(content, "announcements/2026-11-18-esep-beru-kezdesui")  # in issue 12
    assert item.issue == 12
    version = item.versions[lang]
    event = version.event
    assert event is not None and event.action_plan
    page.goto(f"{site_url}{lang}/newspaper/12/")
    page.emulate_media(media="print")
    table = page.locator('table[data-jarshy="action-plan"]').first
    table.wait_for(state="visible")  # shown on paper, hidden on screen with the body
    rows = table.locator("tbody tr")
    assert rows.count() == len(event.action_plan)
    overdue = [is_overdue(r, NOW.date()) for r in event.action_plan]
    marked = ["jarshy-overdue" in (rows.nth(i).get_attribute("class") or "")
              for i in range(rows.count())]
    assert marked == overdue and any(marked)
    assert labels.word("responsible", lang) in table.locator("th").all_inner_texts()
