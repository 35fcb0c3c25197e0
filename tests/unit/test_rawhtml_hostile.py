"""The site's raw-HTML sanitizer on input shaped to make a regex backtrack."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
