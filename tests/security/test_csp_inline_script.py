"""No executable inline script anywhere on the site, and a policy that says so.

Material writes small inline scripts (its base-URL scope, the palette, tabs …) whose text
changes with the page's depth, and we had our own (the language memory, the root page's
redirect): with them, the policy had to allow ``'unsafe-inline'``, which also lets a
``javascript:`` link or an injected ``<script>`` run. Now each is a file from the site itself:
every built page's ``<script>`` has a ``src`` or is JSON data; the page's policy and the
nginx header say ``script-src 'self' 'wasm-unsafe-eval'`` (the second: WebAssembly, for
search only); and in Chromium, under the header, the pages show no policy violation while
search, the language switch and the language memory still work (the letter form:
tests/site/test_blog.py, under the same meta policy)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.security.hostile_markdown import (
    serve_with_policy,
    shipped_policy,
    visit,
)

_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')


def directives(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.replace("&#39;", "'").split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_no_page_has_an_executable_inline_script(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    inline: list[str] = []
    for page in pages:
        for m in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = m.group(1)
            if "src=" not in attrs and 'type="application/json"' not in attrs:
                inline.append(f"{page.relative_to(built_site)}: <script{attrs}>")
    assert inline == []


def test_the_page_policy_and_the_header_allow_only_the_sites_own_scripts(
        built_site: Path) -> None:
    header = directives(shipped_policy())
    assert header["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # Pagefind's WebAssembly
    assert header["script-src-attr"] == ["'none'"]
    for page in ("kk/index.html", "ru/news/2026-11-18-shygys-110/index.html", "kk/404.html"):
        found = _META.search((built_site / page).read_text(encoding="utf-8"))
        assert found, page
        meta = directives(found.group(1))
        assert meta["script-src"] == ["'self'", "'wasm-unsafe-eval'"], page
        assert meta == {k: v for k, v in header.items() if k != "frame-ancestors"}


PAGES = ["/", "/kk/", "/ru/", "/kk/news/2026-11-18-shygys-110/", "/ru/page/blog/",
         "/kk/newspaper/", "/kk/analytics/2026-11-21-tutynu-dinamikasy/", "/kk/screens/"]


@pytest.mark.browser
def test_pages_run_under_the_shipped_header_without_a_violation(
        chromium: Any, built_site: Path) -> None:
    with serve_with_policy(built_site) as base:
        found = visit(chromium, base, PAGES, click=False)
    assert found["violations"] == []
    assert found["errors"] == []
    assert found["dialogs"] == []
    assert found["outside"] == []


@pytest.mark.browser
def test_search_language_switch_and_memory_work_under_the_header(
        chromium: Any, built_site: Path) -> None:
    with serve_with_policy(built_site) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        violations: list[str] = []
        try:
            page = context.new_page()
            page.on("console", lambda m: violations.append(m.text)
                    if "Content Security Policy" in m.text else None)
            page.goto(base + "/ru/news/2026-11-18-shygys-110/")
            # Material's bundle ran (it needs the scope script's __md_get) and stored state
            assert page.evaluate("() => typeof window.__md_get") == "function"
            assert page.evaluate("() => localStorage.getItem('jarshy.lang')") == "ru"
            # the root page follows the remembered language (jarshy-root.js)
            page.goto(base + "/")
            page.wait_for_url(re.compile(r".*/ru/$"))
            # search: Pagefind answers a Kazakh word on the Kazakh site
            page.goto(base + "/kk/")
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("қызметкер")
            box.press("End")
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            # the language switch goes to the same item in Russian, and is remembered
            page.goto(base + "/kk/news/2026-11-18-shygys-110/")
            page.locator("a[data-jarshy=switch][hreflang=ru]").first.dispatch_event("click")
            page.wait_for_url(re.compile(r".*/ru/news/2026-11-18-shygys-110/$"))
            assert page.evaluate("() => localStorage.getItem('jarshy.lang')") == "ru"
        finally:
            context.close()
    assert violations == []
