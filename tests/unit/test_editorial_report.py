"""`site-gen report`: counts of a period, plays per item and screen, Markdown, CSV, SVG."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from signage.playlog import PlayRecord, append_plays
from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.report import build_report

REPO = Path(__file__).resolve().parent.parent.parent
ZONE = ZoneInfo("Asia/Almaty")
WATER = "announcements/2026-11-23-su-azhyratu"
SUBSTATION = "news/2026-11-18-shygys-110"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def plays(tmp_path: Path) -> Path:
    """Two screens' logs: 30 water slides of 20 s on the canteen, 4 on the lobby, one line
    cut by a power loss, one record outside the period and one item not in the content."""
    folder = tmp_path / "plays"
    t = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
    canteen = folder / "canteen" / "plays-2026-11-23.jsonl"
    append_plays(canteen, [PlayRecord(t + timedelta(seconds=40 * i), "canteen", WATER,
                                      "kk" if i % 2 == 0 else "ru", 20.0, "v1")
                           for i in range(30)])
    with open(canteen, "a", encoding="utf-8") as fh:
        fh.write('{"time":"2026-11-23T10:00:00+05:00","scr\n')
    append_plays(canteen, [PlayRecord(t, "canteen", SUBSTATION, "kk", 15.0, "v1")])
    lobby = folder / "lobby" / "plays-2026-11-23.jsonl"
    append_plays(lobby, [PlayRecord(t, "lobby", WATER, "kk", 30.0, "v1")] * 4)
    append_plays(lobby, [PlayRecord(t, "lobby", "news/deleted-item", "ru", 12.0, "v1")])
    append_plays(folder / "lobby" / "plays-2027-01-05.jsonl",
                 [PlayRecord(datetime(2027, 1, 5, 9, 0, tzinfo=ZONE), "lobby", WATER, "kk",
                             10.0, "v1")])
    return folder


# The example content's approved versions published in the second half of 2026, per section
# and per language (written out, not worked out by the report's own rule; update them when
# the example content changes).
SECTIONS_H2_2026 = {"news": 8, "announcements": 12, "interviews": 6, "analytics": 8,
                    "innovations": 6, "master-classes": 6, "success-stories": 6,
                    "new-staff": 6, "sports-culture": 7, "congratulations": 4, "other": 2,
                    "orders": 2, "page": 8}
LANGS_H2_2026 = {"kk": 41, "ru": 40}
TOTAL_H2_2026 = 81


def test_counts_by_section_kind_and_language() -> None:
    content, _, _ = check(REPO / "content")
    report = build_report(content, date(2026, 7, 1), date(2026, 12, 31))
    assert {s: sum(v.values()) for s, v in report.by_section.items() if sum(v.values())} \
        == SECTIONS_H2_2026
    assert report.by_lang == LANGS_H2_2026
    assert sum(sum(v.values()) for v in report.by_kind.values()) == TOTAL_H2_2026
    assert set(report.by_kind) >= {"information", "legal", "social", "education", "image",
                                   "interactive"}
    assert report.plays is None


def test_a_period_before_anything_counts_nothing() -> None:
    content, _, _ = check(REPO / "content")
    report = build_report(content, date(2020, 1, 1), date(2020, 6, 30))
    assert report.items == 0 and sum(report.by_lang.values()) == 0


def test_plays_per_item_and_screen_with_a_corrupt_line(plays: Path) -> None:
    content, _, _ = check(REPO / "content")
    report = build_report(content, date(2026, 7, 1), date(2026, 12, 31), plays)
    rows = {(r.item, r.screen, r.lang): r for r in report.plays or ()}
    assert rows[(WATER, "canteen", "kk")].plays == 15
    assert rows[(WATER, "canteen", "ru")].plays == 15
    assert rows[(WATER, "canteen", "kk")].minutes == 5.0
    assert rows[(WATER, "lobby", "kk")].plays == 4  # the January record is outside
    assert rows[(SUBSTATION, "canteen", "kk")].plays == 1
    assert not rows[("news/deleted-item", "lobby", "ru")].known
    (problem,) = report.problems
    assert problem.startswith(str(plays / "canteen" / "plays-2026-11-23.jsonl") + ":31: ")
    assert report.outside == 1 and report.files_read == 3


def test_cli_markdown_csv_and_chart(plays: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    assert main(["report", "--from", "2026-07-01", "--to", "31.12.2026", "--plays", str(plays),
                 "--out", str(out_dir)]) == 0
    captured = capsys.readouterr()
    assert "plays-2026-11-23.jsonl:31: not a JSON object (a truncated or corrupt line); " \
           "the line is skipped, the others are counted" in captured.err
    md = captured.out
    assert md.startswith("# Internal communications: report for 2026-07-01 – 2026-12-31")
    assert f"| Kazakh (kk)  | {LANGS_H2_2026['kk']:>8} |" in md
    water_canteen = next(line for line in md.splitlines()
                         if line.startswith(f"| {WATER}") and "canteen" in line)
    assert water_canteen.rstrip().endswith("|    30 |    10.0 |")
    assert "Шұғыл:" in water_canteen  # the item's Kazakh title (English UI: Kazakh first)
    assert "(not in the content)" in md
    assert "3 log files read; 1 bad line skipped" in md
    assert (out_dir / "report.md").read_text(encoding="utf-8").count("report-counts.svg") == 1
    svg = (out_dir / "report-counts.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "</svg>" in svg
    rows = list(csv.DictReader(io.StringIO((out_dir / "report.csv").read_text("utf-8"))))
    assert sum(int(r["count"]) for r in rows if r["table"] == "section") == TOTAL_H2_2026
    plays_rows = [r for r in rows if r["table"] == "plays" and r["key"] == WATER
                  and r["screen"] == "canteen"]
    assert sorted((r["language"], r["count"], r["minutes"]) for r in plays_rows) == [
        ("kk", "15", "5.0"), ("ru", "15", "5.0")]


def test_cli_csv_to_stdout_and_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--from", "2026-07-01", "--to", "2026-12-31", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "table,key,screen,language,count,minutes"
    assert main(["report", "--from", "2026-07-01", "--to", "2026-12-31", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "## По разделам" in out and "| Новости " in out


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-13-01", "--to", "2026-12-31"],
     "site-gen: --from '2026-13-01' is not a date; write e.g. 2026-07-01 or 01.07.2026"),
    (["--from", "2026-12-31", "--to", "2026-07-01"],
     "site-gen: --to 2026-07-01 is before --from 2026-12-31; swap the dates"),
    (["--from", "2026-07-01", "--to", "2026-12-31", "--plays", "no-such-folder"],
     "site-gen: no plays folder at 'no-such-folder'; give the folder with the screens' "
     "plays-*.jsonl files"),
])
def test_bad_options_are_one_line(args: list[str], message: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *args]) == 2
    assert capsys.readouterr().err.splitlines() == [message]
