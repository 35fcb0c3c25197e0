"""The raw-HTML check in bodies (site_gen.content.rawhtml): what it reports, where, and
what it leaves alone (code, safe HTML, links inside the site)."""

from __future__ import annotations

import pytest

from site_gen.content.rawhtml import MAX_REPORTS, find_raw_html


def found(body: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.severity, d.code) for d in find_raw_html(body, "x.kk.md", 10)]


def test_script_is_reported_at_its_line_and_column() -> None:
    body = "Сәлем!\n\nМәтін <script>alert(1)</script> соңы\n"
    assert found(body) == [(12, 7, "warning", "raw-html")]
    [d] = find_raw_html(body, "content/news/x.kk.md", 10)
    assert d.path == "content/news/x.kk.md" and "<script>" in d.message


@pytest.mark.parametrize("body", [
    "<iframe src=/x></iframe>", "<IFRAME SRC=/x>", "<object data=x>", "<embed src=x>",
    "<img src=/i.png onerror=alert(1)>", "<p onclick='x()'>", "<a href=\"javascript:x()\">",
    "<a href='JaVaScRiPt:x()'>", "<a href=\"&#106;avascript:x()\">", "[t](javascript:x())",
    "[t]( javascript:x() )", "<vbscript:x>", "[t][r]\n\n[r]: javascript:x()",
    "<a href=\"java\nscript:x()\">", "<iframe\nsrc=x>",
])
def test_active_html_is_reported(body: str) -> None:
    assert [f[2:] for f in found(body)][:1] == [("warning", "raw-html")]


@pytest.mark.parametrize("body", [
    "![x](http://evil.example/a.png)", "![x](https://evil.example/a.png)",
    "![x](//evil.example/a.png)", "<img src=\"http://evil.example/a.png\">",
])
def test_external_images_are_warnings(body: str) -> None:
    assert [f[2:] for f in found(body)] == [("warning", "external-image")]


@pytest.mark.parametrize("body", [
    "Қарапайым мәтін, **қалың**, [сілтеме](https://example.kz/), <b>жуан</b>.",
    "![сурет](/images/a.png) <img src=\"../images/b.png\" alt=\"b\">",
    "`<script>alert(1)</script>` — кодтың мысалы.",
    "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```\n",
    "~~~~\n<script>\n~~~\nстill code\n~~~~\n",
    "``a ` <script> ``",
    "one < two > zero, a<b and x>y",
    "Мәтін: javascript: тілі туралы.",
    "<a href=\"https://example.kz/\" title=\"online\">ok</a>",
])
def test_text_code_and_safe_html_are_fine(body: str) -> None:
    assert found(body) == []


def test_code_fence_does_not_hide_what_follows() -> None:
    body = "```\n<script>\n```\n<script>x</script>\n"
    assert found(body) == [(13, 1, "warning", "raw-html")]


def test_reports_are_capped_with_a_count() -> None:
    diagnostics = find_raw_html("<script>\n" * 50, "x.kk.md", 1)
    assert len(diagnostics) == MAX_REPORTS + 1
    assert "30 more" in diagnostics[-1].message
