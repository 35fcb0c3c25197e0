"""The pre-commit hook recipe: what pre-commit would run on staged files, run here."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from site_gen.cli import main

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (only,) = hooks
    assert isinstance(only, dict)
    return only


def test_hook_follows_the_framework_conventions(hook: dict[str, object]) -> None:
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "site-gen-check"
    assert hook["pass_filenames"] is True
    assert str(hook["entry"]).split()[0] == "site-gen"  # the console script of this package


@pytest.mark.parametrize(("path", "checked"), [
    ("content/news/2026-11-20-spartakiada.kk.md", True),
    ("content/news/жаңалық.ru.md", True),
    ("content/_data/issues/12.yml", True),
    ("docs/editors.md", False),
    ("site_gen/cli.py", False),
    ("content/images/photo.png", False),
])
def test_hook_runs_on_content_files_only(hook: dict[str, object], path: str,
                                         checked: bool) -> None:
    assert bool(re.search(str(hook["files"]), path)) is checked


def test_staged_files_are_checked_as_the_hook_would(
        hook: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "tests" / "fixtures" / "bad" / "unknown-section",
                    tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(str(hook["entry"]))[1:]
    bad = "content/news/2026-11-20-spartakiada.kk.md"
    good = "content/news/2026-11-20-spartakiada.ru.md"
    assert main([*argv, bad]) == 1  # the commit is stopped
    assert f"{bad}:4:10: error: unknown section 'newz'" in capsys.readouterr().out
    assert main([*argv, good]) == 0  # a commit of the other file goes through
    assert "error" not in capsys.readouterr().out.split("checked")[0]
