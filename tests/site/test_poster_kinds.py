"""Posters take the screens' template for each kind (opened in Chromium, as they print),
and the header keeps the company name whole.

The kind is the screens' own decision (``signage.kinds.template_of``): the first test
compares, for every slide the example's screens show on a day, the slide's template with
the kind the poster and the digest give the same item at the same moment.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from signage.kinds import template_of
from signage.palette import ACCENT, FESTIVE, PANEL, URGENT_BG, URGENT_HEADER, css
from signage.schedule import playlist
from signage.video import make_test_clip
from site_gen.bundle import build_bundle
from site_gen.bundle.writer import RESULTS_SUFFIX
from site_gen.content import ContentSet, check
from site_gen.kindhtml import kind_of
from site_gen.poster import find_item, poster_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ZONE = "+05:00"
URGENT = ("announcements/2026-11-23-su-azhyratu", "2026-11-23")
EVENT = ("announcements/2026-11-18-esep-beru-kezdesui", "2026-11-18")
TABLE = ("announcements/2026-06-19-esep-beru-qorytyndysy", "2026-11-23")
FESTIVE_ITEM = ("congratulations/2026-11-19-mereitoi-beisenov", "2026-11-19")
PLAIN = ("news/2026-11-18-shygys-110", "2026-11-18")


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return check(REPO / "content")[0]


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T12:00:00{ZONE}")


def open_poster(browser: Any, content: ContentSet, key: str, day: str) -> Any:
    page = browser.new_page(viewport={"width": 800, "height": 1200})
    page.set_content(poster_html(content, find_item(content, key), at(day)).html)
    page.wait_for_selector("html[data-fitted]")
    return page


def style(page: Any, selector: str, prop: str) -> str:
    return str(page.locator(selector).first.evaluate(
        f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


@pytest.mark.parametrize("day", ["2026-11-18", "2026-11-19", "2026-11-23"])
def test_the_kind_is_the_screens_own_for_every_slide_of_the_day(content: ContentSet,
                                                                 day: str) -> None:
    now = at(day)
    bundle, _ = build_bundle(content, now)
    seen = 0
    for screen in bundle.screens:
        for slide in playlist(bundle, screen.id, now).slides:
            item = find_item(content, slide.item_id.removesuffix(RESULTS_SUFFIX))
            version = item.versions[slide.lang]  # type: ignore[index]
            assert kind_of(item, version, now) == template_of(slide), slide.item_id
            seen += 1
    assert seen > 3


def test_an_urgent_poster_has_the_alert_band_sign_and_word_in_both_languages(
        _browser: Any, content: ContentSet) -> None:
    page = open_poster(_browser, content, *URGENT)
    try:
        assert page.get_attribute("html", "data-kind") == "urgent"
        assert style(page, ".jarshy-alert", "background-color") == css(URGENT_BG)
        assert style(page, "header.head", "background-color") == css(URGENT_HEADER)
        word = page.locator(".jarshy-alert").inner_text()
        assert "ШҰҒЫЛ" in word and "СРОЧНО" in word
        sign = page.locator(".jarshy-alert svg.jarshy-sign").bounding_box()
        assert sign is not None and sign["width"] > 30 and sign["height"] > 30
        for lang in ("kk", "ru"):  # each half carries the red edge of the notice
            half = f'section.half[lang="{lang}"]'
            assert style(page, half, "border-left-color") == css(URGENT_BG)
    finally:
        page.close()


def test_an_event_poster_has_the_date_time_and_place_block(_browser: Any,
                                                           content: ContentSet) -> None:
    page = open_poster(_browser, content, *EVENT)
    item = find_item(content, EVENT[0])
    try:
        assert page.get_attribute("html", "data-kind") == "event"
        for lang, month, weekday in (("kk", "желтоқсан", "жұма"), ("ru", "декабря", "пятница")):
            block = f'section.half[lang="{lang}"] .jarshy-when'
            assert page.locator(f"{block} .jarshy-when-day").inner_text() == "18"
            assert page.locator(f"{block} .jarshy-when-month").inner_text() == month
            assert page.locator(f"{block} .jarshy-when-weekday").inner_text() == weekday
            assert page.locator(f"{block} .jarshy-when-time").inner_text() == "15:00"
            event = item.versions[lang].event or item.event  # type: ignore[index]
            assert event is not None
            assert page.locator(f"{block} .jarshy-when-place").inner_text() == event.place
            assert style(page, block, "background-color") == css(PANEL)
            assert style(page, f"{block} .jarshy-when-day", "color") == css(ACCENT)
            day = page.locator(f"{block} .jarshy-when-day").bounding_box()
            panel = page.locator(block).bounding_box()
            text = page.locator(f'section.half[lang="{lang}"] .body:not([hidden])') \
                .bounding_box()
            assert day is not None and panel is not None and text is not None
            assert day["height"] > 40  # the day's number is large (44 pt ~ 59 px)
            assert panel["x"] + panel["width"] <= text["x"]  # the block stands beside the text
    finally:
        page.close()


def test_a_congratulation_poster_is_plum_in_a_gold_frame_with_stars(
        _browser: Any, content: ContentSet) -> None:
    page = open_poster(_browser, content, *FESTIVE_ITEM)
    try:
        assert page.get_attribute("html", "data-kind") == "congratulation"
        for lang in ("kk", "ru"):
            frame = f'section.half[lang="{lang}"] .jarshy-festive'
            assert style(page, frame, "background-color") == css(FESTIVE)
            assert style(page, frame, "border-top-color") == css(ACCENT)
            assert style(page, f"{frame} h1", "color") == css(ACCENT)
            assert style(page, f"{frame} h1", "text-align") == "center"
            assert page.locator(f"{frame} svg.jarshy-star").count() == 2
    finally:
        page.close()


def test_a_report_poster_prints_its_action_plan_as_the_table_slide_does(
        _browser: Any, content: ContentSet) -> None:
    page = open_poster(_browser, content, *TABLE)
    try:
        assert page.get_attribute("html", "data-kind") == "table"
        for lang in ("kk", "ru"):
            plan = f'section.half[lang="{lang}"] .body:not([hidden]) [data-part="plan"]'
            assert style(page, plan, "border-top-color") == css(ACCENT)
            assert style(page, f"{plan} th", "background-color") == css(PANEL)
            late = page.locator(f"{plan} tr.jarshy-overdue")
            assert late.count() >= 1
            assert "rgba(214, 69, 69" in style(page, f"{plan} tr.jarshy-overdue",
                                               "background-color")
    finally:
        page.close()


def test_an_announcement_poster_has_none_of_the_other_kinds_marks(
        _browser: Any, content: ContentSet) -> None:
    page = open_poster(_browser, content, *PLAIN)
    try:
        assert page.get_attribute("html", "data-kind") == "announcement"
        for mark in (".jarshy-alert", ".jarshy-when", ".jarshy-festive", ".jarshy-film"):
            assert page.locator(mark).count() == 0, mark
    finally:
        page.close()


def media_content(tmp_path: Path, signage: str, summary: str) -> ContentSet:
    """One item whose signage block carries ``signage`` (a picture or a film)."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content" / "_data", root / "_data")
    shutil.copytree(REPO / "content" / "images", root / "images", dirs_exist_ok=True)
    (root / "news").mkdir()
    for lang, title in (("kk", "Жаңа подстанция"), ("ru", "Новая подстанция")):
        (root / "news" / f"2026-11-23-media.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-23\nsection: news\n{summary}"
            f"status: approved\nsignage:\n  {signage}\n---\n\nМәтін.\n", encoding="utf-8")
    return check(root)[0]


