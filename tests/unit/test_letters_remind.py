"""``site-gen letters list`` with both deadlines, ``--overdue``, ``--meeting``; ``answer``,
``forward``; and the weekly ``remind`` e-mail, delivered to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.blog.letters import LetterIn
from site_gen.blog.store import LetterStore
from site_gen.cli import main
from tests.mailbox import Inbox

REPO = Path(__file__).resolve().parents[2]
ALMATY = ZoneInfo("Asia/Almaty")
MEETING = "2026-11-18-esep-beru-kezdesui"  # the example's December report meeting


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """Letters of 2, 16 and 20 November 2026 (one a question for the meeting), with the
    example's data files, pages (its published answers) and the meeting."""
    content = tmp_path / "content"
    for folder in ("_data", "images", "pages", "files"):
        if (REPO / "content" / folder).is_dir():
            shutil.copytree(REPO / "content" / folder, content / folder)
    (content / "announcements").mkdir()
    for lang in ("kk", "ru"):
        name = f"{MEETING}.{lang}.md"
        shutil.copy(REPO / "content" / "announcements" / name, content / "announcements" / name)
    store = LetterStore(tmp_path / "letters.sqlite3")
    store.add(LetterIn("Айгүл", "Цех № 3", "kk", "Бірінші хаттың мәтіні.", "ішкі 1234",
                       "personal"), datetime(2026, 11, 2, 10, tzinfo=ALMATY))
    store.add(LetterIn("", "Қойма", "ru", "Вопрос к встрече о премиях.", "", "blog", MEETING),
              datetime(2026, 11, 16, 10, tzinfo=ALMATY))
    store.add(LetterIn("", "Цех № 5", "kk", "Үшінші хаттың мәтіні.", "", "blog"),
              datetime(2026, 11, 20, 10, tzinfo=ALMATY))
    return tmp_path


def test_a_question_after_the_deadline_is_marked_late(office: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    LetterStore(office / "letters.sqlite3").add(
        LetterIn("", "Қойма", "kk", "Кешіккен сұрақтың мәтіні.", "", "blog", MEETING),
        datetime(2026, 12, 5, 10, tzinfo=ALMATY))  # questions were taken until 04.12
    assert run(office, "list", "--meeting", MEETING, "--date", "2026-12-05") == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("2026-")]
    assert ["LATE QUESTION" in x for x in lines] == [False, True]


def run(office: Path, *args: str) -> int:
    return main(["letters", *args, "--db", str(office / "letters.sqlite3"),
                 "--content", str(office / "content")])


def test_list_shows_both_deadlines_and_overdue_filters(
        office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "reply", "2026-0001", "--date", "2026-11-04") == 0
    capsys.readouterr()
    assert run(office, "list", "--date", "2026-11-24") == 0
    out = capsys.readouterr().out.splitlines()
    first = next(x for x in out if x.startswith("2026-0001"))
    # 02.11 + 15 working days = 23.11: replied in time, the official answer is late
    assert "reply by 2026-11-05  replied (2026-11-04)  answer by 2026-11-23  OVERDUE" in first
    third = next(x for x in out if x.startswith("2026-0003"))
    assert "reply by 2026-11-25  open  answer by 2026-12-11  open" in third
    assert out[-1].endswith("official answer: 1 overdue, 0 due today, 2 open, 0 answered, "
                            "0 forwarded")
    assert run(office, "list", "--overdue", "--date", "2026-11-24") == 0
    shown = [x[:9] for x in capsys.readouterr().out.splitlines() if x.startswith("2026-")]
    assert shown == ["2026-0001", "2026-0002"]  # 0002's first reply was due on 19.11


def test_answer_and_forward_close_the_official_answer(
        office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "answer", "2026-0001", "--date", "2026-11-20") == 0
    assert run(office, "forward", "2026-0002", "--date", "2026-11-18") == 0
    assert "2026-0002: forwarded to official correspondence recorded on 2026-11-18" in \
        capsys.readouterr().out
    assert run(office, "list", "--overdue", "--date", "2026-12-30") == 0
    shown = [x[:9] for x in capsys.readouterr().out.splitlines() if x.startswith("2026-")]
    assert shown == ["2026-0003"]
    assert run(office, "answer", "2026-0404") == 2
    assert "there is no letter 2026-0404" in capsys.readouterr().err


def test_list_meeting_shows_its_questions(office: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "list", "--meeting", MEETING, "--date", "2026-11-24") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("questions for '") and "18.12.2026 15:00" in out[0]
    assert "questions until 04.12.2026" in out[0]
    assert [x[:9] for x in out if x.startswith("2026-")] == ["2026-0002"]
    assert out[-1].startswith("1 letters:")
    assert run(office, "list", "--meeting", "2026-11-18-esep-beru", "--date", "2026-11-24") == 2
    err = capsys.readouterr().err
    assert "there is no report meeting '2026-11-18-esep-beru'" in err and MEETING in err


def test_remind_sends_the_weekly_mail_without_personal_data(
        office: Path, smtp_server: tuple[int, Inbox], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    port, inbox = smtp_server
    monkeypatch.setenv("JARSHY_SMTP_HOST", "127.0.0.1")  # the digest's SMTP settings
    monkeypatch.setenv("JARSHY_SMTP_PORT", str(port))
    monkeypatch.setenv("JARSHY_LETTERS_TO", "blog-office@zharyq.example.kz")
    assert run(office, "remind", "--date", "2026-11-24", "--send") == 0, capsys.readouterr().err
    assert "sent to blog-office@zharyq.example.kz" in capsys.readouterr().out
    [(sender, recipients, data)] = inbox.received
    assert sender == "letters@intranet.zharyq.example.kz"
    assert recipients == ["blog-office@zharyq.example.kz"]
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg["Subject"] == ("Блог хаттары: мерзімі өткені 2, осы аптада 1 / "
                              "Письма блога: просрочено 2, на этой неделе 1")
    body = msg.get_content()
    kk, ru = body.split("—" * 20)
    assert "Мерзімі өткен хаттар (2):" in kk and "Просроченные письма (2):" in ru
    assert "№ 2026-0001 (түсті 02.11.2026), Цех № 3; алғашқы жауап: МЕРЗІМІ ӨТТІ 05.11.2026; " \
           "ресми жауап: МЕРЗІМІ ӨТТІ 23.11.2026" in kk
    assert "№ 2026-0003 (поступило 20.11.2026), Цех № 5; первый ответ: срок 25.11.2026" in ru
    for private in ("Айгүл", "ішкі 1234", "мәтіні", "премиях"):
        assert private not in body


def test_remind_without_send_prints_and_a_bad_server_is_one_line(
        office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office, "remind", "--date", "2026-11-24") == 0
    out = capsys.readouterr().out
    assert "Мерзімі өткен хаттар (2):" in out and "not sent: add --send" in out
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = int(s.getsockname()[1])
    assert run(office, "remind", "--send", "--to", "office@example.kz", "--smtp-host",
               "127.0.0.1", "--smtp-port", str(closed)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not send through 127.0.0.1" in err
