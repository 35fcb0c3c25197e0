"""Hundreds of nested lists or quotes used to crash the build with a RecursionError (inside
Python-Markdown). Now ``check`` reports the item as an error at the line where the nesting
goes too deep, with a hint; the Markdown renderer the site, the print edition and the posters
use never recurses into it; and ``site-gen build`` names the file and line, with no
traceback, and publishes no page for the item."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.hostile_markdown import BODY_LINE, REPO, TODAY, write_items

DEEP = {
    "deep-list": "Тізім:\n\n" + "".join("  " * i + "- деңгей\n" for i in range(600)),
    "deep-quote": "Дәйексөз:\n\n" + "".join("> " * i + "деңгей\n\n" for i in range(1, 400)),
    "deep-div": "<div markdown>\n" * 500 + "мәтін\n" + "</div>\n" * 500,
}
FIRST_TOO_DEEP = {"deep-list": BODY_LINE + 2 + 102, "deep-quote": BODY_LINE + 2 + 2 * 50,
                  "deep-div": BODY_LINE + 50}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_check_reports_the_depth_as_one_error_at_its_line(tmp_path: Path, name: str) -> None:
    from site_gen.content import check

    write_items(tmp_path / "content", {name: DEEP[name]})
    _, diagnostics, _ = check(tmp_path / "content")
    for lang in ("kk", "ru"):
        mine = [d for d in diagnostics if str(d.path).endswith(f"2026-11-20-{name}.{lang}.md")]
        assert [(d.line, d.severity, d.code) for d in mine] == [
            (FIRST_TOO_DEEP[name], "error", "too-deep")], mine
        assert "levels deep" in mine[0].message and mine[0].hint


@pytest.mark.parametrize("name", sorted(DEEP))
def test_the_sites_renderer_does_not_recurse_into_it(name: str) -> None:
    from markdown import Markdown  # type: ignore[import-untyped]

    from site_gen.content.htmlcheck import check_extensions
    from site_gen.content.markup import SafeHtmlExtension, safe_html

    html = Markdown(extensions=[*check_extensions(), SafeHtmlExtension()]).convert(DEEP[name])
    assert "деңгей" not in html and "мәтін" not in html
    assert "деңгей" not in safe_html(DEEP[name], ["md_in_html", "tables"])


def test_the_build_names_the_file_and_line_and_publishes_no_page_for_it(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_items(content, {"deep-list": DEEP["deep-list"], "plain": "Қарапайым мәтін.\n"})
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", "--content", str(content),
         "--out", str(out), "--date", TODAY],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    report = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in report and "RecursionError" not in report
    line = FIRST_TOO_DEEP["deep-list"]
    assert f"content/news/2026-11-20-deep-list.kk.md:{line}:1: error" in report, report[-3000:]
    assert not (out / "kk" / "news" / "2026-11-20-deep-list" / "index.html").exists()
