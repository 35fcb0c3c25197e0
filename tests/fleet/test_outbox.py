"""The player's outbox of proof-of-play lines (``signage.heartbeat.Outbox``) and the
register's command line (``site-gen fleet list|remove``)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from signage.heartbeat import CURSOR, Outbox, seq_of
from signage.playlog import PlayRecord, append_plays
from site_gen.cli import main
from site_gen.fleet.store import FleetStore
from tests.fleet.harness import ALMATY


def record(day: int, minute: int) -> PlayRecord:
    return PlayRecord(datetime(2026, 12, day, 9, minute, tzinfo=ALMATY), "canteen",
                      "news/water-off", "kk", 12.0, "v1")


def test_the_outbox_sends_whole_lines_after_the_cursor_across_days(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    append_plays(logs / "plays-2026-12-04.jsonl", [record(4, m) for m in range(3)])
    append_plays(logs / "plays-2026-12-05.jsonl", [record(5, m) for m in range(2)])
    with open(logs / "plays-2026-12-05.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"time":"2026-12-05T09:05:00+05:00","screen":"can')  # being written
    append_plays(logs / "plays-2001-01-01.unsure.jsonl", [record(5, 9)])  # a wrong clock
    outbox = Outbox(logs, tmp_path / CURSOR)
    seqs = [line["seq"] for line in outbox.pending(100)]
    assert seqs == [seq_of(date(2026, 12, 4), n) for n in (1, 2, 3)] + \
        [seq_of(date(2026, 12, 5), n) for n in (1, 2)]
    assert [line["seq"] for line in outbox.pending(2)] == seqs[:2]  # a batch at a time

    outbox.acknowledge(seqs[3])
    assert json.loads((tmp_path / CURSOR).read_text()) == {"acked": seqs[3]}
    assert [line["seq"] for line in outbox.pending(100)] == seqs[4:]
    outbox.acknowledge(seqs[1])  # an older answer never moves the cursor back
    assert outbox.acked() == seqs[3]

    (tmp_path / CURSOR).write_text("{broken", encoding="utf-8")  # a cut write: send again
    assert [line["seq"] for line in outbox.pending(100)] == seqs  # the service keeps one copy


def test_list_and_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "var" / "fleet.sqlite3"
    FleetStore(db).register("canteen", datetime(2026, 12, 5, 9, 0, tzinfo=ALMATY))
    assert main(["fleet", "list", "--db", str(db), "--content", "content"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("canteen\tSILENT\tlast seen never")
    assert main(["fleet", "remove", "canteen", "--db", str(db), "--content", "content"]) == 0
    assert main(["fleet", "remove", "canteen", "--db", str(db), "--content", "content"]) == 2
    assert "no screen 'canteen'" in capsys.readouterr().err


def test_errors_wait_for_a_heartbeat_that_gets_through(tmp_path: Path) -> None:
    from signage.heartbeat import HeartbeatWorker
    from signage.records import ErrorWindow

    window = ErrorWindow()
    window.add(10.0, "slide skipped: bad.png")
    window.add(20.0, "slide skipped: bad.png")
    window.add(70.0, "sync: server down")
    assert window.since(15.0) == [{"message": "slide skipped: bad.png", "count": 1},
                                  {"message": "sync: server down", "count": 1}]

    bodies: list[dict[str, object]] = []
    answers = [OSError("no route to host"), (200, b'{"acked": null}'),
               (200, b'{"acked": null}')]

    def post(body: bytes) -> tuple[int, bytes]:
        bodies.append(json.loads(body))
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    worker = HeartbeatWorker("canteen", tmp_path, post)
    worker.offer({"version": "v1", "errors": window.since(0.0)})
    assert not worker.send_once({"version": "v1"}).ok  # down: the errors are kept
    window.add(80.0, "the wall clock jumped")
    worker.offer({"version": "v1", "errors": window.since(70.0)})  # the loop's next minute
    assert worker.send_once({"version": "v1"}).ok
    assert worker.send_once({"version": "v1"}).ok
    assert bodies[1]["errors"] == [{"message": "slide skipped: bad.png", "count": 2},
                                   {"message": "sync: server down", "count": 1},
                                   {"message": "the wall clock jumped", "count": 1}]
    assert bodies[2]["errors"] == []  # delivered once, not again
