"""`site-gen plan` by year, half-year, quarter and month (SM 6.1), and both languages on
every screen every day (5.1.8, 5.2.4), computed through the real bundle and scheduler.

The small content tree is written as drafts (the content checks of approval are not what
is tested here); the versions meant to be approved are then marked approved in the model.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.cli import main
from site_gen.content import ContentSet, check
from site_gen.content.model import Item
from site_gen.editorial.i18n import Messages
from site_gen.editorial.period import PlanProblem, make_period, parse_period
from site_gen.editorial.plan import build_plan
from site_gen.editorial.planview import plan_json, plan_text

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ALMATY)
REPO = Path(__file__).resolve().parents[2]

SITE = """company: {kk: "Сынақ Энерго", ru: "Тест Энерго"}
timezone: Asia/Almaty
bins: []
base_url: "http://intranet.example.kz/"
letters_endpoint: ""
"""
SCREENS = """- id: hall
  name: {kk: "Зал", ru: "Зал"}
  resolution: 1920x1080
  on_hours: "07:00-21:00"
- id: yard
  name: {kk: "Аула", ru: "Двор"}
  resolution: 1920x1080
  on_hours: "07:00-21:00"
"""
ITEM = """---
title: "{title}"
date: {date}
section: {section}
content_kind: {kind}
status: draft
signage:
  screens: [{screens}]
  from: {start}
  until: {until}
{days}---

