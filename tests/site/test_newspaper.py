"""The newspaper, its feeds, the portal home blocks and a report meeting, in Chromium.

Expected values come from the example content through the content model (never typed
in here), so the tests follow the content as editors change it. The latest issue's
front page is kept in both languages as a screenshot under test-artifacts/newspaper/.
"""

from __future__ import annotations

import re
import subprocess
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from site_gen.cli import main
from site_gen.content import ContentSet
from site_gen.content.model import SECTIONS, Lang
from site_gen.newspaper import labels
from site_gen.newspaper.events import is_overdue
from site_gen.newspaper.model import Newspaper

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "newspaper"
LANGS: tuple[Lang, Lang] = ("kk", "ru")
MONTH = {"kk": "қараша", "ru": "ноября"}  # November in each language (CLDR)


@pytest.fixture(scope="module")
def content(built_content: ContentSet) -> ContentSet:
    return built_content


@pytest.fixture(scope="module")
def now(built_now: datetime) -> datetime:
    return built_now


def paper(content: ContentSet, now: datetime, lang: Lang) -> Newspaper:
    return Newspaper.build(content, lang, now)


@pytest.mark.parametrize("lang", LANGS)
def test_issue_front_page_has_the_lead_first_then_sections_in_order(
        page: Any, site_url: str, content: ContentSet, now: datetime, lang: Lang) -> None:
    view = paper(content, now, lang).current
    assert view is not None and view.lead is not None
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    # The masthead: the paper's name as the page's heading, the issue's number under it.
    assert page.locator("h1").first.inner_text().strip() == labels.word("newspaper", lang)
    assert page.locator("[data-jarshy=issue-number]").inner_text().strip() == \
        labels.issue_title(view.number, lang)
    blocks = page.locator(".jarshy-front section[data-section]")
    first = blocks.first
    assert "jarshy-front__lead" in (first.get_attribute("class") or "")
    assert first.locator("h2").inner_text().strip() == view.lead.title
    shown = [blocks.nth(i).get_attribute("data-section") for i in range(1, blocks.count())]
    expected = [s for s, _ in view.filled_sections()]
    assert shown == expected
    assert shown == sorted(shown, key=SECTIONS.index)
    titles = [page.locator(f"section#{s} h2").inner_text().strip() for s in shown]
    assert titles == [labels.section_name(s, lang) for s in shown]


@pytest.mark.parametrize("lang", LANGS)
def test_latest_issue_front_page_screenshot(page: Any, site_url: str, content: ContentSet,
                                            now: datetime, lang: Lang) -> None:
    view = paper(content, now, lang).current
    assert view is not None
    page.goto(f"{site_url}{lang}/newspaper/{view.number}/")
    page.wait_for_load_state("networkidle")
    images = page.locator(".jarshy-issue img")
    for i in range(images.count()):  # every picture on the page actually loaded
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"issue-{view.number}-front-{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("lang", LANGS)
def test_article_shows_its_place_in_the_paper_and_walks_the_issue(
        page: Any, site_url: str, content: ContentSet, now: datetime, lang: Lang) -> None:
    view = paper(content, now, lang).current
    assert view is not None and len(view.articles) >= 3
    first, second, third = view.articles[:3]
    page.goto(f"{site_url.rstrip('/')}{second.url}")
    meta = page.locator(".jarshy-article-meta")
    assert meta.locator("[data-jarshy=section]").inner_text() == labels.section_name(
        second.section, lang)
    assert meta.locator("[data-jarshy=issue]").inner_text() == labels.issue_title(
        view.number, lang)
    if second.version.author:
        assert second.version.author in meta.locator("[data-jarshy=author]").inner_text()
    date_text = meta.locator("[data-jarshy=date]").inner_text()
    assert str(second.item.date.day) in date_text and str(second.item.date.year) in date_text
    reading = meta.locator("[data-jarshy=reading-time]").inner_text()
    assert re.fullmatch(rf"{labels.word('reading_time', lang)}: \d+ мин", reading.strip())
    # previous/next walk the issue's reading order and really lead there
    page.locator("a[data-jarshy=next]").click()
    page.wait_for_url(re.compile(re.escape(third.url) + "$"))
    page.locator("a[data-jarshy=prev]").click()
    page.wait_for_url(re.compile(re.escape(second.url) + "$"))
    page.locator("a[data-jarshy=prev]").click()
    page.wait_for_url(re.compile(re.escape(first.url) + "$"))
    assert page.locator("a[data-jarshy=prev]").count() == 0  # the lead opens the issue
    page.locator("a[data-jarshy=issue]").click()
    page.wait_for_url(re.compile(rf"/{lang}/newspaper/{view.number}/$"))


