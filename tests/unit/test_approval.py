"""Approvals: who may approve (people.yml), and git authorship of the approving commit.

Each test builds a small content repository in tmp_path with two authors, an editor and
an approver, and runs ``check`` and the publishing gate on it, as the publish service does.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_gen.content import check
from site_gen.content.gate import publishable

REPO = Path(__file__).resolve().parents[2]
EDITOR = ("Әсел Қасымова", "a.kasymova@zharyq.example.kz")
APPROVER = ("Айгүл Сейітова", "a.seitova@zharyq.example.kz")
PEOPLE = """\
people:
  seitova:
    name: {kk: "А. Сейітова", ru: "А. Сеитова"}
    email: a.seitova@zharyq.example.kz
  kasymova:
    name: {kk: "Ә. Қасымова", ru: "А. Касымова"}
    email: a.kasymova@zharyq.example.kz
sections:
  news: {editors: [kasymova], approvers: [seitova]}
channels:
  intranet: {unit: {kk: "Ішкі коммуникациялар қызметі", ru: "Служба внутренних коммуникаций"}}
  newspaper: {unit: {kk: "Газет редакциясы", ru: "Редакция газеты"}}
  screens: {unit: {kk: "Ішкі коммуникациялар қызметі", ru: "Служба внутренних коммуникаций"}}
  stand: {unit: {kk: "Персоналды басқару қызметі", ru: "Служба управления персоналом"}}
"""
ANSWERS = """checklist:
  legal: ok
  ethics: ok
  editorial: ok
  visuals: not-applicable
  consequences: ok
  reaction: "{who}"
"""


def item(lang: str, status: str, approver: str = "", extra: str = "") -> str:
    who = {"kk": "Ә. Қасымова", "ru": "А. Касымова"}[lang]
    title = {"kk": "Жаңа қосалқы станция", "ru": "Новая подстанция"}[lang]
    fields = f"status: {status}\n"
    if status == "approved":
        fields += (f'approved_by: "{approver}"\napproved_at: "2026-11-20 10:00"\n'
                   "decision: publish\n" + ANSWERS.format(who=who))
    return (f"---\ntitle: \"{title}\"\ndate: 2026-11-20\nsection: news\n{fields}{extra}---\n"
            f"{title}.\n")


def git(repo: Path, *args: str, who: tuple[str, str] | None = None) -> None:
    name, email = who or EDITOR
    subprocess.run(["git", "-c", f"user.name={name}", "-c", f"user.email={email}",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


def write_pair(root: Path, status: str, kk_by: str = "", ru_by: str = "",
               extra: str = "") -> None:
    (root / "news" / "x.kk.md").write_text(item("kk", status, kk_by, extra), encoding="utf-8")
    (root / "news" / "x.ru.md").write_text(item("ru", status, ru_by, extra), encoding="utf-8")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A content repository: the editor commits the data files and an item under review."""
    top = tmp_path / "жаңалықтар"
    root = top / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "bad" / "kazakh-file-name" / "_data",
                    root / "_data")
    (root / "_data" / "people.yml").write_text(PEOPLE, encoding="utf-8")
    (root / "news").mkdir()
    write_pair(root, "review")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "draft")
    return root


def approve(root: Path, who: tuple[str, str]) -> None:
    write_pair(root, "approved", "А. Сейітова", "А. Сеитова")
    git(root.parent, "commit", "-q", "-am", "approved", who=who)


def held(root: Path) -> dict[str, list[str]]:
    content, diagnostics, _ = check(root)
    gated = publishable(content, diagnostics)
    return {left.key: sorted({d.code for d in left.errors}) for left in gated.left_out}


def test_an_approval_committed_by_the_approver_is_published(repo: Path) -> None:
    approve(repo, APPROVER)
    content, diagnostics, _ = check(repo)
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert [i.key for i in publishable(content, diagnostics).content.items] == ["news/x"]


def test_a_forged_approval_is_held_back_on_every_channel(repo: Path) -> None:
    approve(repo, EDITOR)  # the editor typed the approver's name and committed it
    content, diagnostics, _ = check(repo)
    [found] = [d for d in diagnostics if d.path == "content/news/x.kk.md"]
    assert found.code == "approval-not-verified" and found.severity == "error"
    assert "a.kasymova@zharyq.example.kz" in found.message
    assert "a.seitova@zharyq.example.kz" in found.hint
    gated = publishable(content, diagnostics)
    assert gated.content.items == ()
    assert held(repo) == {"news/x": ["approval-not-verified"]}


def test_an_edit_after_approval_needs_the_approver_again(repo: Path) -> None:
    approve(repo, APPROVER)
    page = repo / "news" / "x.kk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nТағы бір сөйлем.\n", encoding="utf-8")
    assert held(repo) == {"news/x": ["approval-not-committed"]}  # not committed yet
    git(repo.parent, "commit", "-q", "-am", "one more sentence", who=EDITOR)
    assert held(repo) == {"news/x": ["approval-not-verified"]}  # status untouched, still held
    page.write_text(page.read_text(encoding="utf-8").replace(
        "2026-11-20 10:00", "2026-11-20 15:30"), encoding="utf-8")
    git(repo.parent, "commit", "-q", "-am", "approved again", who=APPROVER)
    assert held(repo) == {}


