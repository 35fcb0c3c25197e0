"""``site-gen check`` reports a chart block that would not draw, at its line in the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
ITEM = """---
title: Тұтыну динамикасы
date: 2026-11-20
section: analytics
status: draft
---
Мәтін.

```chart
type: {kind}
data: |
  Ай;2026
  Қаң;121,9
```
"""


def content_root(tmp_path: Path, kind: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "absurd-duration" / "_data", root / "_data")
    for lang in ("kk", "ru"):
        (root / "analytics").mkdir(parents=True, exist_ok=True)
        (root / "analytics" / f"chart.{lang}.md").write_text(ITEM.format(kind=kind),
                                                             encoding="utf-8")
    return root


def test_unknown_chart_type_is_an_error_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_root(tmp_path, "pie")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "content/analytics/chart.kk.md:10:1: error: unknown chart type 'pie'" in out
    assert "content/analytics/chart.ru.md:10:1: error: unknown chart type 'pie'" in out


def test_a_good_chart_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_root(tmp_path, "bar")
    assert main(["check", str(root)]) == 0
    assert "chart" not in capsys.readouterr().out
