"""The site's raw-HTML sanitizer on input shaped to make a regex backtrack."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

SCRIPT = """
import sys
from site_gen.stage.rawhtml import sanitize
body = sys.stdin.read()
cleaned = sanitize(body, "content/news/x.kk.md", 5)
print(len(cleaned.text))
"""


@pytest.mark.parametrize("body", [
    "<a" + " " * 50_000,
    "<p" + " title=x" * 20_000,
    "<img src=" + "'" * 30_000,
    "</" + "a" * 100_000,
])
def test_hostile_tags_finish_and_keep_the_text(body: str) -> None:
    # A hang is the failure mode here, so the child has a generous bound, not a speed target.
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=body,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0


_REFERENCE_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*(<?)([^)\s>]*)([^)\n]*\))?")


def _reference_defuse(text: str) -> str:
    """The plain reading of the Markdown-link rule (one regex with the "!" in it)."""
    from site_gen.stage.rawhtml import _MD_REF, _safe_url

    def link(m: re.Match[str]) -> str:
        image, label, angle, url, rest = m.groups()
        if _safe_url(html.unescape(url), external_ok=not image):
            return m.group(0)
        return label if image else f"[{label}]({angle}#{rest or ''}"

    def ref(m: re.Match[str]) -> str:
        return m.group(0) if _safe_url(html.unescape(m.group(2)), external_ok=True) \
            else m.group(1) + "#"

    return _MD_REF.sub(ref, _REFERENCE_LINK.sub(link, text))


_URLS = ["javascript:x", "https://e.kz/p.png", "../a.png", "//cdn/x", "data:,x", " <x.png>",
         "java\tscript:y", "&#106;avascript:z", "/images/a.png"]
_LINKS = st.builds(lambda bang, label, url, title: f"{bang}[{label}]({url}{title})",
                   st.sampled_from(["", "!", "!!", "\\!"]), st.sampled_from(["a", "ә b", ""]),
                   st.sampled_from(_URLS), st.sampled_from(["", ' "t"', " x"]))
_NOISE = st.sampled_from(["!", "[", "]", "(", ")", "<", ">", " ", "\n", "a", "ә", "[t]: ",
                          "\t", "x]("])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_LINKS, _NOISE, st.sampled_from(_URLS)), max_size=20))
def test_markdown_links_are_defused_as_the_plain_rule_says(bits: list[str]) -> None:
    from site_gen.stage.rawhtml import _defuse_markdown

    text = "".join(bits)
    assert _defuse_markdown(text, lambda _at, _what, _hint: None) == _reference_defuse(text)
