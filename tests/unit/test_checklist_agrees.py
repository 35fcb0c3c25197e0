"""`site-gen check` and `site-gen check --checklist` agree: one source of severity.

The example content holds a deliberately Kazakh-only item (a warning): both commands exit 0
on it, and the checklist says what check says, with the same severity. A block is "must
fix" exactly when check has an error about the item.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.checklist import run_checklist

REPO = Path(__file__).resolve().parent.parent.parent
ONLY_KK = "content/sports-culture/2026-11-12-til-sheberi.kk.md"


@pytest.fixture(autouse=True)
def _pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23")


def _item_paths(c: object) -> set[str]:
    stem = c.item.primary.path[: -len(".kk.md")]  # type: ignore[attr-defined]
    return {f"{stem}.kk.md", f"{stem}.ru.md"}


def _agree(root: Path) -> None:
    """Per item of the checklist: each of check's diagnostics about its two files is in
    one of its blocks with the same severity, and a block fails only for an error."""
    content, diagnostics, _ = check(root)
    lists = run_checklist(content, diagnostics=diagnostics)
    assert lists
    for c in lists:
        told = {d for d in diagnostics if d.path in _item_paths(c)}
        shown = {f.diagnostic for r in c.results for f in r.findings if f.diagnostic}
        assert told <= shown, c.item.key
        for r in c.results:
            errors = [f for f in r.findings if f.severity == "error"]
            assert (r.state == "fail") == bool(errors), (c.item.key, r.code)
            assert all(f.diagnostic in diagnostics for f in errors), (c.item.key, r.code)
        assert c.passed == (not any(d.severity == "error" for d in told))


def _exit_codes(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, int, str, str]:
    plain = main(["check", str(root)])
    plain_out = capsys.readouterr().out
    listed = main(["check", "--checklist", str(root)])
    return plain, listed, plain_out, capsys.readouterr().out


def test_example_content_both_exit_0_with_the_same_findings(
        capsys: pytest.CaptureFixture[str]) -> None:
    plain, listed, plain_out, list_out = _exit_codes(REPO / "content", capsys)
    assert (plain, listed) == (0, 0)
    # The Kazakh-only item: a warning in check, "check by eye" (!) in the checklist.
    assert f"{ONLY_KK}:1:1: warning: no Russian version" in plain_out
    row = next(line for line in list_out.splitlines()
               if line.startswith("| sports-culture/2026-11-12-til-sheberi "))
    assert "✗" not in row and "!" in row
    assert f"  ! both languages: {ONLY_KK}:1: no Russian version" in list_out
    assert "0 must be fixed before publishing" in list_out
    _agree(REPO / "content")


def test_json_of_both_name_the_same_severity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(REPO / "content")]) == 0
    plain = {(d["path"], d["line"], d["severity"])
             for d in json.loads(capsys.readouterr().out)["diagnostics"]}
    assert main(["check", "--checklist", "--format", "json", str(REPO / "content")]) == 0
    rows = json.loads(capsys.readouterr().out)["checklist"]
    found = {(f["path"], f["line"], f["severity"]) for row in rows
             for block in row["checks"].values() for f in block["findings"]}
    assert (ONLY_KK, 1, "warning") in plain & found
    assert not any(sev == "error" for _, _, sev in found)


APPROVED_WITH_PHONE = """---
title: "Мерейтой"
date: 2026-11-20
section: congratulations
status: approved
decision: publish
approved_by: "А. Сейітова"
approved_at: 2026-11-20
---

Құттықтаймыз! Телефоны: +7 701 234 56 78.
"""


def test_an_error_fails_both_and_the_same_block(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    for lang in ("kk", "ru"):
        (root / "congratulations" / f"2026-11-20-phone.{lang}.md").write_text(
            APPROVED_WITH_PHONE, encoding="utf-8")
    plain, listed, plain_out, list_out = _exit_codes(root, capsys)
    assert (plain, listed) == (1, 1)
    assert "content/congratulations/2026-11-20-phone.kk.md:11:" in plain_out
    assert "  ✗ personal data: content/congratulations/2026-11-20-phone.kk.md:11:" in list_out
    assert "1 must be fixed before publishing" in list_out
    _agree(root)
