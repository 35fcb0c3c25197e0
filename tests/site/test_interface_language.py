"""Every interface string of the kk and ru sites is in the page's language (issue 14).

The built example site: every HTML page under kk/ and ru/ is read with html.parser
(tests/site/interface_words.py says what counts as interface, code and content), and no
Latin-letter word may remain outside what editors wrote; the same for the feeds' names.
In Chromium: the ¶ link's tooltip after a heading, Material's search messages and the
"no such page" page (through nginx with the shipped config, in each language) are read as
a reader meets them, and the live DOM, with what scripts added, is scanned the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from tests.security.nginx_harness import need_nginx, prepare
from tests.site.interface_words import Content, Finding, findings

LANGS = ("kk", "ru")
ARTICLE = "news/2026-11-18-shygys-110/"  # an article with headings in both languages
LIVE = ("", "page/blog/", "newspaper/12/", ARTICLE)  # home, letter form, issue, article
PERMALINK = {"kk": "Тұрақты сілтеме", "ru": "Постоянная ссылка"}
NOT_FOUND = {"kk": "404 — бет табылмады", "ru": "404 — страница не найдена"}
HOME_LINK = {"kk": "Басты бетке өту", "ru": "Перейти на главную"}
NO_RESULTS = {"kk": "Ештеңе табылмады", "ru": "Совпадений не найдено"}
FOUND = {"kk": "сәйкестік", "ru": "совпаден"}
QUERY = {"kk": "станциясы", "ru": "подстанция"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def content(built_site: Path) -> dict[str, Content]:
    """What editors wrote, per language (the copy the site was built from)."""
    return {lang: Content.of(built_site.parent / "content", lang) for lang in LANGS}


def _report(found: dict[str, list[Finding]]) -> str:
    lines = [f"{page}: {f}" for page, fs in sorted(found.items()) for f in fs]
    return f"{len(lines)} interface strings with Latin words:\n" + "\n".join(lines[:40])


def test_the_scan_tells_interface_from_content() -> None:
    """The scanner itself: English interface is found; code, addresses and content are not."""
    content = Content(["Жүйе YAML өрістерімен басталады.", "Wi-Fi желісі"])
    page = (
        '<html><head><title>Wi-Fi желісі - Компания</title>'
        '<script id="__config" type="application/json">'
        '{"translations": {"search.result.none": "No matching documents"}}</script></head>'
        '<body><a class="headerlink" href="#x" title="Permanent link">¶</a>'
        "<h1>404 - Not found</h1><p>Жүйе YAML өрістерімен басталады.</p>"
        "<p><code>site-gen check</code> blog@example.kz https://example.kz/</p>"
        '<img alt="бiр">'  # a Latin i in a Kazakh word
        '<svg><metadata>Matplotlib</metadata><title>Chart</title></svg>'
        '<input type="submit" value="Send">'
        '<article class="md-search-result__article"><h1>Wi-Fi SharePoint</h1>'
        '<p class="md-search-result__terms">Missing: <del>желі</del></p></article>'
        "</body></html>")
    found = {(f.where, f.text) for f in findings(page, content)}
    assert found == {("a@title", "Permanent link"), ("text", "404 - Not found"),
                     ("json:__config:translations.search.result.none",
                      "No matching documents"),
                     ("img@alt", "бiр"), ("input@value", "Send"), ("text", "Missing:"),
                     ("text", "Chart")}


def test_no_latin_interface_words_in_the_built_pages(built_site: Path,
                                                     content: dict[str, Content]) -> None:
    found: dict[str, list[Finding]] = {}
    scanned = dict.fromkeys(LANGS, 0)
    for lang in LANGS:
        for path in sorted((built_site / lang).rglob("*.html")):
            scanned[lang] += 1
            page_found = findings(path.read_text(encoding="utf-8"), content[lang])
            if page_found:
                found[str(path.relative_to(built_site))] = page_found
    assert min(scanned.values()) >= 40, scanned  # every page, not an empty folder
    assert not found, _report(found)


def test_the_feeds_are_named_in_their_language(built_site: Path,
                                               content: dict[str, Content]) -> None:
    for lang in LANGS:
        atom = ET.parse(built_site / lang / "feed.xml").getroot()
        rss = ET.parse(built_site / lang / "rss.xml").getroot()
        names = [atom.findtext(f"{ATOM}title", ""),
                 *(c.get("label", "") for c in atom.iter(f"{ATOM}category")),
                 rss.findtext("channel/title", ""), rss.findtext("channel/description", ""),
                 *(c.text or "" for c in rss.iter("category"))]
        assert len(names) > 4 and all(names), names
        page = "".join(f"<p>{n}</p>" for n in names)
        assert findings(page, content[lang]) == [], lang


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_meets_no_english_in_chromium(page: Any, site_url: str, lang: str,
                                               content: dict[str, Content]) -> None:
    for path in LIVE:  # the DOM after the pages' scripts ran (the letter form fills itself)
        page.goto(site_url + f"{lang}/{path}")
        page.wait_for_load_state("networkidle")
        live = findings(page.content(), content[lang])
        assert live == [], _report({f"{lang}/{path}": live})
    assert page.url.endswith(ARTICLE)  # the last of LIVE: the ¶ links and search from here
    links = page.locator("article a.headerlink")
    assert links.count() >= 2
    assert set(links.evaluate_all("els => els.map(e => e.title)")) == {PERMALINK[lang]}
    links.first.hover()  # what the tooltip shows is the title of the link under the pointer
    assert page.evaluate("document.querySelector('a.headerlink:hover').title") == \
        PERMALINK[lang]
    box = page.locator("input.md-search__input")
    box.click()
    for query, expected in ((QUERY[lang], FOUND[lang]), ("жқжқжқ", NO_RESULTS[lang])):
        box.fill(query)
        box.press("End")  # Material searches on keyup
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "want => (document.querySelector('.md-search-result__meta') || {})"
            ".textContent?.includes(want)", arg=expected)
        assert expected in meta.inner_text()
        if expected == FOUND[lang]:
            page.locator(".md-search-result__item").first.wait_for()
        live = findings(page.content(), content[lang])  # with what the scripts added
        assert live == [], _report({f"{lang}/{ARTICLE} ({query})": live})


@pytest.mark.browser
@need_nginx
def test_a_missing_page_says_so_in_the_readers_language(
        page: Any, built_site: Path, tmp_path: Path, content: dict[str, Content]) -> None:
    server = prepare(tmp_path / "nginx", built_site)
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}/"
        for lang in LANGS:
            response = page.goto(base + f"{lang}/жоқ-бет/no-such-page/")
            assert response is not None and response.status == 404
            assert page.locator("article h1").inner_text() == NOT_FOUND[lang]
            assert page.title().startswith(NOT_FOUND[lang])
            assert page.locator("html").get_attribute("lang") == lang
            live = findings(page.content(), content[lang])
            assert live == [], _report({f"{lang} 404": live})
            page.get_by_role("link", name=HOME_LINK[lang]).click()
            page.wait_for_load_state()
            assert page.url == base + f"{lang}/"
    finally:
        server.stop()
