"""`site-gen plan --month`: planned items per week, section and language, and the gaps
(the other periods and the both-languages rule: test_plan_periods.py)."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.plan import PlanProblem, build_plan, parse_month, weeks_of

REPO = Path(__file__).resolve().parent.parent.parent
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Almaty"))
MEETING = "announcements/2026-11-18-esep-beru-kezdesui"


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize("text", ["2026/12", "12.2026", "2026-1", "December", "2026-12-01"])
def test_month_in_the_wrong_format(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(PlanProblem):
        parse_month(text)
    assert main(["plan", "--month", text]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"site-gen: month '{text}' is not written as YYYY-MM; write e.g. 2026-12"]


def test_a_month_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--month", "2026-13", "--lang", "ru"]) == 2
    assert capsys.readouterr().err.strip() == (
        "site-gen: месяца '2026-13' не существует; напишите, например, 2026-12")


def test_weeks_are_iso_weeks_clipped_to_the_month() -> None:
    weeks = list(weeks_of(date(2026, 12, 1)))
    assert weeks[0] == (49, date(2026, 12, 1), date(2026, 12, 6))
    assert weeks[-1] == (53, date(2026, 12, 28), date(2026, 12, 31))
    assert sum((end - start).days + 1 for _, start, end in weeks) == 31


def test_example_december() -> None:
    content, _, _ = check(REPO / "content")
    plan = build_plan(content, date(2026, 12, 1), NOW)
    first = plan.weeks[0]
    assert {(e.item, e.lang) for e in first.entries} >= {
        ("announcements/2026-12-01-merekelik-kesteler", "kk"),
        ("announcements/2026-12-01-merekelik-kesteler", "ru")}
    # The report meeting (18 December, 15:00) is on every screen until it starts.
    on = {w.number: {(p.item, p.lang): p for p in w.screens} for w in plan.weeks}
    for week in (49, 50, 51):
        play = on[week][(MEETING, "kk")]
        assert play.approved and play.screens == ("canteen", "lobby", "workshop")
    assert (MEETING, "kk") not in on[52]
    assert on[51][(MEETING, "ru")].days == 5  # 14–18 December
    # Every screen, every day, both languages: the meeting fills 18 December on each screen
    # in Kazakh and Russian; nothing is planned for the last days of the year.
    for screen in ("canteen", "lobby", "workshop"):
        runs = [g for g in plan.screen_gaps if g.screen == screen]
        assert runs and runs[-1].end == date(2026, 12, 31)
        assert runs[-1].missing == ("kk", "ru") and not runs[-1].fillable
        assert not any(g.start <= date(2026, 12, 18) <= g.end for g in runs)
    assert {g.code for g in plan.gaps} >= {"screen-missing-language"}
    assert not any(g.code == "meeting-not-announced" for g in plan.gaps)


EVENT = """---
kind: event
title: "{title}"
date: 2026-12-01
section: announcements
status: {status}
approved_by: "А. Сейітова"
approved_at: 2026-12-01
decision: publish
checklist:
  legal: ok
  ethics: ok
  editorial: ok
  visuals: not-applicable
  consequences: ok
  reaction: "Ә. Қасымова"
starts: "2026-12-23 15:00"
place: "Мәжіліс залы"
announce_from: 3
{signage}---

Мәтін.
"""
ISSUE_ITEM = """---
title: "Желтоқсан шығарылымының жаңалығы"
date: 2026-12-18
section: news
issue: 13
status: draft
---

Мәтін.
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("plan") / "content"
    shutil.copytree(REPO / "content", content)
    folder = content / "announcements"
    hidden = 'signage:\n  screens: [lobby]\n  days: [sat]\n'
    for lang in ("kk", "ru"):
        (folder / f"2026-12-01-zhinalys.{lang}.md").write_text(EVENT.format(
            title="Кәсіподақ жиналысы", status="approved", signage=hidden), encoding="utf-8")
        (folder / f"2026-12-01-zhoba.{lang}.md").write_text(EVENT.format(
            title="Жоба жиналысы", status="review", signage=""), encoding="utf-8")
        (content / "news" / f"2026-12-18-zhanalyk.{lang}.md").write_text(ISSUE_ITEM,
                                                                           encoding="utf-8")
    (content / "_data" / "issues" / "13.yml").write_text(
        "number: 13\ndate: 2026-12-18\n", encoding="utf-8")
    return content


def test_meetings_not_announced_on_the_screens(root: Path) -> None:
    content, diagnostics, _ = check(root)
    assert not [d for d in diagnostics if d.severity == "error"]
    gaps = [g.english() for g in build_plan(content, date(2026, 12, 1), NOW).gaps
            if g.code == "meeting-not-announced"]
    assert gaps == [
        "meeting 'Кәсіподақ жиналысы' on 2026-12-23 is not announced on the screens in kk; "
        "add a signage: block to content/announcements/2026-12-01-zhinalys.kk.md",
        "meeting 'Кәсіподақ жиналысы' on 2026-12-23 is not announced on the screens in ru; "
        "add a signage: block to content/announcements/2026-12-01-zhinalys.ru.md",
        "meeting 'Жоба жиналысы' on 2026-12-23 is not approved yet, so the screens do not "
        "announce it in kk; approve content/announcements/2026-12-01-zhoba.kk.md",
        "meeting 'Жоба жиналысы' on 2026-12-23 is not approved yet, so the screens do not "
        "announce it in ru; approve content/announcements/2026-12-01-zhoba.ru.md"]


def test_newspaper_issue_with_empty_sections(root: Path) -> None:
    content, _, _ = check(root)
    plan = build_plan(content, date(2026, 12, 1), NOW)
    assert [i.number for i in plan.issues] == [13]
    empty = [g.values["section"] for g in plan.gaps if g.code == "empty-section"]
    assert "news" not in empty and len(empty) == 9 and "interviews" in empty


def test_cli_text_and_json(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--month", "2026-12", "--content", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Content plan: December 2026")
    assert "## week 49 (2026-12-01 – 2026-12-06)" in out
    assert "- newspaper issue 13 (2026-12-18): the section 'Interviews' is empty" in out
    assert main(["plan", "--month", "2026-12", "--content", str(root), "--format", "json",
                 "--lang", "kk"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == "2026-12" and [w["week"] for w in data["weeks"]] == [
        49, 50, 51, 52, 53]
    texts = [g["text"] for g in data["gaps"] if g["code"] == "empty-section"]
    assert "№ 13 газет шығарылымы (2026-12-18): «Сұхбаттар» айдары бос" in texts


def test_files_with_errors_are_left_out_and_said_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "bad" / "unknown-section", content)
    assert main(["plan", "--month", "2026-11", "--content", str(content)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ["site-gen: the content has 1 error; files with errors are left out "
                   "(run site-gen check)"]