def test_a_picture_only_poster_shows_the_picture_large_with_a_caption_band(
        _browser: Any, tmp_path: Path) -> None:
    content = media_content(tmp_path, "image: ../images/substation.png", "")
    page = _browser.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.set_content(poster_html(content, content.items[0], at("2026-11-23")).html)
        page.wait_for_selector("html[data-fitted]")
        assert page.get_attribute("html", "data-kind") == "picture"
        box = page.locator("img.picture").bounding_box()
        assert box is not None and box["height"] > 300  # about half the sheet, not 38 mm
        assert page.locator('section.half[lang="ru"] .jarshy-caption').inner_text() \
            == "Новая подстанция"
    finally:
        page.close()


def test_a_video_poster_says_where_the_film_is_shown(_browser: Any, tmp_path: Path) -> None:
    (tmp_path / "content" / "images").mkdir(parents=True)
    make_test_clip(tmp_path / "content" / "images" / "clip.mp4", frames=8)
    content = media_content(tmp_path, "video: ../images/clip.mp4", "summary: Қысқаша.\n")
    page = _browser.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.set_content(poster_html(content, content.items[0], at("2026-11-23")).html)
        page.wait_for_selector("html[data-fitted]")
        assert page.get_attribute("html", "data-kind") == "video"
        bands = page.locator(".jarshy-film").all_inner_texts()
        assert any("Бейнені" in b for b in bands) and any("Видео" in b for b in bands)
    finally:
        page.close()


LONG = {"kk": "«Қазақстан Жарық Энергетика және Жылу Желілері» акционерлік қоғамының "
              "еншілес компаниялар тобы",
        "ru": "Группа дочерних компаний акционерного общества «Казахстанские энергетические "
              "и тепловые сети Жарык»"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_header_keeps_a_long_company_name_on_one_line(_browser: Any, content: ContentSet,
                                                          lang: str) -> None:
    settings = replace(content.settings, company=LONG)
    longer = replace(content, settings=settings)
    page = _browser.new_page(viewport={"width": 800, "height": 1200})
    try:
        page.set_content(poster_html(longer, find_item(longer, PLAIN[0]), at(PLAIN[1])).html)
        page.wait_for_selector("html[data-fitted]")
        name = page.locator(f'header .company[lang="{lang}"]')
        assert name.inner_text().replace("\u00a0", " ") == LONG[lang]  # [lang] is typed
        count = """n => {
            const r = document.createRange(); r.selectNodeContents(n);
            return new Set(Array.from(r.getClientRects()).map(b => Math.round(b.top))).size;
        }"""
        assert name.evaluate(count) == 1  # one line box: the name is not broken mid-phrase
        head = page.locator("header.head").bounding_box()
        box = name.bounding_box()
        assert head is not None and box is not None
        assert box["x"] >= head["x"] - 0.5 and box["x"] + box["width"] <= head["x"] + \
            head["width"] + 0.5  # and not cut off at the sheet's edge
        assert box["height"] > 8  # still legible: not shrunk to nothing
        # The measure sees a break: the same name set as the old header did (ordinary
        # spaces, free to wrap, 9 pt beside the board's name) takes two lines.
        name.evaluate("""n => { n.textContent = n.textContent.replace(/\\u00a0/g, " ");
            n.style.whiteSpace = "normal"; n.parentElement.style.fontSize = "9pt";
            n.style.maxWidth = "50%"; }""")
        assert name.evaluate(count) > 1
    finally:
        page.close()
