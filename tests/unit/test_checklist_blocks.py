"""Every block of Appendix 1 in ``check --checklist``: the reviewer's recorded answers
(legal, reputation and ethics, content and editorial, visuals, consequences, who watches
the reaction) beside what the tool checks, with check's severities."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.checklist import CHECKS, run_checklist

REPO = Path(__file__).resolve().parents[2]
ANSWERED = ("legal", "ethics", "editorial", "visuals", "consequences", "approval")
WATER = "announcements/2026-11-23-su-azhyratu"
ITEM = "content/news/2026-11-18-shygys-110"


@pytest.fixture(autouse=True)
def _pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23")


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    return root


def states(root: Path) -> dict[str, dict[str, str]]:
    found, diagnostics, _ = check(root)
    return {c.item.key: {r.code: r.state for r in c.results}
            for c in run_checklist(found, diagnostics=diagnostics)}


def test_every_appendix_block_is_a_column() -> None:
    codes = [code for code, _ in CHECKS]
    assert set(ANSWERED) <= set(codes)
    assert {"personal-data", "images", "decision"} <= set(codes)


def test_the_example_answers_every_block_and_shows_its_one_concern(content: Path) -> None:
    found = states(content)
    lists, _, _ = check(content)
    approved = [i.key for i in lists.items if i.key in found and i.key != WATER
                and all(v.status == "approved" for v in i.versions.values())]
    assert len(approved) > 30
    assert all(found[key][b] == "ok" for key in approved for b in ANSWERED)
    assert found[WATER]["consequences"] == "warn"  # a concern: check by eye, not must-fix


def _line_of(content: Path, start: str) -> int:
    """The line of the example item's kk file that starts with ``start`` (1-based): the
    example's front matter grows as features come, the diagnostics follow it."""
    text = (content / f"{ITEM.removeprefix('content/')}.kk.md").read_text("utf-8")
    [line] = [n for n, row in enumerate(text.splitlines(), 1) if row.startswith(start)]
    return line


def test_an_unanswered_block_of_an_approved_item_must_be_fixed(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("kk", "ru"):
        page = content / f"{ITEM.removeprefix('content/')}.{lang}.md"
        page.write_text(page.read_text("utf-8").replace("  ethics: ok\n", "")
                        .replace("  reaction:", "  # reaction:"), encoding="utf-8")
    found = states(content)["news/2026-11-18-shygys-110"]
    assert (found["ethics"], found["approval"], found["legal"]) == ("fail", "fail", "ok")
    assert main(["check", str(content)]) == 1
    said = capsys.readouterr().out
    line = _line_of(content, "checklist:")
    assert (f"{ITEM}.kk.md:{line}:1: error: approved, but the checklist does not answer: "
            "ethics, reaction") in said
    assert main(["check", "--checklist", "--format", "json", str(content)]) == 1
    data = json.loads(capsys.readouterr().out)
    [row] = [r for r in data["checklist"] if r["item"] == "news/2026-11-18-shygys-110"]
    assert row["checks"]["ethics"]["state"] == "fail" and not row["passed"]


def test_an_item_under_review_gets_notes_not_failures(content: Path) -> None:
    for lang in ("kk", "ru"):
        page = content / f"{ITEM.removeprefix('content/')}.{lang}.md"
        text = page.read_text("utf-8").replace("status: approved", "status: review")
        page.write_text(text.replace("  legal: ok\n", ""), encoding="utf-8")
    found = states(content)["news/2026-11-18-shygys-110"]
    assert found["legal"] == "warn" and found["ethics"] == "ok"


def test_a_wrong_answer_is_an_error_at_its_line(content: Path) -> None:
    page = content / f"{ITEM.removeprefix('content/')}.kk.md"
    page.write_text(page.read_text("utf-8").replace("  legal: ok", "  legal: yes"),
                    encoding="utf-8")
    _, diagnostics, _ = check(content)
    [wrong] = [d for d in diagnostics if d.code == "bad-checklist-answer"]
    assert (wrong.path, wrong.line) == (f"{ITEM}.kk.md", _line_of(content, "  legal: yes"))
    assert wrong.message == "'legal' must be ok, not-applicable or \"concern: <text>\""


def test_a_new_item_carries_the_checklist_to_fill_in() -> None:
    from datetime import date

    from site_gen.editorial.new import front_matter
    text = front_matter(lang="kk", title="Жаңа", section="news", today=date(2026, 11, 23),
                        signage=False, translate_title=False)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# checklist:"))
    assert "тексерушінің жауаптары" in lines[start]
    assert [line.split(":")[0] for line in lines[start + 1:start + 7]] == [
        "#   legal", "#   ethics", "#   editorial", "#   visuals", "#   consequences",
        "#   reaction"]
    assert any(line.startswith('# published_before_approval: ""') for line in lines)
