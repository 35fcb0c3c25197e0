"""The raw-HTML check in bodies (site_gen.content.htmlcheck): what the site's sanitizer
would remove, reported where its block starts; what it leaves alone (code spans, safe HTML,
links inside the site)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.content.htmlcheck import (
    MAX_REPORTS,
    html_problems,
    removed,
    render_blocks,
    surely_clean,
)


def found(body: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.severity, d.code) for d in html_problems(body, "x.kk.md", 10)]


def test_script_is_reported_at_the_line_of_its_block() -> None:
    body = "Сәлем!\n\nМәтін <script>alert(1)</script> соңы\n"
    assert found(body) == [(12, 1, "warning", "raw-html")]
    [d] = html_problems(body, "content/news/x.kk.md", 10)
    assert d.path == "content/news/x.kk.md" and "<script>" in d.message


@pytest.mark.parametrize("body", [
    "<iframe src=/x></iframe>", "<IFRAME SRC=/x>", "<object data=x>", "<embed src=x>",
    "<img src=/i.png onerror=alert(1)>", "<p onclick='x()'>", "<a href=\"javascript:x()\">",
    "<a href='JaVaScRiPt:x()'>", "<a href=\"&#106;avascript:x()\">", "[t](javascript:x())",
    "[t]( javascript:x() )", "<vbscript:x>", "[t][r]\n\n[r]: javascript:x()",
    "<a href=\"java\nscript:x()\">", "<iframe\nsrc=x>",
    # a fence is not code for the site's Markdown (no fenced_code): its HTML is HTML
    "```html\n<script>alert(1)</script>\n```\n", "~~~~\n<script>\n~~~\n",
])
def test_active_html_is_reported(body: str) -> None:
    assert [f[2:] for f in found(body)] == [("warning", "raw-html")]


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
    "    <script>indented code</script>\n",
    "``a ` <script> ``",
    "one < two > zero, 3<5",
    "Мәтін: javascript: тілі туралы.",
    "<a href=\"https://example.kz/\" title=\"online\">ok</a>",
    "[хат](mailto:a@b.kz) [телефон](tel:+77011234567) [бет](../x/) [тақырып](#id)",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n## Тақырып {#bolim .ekinshi}\n\nx[^1]\n\n[^1]: сілтеме",
    "!!! note \"Ескерту\"\n    мәтін\n\n*[ҚР]: Қазақстан Республикасы\n\nҚР",
])
def test_text_code_and_safe_html_are_fine(body: str) -> None:
    assert found(body) == []


def test_each_block_is_reported_at_its_own_line() -> None:
    body = "бірінші\n\n- тізім\n- <b onclick=x>жуан</b>\n\nмәтін\n\n[бет](javascript:x())\n"
    assert [f[0] for f in found(body)] == [12, 17]


def test_reports_are_capped_with_a_count() -> None:
    diagnostics = html_problems("<script>x</script>\n\n" * 50, "x.kk.md", 1)
    assert len(diagnostics) == MAX_REPORTS + 1
    assert "30 more" in diagnostics[-1].message
    assert [d.line for d in diagnostics[:3]] == [1, 3, 5]


def test_too_deep_nesting_is_one_error_with_a_hint() -> None:
    body = "кіріспе\n\n" + "".join("    " * i + "- x\n" for i in range(400))
    [d] = html_problems(body, "x.kk.md", 10)
    assert (d.line, d.severity, d.code) == (12 + 51, "error", "too-deep")
    assert d.hint


_PIECES = st.sampled_from([
    "Мәтін", "Дата: 10:00", "Note: x", "see https://example.kz/", "[a](https://e.kz/x)",
    "[a](http://e.kz)", "![b](/images/a.png)", "![b](https://e.com/a.png)", "[c](mailto:a@b.kz)",
    "[d](tel:+7701)", "[e](../news/x.kk.md)", "[f][r]", "[r]: https://e.kz", "[r]:\n    ftp://x",
    "# Тақырып", "## Jarshy туралы", "# __init__", "Md-ish", "(javascript:x)",
    "[g](java\tscript:x)",
    "[h](JAVASCRIPT:x)", "[i](-javascript:x)", "[j](1javascript:x)", "[k](жjavascript:x)",
    "[l]( data:x)", "*[ҚР]: Қазақстан", "| a | b |\n|:-|-:|\n| 1 | 2 |", "- тізім", "> дәйексөз",
    "!!! note \"T\"\n    мәтін", "x[^1]\n\n[^1]: n", "Term\n:   meaning", "\n", "\n\n", " ",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_body_check_skips_is_one_the_sanitizer_leaves_alone(body: str) -> None:
    """check skips rendering bodies it can prove clean (surely_clean): never one the
    build's sanitizer would change."""
    if surely_clean(body):
        assert not any(removed(before, after) for before, after in render_blocks(body)), body


def test_check_renders_with_the_extensions_of_the_sites_mkdocs_yml() -> None:
    """check and the build render the same Markdown (the sanitizer is added by the staging)."""
    from pathlib import Path

    from site_gen.content.htmlcheck import check_extensions
    from site_gen.stage import config, syntax

    base = config.read_base(Path(__file__).resolve().parents[2] / "mkdocs.yml")
    site = {syntax.extension_name(e) for e in base["markdown_extensions"]}
    names = {"ChartExtension": "site_gen.charts", "TocExtension": "toc"}
    mine = {e if isinstance(e, str) else names[type(e).__name__] for e in check_extensions()}
    assert mine == site - {config.SANITIZER}
