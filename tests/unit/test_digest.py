"""The daily digest: a bilingual multipart e-mail, written to .eml and sent over SMTP."""

from __future__ import annotations

import email
import email.policy
import socket
from email.message import EmailMessage
from pathlib import Path

import pytest

from site_gen.cli import main
from tests.mailbox import Inbox

REPO = Path(__file__).resolve().parents[2]
CONTENT = str(REPO / "content")


def read_eml(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def parts(msg: EmailMessage) -> tuple[str, str]:
    plain = msg.get_body(("plain",))
    rich = msg.get_body(("html",))
    assert plain is not None and rich is not None
    return str(plain.get_content()), str(rich.get_content())


def test_digest_of_a_day_is_multipart_with_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "18.11.2026", "--content", CONTENT, "--out", str(out),
                 "--to", "basshylyq@zharyq.example.kz"]) == 0
    msg = read_eml(out)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Subject"] == "Күнделікті дайджест · Ежедневный дайджест — 18.11.2026"
    assert msg["To"] == "basshylyq@zharyq.example.kz"
    plain, rich = parts(msg)
    # Kazakh first, then Russian; the day's news and announcements, with absolute links
    kk = plain.index("«Шығыс-110» қосалқы станциясы іске қосылды")
    ru = plain.index("Подстанция «Шыгыс-110» введена в работу")
    assert kk < ru
    assert plain.index("ЖАҢАЛЫҚТАР") < plain.index("ХАБАРЛАНДЫРУЛАР") < ru
    assert "http://intranet.zharyq.example.kz/kk/news/2026-11-18-shygys-110/" in plain
    assert 'href="http://intranet.zharyq.example.kz/ru/news/2026-11-18-shygys-110/"' in rich
    assert rich.index('lang="kk"') < rich.index('lang="ru"')
    # items of other days stay out
    assert "Шұғыл: 23–24 қарашада" not in plain
    # nothing in the HTML asks the network for anything but the links themselves
    assert "<img" not in rich and "<script" not in rich and "@import" not in rich


def test_without_an_intranet_address_no_digest_with_dead_links_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    site = content / "_data/site.yml"
    site.write_text("\n".join(line for line in site.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("base_url:")) + "\n", encoding="utf-8")
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "18.11.2026", "--content", str(content),
                 "--out", str(out)]) != 0
    assert "base_url" in capsys.readouterr().err
    assert not out.exists()


def test_a_day_without_news_says_so_or_is_skipped(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "2026-11-01", "--content", CONTENT, "--out", str(out)]) == 0
    plain, _rich = parts(read_eml(out))
    assert "Бұл күні жаңа материал жарияланған жоқ." in plain
    assert "В этот день новых материалов не было." in plain
    skipped = tmp_path / "none.eml"
    assert main(["digest", "--date", "2026-11-01", "--content", CONTENT, "--out", str(skipped),
                 "--skip-empty"]) == 0
    assert not skipped.exists()
    assert "no news that day" in capsys.readouterr().out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_send_delivers_the_same_message_to_every_recipient(
        tmp_path: Path, smtp_server: tuple[int, Inbox],
        capsys: pytest.CaptureFixture[str]) -> None:
    port, inbox = smtp_server
    out = tmp_path / "d.eml"
    code = main(["digest", "--date", "2026-11-18", "--content", CONTENT, "--out", str(out),
                 "--from", "Jarshy <digest@zharyq.example.kz>",
                 "--to", "ceo@zharyq.example.kz", "--to", "hr@zharyq.example.kz",
                 "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port)])
    assert code == 0, capsys.readouterr().err
    assert len(inbox.received) == 1
    sender, recipients, data = inbox.received[0]
    assert sender == "digest@zharyq.example.kz"
    assert recipients == ["ceo@zharyq.example.kz", "hr@zharyq.example.kz"]
    got = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(got, EmailMessage)
    assert got["Subject"] == read_eml(out)["Subject"]
    assert parts(got) == parts(read_eml(out))
    assert "sent to ceo@zharyq.example.kz, hr@zharyq.example.kz" in capsys.readouterr().out


def test_an_unreachable_server_is_one_line_and_the_eml_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.eml"
    code = main(["digest", "--date", "2026-11-18", "--content", CONTENT, "--out", str(out),
                 "--to", "ceo@zharyq.example.kz", "--send", "--smtp-host", "127.0.0.1",
                 "--smtp-port", str(free_port())])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "could not send through 127.0.0.1" in err and str(out) in err
    assert out.is_file()


@pytest.mark.parametrize(("args", "words"), [
    (["--send", "--smtp-host", "127.0.0.1"], "--send needs at least one --to"),
    (["--send", "--to", "ceo@zharyq.example.kz"], "--send needs --smtp-host"),
    (["--to", "not an address"], "'not an address' is not an e-mail address"),
    (["--date", "31.02.2026"], "--date"),
])
def test_wrong_settings_are_one_clear_line(args: list[str], words: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("JARSHY_SMTP_HOST", "JARSHY_DIGEST_TO"):
        monkeypatch.delenv(name, raising=False)
    assert main(["digest", "--content", CONTENT, "--out", str(tmp_path / "d.eml"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
