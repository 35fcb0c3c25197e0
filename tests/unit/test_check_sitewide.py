"""Plain ``check`` warns about links that lead nowhere and approved items dated far ahead.

Before, a link to a page that does not exist was reported only by ``check --checklist`` (the
build's MkDocs warning named the staged file, without a line), and an approved item dated
months ahead was published at once, at the top of its section, without a word.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check
from site_gen.content.sitewide import FAR_DAYS

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
KK = "content/news/жаңалық.kk.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JARSHY_TODAY", "2026-10-01")
    content = tmp_path / "content"
    shutil.copytree(BAD / "kazakh-file-name", content)  # one clean approved item, 2026-11-20
    (content / "files").mkdir()
    (content / "files" / "кесте.pdf").write_bytes(b"%PDF-1.4\n")
    return content


def edit(root: Path, old: str, new: str, lang: str = "kk") -> None:
    file = root / "news" / f"жаңалық.{lang}.md"
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")


def found(root: Path, code: str) -> list[tuple[str, int, int, str, str]]:
    _, diagnostics, _ = check(root)
    return [(d.path, d.line, d.col, d.severity, d.message) for d in diagnostics
            if d.code == code]


# -- dates far ahead --------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "warned"), [
    ("2026-10-31", False),  # FAR_DAYS (30) after today: soon enough
    ("2026-11-01", True),  # 31 days
    ("20.11.2027", True),  # a year ahead (a typo in the year)
])
def test_an_approved_item_dated_far_ahead_is_a_warning_at_the_date(
        root: Path, day: str, warned: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    assert FAR_DAYS == 30
    monkeypatch.setenv("JARSHY_TODAY", "2026-10-01")
    edit(root, "date: 2026-11-20", f"date: {day}")
    edit(root, "date: 2026-11-20", f"date: {day}", "ru")
    got = found(root, "far-future-date")
    if not warned:
        assert got == []
        return
    assert [(path, line, col, severity) for path, line, col, severity, _m in got] == [
        (KK, 3, 1, "warning"), (KK.replace(".kk.", ".ru."), 3, 1, "warning")]
    assert all("days after today" in message for *_rest, message in got)


def test_the_warning_says_to_write_publish_at(root: Path) -> None:
    _, diagnostics, _ = check(root)
    [d] = [d for d in diagnostics if d.code == "far-future-date" and d.path == KK]  # 50 days
    assert "2026-11-20 is 50 days after today" in d.message
    assert "publish_at: 2026-11-20" in d.hint


@pytest.mark.parametrize(("old", "new"), [
    ("status: approved", "status: draft"),  # not published: no surprise
    ("status: approved", "status: approved\npublish_at: 2026-11-20"),  # the editor meant it
])
def test_no_warning_when_the_item_waits_anyway(root: Path, old: str, new: str) -> None:
    edit(root, old, new)
    edit(root, old, new, "ru")
    assert found(root, "far-future-date") == []


def test_today_is_the_pinned_day(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-19")
    assert found(root, "far-future-date") == []


# -- links that lead nowhere -------------------------------------------------------------------

BODY = """
Толығырақ: [кесте](/files/кесте.pdf), [орысша](/ru/news/жаңалық/), [газет](/kk/newspaper/12/),
[жаңалықтар](/kk/news/), [пошта](mailto:info@example.kz), [сайт](https://e.kz/x), [төменде](#н).
Қате: [бет](/kk/news/жаналык/) және [файл](../news/жоқ.kk.md).
```
[код ішінде](/kk/news/жоқ-бет/)
```
Сурет: ![жоқ](/images/жоқ.png)
"""


def test_plain_check_warns_at_the_line_and_column_of_each_broken_link(root: Path) -> None:
    file = root / "news" / "жаңалық.kk.md"
    file.write_text(file.read_text("utf-8") + BODY, "utf-8")
    got = found(root, "broken-link")
    assert [(p, line, col, s) for p, line, col, s, _m in got] == [
        (KK, 11, 7, "warning"), (KK, 11, 37, "warning"), (KK, 15, 8, "warning")]
    messages = [m for *_rest, m in got]
    assert messages[0] == ("link '/kk/news/жаналык/' leads to no page; did you mean "
                           "/kk/news/жаңалық/?")
    assert messages[1] == "link '../news/жоқ.kk.md' leads to no file in content/"
    assert messages[2] == "link '/images/жоқ.png' leads to no file in content/"


def test_the_command_prints_it_and_the_checklist_agrees(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = root / "news" / "жаңалық.kk.md"
    file.write_text(file.read_text("utf-8") + BODY, "utf-8")
    assert main(["check", str(root), "--lang", "en"]) == 0  # warnings only
    out = capsys.readouterr().out
    assert f"{KK}:11:7: warning: link '/kk/news/жаналык/' leads to no page" in out
    main(["check", str(root), "--lang", "en", "--checklist"])
    listed = capsys.readouterr().out
    assert listed.count("leads to no") >= 3


def test_a_reference_definition_is_read_too(root: Path) -> None:
    file = root / "news" / "жаңалық.kk.md"
    text = file.read_text("utf-8") + "\nҚараңыз: [кесте][1].\n\n"
    file.write_text(text + "[1]: ../files/жоқ.pdf\n", "utf-8")
    [(path, line, col, _s, message)] = found(root, "broken-link")
    assert (path, line, col) == (KK, text.count("\n") + 1, 1)
    assert message == "link '../files/жоқ.pdf' leads to no file in content/"


@pytest.mark.slow
def test_the_build_names_a_broken_link_once_at_its_line(tmp_path: Path) -> None:
    """MkDocs's own warning named the staged copy (news/x.md) without a line; check's
    warning names the editor's file and line, and is the only one."""
    repo = Path(__file__).resolve().parents[2]
    content = tmp_path / "content"
    shutil.copytree(repo / "content", content)
    file = content / "news" / "2026-11-18-shygys-110.kk.md"
    text = file.read_text("utf-8")
    file.write_text(text + "\nҚараңыз: [жоспар](../news/жоқ.kk.md).\n", "utf-8")
    line = text.count("\n") + 2
    done = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", "--content", str(content), "--out",
         str(tmp_path / "site"), "--stage-dir", str(tmp_path / "build"), "--date",
         "2026-11-20"], cwd=repo, capture_output=True, text=True, timeout=600, check=False)
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert said.count("жоқ") == 1, said
    assert (f"content/news/2026-11-18-shygys-110.kk.md:{line}:10: warning: link "
            "'../news/жоқ.kk.md' leads to no file in content/") in said


@pytest.mark.parametrize("target", [
    "http://[x", "//[::1/x", "x" * 5000 + ".md", "a%00b.md", "/" + "y/" * 3000, "../" * 500,
])
def test_a_link_no_browser_could_follow_is_a_warning_not_a_crash(root: Path, target: str
                                                                  ) -> None:
    file = root / "news" / "жаңалық.kk.md"
    file.write_text(file.read_text("utf-8") + f"\n[сілтеме]({target})\n", "utf-8")
    got = found(root, "broken-link")
    assert len(got) == 1 and got[0][3] == "warning"
