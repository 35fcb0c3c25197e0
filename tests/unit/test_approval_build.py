"""The publish path honours git-verified approvals: ``site-gen build`` leaves out a forged
approval, and after an editor's later edit keeps the approved version on the site (its last
good copy) until the approver commits again."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.build import build
from tests.unit.test_approval import APPROVER, EDITOR, approve, git, repo  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def site(content: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(content, out, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build",
          parallel=False)
    return out


def test_a_forged_approval_reaches_no_channel(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    approve(repo, EDITOR)
    out = site(repo, tmp_path)
    assert not (out / "kk" / "news" / "x").exists()
    assert not (out / "ru" / "news" / "x").exists()
    assert "Жаңа қосалқы станция" not in (out / "kk" / "index.html").read_text("utf-8")


def test_an_edit_after_approval_keeps_the_approved_version_until_approved_again(
        repo: Path, tmp_path: Path) -> None:  # noqa: F811
    approve(repo, APPROVER)
    page = repo / "news" / "x.kk.md"
    assert (site(repo, tmp_path) / "kk" / "news" / "x" / "index.html").is_file()
    page.write_text(page.read_text("utf-8") + "\nРедактордың кейінгі сөйлемі.\n", "utf-8")
    git(repo.parent, "commit", "-q", "-am", "a late edit", who=EDITOR)
    shown = (site(repo, tmp_path) / "kk" / "news" / "x" / "index.html").read_text("utf-8")
    assert "Жаңа қосалқы станция" in shown  # the approved version stays up
    assert "Редактордың кейінгі сөйлемі" not in shown  # the unapproved edit does not
    page.write_text(page.read_text("utf-8").replace("2026-11-20 10:00", "2026-11-20 15:30"),
                    "utf-8")
    git(repo.parent, "commit", "-q", "-am", "approved again", who=APPROVER)
    shown = (site(repo, tmp_path) / "kk" / "news" / "x" / "index.html").read_text("utf-8")
    assert "Редактордың кейінгі сөйлемі" in shown
