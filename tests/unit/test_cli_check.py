"""`site-gen check` as an editor runs it: exit codes, text lines, JSON, path arguments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_gen.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
BAD = REPO / "tests" / "fixtures" / "bad"
KK = "content/news/2026-11-20-spartakiada.kk.md"
RU = "content/news/2026-11-20-spartakiada.ru.md"


def content_from(case: str, tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BAD / case, root)
    return root


def test_errors_exit_1_with_path_line_col_message_and_hint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_from("unknown-section", tmp_path)
    code = main(["check", str(root)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert f"{KK}:4:10: error: unknown section 'newz'; did you mean 'news'?" in out
    assert out[-1] == "checked 2 files: 1 item, 1 error, 0 warnings"


def test_every_problem_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_from("unknown-key", tmp_path)
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        f"{KK}:6:1: error: unknown field 'sumary'; did you mean 'summary'?",
        f"{RU}:7:3: error: unknown field 'scren' in signage; did you mean 'screens'?",
    ]


def test_clean_content_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_from("bom-and-crlf-fine", tmp_path)
    assert main(["check", str(root)]) == 0
    assert capsys.readouterr().out == "checked 2 files: 1 item, 0 errors, 0 warnings\n"


def test_warnings_only_exit_0_and_list_missing_translations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_from("missing-translation", tmp_path)
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{KK}:1:1: warning: no Russian version; add {RU}",
        "checked 1 file: 1 item, 0 errors, 1 warning",
        "1 item has no ru (Russian) version: news/2026-11-20-spartakiada",
    ]


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = content_from("phone", tmp_path)
    assert main(["check", str(root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"files": 2, "items": 1, "errors": 2, "warnings": 0,
                               "missing_kk": 0, "missing_ru": 0}
    rows = data["diagnostics"]
    assert [(r["path"], r["line"], r["severity"], r["code"]) for r in rows] == [
        (RU, 7, "error", "personal-data"), (RU, 9, "error", "personal-data")]
    assert rows[0]["message"].startswith("'+7 701 234 56 78'")  # Cyrillic/UTF-8 kept as is
    assert "personal_data: consent" in rows[0]["hint"]


def test_default_folder_is_content(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    content_from("unknown-section", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert f"{KK}:4:10: error:" in capsys.readouterr().out


def test_a_file_argument_reports_only_that_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    content_from("unknown-key", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", RU]) == 1
    out = capsys.readouterr().out
    assert RU in out and KK not in out


def test_a_folder_argument_reports_only_that_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    content_from("duplicate-url", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content/news"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert len(lines) == 2 and all(line.startswith("content/news/") for line in lines)


@pytest.mark.parametrize("arg", ["no-such-folder", "/etc/hostname"])
def test_bad_path_is_one_line_and_exit_2(arg: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", arg]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("site-gen: ")
    assert arg in captured.err


def test_no_content_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "site-gen check content/" in capsys.readouterr().err


def test_example_content_passes(capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = main(["check", "content"])
    out = capsys.readouterr().out
    assert ": error: " not in out, out
    assert code == 0