def test_article_dates_are_in_the_readers_language(page: Any, site_url: str,
                                                    content: ContentSet, now: datetime) -> None:
    for lang in LANGS:
        view = paper(content, now, lang).current
        assert view is not None and view.lead is not None
        november = [a for a in view.articles if a.item.date.month == 11][0]
        page.goto(f"{site_url.rstrip('/')}{november.url}")
        assert MONTH[lang] in page.locator("[data-jarshy=date]").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_archive_lists_every_issue_by_year(page: Any, site_url: str, content: ContentSet,
                                           now: datetime, lang: Lang) -> None:
    np = paper(content, now, lang)
    assert len(np.issues) >= 2
    page.goto(f"{site_url}{lang}/newspaper/")
    for year, views in np.archive():
        block = page.locator(f".jarshy-archive__year[data-year='{year}']")
        listed = block.locator("li[data-issue]")
        assert [listed.nth(i).get_attribute("data-issue") for i in range(listed.count())] == \
            [str(v.number) for v in views]
    older = np.issues[-1]
    page.locator(f"li[data-issue='{older.number}'] a").click()
    page.wait_for_url(re.compile(rf"/newspaper/{older.number}/$"))
    assert page.locator("[data-jarshy=issue-number]").inner_text().strip() == \
        labels.issue_title(older.number, lang)


def meeting(content: ContentSet, now: datetime, *, past: bool) -> Any:
    """A report meeting with an action plan, still to come or already held."""
    found = [i for i in content.items if i.event is not None and i.event.action_plan
             and (i.event.starts < now) is past]
    assert found, f"the example content has a {'past' if past else 'coming'} report meeting"
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_report_meeting_shows_deadline_countdown_and_overdue_plan_rows(
        page: Any, site_url: str, content: ContentSet, now: datetime, lang: Lang) -> None:
    item = meeting(content, now, past=False)
    event = item.versions[lang].event or item.event
    assert event is not None
    assert (event.starts.date() - event.questions_until).days == 14
    page.goto(f"{site_url.rstrip('/')}{item.url(lang)}")
    deadline = page.locator("[data-jarshy=questions-until] time")
    assert deadline.get_attribute("datetime") == event.questions_until.isoformat()
    assert labels.full_date(event.questions_until, lang) == deadline.inner_text()
    write = page.locator("[data-jarshy=questions-until] a")  # questions go to the head's blog
    assert write.inner_text() == labels.word("write_question", lang)
    with urllib.request.urlopen(f"{site_url.rstrip('/')}{item.url(lang)}"  # noqa: S310
                                f"{write.get_attribute('href')}") as r:
        assert r.status == 200
    countdown = page.locator("[data-jarshy=countdown]").inner_text()
    days = (event.starts.date() - now.date()).days
    assert str(days) in countdown
    rows = page.locator("table[data-jarshy=action-plan] tbody tr")
    assert rows.count() == len(event.action_plan)
    for i, row in enumerate(event.action_plan):
        tr = rows.nth(i)
        assert row.task in tr.inner_text()
        marked = "jarshy-overdue" in (tr.get_attribute("class") or "")
        assert marked is is_overdue(row, now.date()), row.task
        if marked:
            assert labels.word("overdue", lang) in tr.inner_text()
            colour = tr.locator("td").nth(1).evaluate("td => getComputedStyle(td).backgroundColor")
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert any(is_overdue(r, now.date()) for r in event.action_plan)
    headers = rows.first.locator("xpath=../../thead/tr/th")
    assert labels.word("responsible", lang) in [headers.nth(i).inner_text()
                                                  for i in range(headers.count())]


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_blocks(page: Any, site_url: str, content: ContentSet, now: datetime,
                          lang: Lang) -> None:
    page.goto(f"{site_url}{lang}/")
    issue = page.locator(".jarshy-home-issue")
    current = paper(content, now, lang).current
    assert current is not None
    issue.locator(f"a[href$='newspaper/{current.number}/']").first.wait_for()
    news = page.locator(".jarshy-home-latest .jarshy-tile__title a")
    assert news.count() >= 1
    screens = page.locator(".jarshy-home-screens li")
    assert screens.count() >= 1
    classes = [screens.nth(i).get_attribute("class") or "" for i in range(screens.count())]
    urgent = [("jarshy-urgent" in c) for c in classes]
    assert urgent == sorted(urgent, reverse=True)  # urgent first
    events = page.locator(".jarshy-home-events li.jarshy-event")
    assert events.count() >= 1
    facts = events.first.locator("dl.jarshy-facts dt")
    assert [facts.nth(i).inner_text() for i in range(facts.count())] == [
        labels.word(k, lang) for k in ("date", "time", "place")]
    # every home block link leads to a page of the site
    for selector in (".jarshy-home-latest .jarshy-tile__title a", ".jarshy-home-events li > a",
                     ".jarshy-home-lead .jarshy-tile__title a"):
        href = page.locator(selector).first.get_attribute("href")
        with urllib.request.urlopen(f"{site_url}{lang}/{href}") as r:  # noqa: S310 - local
            assert r.status == 200


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["feed.xml", "rss.xml"])
def test_feeds_parse_as_xml_with_absolute_links(site_url: str, content: ContentSet,
                                                lang: Lang, name: str) -> None:
    with urllib.request.urlopen(f"{site_url}{lang}/{name}") as r:  # noqa: S310 - local
        root = ET.fromstring(r.read())
    if name == "feed.xml":
        links = [e.get("href", "") for e in root.iter("{http://www.w3.org/2005/Atom}link")]
    else:
        links = [e.text or "" for e in root.iter("link")]
    base = content.settings.base_url
    assert len(links) > 3
    assert all(link.startswith(base) for link in links), links


