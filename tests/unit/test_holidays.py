"""content/_data/holidays/YYYY.yml: Kazakhstan's working days, per year, checked by check."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.blog.letters import LetterIn, answer_by, reply_by
from site_gen.blog.store import LetterStore
from site_gen.cli import main
from site_gen.content import check
from site_gen.content.holidays import Calendar, load_calendar

REPO = Path(__file__).resolve().parents[2]
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    out: list[object] = []
    found = load_calendar(REPO / "content", out)  # type: ignore[arg-type]  # any list
    assert out == []
    return found


def test_the_example_years_are_read_with_moved_days_off(calendar: Calendar) -> None:
    assert {2026, 2027} <= calendar.years
    # Nauryz 2026: 21 (Sat) and 22 (Sun) fell on the weekend: 24 and 25 March are off.
    assert [d for d in (date(2026, 3, n) for n in range(20, 27))
            if calendar.is_working_day(d)] == [date(2026, 3, 20), date(2026, 3, 26)]
    assert not calendar.is_working_day(date(2026, 5, 27))  # Kurban Ait, a Wednesday
    assert not calendar.is_working_day(date(2027, 1, 4))  # 2 January 2027 was a Saturday


def test_fifteen_working_days_skip_weekends_holidays_and_moved_days(
        calendar: Calendar) -> None:
    # Received Thursday 19.03.2026: Nauryz and its moved days (21-25 March) do not count.
    assert reply_by(date(2026, 3, 19), calendar=calendar) == date(2026, 3, 27)
    assert answer_by(date(2026, 3, 19), calendar) == date(2026, 4, 14)
    # Without the data file the moved days (24, 25 March) are unknown: two days earlier.
    assert answer_by(date(2026, 3, 19)) == date(2026, 4, 10)
    # Across the new year: 1, 2 January 2027, the moved Monday 4th and Christmas are off.
    assert answer_by(date(2026, 12, 21), calendar) == date(2027, 1, 14)


def test_a_decreed_working_saturday_counts(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "_data" / "holidays"
    folder.mkdir(parents=True)
    (folder / "2026.yml").write_text(
        "days_off:\n  - date: 2026-01-09\n    reason: перенос\n"
        "working_days:\n  - date: 2026-01-03\n    reason: постановление\n", "utf-8")
    out: list[object] = []
    cal = load_calendar(tmp_path / "content", out)  # type: ignore[arg-type]  # any list
    assert out == []
    assert cal.is_working_day(date(2026, 1, 3)) and not cal.is_working_day(date(2026, 1, 9))
    # Received Friday 02.01: Saturday 3rd is worked, so the third working day is Tuesday.
    assert reply_by(date(2026, 1, 2), calendar=cal) == date(2026, 1, 6)


def test_the_store_counts_both_deadlines_with_the_calendar(
        tmp_path: Path, calendar: Calendar) -> None:
    store = LetterStore(tmp_path / "l.sqlite3", calendar=calendar)
    stored = store.add(LetterIn("", "Цех", "kk", "Хат мәтіні осында."),
                       datetime(2026, 3, 19, 9, tzinfo=ALMATY))
    assert (stored.reply_by, stored.answer_by) == (date(2026, 3, 27), date(2026, 4, 14))
    again = store.letters()[0]
    assert (again.reply_by, again.answer_by) == (date(2026, 3, 27), date(2026, 4, 14))


BAD = """\
holidays:
  - date: 2027-01-01
    name: Жаңа жыл
  - date: 2026-03-08
working_days:
  - date: 2026-03-10
    reason: сейсенбі
days_off:
  - date: 2026-03-14
    reason: сенбі
  - date: 2026-03-08
    reason: екі рет
weekends: []
"""


def test_check_reports_each_problem_at_its_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content" / "_data", content / "_data")
    (content / "_data" / "holidays" / "2026.yml").write_text(BAD, "utf-8")
    (content / "_data" / "holidays" / "next.yml").write_text("holidays: []\n", "utf-8")
    _content, diagnostics, _report = check(content)
    mine = sorted((d.path, d.line, d.code) for d in diagnostics if "holidays" in d.path)
    assert mine == [
        ("content/_data/holidays/2026.yml", 2, "holiday-wrong-year"),
        ("content/_data/holidays/2026.yml", 4, "missing-field"),
        ("content/_data/holidays/2026.yml", 6, "working-day-on-weekday"),
        ("content/_data/holidays/2026.yml", 9, "day-off-on-weekend"),
        ("content/_data/holidays/2026.yml", 11, "holiday-twice"),
        ("content/_data/holidays/2026.yml", 13, "unknown-key"),
        ("content/_data/holidays/next.yml", 1, "bad-holiday-file"),
    ]
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "content/_data/holidays/2026.yml:6:" in text
    assert "2026-03-10 is a weekday, a working day already" in text
    # in Kazakh and Russian, whole sentences
    assert main(["check", str(content), "--lang", "kk"]) == 1
    said = capsys.readouterr()
    assert "2026-03-10 — жұмыс аптасының күні, ол онсыз да жұмыс күні" in said.out + said.err
    assert main(["check", str(content), "--lang", "ru"]) == 1
    said = capsys.readouterr()
    assert "'next.yml' — не файл праздников года" in said.out + said.err


def test_check_reports_a_wrong_blog_anonymous_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content" / "_data", content / "_data")
    site = content / "_data" / "site.yml"
    text = site.read_text("utf-8")
    assert "  anonymous: accept\n" in text
    site.write_text(text.replace("  anonymous: accept\n", "  anonymous: maybe\n"), "utf-8")
    everything, diagnostics, _report = check(content)
    line = text.splitlines().index("  anonymous: accept") + 1
    assert [(d.line, d.code) for d in diagnostics if d.path.endswith("site.yml")] == \
        [(line, "unknown-anonymous")]
    assert everything.settings.blog_anonymous == "accept"
    site.write_text(text.replace("  anonymous: accept\n", "  anonymous: refuse\n"), "utf-8")
    assert check(content)[0].settings.blog_anonymous == "refuse"
