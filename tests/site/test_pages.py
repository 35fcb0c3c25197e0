"""The built example site in a real browser: languages, translation links, safety."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser

KAZAKH_STEM = "innovations/2026-11-20-цифрлық-өткізу-жүйесі"
ONLY_KK = "sports-culture/2026-11-12-til-sheberi"


def h1(page: Any) -> str:
    """The page's heading as a reader sees it (without the permalink sign)."""
    return str(page.locator("h1").first.inner_text()).rstrip("¶").strip()


def test_root_page_sends_to_kazakh_without_a_stored_choice(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_url(re.compile(r"/kk/$"))
    assert page.locator("html").get_attribute("lang") == "kk"


def test_root_page_remembers_the_last_language(page: Any, site_url: str) -> None:
    page.goto(site_url + "ru/")
    page.goto(site_url)
    page.wait_for_url(re.compile(r"/ru/$"))


def test_root_page_without_javascript_is_a_choice_of_two_links(
        _browser: Any, site_url: str) -> None:
    context = _browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url)
        links = pg.locator("main a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == \
            ["kk/", "ru/"]
        pg.locator("a[hreflang=ru]").click()
        assert pg.locator("html").get_attribute("lang") == "ru"
    finally:
        context.close()


def test_switch_goes_to_the_same_item_in_the_other_language(page: Any, site_url: str) -> None:
    page.goto(site_url + "kk/news/2026-11-18-shygys-110/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=ru]").click()
    page.wait_for_url(re.compile(r"/ru/news/2026-11-18-shygys-110/$"))
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Шыгыс-110" in h1(page)
    # and back, through the link under the article
    page.locator("a[data-jarshy=translation]").click()
    page.wait_for_url(re.compile(r"/kk/news/2026-11-18-shygys-110/$"))


def test_missing_translation_page_speaks_the_readers_language(page: Any, site_url: str) -> None:
    page.goto(site_url + f"kk/{ONLY_KK}/")
    page.locator("a[data-jarshy=translation]").click()
    page.wait_for_url(re.compile(rf"/ru/{ONLY_KK}/$"))
    assert page.locator("html").get_attribute("lang") == "ru"
    assert h1(page) == "Перевод этого материала пока не готов"
    original = page.locator(".jarshy-original a")
    assert original.get_attribute("lang") == "kk"
    original.click()
    page.wait_for_url(re.compile(rf"/kk/{ONLY_KK}/$"))
    assert "Тіл шебері" in h1(page)


def test_script_in_a_title_is_shown_as_text(page: Any, site_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_url + "kk/news/2026-11-21-tekseru-script/")
    assert "<script>alert('kk')</script>" in h1(page)
    assert "<script>" in page.title()
    body = page.locator("article.md-content__inner").inner_html()
    assert "onclick" not in body and "javascript:" not in body and "<iframe" not in body
    assert "example.com" not in body
    assert page.locator("article b", has_text="жуан").count() == 1  # allowed tag kept
    assert dialogs == []


def test_page_with_a_kazakh_file_name_opens(page: Any, site_url: str) -> None:
    response = page.goto(site_url + "kk/" + quote(KAZAKH_STEM) + "/")
    assert response is not None and response.status == 200
    assert h1(page) == \
        "Кіру қақпаларында цифрлық өткізу жүйесі іске қосылды"
    page.locator("a[data-jarshy=translation]").click()
    page.wait_for_url(re.compile(r"/ru/innovations/"))
    assert h1(page) == \
        "На проходных запущена цифровая пропускная система"


def test_future_and_expired_items_are_left_out(built_site: Path) -> None:
    assert not (built_site / "kk/news/2026-11-22-bolashaq").exists()
    assert not (built_site / "kk/news/2026-11-01-eskirgen").exists()
    assert not (built_site / "ru/news/2026-11-01-eskirgen").exists()


def _pages(built_site: Path, lang: str) -> list[Path]:
    return sorted((built_site / lang).rglob("*.html"))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_lang_is_right_on_every_page(built_site: Path, lang: str) -> None:
    wrong = [str(p.relative_to(built_site)) for p in _pages(built_site, lang)
             if f'<html lang="{lang}"' not in p.read_text(encoding="utf-8")[:400]]
    assert wrong == []


_SIDEBAR = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.S)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_sidebar_link_on_every_page_opens_the_same_page(built_site: Path,
                                                              lang: str) -> None:
    """The sidebar is rendered once per folder and reused (site_gen/mkdocs_hooks.py): from
    every page, in every section, its links must lead to the pages the home page's do."""
    def targets(html: Path) -> list[str]:
        found = _SIDEBAR.search(html.read_text(encoding="utf-8"))
        assert found is not None, html
        out = []
        for href in re.findall(r'<a href="([^"#]*)"[^>]*class="md-nav__link', found[0]):
            resolved = (built_site / href.lstrip("/") if href.startswith("/")
                        else html.parent / href).resolve()  # 404.html links from the root
            assert (resolved / "index.html").exists() or resolved.is_file(), (html, href)
            out.append(resolved.relative_to(built_site).as_posix())
        return out

    home = targets(built_site / lang / "index.html")
    assert len(home) >= 5
    pages = _pages(built_site, lang)
    assert len({p.parent.parent for p in pages}) > 5  # pages in many folders
    wrong = [str(p.relative_to(built_site)) for p in pages if targets(p) != home]
    assert wrong == []


def test_kazakh_pages_have_no_russian_or_english_interface_words(page: Any,
                                                                 site_url: str) -> None:
    page.goto(site_url + "kk/news/2026-11-18-shygys-110/")
    chrome = page.locator("header, nav, footer, .md-search").all_inner_texts()
    text = " ".join(chrome)
    for word in ("Поиск", "Search", "Навигация", "Содержание", "Назад", "Вперед", "Table of"):
        assert word not in text
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Іздеу"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_home_page_screenshot(page: Any, site_url: str, lang: str) -> None:
    page.goto(site_url + f"{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".jarshy-slot").count() >= 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{lang}.png"), full_page=True)


def test_font_is_self_hosted_and_used(page: Any, site_url: str) -> None:
    page.goto(site_url + "kk/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Jarshy Sans\"', 'әғқңөұүһі')")
    fonts = [u for u in page.requests_seen if u.endswith(".ttf")]
    assert fonts and all(u.startswith(site_url) for u in fonts)


def test_no_request_leaves_the_local_host(page: Any, site_url: str) -> None:
    """Home, an article, a section, search and the root page: every request stays local."""
    for path in ("", "kk/", "ru/", "kk/news/2026-11-18-shygys-110/", "ru/news/", "kk/404.html"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("жаңалық")
    box.press("End")
    page.wait_for_timeout(500)
    assert len(page.requests_seen) > 10  # the recorder saw the pages, fonts, scripts, index
    outside = [u for u in page.requests_seen
               if not u.startswith((site_url, "data:", "blob:", "about:"))]
    assert outside == []
