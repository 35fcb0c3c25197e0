"""bench/publish.py at one size keeps the other size's last table, with its date, and the
staging profile's line, when build/ holds no results of the earlier run."""

from __future__ import annotations

from pathlib import Path

from bench.publish import STAGING_2000, kept_runs

RUN_1000 = ("Run on CPython 3.11.7, 2 cores, x86_64, 2026-12-06 00:20 UTC.\n\n### 1000 pairs\n\n"
            "| step | live s |\n|---|---|\n| (b) push | 10.12 |\n\nLoad average 9.7.")
RUN_10000 = ("Run on CPython 3.11.7, 2 cores, x86_64, 2026-12-06 00:44 UTC.\n\n### 10000 pairs"
             "\n\n| step | live s |\n|---|---|\n| (b) push | 17.66 |\n\nTargets missed.")


def _doc(tmp_path: Path, body: str) -> Path:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n<!-- bench:other -->\nRun on x.\n\n### 5 pairs\n\nno\n"
                   "<!-- /bench:other -->\n\n<!-- bench:publish -->\n## Push → site\n\n"
                   f"Measured on y.\n\n{body}\n<!-- /bench:publish -->\n", encoding="utf-8")
    return doc


def test_each_size_is_read_back_whole_with_its_date(tmp_path: Path) -> None:
    doc = _doc(tmp_path, f"{RUN_1000}\n\n{RUN_10000}\n\n{STAGING_2000}")
    assert kept_runs(doc) == {"1000": RUN_1000, "10000": RUN_10000}


def test_no_section_keeps_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n", encoding="utf-8")
    assert kept_runs(doc) == {}
    assert kept_runs(tmp_path / "missing.md") == {}
