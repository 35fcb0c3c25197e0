"""The seven Markdown constructions that got a ``javascript:`` link past both regex
sanitizers (``tests/security/hostile_markdown.py``): built into a site and opened in Chromium
under the shipped policy, none runs and none is left as a link; ``check`` reports each
exactly once, at the line of its block, so check and build agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.security.hostile_markdown import (
    BODY_LINE,
    SEVEN,
    build_site,
    serve_with_policy,
    visit,
    write_items,
)


@pytest.fixture(scope="module")
def seven_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("seven"), SEVEN)


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(SEVEN))
def test_the_construction_runs_nothing_in_chromium(
        chromium: Any, seven_site: Path, name: str) -> None:
    paths = [f"/{lang}/news/2026-11-20-{name}/" for lang in ("kk", "ru")]
    for path in paths:
        assert (seven_site / path.strip("/") / "index.html").is_file(), path
    with serve_with_policy(seven_site) as base:
        found = visit(chromium, base, paths)
    assert found["dialogs"] == []
    assert found["violations"] == []
    assert found["script_links"] == []
    assert found["outside"] == []
    assert found["errors"] == []
    page = (seven_site / "kk" / "news" / f"2026-11-20-{name}" / "index.html").read_text("utf-8")
    assert "сілтеме" in page or "бірінші" in page or "екі" in page  # the text itself stays


@pytest.mark.parametrize("name", sorted(SEVEN))
def test_check_reports_the_construction_once_at_its_block(tmp_path: Path, name: str) -> None:
    from site_gen.content import check

    write_items(tmp_path / "content", {name: SEVEN[name]})
    _, diagnostics, _ = check(tmp_path / "content")
    for lang in ("kk", "ru"):
        path = f"content/news/2026-11-20-{name}.{lang}.md"
        mine = [d for d in diagnostics if str(d.path) == path]
        assert [(d.line, d.severity, d.code) for d in mine] == [
            (BODY_LINE, "warning", "raw-html")], mine
        assert "javascript:" in mine[0].message
