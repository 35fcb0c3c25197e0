"""`site-gen check --checklist`: the pre-publication checks of items in review or approved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.checklist import run_checklist

REPO = Path(__file__).resolve().parent.parent.parent
LONG = "Қосалқы станциядағы жөндеу жұмыстары туралы өте ұзын тақырып, ол экранға сыймайды, " \
       "сондықтан қысқарту керек"

BAD_KK = f"""---
title: "{LONG}"
date: 2026-11-24
section: news
image: /images/substation.png
tags: [қосалқы станцияа]
status: review
signage:
  screens: all
  text: "Толығырақ: https://example.com/info"
---

Хабарласу телефоны: +7 701 234 56 78.
[Дұрыс сілтеме](/kk/news/2026-11-18-shygys-110/) және
[қате сілтеме](/kk/news/2026-11-18-shygys-11/), [жоқ файл](../images/nope.png),
[сыртқы сайт](https://egov.kz/) және [бөлім](/kk/news/).
"""

ANSWERS = """checklist:
  legal: ok
  ethics: ok
  editorial: ok
  visuals: not-applicable
  consequences: ok
  reaction: "Ә. Қасымова"
"""

APPROVED_NO_WHO = f"""---
title: "Бекітілген, бірақ кім бекіткені жазылмаған"
date: 2026-11-24
section: news
status: approved
decision: publish
{ANSWERS}---

Мәтін.
"""


APPROVED_PHONE = f"""---
title: "Бекітілген, мәтінде телефон бар"
date: 2026-11-24
section: news
status: approved
decision: publish
approved_by: "А. Сейітова"
approved_at: 2026-11-24
{ANSWERS}---

Хабарласу: +7 701 234 56 78.
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("checklist") / "content"
    shutil.copytree(REPO / "content", content)
    (content / "news" / "2026-11-24-bad.kk.md").write_text(BAD_KK, encoding="utf-8")
    for lang in ("kk", "ru"):
        (content / "news" / f"2026-11-24-who.{lang}.md").write_text(APPROVED_NO_WHO,
                                                                     encoding="utf-8")
    (content / "news" / "2026-11-24-phone.kk.md").write_text(APPROVED_PHONE, encoding="utf-8")
    misfiled = APPROVED_NO_WHO.replace("section: news", "section: announcements").replace(
        "decision: publish", "decision: publish\napproved_by: \"А. Сейітова\"\n"
        "approved_at: 2026-11-24")
    for lang in ("kk", "ru"):
        (content / "news" / f"2026-11-24-folder.{lang}.md").write_text(misfiled,
                                                                        encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def lists(root: Path) -> dict[str, object]:
    content, diagnostics, _ = check(root)
    return {c.item.key: c for c in run_checklist(content, diagnostics=diagnostics)}


def states(lists: dict[str, object], key: str) -> dict[str, str]:
    c = lists[key]
    return {r.code: r.state for r in c.results}  # type: ignore[attr-defined]


def messages(lists: dict[str, object], key: str, code: str) -> list[str]:
    return [f.english() for f in lists[key].result(code).findings]  # type: ignore[attr-defined]


def test_a_good_approved_item_passes_every_check(lists: dict[str, object]) -> None:
    assert set(states(lists, "news/2026-11-18-shygys-110").values()) == {"ok"}


def test_drafts_are_not_in_the_checklist(lists: dict[str, object], root: Path) -> None:
    content, _, _ = check(root)
    drafts = {i.key for i in content.items
              if all(v.status == "draft" for v in i.versions.values())}
    assert drafts and not drafts & set(lists)


def test_each_problem_is_found(lists: dict[str, object]) -> None:
    """An item in review: check's warnings are "check by eye" here too, never "must fix"."""
    key = "news/2026-11-24-bad"
    s = states(lists, key)
    assert s["languages"] == "warn"
    assert messages(lists, key, "languages") == [
        "no Russian version; add content/news/2026-11-24-bad.ru.md"]
    assert s["lengths"] == "warn"
    assert messages(lists, key, "lengths") == [
        f"title has {len(LONG)} characters; the screens fit 90"]
    assert s["images"] == "warn"
    assert messages(lists, key, "images") == [
        "the image has no 'image_alt' text; describe the picture for readers who cannot see it"]
    assert s["personal-data"] == "warn"  # in review: check warns; approved, it is an error
    assert messages(lists, key, "personal-data") == [
        "'+7 701 234 56 78' looks like a phone number (personal data); remove it, or add "
        "'personal_data: consent' when the person agreed in writing"]
    assert s["screen-links"] == "warn"
    assert messages(lists, key, "screen-links") == [
        "the screen text links to another host: https://example.com/info"]
    assert s["links"] == "warn"
    assert [m.split(";")[0] for m in messages(lists, key, "links")] == [
        "link '/kk/news/2026-11-18-shygys-11/' leads to no page",
        "link '../images/nope.png' leads to no file in content/"]
    assert s["spelling"] == "warn"
    assert messages(lists, key, "spelling") == [
        "tag 'қосалқы станцияа' looks like the tag 'қосалқы станция' used elsewhere; "
        "write it the same way"]
    assert s["decision"] == "warn"  # in review: the decision is still to come
    assert s["other"] == "ok"


def test_an_error_of_check_is_a_must_fix(lists: dict[str, object]) -> None:
    """The same phone number in an approved item is an error in check: ✗ here."""
    key = "news/2026-11-24-phone"
    s = states(lists, key)
    assert s["personal-data"] == "fail"
    assert s["languages"] == "warn"
    assert not lists[key].passed  # type: ignore[attr-defined]


def test_findings_point_at_the_line(lists: dict[str, object]) -> None:
    (finding,) = lists["news/2026-11-24-bad"].result("personal-data").findings  # type: ignore[attr-defined]
    assert finding.path == "content/news/2026-11-24-bad.kk.md"
    assert finding.line == BAD_KK.splitlines().index(
        "Хабарласу телефоны: +7 701 234 56 78.") + 1


def test_approval_needs_who_and_when(lists: dict[str, object]) -> None:
    # A note to check by eye: check holds the rules an approval must meet.
    assert states(lists, "news/2026-11-24-who")["decision"] == "warn"
    assert states(lists, "news/2026-11-24-who")["approval"] == "fail"  # check: no-approver
    assert set(messages(lists, "news/2026-11-24-who", "decision")) == {
        "who took the decision is not recorded; add 'approved_by'",
        "when the decision was taken is not recorded; add 'approved_at'"}


def test_a_section_that_differs_from_the_folder(lists: dict[str, object]) -> None:
    key = "news/2026-11-24-folder"
    assert states(lists, key) == {**dict.fromkeys(states(lists, key), "ok"), "spelling": "warn"}
    assert messages(lists, key, "spelling") == [
        "the file is in the folder 'news' but its section is 'announcements'; is one of them "
        "misspelt?"] * 2


def test_cli_table_exit_code_and_named_files(root: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = root / "news" / "2026-11-24-phone.kk.md"
    assert main(["check", "--checklist", str(bad)]) == 1
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| news/")]
    assert len(rows) == 1 and rows[0].startswith("| news/2026-11-24-phone ")
    assert "✗" in rows[0]
    assert "  ✗ personal data: content/news/2026-11-24-phone.kk.md:" in out
    assert "1 must be fixed before publishing" in out
    assert main(["check", str(root / "news" / "2026-11-24-bad.kk.md")]) == 0
    assert main(["check", "--checklist", str(root / "news" / "2026-11-24-bad.kk.md")]) == 0
    capsys.readouterr()
    good = root / "news" / "2026-11-18-shygys-110.kk.md"
    assert main(["check", "--checklist", str(good)]) == 0
    assert "1 item checked; 0 must be fixed before publishing" in capsys.readouterr().out


def test_cli_json(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--checklist", "--format", "json", str(root)]) == 1
    data = json.loads(capsys.readouterr().out)
    rows = {row["item"]: row for row in data["checklist"]}
    assert rows["news/2026-11-18-shygys-110"]["passed"] is True
    bad = rows["news/2026-11-24-bad"]
    assert bad["passed"] is True and bad["status"] == {"kk": "review"}  # warnings only
    assert bad["checks"]["links"]["state"] == "warn"
    assert rows["news/2026-11-24-phone"]["checks"]["personal-data"]["state"] == "fail"
    # the phone (1); the approval without approved_by or a time, in both files (4)
    assert data["summary"]["errors"] == 5


def test_cli_in_kazakh(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = root / "news" / "2026-11-24-phone.kk.md"
    assert main(["check", "--checklist", "--lang", "kk", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "| материал " in out and "дербес деректер" in out
    assert ("✗ дербес деректер: content/news/2026-11-24-phone.kk.md:18: '+7 701 234 56 78' — "
            "телефон нөмірі сияқты (дербес деректер)") in out
