"""``check`` with a second process reads exactly what it reads alone.

From ``PARALLEL_FROM`` files on, a forked process reads the second half of the files.
The editor must get the same items and the same messages in the same order either way,
including the company's time zone on every date (it travels back by name).
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

from site_gen.content import check

check_module = importlib.import_module("site_gen.content.check")  # the package's name is
# also the function's

REPO = Path(__file__).resolve().parents[2]


def content_with_problems(tmp_path: Path) -> Path:
    """The example content plus every bad fixture's files, each in its own folder."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    for case in sorted((REPO / "tests/fixtures/bad").iterdir()):
        for md in case.rglob("*.md"):
            target = root / "bad" / case.name / md.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(md, target)
    return root


REAL_LOAD_FORKED = check_module._load_forked


def forked_spy() -> object:
    """Runs in the forked process (sent there by name): leaves a mark on disk."""
    marker: Path = forked_spy.marker  # type: ignore[attr-defined]
    marker.write_text("yes", encoding="utf-8")
    return REAL_LOAD_FORKED()


def test_two_processes_find_what_one_finds(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = content_with_problems(tmp_path)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 10**9)
    alone, said_alone, report_alone = check(root)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 2)
    marker = tmp_path / "forked"
    monkeypatch.setattr(check_module, "_load_forked", forked_spy)
    monkeypatch.setattr(forked_spy, "marker", marker, raising=False)
    two, said_two, report_two = check(root)
    assert marker.exists(), "the second half was not read by a forked process"
    assert report_two.files == report_alone.files > 100
    assert said_two == said_alone and any(d.severity == "error" for d in said_two)
    assert two.items == alone.items
    zone = two.settings.zone
    dated = [v.publish_at for i in two.items for v in i.versions.values() if v.publish_at]
    assert dated and all(d.tzinfo is zone for d in dated)


def test_a_failed_helper_costs_only_time(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = content_with_problems(tmp_path)
    expected = check(root)[1]
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 2)

    monkeypatch.setattr(check_module, "_load_forked", broken_helper)
    assert check(root)[1] == expected


def broken_helper() -> object:
    raise MemoryError("no room")
