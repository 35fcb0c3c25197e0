"""What the engine pays per page for Jarshy's own Markdown extensions (issue 13: the full
build's ratio to plain mkdocs-material), and that the cheaper path gives the same HTML.

ProperDocs makes a new Markdown object for every page and resets it; the sanitizer
extension (site_gen.content.markup) used to compile a fresh regular expression on each
reset, twice per page, for placeholders that only a page with a chart has."""

from __future__ import annotations

import re

import markdown  # type: ignore[import-untyped]  # ships no types
import pytest

from site_gen.content import markup

CHART = """Алдыңғы мәтін.

```chart
type: bar
title: Ажыратулар
data: |
  Ай;2026
  Қаңтар;12
  Ақпан;9
```

Соңғы <b onclick="alert(1)">мәтін</b>.
"""
PLAIN = "## Жаңалық\n\nЖұмыс «жоспар» бойынша.\n\n- бір\n- екі\n"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The placeholder patterns compiled from now on (every other pattern Markdown
    compiles passes through the spy too)."""
    compiled: list[str] = []
    real = re.compile

    def spy(pattern: str, flags: int = 0) -> re.Pattern[str]:
        if "jarshytrusted" in str(pattern):
            compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", spy)
    return compiled


def test_a_page_without_a_chart_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _counting(monkeypatch)
    md = markdown.Markdown(extensions=["tables", markup.SafeHtmlExtension()])
    for _ in range(3):  # as the engine does: a reset per page
        md.reset()
        assert "<h2>Жаңалық</h2>" in md.convert(PLAIN)
    assert compiled == []


def test_a_chart_still_comes_back_after_the_sanitizer(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _counting(monkeypatch)
    html = markup.safe_html(CHART, ["tables", "site_gen.charts"])
    assert "<svg" in html and "jarshytrusted" not in html  # the chart, not its placeholder
    assert "onclick" not in html and "<b>мәтін</b>" in html  # the editor's HTML was cleaned
    assert len(compiled) == 1  # this document's placeholders, once
