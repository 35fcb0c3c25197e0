"""The newspaper's "and others", the orders and directives, and the leisure part of the
sports section, in Chromium (issue 15, clauses 5.1.8 and 5.1.9).

The example content carries one item of each: ``other/2026-11-19-qagaz-tapsyr`` (issue 12)
and ``orders/2026-11-20-qysqy-qauipsizdik`` (on every screen from 20 November). Names are
asserted as a reader sees them, in both languages.
"""

from __future__ import annotations

from typing import Any

import pytest

from site_gen.content.model import Lang

pytestmark = pytest.mark.browser

LANGS: tuple[Lang, Lang] = ("kk", "ru")
OTHER = {"kk": "Басқа материалдар", "ru": "Другие материалы"}
ORDERS = {"kk": "Бұйрықтар мен өкімдер", "ru": "Приказы и распоряжения"}
LEISURE = {"kk": "Спорт, мәдениет және демалыс", "ru": "Спорт, культура и досуг"}
OTHER_TITLE = {"kk": "«Қағаз тапсыр — ағаш отырғыз»: бір тоннадан астам қағаз жиналды",
               "ru": "«Сдай бумагу — посади дерево»: собрано больше тонны макулатуры"}
ORDER_TITLE = {"kk": "Қысқы кезеңде еңбек қауіпсіздігін қамтамасыз ету туралы бұйрық",
               "ru": "Приказ об обеспечении безопасности труда в зимний период"}


def h1(page: Any) -> str:
    """The page's heading as read, without the permalink sign MkDocs adds."""
    return str(page.locator("h1").first.inner_text()).replace("¶", "").strip()


@pytest.mark.parametrize("lang", LANGS)
def test_the_issue_has_an_other_section_last(page: Any, site_url: str, lang: Lang) -> None:
    page.goto(f"{site_url}{lang}/newspaper/12/")
    blocks = page.locator(".jarshy-front__section[data-section]")
    sections = [blocks.nth(i).get_attribute("data-section") for i in range(blocks.count())]
    assert sections[-1] == "other"
    other = page.locator("section#other")
    assert other.locator("h2").first.inner_text().strip() == OTHER[lang]
    other.get_by_text(OTHER_TITLE[lang]).first.click()
    page.wait_for_url(f"**/{lang}/other/2026-11-19-qagaz-tapsyr/")
    assert h1(page) == OTHER_TITLE[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_newspaper_section_page_of_other(page: Any, site_url: str, lang: Lang) -> None:
    page.goto(f"{site_url}{lang}/newspaper/other/")
    assert h1(page) == OTHER[lang]
    assert page.get_by_text(OTHER_TITLE[lang]).count() >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_orders_are_a_portal_section_on_the_screens_not_in_the_paper(
        page: Any, site_url: str, lang: Lang) -> None:
    page.goto(f"{site_url}{lang}/orders/")
    assert h1(page) == ORDERS[lang]
    page.get_by_role("link", name=ORDER_TITLE[lang]).click()
    page.wait_for_url(f"**/{lang}/orders/2026-11-20-qysqy-qauipsizdik/")
    page.goto(f"{site_url}{lang}/")
    screens = page.locator(".jarshy-home-screens")
    assert screens.get_by_text(ORDER_TITLE[lang]).count() >= 1  # on the monitors today
    page.goto(f"{site_url}{lang}/newspaper/12/")
    assert page.locator("section#orders").count() == 0
    assert page.get_by_text(ORDER_TITLE[lang]).count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_sports_keeps_its_leisure_part_and_its_address(page: Any, site_url: str,
                                                       lang: Lang) -> None:
    page.goto(f"{site_url}{lang}/sports-culture/")
    assert h1(page) == LEISURE[lang]
    page.goto(f"{site_url}{lang}/newspaper/sports-culture/")
    assert h1(page) == LEISURE[lang]
    page.goto(f"{site_url}{lang}/newspaper/12/")
    assert page.locator("section#sports-culture h2").first.inner_text().strip() == LEISURE[lang]