def test_approver_must_be_allowed_for_the_section(repo: Path) -> None:
    write_pair(repo, "approved", "А. Сейтова", "Ә. Қасымова")
    git(repo.parent, "commit", "-q", "-am", "approved", who=APPROVER)
    _, diagnostics, _ = check(repo)
    by_file = {d.path: d for d in diagnostics if d.code == "approver-not-allowed"}
    assert by_file["content/news/x.kk.md"].hint == "did you mean 'А. Сейітова'?"
    assert by_file["content/news/x.kk.md"].line == 6
    assert by_file["content/news/x.ru.md"].message == \
        "Ә. Қасымова is not an approver of the section 'news'"
    assert by_file["content/news/x.ru.md"].hint == "approvers of 'news': А. Сеитова"


def test_approved_needs_decision_publish_and_every_block(repo: Path) -> None:
    page = repo / "news" / "x.kk.md"
    page.write_text(item("kk", "approved", "А. Сейітова").replace("decision: publish\n", "")
                    .replace("  ethics: ok\n", ""), encoding="utf-8")
    git(repo.parent, "commit", "-q", "-am", "approved", who=APPROVER)
    _, diagnostics, _ = check(repo)
    codes = {d.code: d for d in diagnostics if d.path == "content/news/x.kk.md"}
    assert codes["approved-without-decision"].hint == "add 'decision: publish'"
    assert codes["checklist-unanswered"].message == \
        "approved, but the checklist does not answer: ethics"


def test_outside_git_approvals_are_unverified_and_held(repo: Path, tmp_path: Path) -> None:
    approve(repo, APPROVER)
    copy = tmp_path / "copy" / "content"
    shutil.copytree(repo, copy)
    content, diagnostics, _ = check(copy)
    said = [d for d in diagnostics if d.code == "no-git-history"]
    assert len(said) == 1 and said[0].severity == "warning"
    assert said[0].path == "content/_data/people.yml"
    assert publishable(content, diagnostics).content.items == ()


def test_people_file_errors_at_their_line(repo: Path) -> None:
    people = repo / "_data" / "people.yml"
    people.write_text(PEOPLE.replace("approvers: [seitova]", "approvers: [seitva]")
                      .replace("a.kasymova@zharyq.example.kz", "a.kasymova")
                      .replace("  stand:", "  stnd:"), encoding="utf-8")
    _, diagnostics, _ = check(repo)
    found = {d.code: d for d in diagnostics if d.path == "content/_data/people.yml"}
    assert (found["unknown-person"].line, found["unknown-person"].hint) == \
        (9, "did you mean 'seitova'?")
    assert found["bad-email"].line == 7
    assert (found["unknown-channel"].line, found["unknown-channel"].hint) == \
        (14, "did you mean 'stand'?")
    assert "stand" in found["channel-without-unit"].message


def test_published_before_approval_by_an_editor_goes_out(repo: Path) -> None:
    reason = 'published_before_approval: "авария: жұмыстан тыс уақытта хабарлау керек"\n'
    write_pair(repo, "review", extra=reason)
    git(repo.parent, "commit", "-q", "-am", "urgent", who=EDITOR)
    content, diagnostics, _ = check(repo)
    assert [d for d in diagnostics if d.severity == "error"] == []
    [x] = publishable(content, diagnostics).content.items
    assert x.primary.approved and x.primary.awaiting_approval


def test_published_before_approval_by_an_outsider_is_held(repo: Path) -> None:
    write_pair(repo, "review", extra='published_before_approval: "шұғыл"\n')
    git(repo.parent, "commit", "-q", "-am", "urgent", who=("Бөгде", "x@elsewhere.example"))
    assert held(repo) == {"news/x": ["approval-not-verified"]}


def test_a_broken_people_file_stops_every_channel(repo: Path) -> None:
    people = repo / "_data" / "people.yml"
    people.write_text(PEOPLE.replace("a.kasymova@zharyq.example.kz",
                                     "a.seitova@zharyq.example.kz"), encoding="utf-8")
    content, diagnostics, _ = check(repo)
    [dup] = [d for d in diagnostics if d.code == "duplicate-email"]
    assert (dup.path, dup.line) == ("content/_data/people.yml", 7)
    assert dup.message == "the e-mail a.seitova@zharyq.example.kz is also seitova's"
    assert dup in publishable(content, diagnostics).general  # no channel runs


def test_no_approver_named_or_none_for_the_section(repo: Path) -> None:
    write_pair(repo, "approved", "", "А. Сеитова")
    people = repo / "_data" / "people.yml"
    git(repo.parent, "commit", "-q", "-am", "approved", who=APPROVER)
    _, diagnostics, _ = check(repo)
    [missing] = [d for d in diagnostics if d.code == "no-approver"]
    assert missing.path == "content/news/x.kk.md"
    assert missing.hint == "write who approved it: А. Сейітова"
    people.write_text(PEOPLE.replace("news: {editors", "interviews: {editors"),
                      encoding="utf-8")
    _, diagnostics, _ = check(repo)
    assert {d.path for d in diagnostics if d.code == "no-approver-for-section"} == {
        "content/news/x.kk.md", "content/news/x.ru.md"}


def test_the_approvers_own_uncommitted_approval_passes_a_pre_commit_check(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pair(repo, "approved", "А. Сейітова", "А. Сеитова")  # not committed yet
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", APPROVER[1])  # git var GIT_AUTHOR_IDENT reads it
    monkeypatch.setenv("GIT_AUTHOR_NAME", APPROVER[0])
    _, diagnostics, _ = check(repo)
    pending = [d for d in diagnostics if d.path == "content/news/x.kk.md"]
    assert [(d.severity, d.code) for d in pending] == [("warning", "approval-pending")]
    assert held(repo) == {}
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", EDITOR[1])  # the editor's tree: held back
    monkeypatch.setenv("GIT_AUTHOR_NAME", EDITOR[0])
    assert held(repo) == {"news/x": ["approval-not-committed"]}