def test_print_edition_keeps_the_kazakh_lead_title(built_site: Path, content: ContentSet,
                                                   now: datetime, tmp_path: Path) -> None:
    view = paper(content, now, "kk").issue(12)
    assert view is not None and view.lead is not None
    pdf = tmp_path / "issue-12-kk.pdf"
    code = main(["print", "--issue", "12", "--lang", "kk", "--site", str(built_site),
                 "--content", str(built_site.parent / "content"), "--out", str(pdf)])
    assert code == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert view.lead.title in flat
    assert labels.issue_title(12, "kk") in flat
    assert "Басты бет" not in flat  # no navigation chrome on paper
    # the paper carries whole articles, not only their summaries: the lead's last paragraph
    last = [p for p in view.lead.version.body.split("\n\n") if p.strip()][-1]
    words = re.findall(r"[^\W_]+", last)[-6:]
    assert " ".join(words) in " ".join(re.findall(r"[^\W_]+", flat))


@pytest.mark.parametrize("lang", LANGS)
def test_after_the_meeting_its_page_links_the_report_and_keeps_the_plan(
        page: Any, site_url: str, content: ContentSet, now: datetime, lang: Lang) -> None:
    item = meeting(content, now, past=True)
    event = item.versions[lang].event or item.event
    assert event is not None and event.report is not None
    page.goto(f"{site_url.rstrip('/')}{item.url(lang)}")
    assert page.locator("[data-jarshy=countdown]").inner_text().strip() == labels.word(
        "countdown_past", lang)
    assert labels.word("questions_closed", lang) in page.locator(
        "[data-jarshy=questions-until]").inner_text()
    link = page.locator("a[data-jarshy=report]")
    assert link.inner_text().strip() == labels.word("report_file", lang)
    href = link.get_attribute("href")
    with urllib.request.urlopen(f"{site_url.rstrip('/')}{item.url(lang)}{href}") as r:  # noqa: S310
        assert r.read(5) == b"%PDF-"
    overdue = page.locator("table[data-jarshy=action-plan] tr.jarshy-overdue")
    assert overdue.count() == sum(is_overdue(r, now.date()) for r in event.action_plan)
