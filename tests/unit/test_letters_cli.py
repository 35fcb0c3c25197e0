"""``site-gen letters list|export|reply``: what the head's office reads and records."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.blog.letters import LetterIn
from site_gen.blog.store import LetterStore
from site_gen.cli import main

REPO = Path(__file__).resolve().parents[2]
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A letters database with three letters, and the example's blog answers as content."""
    content = tmp_path / "content"
    for folder in ("_data", "images", "pages"):
        shutil.copytree(REPO / "content" / folder, content / folder)
    store = LetterStore(tmp_path / "letters.sqlite3")
    for day, text in ((16, "Спорт залын таңертең ашуды сұраймын."),
                      (18, "Жөндеу цехында желдету жұмыс істемейді."),
                      (20, "Прошу продлить обеденный перерыв.")):
        for _ in range(5 if day == 16 else 1):  # 2026-0001..0005 on the 16th
            store.add(LetterIn("", "Цех № 3", "kk", text),
                      datetime(2026, 11, day, 10, tzinfo=ALMATY))
    return tmp_path


def run(office: Path, *args: str) -> int:
    return main(["letters", *args, "--db", str(office / "letters.sqlite3"),
                 "--content", str(office / "content")])


def test_list_shows_deadlines_and_what_is_overdue(office: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "list", "--date", "2026-11-23") == 0
    out = capsys.readouterr().out.splitlines()
    first = next(line for line in out if line.startswith("2026-0001"))
    assert "reply by 2026-11-19" in first and "OVERDUE" in first
    last = next(line for line in out if line.startswith("2026-0007"))
    assert "reply by 2026-11-25" in last and "open" in last
    assert out[-1].startswith("7 letters: 5 overdue, 1 due today, 1 open")


def test_a_published_answer_closes_its_letter(office: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    # The example publishes answers to letters 2026-0012 and 2026-0015; give the office
    # those numbers too.
    store = LetterStore(office / "letters.sqlite3")
    for _ in range(8):
        store.add(LetterIn("", "Цех", "kk", "Тағы бір хат мәтіні."),
                  datetime(2026, 11, 20, 11, tzinfo=ALMATY))
    assert run(office, "list", "--date", "2026-11-23") == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("2026-0012"))
    assert "answered → /kk/page/2026-11-16-zhauap-2026-0012/" in line


def test_reply_records_a_first_reply_and_open_hides_it(office: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "reply", "2026-0001", "--date", "18.11.2026") == 0
    assert "2026-0001: first reply recorded on 2026-11-18" in capsys.readouterr().out
    assert run(office, "list", "--open", "--date", "2026-11-23") == 0
    out = capsys.readouterr().out
    assert "2026-0001" not in out and "2026-0002" in out
    assert run(office, "reply", "2026-0999") == 2
    assert "there is no letter 2026-0999" in capsys.readouterr().err


def test_export_csv_opens_in_excel_with_kazakh_letters(office: Path) -> None:
    target = office / "out" / "letters.csv"
    assert run(office, "export", "-o", str(target), "--date", "2026-11-23") == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["number"] for r in rows] == [f"2026-{n:04d}" for n in range(1, 8)]
    assert rows[5]["text"] == "Жөндеу цехында желдету жұмыс істемейді."
    assert rows[0]["state"] == "overdue" and rows[0]["reply_by"] == "2026-11-19"


def test_export_json_to_stdout(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "export", "--format", "json", "--date", "2026-11-23") == 0
    data = json.loads(capsys.readouterr().out)
    assert data[-1]["text"] == "Прошу продлить обеденный перерыв."
    assert data[-1]["received"] == "2026-11-20T10:00:00+05:00"


def test_a_missing_database_is_one_clear_line(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letters", "list", "--db", str(tmp_path / "none.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no letters database" in err


def test_a_file_that_is_not_a_letters_database_is_one_clear_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "letters.sqlite3"
    bad.write_text("not a database", encoding="utf-8")
    assert main(["letters", "list", "--db", str(bad), "--content", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot use the letters database" in err
