"""The sanitizer and check on input shaped to make a parser backtrack or recurse: they
finish, keep the text, and never raise (a hang or a RecursionError is the failure mode)."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import sys
from site_gen.content.htmlcheck import html_problems
from site_gen.content.markup import safe_html
body = sys.stdin.read()
problems = html_problems(body, "content/news/x.kk.md", 5)
html = safe_html(body, ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables"])
print(len(html), len(problems))
"""


@pytest.mark.parametrize("body", [
    "<a" + " " * 50_000,
    "<p" + " title=x" * 20_000,
    "<img src=" + "'" * 30_000,
    "</" + "a" * 100_000,
    "> " * 2_000 + "x\n",
    "".join("  " * i + "- x\n" for i in range(2_000)),
    "<div markdown>\n" * 2_000 + "x\n" + "</div>\n" * 2_000,
    "[" * 5_000 + "x" + "](y)" * 5_000,
])
def test_hostile_bodies_finish_and_keep_the_text(body: str) -> None:
    # A generous bound for the child, not a speed target.
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=body,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    length, _ = done.stdout.split()
    assert int(length) > 0
