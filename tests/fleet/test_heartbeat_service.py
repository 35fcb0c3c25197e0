"""The heartbeat service on a real waitress: tokens, acknowledgements, bounds, the register."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from site_gen.cli import main
from site_gen.fleet.app import MAX_BODY, MAX_LINES
from tests.fleet.harness import ALMATY, Clock, running

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=ALMATY)


def play(seq: int, screen: str = "canteen", item: str = "news/water") -> dict[str, Any]:
    return {"seq": seq, "play": {"time": f"2026-12-05T11:{seq % 60:02d}:00+05:00",
                                 "screen": screen, "item": item, "lang": "kk",
                                 "seconds": 12.0, "version": "v1"}}


def beat(plays: list[dict[str, Any]], screen: str = "canteen") -> dict[str, Any]:
    return {"screen": screen, "version": "v1",
            "current": {"kind": "slide", "item": "news/water", "lang": "ru"},
            "uptime": 7200.0, "errors": [{"message": "slide skipped: bad.png", "count": 3}],
            "free_disk": 4_000_000_000, "plays": plays}


def test_a_heartbeat_is_stored_and_what_was_stored_acknowledged(tmp_path: Path) -> None:
    with running(tmp_path / "var" / "fleet.sqlite3", Clock(NOW)) as fleet:
        token = fleet.store.register("canteen", NOW)
        status, answer = fleet.beat(beat([play(20261205000001), play(20261205000002)]), token)
        assert status == 200
        assert answer == {"stored": 2, "acked": 20261205000002, "refused": []}
        (screen,) = fleet.store.screens()
        assert screen.last_seen == NOW and screen.version == "v1"
        assert screen.current["item"] == "news/water" and screen.uptime == 7200.0
        assert screen.errors == [{"message": "slide skipped: bad.png", "count": 3}]
        assert screen.free_disk == 4_000_000_000
        assert [seq for _, seq, _ in fleet.store.plays()] == [20261205000001, 20261205000002]


def test_a_batch_sent_again_after_a_lost_answer_is_stored_once(tmp_path: Path) -> None:
    with running(tmp_path / "fleet.sqlite3", Clock(NOW)) as fleet:
        token = fleet.store.register("canteen", NOW)
        lines = [play(20261205000000 + i) for i in range(1, 6)]
        assert fleet.beat(beat(lines), token)[1]["stored"] == 5
        status, answer = fleet.beat(beat(lines + [play(20261205000006)]), token)
        assert status == 200 and answer["stored"] == 1 and answer["acked"] == 20261205000006
        assert len(fleet.store.plays()) == 6


@pytest.mark.parametrize("how", ["wrong", "none", "other-screen", "unknown-screen", "basic"])
def test_a_heartbeat_without_the_screen_s_own_token_is_refused(tmp_path: Path, how: str
                                                                ) -> None:
    with running(tmp_path / "fleet.sqlite3", Clock(NOW)) as fleet:
        token = fleet.store.register("canteen", NOW)
        lobby = fleet.store.register("lobby", NOW)
        payload = beat([play(20261205000001)], screen="lobby" if how == "unknown-screen"
                       else "canteen")
        if how == "unknown-screen":
            fleet.store.remove("lobby")
        headers = {"Content-Type": "application/json",
                   "Authorization": {"wrong": f"Bearer {token[:-2]}xx", "none": "",
                                     "other-screen": f"Bearer {lobby}",
                                     "unknown-screen": f"Bearer {lobby}",
                                     "basic": f"Basic {token}"}[how]}
        status, heads, data = fleet.request("POST", "/heartbeat",
                                            json.dumps(payload).encode(), headers)
        assert status == 401
        assert heads["content-type"].startswith("application/json")
        assert heads["www-authenticate"].startswith("Bearer")
        assert json.loads(data) == {"errors": [{"field": "", "code": "bad-token"}]}
        assert fleet.store.plays() == []
        assert all(s.last_seen is None for s in fleet.store.screens())


def test_a_new_registration_retires_the_old_token(tmp_path: Path) -> None:
    with running(tmp_path / "fleet.sqlite3", Clock(NOW)) as fleet:
        old = fleet.store.register("canteen", NOW)
        new = fleet.store.register("canteen", NOW)
        assert fleet.beat(beat([]), old)[0] == 401
        assert fleet.beat(beat([]), new)[0] == 200


def test_too_many_lines_and_too_large_bodies_are_refused(tmp_path: Path) -> None:
    with running(tmp_path / "fleet.sqlite3", Clock(NOW)) as fleet:
        token = fleet.store.register("canteen", NOW)
        lines = [play(20261205000000 + i) for i in range(1, MAX_LINES + 2)]
        status, answer = fleet.beat(beat(lines), token)
        assert status == 422 and answer["errors"][0]["code"] == "bad-heartbeat"
        assert f"at most {MAX_LINES}" in answer["errors"][0]["message"]
        big = json.dumps(beat([])).encode()[:-1] + b', "pad": "' + b"x" * MAX_BODY + b'"}'
        status, _, data = fleet.request("POST", "/heartbeat", big, {
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        assert status == 413
        assert json.loads(data)["errors"][0] == {"field": "", "code": "too-large",
                                                 "limit": MAX_BODY}
        assert fleet.store.plays() == []


def test_another_screen_s_lines_and_broken_lines_are_acknowledged_never_stored(
        tmp_path: Path) -> None:
    with running(tmp_path / "fleet.sqlite3", Clock(NOW)) as fleet:
        token = fleet.store.register("canteen", NOW)
        broken = {"seq": 20261205000003, "play": {"time": "yesterday"}}
        status, answer = fleet.beat(beat([play(20261205000001),
                                          play(20261205000002, screen="lobby"), broken]), token)
        assert status == 200
        assert answer == {"stored": 1, "acked": 20261205000003,
                          "refused": [20261205000002, 20261205000003]}
        assert [(s, seq) for s, seq, _ in fleet.store.plays()] == [("canteen", 20261205000001)]


def test_register_prints_a_token_once_and_keeps_only_its_hash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "var" / "fleet.sqlite3"
    assert main(["fleet", "register", "canteen", "--db", str(db), "--content",
                 "content"]) == 0
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    with sqlite3.connect(db) as con:
        dump = "\n".join(con.iterdump())
    assert token not in dump and token.encode() not in db.read_bytes()
    with running(db, Clock(NOW)) as fleet:
        assert fleet.beat(beat([]), token)[0] == 200
    assert main(["fleet", "register", "canten", "--db", str(db), "--content",
                 "content"]) == 2
    assert "did you mean 'canteen'?" in capsys.readouterr().err
    os.chmod(db.parent, 0o755)
    assert main(["fleet", "register", "lobby", "--db", str(db), "--content", "content"]) == 2
    assert "chmod 700" in capsys.readouterr().err
