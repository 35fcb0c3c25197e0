"""Accessibility of the built site, judged by axe-core in Chromium: no serious or critical
violation on the home page, an article, a newspaper issue, the search results and the
blog page, in Kazakh and in Russian; each page says its language (``lang``) so a screen
reader reads Kazakh as Kazakh. (Every page's ``lang`` in the files is checked by
``tests/site/test_pages.py::test_lang_is_right_on_every_page``.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# axe-core comes from the npm registry: tests/a11y/package.json and its package-lock.json,
# installed on first use with ``npm ci --prefix tests/a11y`` (./dev.sh installs nodejs/npm).
# The test lives here, not in tests/a11y/, to share this folder's one Chromium and one built
# site: two sync Playwright instances cannot run in one pytest process.
A11Y = Path(__file__).resolve().parents[1] / "a11y"
AXE = A11Y / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js (installed with npm on first use)."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: install the Debian packages nodejs and npm "
                        "(./dev.sh does it when run as root)")
        done = subprocess.run([npm, "ci", "--prefix", str(A11Y), "--no-audit", "--no-fund"],
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not AXE.is_file():
            pytest.fail(f"npm ci --prefix {A11Y} failed:\n{done.stderr[-2000:]}")
    return AXE.read_text(encoding="utf-8")

ARTICLE = "news/2026-11-18-shygys-110/"
SEARCH = {"kk": "цифрлық", "ru": "пропускная"}
PAGES = ["home", "article", "issue", "search", "blog"]


def latest_issue(built_site: Path, lang: str) -> str:
    numbers = [int(p.name) for p in (built_site / lang / "newspaper").iterdir()
               if p.is_dir() and p.name.isdigit() and (p / "index.html").exists()]
    assert numbers, "no newspaper issue in the built site"
    return f"newspaper/{max(numbers)}/"


def open_page(page: Any, site_url: str, built_site: Path, lang: str, which: str) -> None:
    path = {"home": "", "article": ARTICLE, "issue": latest_issue(built_site, lang),
            "search": "", "blog": "page/blog/"}[which]
    page.goto(f"{site_url}{lang}/{path}")
    page.wait_for_load_state("load")
    if which == "search":
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(SEARCH[lang])
        box.press("End")  # Material searches on keyup
        page.locator(".md-search-result__item").first.wait_for()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        why = next((c["message"] for n in v["nodes"][:1] for c in n["any"] + n["all"]), "")
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {targets}: {why}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("which", PAGES)
def test_no_serious_or_critical_violation(page: Any, site_url: str, built_site: Path,
                                          axe_source: str, lang: str, which: str) -> None:
    open_page(page, site_url, built_site, lang, which)
    assert page.evaluate("() => document.documentElement.lang") == lang
    # Evaluated through the browser's debugging protocol, not added as an inline <script>:
    # the site's policy (script-src 'self') refuses inline scripts, and the page is judged
    # under that policy, as readers get it.
    page.evaluate(f"() => {{ {axe_source}\n; window.axe = axe; }}")
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{lang} {which} ({page.url}):\n{describe(bad)}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_other_language_is_marked_where_it_appears(page: Any, site_url: str,
                                                       lang: str) -> None:
    """The link to the other language names it in that language, and says so (``lang`` /
    ``hreflang``), so a screen reader switches voice for that word."""
    page.goto(f"{site_url}{lang}/{ARTICLE}")
    other = "ru" if lang == "kk" else "kk"
    link = page.locator(f"a[hreflang={other}]").first
    assert link.count() == 1
    marked = link.evaluate(
        "(a, other) => (a.closest('[lang]') || document.documentElement).lang === other"
        " || a.getAttribute('lang') === other || a.getAttribute('hreflang') === other", other)
    assert marked
    assert re.search(r"[а-яәғқңөұүһі]", link.inner_text() or link.get_attribute("title") or "",
                     re.I) or link.get_attribute("aria-label")
