"""The one allow-list (site_gen/content/allowlist.py): what it keeps and removes, and the
copy of its table in docs/editors.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.content.allowlist import clean, markdown_table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editors.md"


def test_the_editors_guide_shows_the_table_the_sanitizer_uses() -> None:
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- allowlist:start[^\n]*\n(.*?)<!-- allowlist:end -->", text, re.S)
    assert found, "docs/editors.md has no allowlist:start … allowlist:end block"
    assert found.group(1) == markdown_table()


@pytest.mark.parametrize(("html", "kept"), [
    ('<p><a href="https://example.kz/">x</a></p>', 'href="https://example.kz/"'),
    ('<p><a href="mailto:a@b.kz">x</a><a href="tel:+7701">y</a></p>', 'href="tel:+7701"'),
    ('<p><a href="../news/x/#id">x</a></p>', 'href="../news/x/#id"'),
    ('<h2 id="bolim">x<a class="headerlink" href="#bolim">¶</a></h2>', 'id="bolim"'),
    ('<div class="admonition note"><p class="admonition-title">T</p></div>',
     'class="admonition note"'),
    ('<table><tr><td style="text-align: right;">1</td></tr></table>', 'text-align:right'),
    ('<p><img src="../images/a.png" alt="a"></p>', 'src="../images/a.png"'),
])
def test_what_the_site_needs_is_kept(html: str, kept: str) -> None:
    assert kept in clean(html)


@pytest.mark.parametrize(("html", "gone"), [
    ('<p><a href="javascript:alert(1)">x</a></p>', "javascript"),
    ('<p><a href="ftp://example.kz/x">x</a></p>', "ftp:"),
    ('<p><a href="data:text/html,x">x</a></p>', "data:"),
    ('<p><img src="https://example.com/t.png"></p>', "example.com"),
    ('<p><img src="//example.com/t.png"></p>', "example.com"),
    ('<p id="__config">x</p>', "__config"),
    ('<p id="md-sidebar">x</p>', "md-sidebar"),
    ('<table><tr><td style="background:url(x.png)">1</td></tr></table>', "background"),
    ('<p onclick="x()">x</p>', "onclick"),
    ("<p>a<script>alert(1)</script>b</p>", "alert"),
    ("<p>a<svg><circle r=1 /></svg>b</p>", "circle"),
])
def test_what_could_run_load_or_stand_in_is_removed(html: str, gone: str) -> None:
    assert gone not in clean(html)