Мәтін.
"""


def write(root: Path, stem: str, langs: tuple[str, ...], start: str, until: str,
          screens: str = "hall", section: str = "announcements", kind: str = "information",
          days: str = "") -> None:
    folder = root / section
    folder.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        (folder / f"{stem}.{lang}.md").write_text(ITEM.format(
            title=f"{stem} {lang}", date=start, section=section, kind=kind, screens=screens,
            start=start, until=until, days=f"  days: [{days}]\n" if days else ""),
            encoding="utf-8")


def approve(content: ContentSet, *pairs: tuple[str, str]) -> ContentSet:
    """Mark the (stem, lang) versions approved, as if their approval were recorded."""
    items = []
    for item in content.items:
        versions = {lang: (replace(v, status="approved", decision="publish")
                           if (item.stem, lang) in pairs else v)
                    for lang, v in item.versions.items()}
        items.append(Item(item.folder, item.stem, versions))
    return replace(content, items=tuple(items))


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    root = tmp_path / "content"
    (root / "_data").mkdir(parents=True)
    (root / "_data" / "site.yml").write_text(SITE, encoding="utf-8")
    (root / "_data" / "screens.yml").write_text(SCREENS, encoding="utf-8")
    write(root, "both", ("kk", "ru"), "2026-12-01", "2026-12-10", "hall, yard")
    write(root, "kazakh-only", ("kk",), "2026-12-11", "2026-12-20")
    write(root, "russian-draft", ("kk", "ru"), "2026-12-21", "2026-12-25")
    write(root, "mondays", ("kk", "ru"), "2026-12-11", "2026-12-31", "yard", days="mon",
          section="orders", kind="legal")
    found, diagnostics, _ = check(root)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return approve(found, ("both", "kk"), ("both", "ru"), ("kazakh-only", "kk"),
                   ("russian-draft", "kk"), ("mondays", "kk"), ("mondays", "ru"))


def test_every_screen_every_day_in_both_languages(content: ContentSet) -> None:
    plan = build_plan(content, make_period("month", 2026, 12), NOW)
    hall = [(g.start.day, g.end.day, g.missing, g.fillable) for g in plan.screen_gaps
            if g.screen == "hall"]
    assert hall == [(11, 20, ("ru",), False),  # Kazakh only
                    (21, 25, ("ru",), True),  # the Russian file is a draft
                    (26, 31, ("kk", "ru"), False)]
    # The yard has an order on Mondays only: a week with something in both languages is
    # not enough; every other day of those weeks is a gap, each run told once.
    yard = [(g.start.day, g.end.day) for g in plan.screen_gaps if g.screen == "yard"]
    assert yard == [(11, 13), (15, 20), (22, 27), (29, 31)]
    assert all(g.missing == ("kk", "ru") for g in plan.screen_gaps if g.screen == "yard")
    codes = {g.code for g in plan.gaps}
    assert "screen-missing-language" in codes and "no-kazakh-on-screens" not in codes


def test_screen_gaps_in_the_editors_language(content: ContentSet) -> None:
    plan = build_plan(content, make_period("month", 2026, 12), NOW)
    text = plan_text(plan, Messages("en"))
    assert ("- screen 'hall', 2026-12-11 – 2026-12-20 (10 d.): no item in Russian"
            in text.splitlines())
    assert ("- screen 'hall', 2026-12-21 – 2026-12-25 (5 d.): no approved item in Russian; "
            "items planned but not approved yet would fill it") in text.splitlines()
    ru = plan_text(plan, Messages("ru"))
    assert "## Экраны: дни без обоих языков" in ru
    assert ("- экран 'hall', 2026-12-26 – 2026-12-31 (6 дн.): нет материалов на языке: "
            "казахский + русский") in ru.splitlines()
    kk = plan_text(plan, Messages("kk"))
    assert "орыс" in kk and "no item" not in kk


def test_counts_by_section_content_kind_and_language(content: ContentSet) -> None:
    plan = build_plan(content, make_period("quarter", 2026, 4), NOW)
    assert plan.kinds == (("announcements", "information", 3, 2), ("orders", "legal", 1, 1))
    text = plan_text(plan, Messages("en"))
    assert text.startswith("# Content plan: 2026, quarter 4")
    assert "| Orders and directives | Legal explanation |  1 |  1 |" in text
    assert "| total                 |                   |  4 |  3 |" in text
    # a quarter is shown by month, with the screens' days for the whole quarter
    assert [p.number for p in plan.parts] == [10, 11, 12]
    assert "## December 2026" in text and "## week" not in text
    data = json.loads(plan_json(plan, Messages("en")))
    assert data["period"] == {"kind": "quarter", "label": "2026-Q4", "start": "2026-10-01",
                              "end": "2026-12-31"}
    assert [m["month"] for m in data["months"]] == ["2026-10", "2026-11", "2026-12"]
    assert {"section": "orders", "content_kind": "legal", "kk": 1, "ru": 1} in data["by_kind"]
    # October and November have nothing on the screens: every day of them is a gap
    first = data["screen_days"][0]
    assert (first["screen"], first["start"], first["end"], first["missing"]) == (
        "hall", "2026-10-01", "2026-11-30", ["kk", "ru"])


@pytest.mark.parametrize(("kind", "text", "start", "end"), [
    ("year", "2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("half", "2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
    ("half", "2026-h2", date(2026, 7, 1), date(2026, 12, 31)),
    ("quarter", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("quarter", "2028-Q1", date(2028, 1, 1), date(2028, 3, 31)),
    ("quarter", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("month", "2028-02", date(2028, 2, 1), date(2028, 2, 29)),
])
def test_periods(kind: str, text: str, start: date, end: date) -> None:
    period = parse_period(kind, text)  # type: ignore[arg-type]
    assert (period.start, period.end) == (start, end)
    assert len(period.days()) == (end - start).days + 1


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--year", "26", "year '26' is not written as YYYY; write e.g. 2026"),
    ("--year", "1999", "year '1999' is out of range; write a year from 2000 to 2100"),
    ("--half", "2026-H3", "half-year '2026-H3' does not exist; write e.g. 2026-H2"),
    ("--half", "2026/2", "half-year '2026/2' is not written as YYYY-H1 or YYYY-H2; write "
     "e.g. 2026-H2"),
    ("--quarter", "2026-Q5", "quarter '2026-Q5' does not exist; write e.g. 2026-Q4"),
    ("--quarter", "Q4", "quarter 'Q4' is not written as YYYY-Q1 to YYYY-Q4; write e.g. "
     "2026-Q4"),
])
def test_wrong_periods_are_refused_clearly(option: str, value: str, message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(PlanProblem):
        parse_period(option[2:], value)  # type: ignore[arg-type]
    assert main(["plan", option, value, "--content", str(REPO / "content")]) == 2
    assert capsys.readouterr().err.strip() == f"site-gen: {message}"


def test_one_period_at_a_time(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["plan", "--year", "2026", "--month", "2026-12"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_example_year_and_half(capsys: pytest.CaptureFixture[str]) -> None:
    """The example content's report meetings, with the regulation's deadlines (5.1.1)."""
    assert main(["plan", "--half", "2026-H2", "--date", "2026-11-23", "--content",
                 str(REPO / "content"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    december = [m for m in data["meetings"] if m["starts"].startswith("2026-12-18")]
    assert len(december) == 1
    meeting = december[0]
    assert (meeting["minutes_due"], meeting["action_plan_due"]) == ("2026-12-21", "2026-12-23")
    assert [m["month"] for m in data["months"]] == [f"2026-{m:02d}" for m in range(7, 13)]
    assert [i["number"] for i in data["issues"]] == [11, 12]
    assert main(["plan", "--year", "2026", "--date", "2026-11-23", "--content",
                 str(REPO / "content"), "--lang", "kk"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Контент-жоспар: 2026 жыл")
    assert "## Есеп беру кездесулері" in out
