"""One personal-data gate for every channel: an item with an error goes out nowhere.

The attack: an approved news item gets an IIN in its body. ``check`` fails and the site build
refuses, yet the digest mailed it, the poster printed it, the bundle put it on the screens and
``print`` printed the issue page built before the edit without a word. Now every channel asks
one gate (``site_gen.content.gate.publishable``, any error in either file of a pair) and names
what it left out.
"""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check, publishable
from tests.mailbox import Inbox

REPO = Path(__file__).resolve().parents[2]
IIN = "850714300127"  # 14 July 1985, century digit 3, check digit 7
KEY = "news/2026-11-18-shygys-110"
KK_FILE = f"content/{KEY}.kk.md"
KK_TITLE = "«Шығыс-110» қосалқы станциясы іске қосылды"
RU_TITLE = "Подстанция «Шыгыс-110» введена в работу"
OTHER_TITLE_RU = "Отчётная встреча"  # announcements/2026-11-18-esep-beru-kezdesui, same day
KK_SUMMARY = "Павлодардың шығысындағы жаңа қосалқы станция"  # only in the item itself


def leak(content: Path) -> int:
    """Write an IIN into the approved Kazakh item; return its line."""
    file = content / f"{KEY}.kk.md"
    text = file.read_text(encoding="utf-8")
    file.write_text(text + f"\nБайланыс үшін: ЖСН {IIN}.\n", encoding="utf-8")
    return text.count("\n") + 2


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    return root


def test_the_gate_holds_the_whole_item_back_and_says_why(content: Path) -> None:
    line = leak(content)
    gated = publishable(*check(content)[:2])
    assert KEY not in {i.key for i in gated.content.items}
    [held] = [e for e in gated.left_out if e.key == KEY]
    assert [(d.path, d.line, d.code) for d in held.errors] == [
        (KK_FILE, line, "personal-data")]


def mail_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    return "\n".join(str(part.get_content()) for part in msg.walk()  # type: ignore[attr-defined]
                     if part.get_content_maintype() == "text")


def test_the_digest_sent_by_smtp_leaves_the_item_out(
        content: Path, tmp_path: Path, smtp_server: tuple[int, Inbox],
        capsys: pytest.CaptureFixture[str]) -> None:
    leak(content)
    port, inbox = smtp_server
    out = tmp_path / "d.eml"
    code = main(["digest", "--date", "2026-11-18", "--content", str(content), "--out", str(out),
                 "--to", "ceo@zharyq.example.kz", "--send", "--smtp-host", "127.0.0.1",
                 "--smtp-port", str(port)])
    said = capsys.readouterr()
    assert code == 0, said.err
    [(_, _, data)] = inbox.received
    for text in (mail_text(data), mail_text(out.read_bytes())):
        assert IIN not in text
        assert KK_TITLE not in text and RU_TITLE not in text
        assert OTHER_TITLE_RU in text  # the rest of the day still goes out
    assert f"{KEY}" in said.err and "left out" in said.err and KK_FILE in said.err


def test_the_poster_is_refused_with_the_place_of_the_error(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = leak(content)
    out = tmp_path / "posters"
    code = main(["poster", KEY, "--content", str(content), "--out", str(out), "--no-pdf",
                 "--date", "2026-11-20"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{KK_FILE}:{line}:" in err and "personal data" in err
    assert not out.exists() or not any(out.iterdir())


def test_the_bundle_leaves_the_item_out(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "signage"
    assert main(["bundle", "--content", str(content), "--out", str(out), "--date",
                 "2026-11-20", "--quiet"]) == 0
    ids = {item["id"] for item in json.loads((out / "bundle.json").read_text("utf-8"))["items"]}
    assert KEY in ids  # the clean item goes to the screens
    leak(content)
    assert main(["bundle", "--content", str(content), "--out", str(out), "--date",
                 "2026-11-20", "--quiet"]) == 0
    bundle = (out / "bundle.json").read_text("utf-8")
    ids = {item["id"] for item in json.loads(bundle)["items"]}
    assert KEY not in ids and ids  # the rest is still there
    assert IIN not in bundle
    assert "шығыс аудандардағы 12 мыңнан астам" not in bundle  # its screen text


@pytest.mark.slow
def test_print_does_not_print_an_issue_page_built_before_the_error(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue page was built while the item was clean; the IIN came after. Printing the
    old page would print an item check now holds back."""
    site = tmp_path / "site"
    monkeypatch.chdir(REPO)  # mkdocs.yml and themes/ of the project
    fake = tmp_path / "chromium"  # "prints" by copying the page: the PDF's text is the page's
    fake.write_text('#!/bin/sh\npage=""; out=""\nfor a; do case "$a" in '
                    '--print-to-pdf=*) out="${a#--print-to-pdf=}";; file://*) page="${a#file://}";;'
                    ' esac; done\n{ printf "%%PDF-1.4\\n"; cat "$page"; } > "$out"\n',
                    encoding="utf-8")
    fake.chmod(0o755)
    args = ["print", "--issue", "12", "--lang", "kk", "--site", str(site), "--content",
            str(content), "--date", "2026-11-20", "--chromium", str(fake)]
    first = tmp_path / "first.pdf"
    assert main([*args, "--build", "--out", str(first)]) == 0, capsys.readouterr().err
    assert KK_SUMMARY in first.read_text("utf-8")  # the clean item is printed
    line = leak(content)
    second = tmp_path / "second.pdf"
    code = main([*args, "--out", str(second)])
    said = capsys.readouterr()
    # The page on disk is not trusted: the site is built again, and the item is named with
    # the place of its error.
    assert f"{KEY}, which has errors" in said.out and f"{KK_FILE}:{line}:" in said.out
    assert code == 0, said.err
    printed = second.read_text("utf-8")
    assert IIN not in printed
    assert KK_SUMMARY in printed  # its last good version, published before (site-gen build)


@pytest.mark.slow
def test_the_site_and_its_bundle_leave_the_item_out_and_carry_the_rest(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    line = leak(content)
    monkeypatch.chdir(REPO)  # mkdocs.yml and themes/ of the project
    site = tmp_path / "site"
    code = main(["build", "--content", str(content), "--out", str(site), "--stage-dir",
                 str(tmp_path / "build"), "--date", "2026-11-20"])
    said = capsys.readouterr()
    assert code == 1  # built, but not clean: the editor is told
    assert f"{KK_FILE}:{line}:" in said.out and KEY in said.out[said.out.index("left out"):]
    assert not (site / "kk" / KEY).exists() and not (site / "ru" / KEY).exists()
    assert (site / "kk" / "announcements" / "2026-11-18-esep-beru-kezdesui" / "index.html"
            ).is_file()
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".xml", ".txt"):
            text = file.read_text("utf-8", errors="replace")
            assert IIN not in text and KK_SUMMARY not in text, file


def test_a_poster_of_an_item_no_file_of_which_can_be_read_names_the_errors(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("kk", "ru"):
        file = content / f"{KEY}.{lang}.md"
        file.write_text(file.read_text("utf-8").replace("date: 2026-11-18", "date: 2026-11-31"),
                        "utf-8")
    code = main(["poster", f"{KK_FILE}", "--content", str(content), "--out",
                 str(tmp_path / "p"), "--no-pdf", "--date", "2026-11-20"])
    err = capsys.readouterr().err
    assert code == 2 and "has errors" in err and f"{KK_FILE}:3:" in err
    assert "there is no item" not in err
