"""``site-gen report --plays var/fleet.sqlite3``: the period report reads the proof of play
the heartbeats collected centrally, and counts it as it counts the screens' own log files."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from signage.heartbeat import seq_of
from signage.playlog import PlayRecord, append_plays, to_line
from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.report import build_report
from tests.fleet.harness import ALMATY, Clock, running

REPO = Path(__file__).resolve().parents[2]
WATER = "announcements/2026-11-23-su-azhyratu"
SUBSTATION = "news/2026-11-18-shygys-110"


def records(screen: str) -> list[PlayRecord]:
    t = datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY)
    out = [PlayRecord(t + timedelta(seconds=40 * i), screen, WATER, "kk" if i % 2 else "ru",
                      20.0, "v1") for i in range(12)]
    out.append(PlayRecord(t, screen, SUBSTATION, "kk", 15.0, "v1"))
    out.append(PlayRecord(datetime(2027, 1, 5, 9, 0, tzinfo=ALMATY), screen, WATER, "kk",
                          10.0, "v1"))  # outside the period
    return out


def test_the_report_counts_the_central_proof_of_play_like_the_log_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    db = tmp_path / "var" / "fleet.sqlite3"
    with running(db, Clock(datetime(2027, 1, 6, tzinfo=ALMATY))) as fleet:
        for screen in ("canteen", "lobby"):
            token = fleet.store.register(screen, datetime(2026, 11, 1, tzinfo=ALMATY))
            lines = [{"seq": seq_of(r.time.date(), n), "play": json.loads(to_line(r))}
                     for n, r in enumerate(records(screen), 1)]
            status, answer = fleet.beat({"screen": screen, "plays": lines}, token)
            assert status == 200 and answer["stored"] == len(lines)
    folder = tmp_path / "plays"
    for screen in ("canteen", "lobby"):
        append_plays(folder / screen / "plays.jsonl", records(screen))

    content, _, _ = check(REPO / "content")
    central = build_report(content, date(2026, 7, 1), date(2026, 12, 31), db)
    local = build_report(content, date(2026, 7, 1), date(2026, 12, 31), folder)
    assert central.plays == local.plays
    rows = {(r.item, r.screen, r.lang): r.plays for r in central.plays or ()}
    assert rows[(WATER, "canteen", "kk")] == 6 and rows[(WATER, "lobby", "ru")] == 6
    assert rows[(SUBSTATION, "lobby", "kk")] == 1
    assert central.outside == 2

    assert main(["report", "--from", "2026-07-01", "--to", "2026-12-31", "--plays",
                 str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert WATER in out and "canteen" in out and "lobby" in out


def test_a_file_that_is_not_the_fleet_s_database_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a database\n", encoding="utf-8")
    assert main(["report", "--from", "2026-07-01", "--to", "2026-12-31", "--plays",
                 str(wrong)]) == 2
    err = capsys.readouterr().err
    assert f"'{wrong}' is not the fleet's database" in err
    assert "site-gen fleet serve" in err
    assert main(["report", "--from", "2026-07-01", "--to", "2026-12-31", "--plays",
                 str(wrong), "--lang", "ru"]) == 2
    assert "не база данных экранов" in capsys.readouterr().err
