"""Report meetings (clause 5.1.1): the results on the screens after the meeting, and the rules
as checks (questions deadline, the announcement on every channel, signage that cannot take
effect, minutes and action plans due, a half-year without a meeting)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from signage.bundle import dump_bundle, parse_bundle
from signage.schedule import playlist
from signage.timezones import load_zone
from site_gen.bundle import build_bundle
from site_gen.bundle.writer import RESULTS_SUFFIX
from site_gen.content import ContentSet, Diagnostic, check
from site_gen.editorial.checkmsgs import format_diagnostic, unmatched
from site_gen.editorial.i18n import Messages
from site_gen.editorial.meetingrules import (
    NO_MEETING,
    Finding,
    action_plan_rows,
    meeting_seasons,
    rule_gaps,
)
from site_gen.editorial.plan import build_plan

Z = load_zone("Asia/Almaty")
KEY = "announcements/meeting"

SCREENS = """- id: canteen
  name: {kk: "Асхана", ru: "Столовая"}
  resolution: 1920x1080
  on_hours: "07:00-21:00"
"""
PLAN = {
    "kk": [("Асхананы жөндеу", "Шаруашылық бөлімі", "2026-06-30", "done"),
           ("Желдеткіш орнату", "Бас механик", "2026-07-31", "in-progress"),
           ("Автобус бағыты", "Көлік цехы", "2026-09-30", "planned")],
    "ru": [("Ремонт столовой", "Хозяйственный отдел", "2026-06-30", "done"),
           ("Установить вентиляцию", "Главный механик", "2026-07-31", "in-progress"),
           ("Маршрут автобуса", "Транспортный цех", "2026-09-30", "planned")],
}


def meeting_root(tmp_path: Path, front: str = "", *, plan: bool = True,
                 site: str = "", issue_day: str = "2026-05-20") -> Path:
    """A content tree with one report meeting on 18 June 2026, 15:00–17:00."""
    root = tmp_path / "content"
    (root / "_data" / "issues").mkdir(parents=True)
    (root / "_data" / "site.yml").write_text(
        'company: {kk: "Компания", ru: "Компания"}\ntimezone: Asia/Almaty\n' + site,
        encoding="utf-8")
    (root / "_data" / "screens.yml").write_text(SCREENS, encoding="utf-8")
    (root / "_data" / "issues" / "5.yml").write_text(f"number: 5\ndate: {issue_day}\n",
                                                     encoding="utf-8")
    folder = root / "announcements"
    folder.mkdir()
    for lang in ("kk", "ru"):
        rows = "".join(f'  - {{task: "{t}", responsible: "{r}", due: {d}, status: {s}}}\n'
                       for t, r, d, s in PLAN[lang]) if plan else ""
        text = (f'---\ntitle: "Есеп беру кездесуі {lang}"\ndate: 2026-05-15\n'
                "section: announcements\nstatus: approved\nkind: event\n"
                'starts: "2026-06-18 15:00"\nends: "2026-06-18 17:00"\nplace: "Зал"\n'
                + (f"action_plan:\n{rows}" if plan else "") + front + "---\nМәтін.\n")
        (folder / f"meeting.{lang}.md").write_text(text, encoding="utf-8")
    return root


def load(root: Path) -> tuple[ContentSet, list[Diagnostic]]:
    content, diagnostics, _ = check(root)
    return content, diagnostics


def at(day: str, hm: str = "12:00") -> datetime:
    return datetime.fromisoformat(f"{day} {hm}").replace(tzinfo=Z)


def slides(content: ContentSet, now: datetime) -> list[tuple[str, str]]:
    bundle, _ = build_bundle(content, now)
    bundle = parse_bundle(dump_bundle(bundle))  # what a player reads
    return [(s.item_id, s.lang) for s in playlist(bundle, "canteen", now).slides]


def codes(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code]


# ---------------------------------------------------------------- results on the screens

RESULTS_BLOCK = ('signage:\n  from: 2026-06-19\n  until: 2026-06-30\n'
                 '  text: "Кездесу қорытындысы"\n')


def test_an_explicit_signage_window_after_the_meeting_is_shown(tmp_path: Path) -> None:
    content, diagnostics = load(meeting_root(tmp_path, RESULTS_BLOCK, plan=False))
    assert not [d for d in diagnostics if d.severity == "error"]
    assert not codes(diagnostics, "signage-no-effect")
    results = KEY + RESULTS_SUFFIX
    assert slides(content, at("2026-06-22")) == [(results, "kk"), (results, "ru")]
    bundle, _ = build_bundle(content, at("2026-06-22"))
    item = next(i for i in bundle.items if i.id == results)
    assert item.event_starts is None and item.langs["kk"].text == "Кездесу қорытындысы"
    assert slides(content, at("2026-07-01")) == []  # after its until
    # Before the meeting the announcement still runs (starts − announce_from days) and
    # stops when the meeting starts.
    assert slides(content, at("2026-06-10")) == [(KEY, "kk"), (KEY, "ru")]
    assert slides(content, at("2026-06-18", "15:00")) == []


def test_approved_action_plan_gets_a_table_slide_until_its_last_due_day(
        tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path, "action_plan_approved: 2026-06-22\n"))
    results = KEY + RESULTS_SUFFIX
    assert slides(content, at("2026-06-18", "16:59")) == []  # the meeting is still on
    assert slides(content, at("2026-06-18", "17:00")) == [(results, "kk"), (results, "ru")]
    assert slides(content, at("2026-09-30", "20:00")) == [(results, "kk"), (results, "ru")]
    assert slides(content, at("2026-10-01")) == []  # after the plan's last due day
    bundle, _ = build_bundle(content, at("2026-07-10"))
    item = next(i for i in bundle.items if i.id == results)
    kk, ru = item.langs["kk"].table, item.langs["ru"].table
    assert kk is not None and ru is not None
    assert kk.columns[1:3] == ("Тапсырма", "Жауапты")
    assert ru.columns[1:3] == ("Задача", "Ответственный")
    assert [r.cells[1] for r in ru.rows] == [t for t, *_ in PLAN["ru"]]
    assert kk.overdue == "Мерзімі өтті" and ru.overdue == "Срок истёк"
    # Overdue is decided by the day it is shown: the player marks the in-progress row from
    # 1 August, with no new bundle.
    assert kk.overdue_rows(date(2026, 7, 31)) == (False, False, False)
    assert kk.overdue_rows(date(2026, 8, 1)) == (False, True, False)


def test_a_plan_not_yet_approved_at_this_meeting_is_not_shown_as_its_result(
        tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path))  # rows, but no action_plan_approved
    assert slides(content, at("2026-07-10")) == []


def test_the_results_block_until_wins_over_the_last_due_day(tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path, "action_plan_approved: 2026-06-22\n"
                                   + RESULTS_BLOCK))
    assert slides(content, at("2026-06-30"))
    assert slides(content, at("2026-07-01")) == []


def test_old_bundles_without_tables_read_and_play_as_before(tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path, plan=False))
    data = dump_bundle(build_bundle(content, at("2026-06-10"))[0])
    assert b'"table"' not in data  # a bundle without tables is what revision 1 wrote
    bundle = parse_bundle(data)
    assert all(t.table is None for i in bundle.items for t in i.langs.values())
    assert [s.table for s in playlist(bundle, "canteen", at("2026-06-10")).slides] == [None] * 2


# ---------------------------------------------------------------- signage that cannot work


def test_an_announcement_until_after_the_meeting_is_a_warning(tmp_path: Path) -> None:
    _, diagnostics = load(meeting_root(tmp_path, "signage:\n  until: 2026-06-25\n"))
    found = codes(diagnostics, "signage-no-effect")
    assert len(found) == 1 and "'until' (2026-06-25) is after the meeting" in found[0].message
    assert found[0].path.endswith("meeting.kk.md") and found[0].line > 1


def test_a_window_without_one_of_its_days_is_a_warning(tmp_path: Path) -> None:
    block = "signage:\n  from: 2026-06-19\n  until: 2026-06-20\n  days: [mon]\n"
    _, diagnostics = load(meeting_root(tmp_path, block))
    assert [d.message for d in codes(diagnostics, "signage-no-effect")] == [
        "no day from 2026-06-19 to 2026-06-20 is one of its 'days', so it is never shown"]


def test_an_empty_announcement_window_is_a_warning(tmp_path: Path) -> None:
    block = "signage:\n  from: 2026-06-10\n  until: 2026-06-05\n"
    _, diagnostics = load(meeting_root(tmp_path, block))
    assert codes(diagnostics, "until-before-from")  # the field's own error, as before
    block = "announce_from: 10\nsignage:\n  until: 2026-06-05\n"
    _, diagnostics = load(meeting_root(tmp_path / "2", block))
    assert "never announce" in codes(diagnostics, "signage-no-effect")[0].message


# ---------------------------------------------------------------- the rules as checks


def test_questions_closing_under_two_weeks_before_is_an_error_without_a_reason(
        tmp_path: Path) -> None:
    _, diagnostics = load(meeting_root(tmp_path, "questions_until: 2026-06-08\n"))
    errors = codes(diagnostics, "questions-deadline-too-close")
    assert len(errors) == 2  # each file says it: the item is left out until it is fixed
    error = errors[0]
    assert error.severity == "error" and "10 days before" in error.message
    assert "2026-06-04" in error.hint
    _, diagnostics = load(meeting_root(tmp_path / "2", "questions_until: 2026-06-08\n"
                                       'questions_deadline_reason: "кездесу ауыстырылды"\n'))
    assert not codes(diagnostics, "questions-deadline-too-close")
    _, diagnostics = load(meeting_root(tmp_path / "3", "questions_until: 2026-06-04\n"))
    assert not codes(diagnostics, "questions-deadline-too-close")  # exactly 14 days


def test_minutes_signed_before_the_meeting_is_an_error(tmp_path: Path) -> None:
    _, diagnostics = load(meeting_root(tmp_path, "minutes_signed: 2026-06-17\n"))
    assert codes(diagnostics, "before-meeting")


@pytest.fixture()
def coming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-05-25")


def test_check_warns_about_each_channel_that_does_not_announce_in_time(
        tmp_path: Path, coming: None) -> None:
    # Published 15 May, on the screens from 4 June (14 days, the default), no poster, no
    # issue: the screens, the poster and the newspaper are missing for 15 days.
    _, diagnostics = load(meeting_root(tmp_path))
    found = codes(diagnostics, "announcement-missing")
    assert sorted(d.message.split(";")[0] for d in found) == [
        "no newspaper issue announces it", "no poster on the notice boards is recorded",
        "the screens announce it from 2026-06-04, less than 15 days before"]
    assert all(d.severity == "warning" and d.path.endswith("meeting.kk.md") for d in found)
    complete = ("announce_from: 20\nposter_printed: 2026-05-30\nissue: 5\n")
    _, diagnostics = load(meeting_root(tmp_path / "2", complete))
    assert not codes(diagnostics, "announcement-missing")
    # N comes from site.yml: with 25 days the same screens and poster are late (the site
    # item of 15 May and the issue of 20 May are still in time).
    _, diagnostics = load(meeting_root(tmp_path / "3", complete,
                                       site="meetings:\n  announce_days: 25\n"))
    assert sorted(d.hint for d in codes(diagnostics, "announcement-missing")) == [
        "put posters up by 2026-05-24",
        "set 'announce_from: 25' or more (or signage 'from' by 2026-05-24)"]
    # "No newspaper issue because ..." is a recorded answer, not a gap.
    _, diagnostics = load(meeting_root(tmp_path / "4", "announce_from: 20\nposter_printed: "
                                       '2026-05-30\nno_newspaper_issue: "шықпайды"\n'))
    assert not codes(diagnostics, "announcement-missing")


def test_a_meeting_already_held_is_not_checked_for_its_announcement(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-07-01")
    _, diagnostics = load(meeting_root(tmp_path))
    assert not codes(diagnostics, "announcement-missing")


def test_new_check_messages_are_translated(tmp_path: Path, coming: None) -> None:
    _, warned = load(meeting_root(tmp_path, "signage:\n  until: 2026-06-25\n"))
    _, refused = load(meeting_root(tmp_path / "2", "questions_until: 2026-06-08\n"
                                   "minutes_signed: 2026-06-17\n"))
    mine = [d for d in warned + refused if d.code in (
        "announcement-missing", "signage-no-effect", "questions-deadline-too-close",
        "before-meeting")]
    assert len({d.code for d in mine}) == 4 and unmatched(mine) == []
    kk = format_diagnostic(codes(mine, "announcement-missing")[0], Messages("kk"))
    assert "кездесу барлық арнада кемінде 15 күн бұрын хабарлануы керек" in kk


# ---------------------------------------------------------------- plan and report


def test_plan_flags_a_half_year_without_a_meeting_and_overdue_papers(tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path, "minutes_signed: 2026-06-19\n"))
    gaps = list(rule_gaps(content, date(2026, 6, 1), date(2026, 9, 30), date(2026, 6, 30)))
    assert [g.code for g in gaps] == ["no-report-meeting", "action-plan-overdue"]
    assert gaps[0].values["year"] == 2026 and "year report" in gaps[0].message
    assert gaps[1].values["due"] == "2026-06-23" and gaps[1].values["days"] == 7
    june = build_plan(content, date(2026, 6, 1), at("2026-06-30"))  # the meeting's half
    assert {g.code for g in june.gaps} >= {"action-plan-overdue"}
    assert "no-report-meeting" not in {g.code for g in june.gaps}
    september = build_plan(content, date(2026, 9, 1), at("2026-06-30"))  # the next half
    assert {"no-report-meeting", "action-plan-overdue"} <= {g.code for g in september.gaps}
    content, _ = load(meeting_root(tmp_path / "2", "minutes_signed: 2026-06-19\n"
                                   "action_plan_approved: 2026-06-22\n"))
    gaps = list(rule_gaps(content, date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 30)))
    assert gaps == []


def test_report_shows_each_half_year_its_meeting_and_late_papers(tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path, "minutes_signed: 2026-06-25\n"))
    rows = meeting_seasons(content, date(2026, 1, 1), date(2026, 12, 31))
    assert [(r.season.kind, r.season.year, r.item is not None) for r in rows] == [
        ("year", 2025, False), ("half-year", 2026, True), ("year", 2026, False)]
    held = rows[1]
    assert held.minutes is not None and held.minutes.late()  # signed 25 June, due 21 June
    assert held.action_plan is not None and held.action_plan.overdue(date(2026, 7, 1))


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from site_gen.cli import main

    code = main(args)
    return code, capsys.readouterr().out


def test_report_cli_lists_meetings_and_the_action_plans_progress(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-08-05")
    root = meeting_root(tmp_path, "minutes_signed: 2026-06-19\n")
    code, out = run_cli(["report", "--from", "2026-01-01", "--to", "2026-08-31",
                         "--content", str(root)], capsys)
    assert code == 0
    assert "## Report meetings" in out and "NONE" in out  # the year report 2025
    assert "OVERDUE: due 2026-06-23" in out  # the action plan was never recorded
    code, out = run_cli(["report", "--from", "2026-07-01", "--to", "2026-07-31",
                         "--action-plans", "--content", str(root), "--lang", "ru"], capsys)
    assert code == 0 and "Ремонт столовой" not in out  # done before the month
    assert "Установить вентиляцию" in out and "Маршрут автобуса" in out
    assert "ПРОСРОЧЕНО" not in out  # due 31 July: not overdue within July
    code, out = run_cli(["report", "--from", "2026-08-01", "--to", "2026-08-31",
                         "--action-plans", "--format", "csv", "--content", str(root)], capsys)
    lines = out.splitlines()
    assert lines[0] == ("meeting,meeting_date,number,task,responsible,due,status,overdue,"
                        "days_overdue")
    assert lines[1].startswith(f"{KEY},2026-06-18,2,Желдеткіш орнату,")
    assert lines[1].endswith(",in-progress,yes,5")  # as of 5 August
    assert lines[2].endswith(",planned,no,0")


def test_action_plan_rows_are_in_the_asked_language(tmp_path: Path) -> None:
    content, _ = load(meeting_root(tmp_path))
    ru = action_plan_rows(content, date(2026, 8, 1), date(2026, 8, 31), date(2026, 9, 1), "ru")
    assert [(r.task, r.overdue, r.days_overdue) for r in ru] == [
        ("Установить вентиляцию", True, 31), ("Маршрут автобуса", False, 0)]


def test_a_reader_ignores_a_language_key_it_does_not_know(tmp_path: Path) -> None:
    """How a revision-1 player reads a revision-2 bundle: the same reader code ignores keys
    it does not know (here a made-up one), so a table never breaks an older player."""
    import json

    from signage.bundle import content_hash

    content, _ = load(meeting_root(tmp_path, plan=False))
    raw = json.loads(dump_bundle(build_bundle(content, at("2026-06-10"))[0]))
    raw["items"][0]["langs"]["kk"]["revision-9-field"] = {"anything": [1, 2]}
    raw["version"] = content_hash(raw)
    bundle = parse_bundle(json.dumps(raw, ensure_ascii=False).encode())
    assert [s.lang for s in playlist(bundle, "canteen", at("2026-06-10")).slides] == ["kk", "ru"]


def article(root: Path, stem: str, front: str) -> None:
    for lang in ("kk", "ru"):
        (root / "announcements" / f"{stem}.{lang}.md").write_text(
            f'---\ntitle: "{stem} {lang}"\ndate: 2026-11-20\nsection: announcements\n'
            f"status: approved\n{front}---\nМәтін.\n", encoding="utf-8")


def test_any_signage_block_that_no_screen_can_show_is_a_warning(tmp_path: Path) -> None:
    root = meeting_root(tmp_path, plan=False)
    article(root, "until-before-date", "signage:\n  until: 2026-11-10\n")
    article(root, "night-hours", 'signage:\n  hours: "22:00-23:30"\n')  # canteen: 07–21
    article(root, "fine", 'signage:\n  until: 2026-11-30\n  hours: "20:00-22:00"\n')
    _, diagnostics = load(root)
    found = {d.path.split("/")[-1]: d for d in codes(diagnostics, "signage-no-effect")}
    assert set(found) == {"until-before-date.kk.md", "night-hours.kk.md"}
    assert "before the item's date (2026-11-20)" in found["until-before-date.kk.md"].message
    assert "22:00-23:30" in found["night-hours.kk.md"].message
    assert unmatched(list(found.values())) == []
    ru = format_diagnostic(found["night-hours.kk.md"], Messages("ru"))
    assert "не попадают в часы работы" in ru


def test_an_event_that_is_not_a_report_meeting_is_left_out_of_the_rules(
        tmp_path: Path, coming: None) -> None:
    content, diagnostics = load(meeting_root(tmp_path, "meeting: other\n"
                                             "action_plan_approved: 2026-06-22\n"))
    assert not codes(diagnostics, "announcement-missing")
    assert list(rule_gaps(content, date(2026, 6, 1), date(2026, 6, 30), date(2026, 7, 30))) \
        == [Finding("no-report-meeting", NO_MEETING["half-year"],
                    {"year": 2026, "due": "01.09.2026"})]
    # Its windows on the screens are an event's all the same.
    assert slides(content, at("2026-07-10")) == [(KEY + RESULTS_SUFFIX, "kk"),
                                                 (KEY + RESULTS_SUFFIX, "ru")]
