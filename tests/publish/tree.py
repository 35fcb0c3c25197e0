"""A small content repository for the publish service's tests: the project's mkdocs.yml and
themes, site settings, screens, one newspaper issue, and items written by the test; a bare
repository in tmp_path plays the server editors push to."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE_YML = """\
company:
  kk: "«Жарық Энерго» компаниялар тобы"
  ru: "Группа компаний «Жарык Энерго»"
timezone: Asia/Almaty
bins: ["061140003527"]
base_url: "http://intranet.example.kz/"
publish_report_to: [editors@example.kz]
"""
SCREENS_YML = """\
- id: canteen
  name: {kk: "Асхана", ru: "Столовая"}
  resolution: 1920x1080
  on_hours: "07:00-21:00"
"""
ISSUE_YML = """\
number: 12
date: 2026-11-20
note: {kk: "Қараша айының нөмірі", ru: "Ноябрьский номер"}
"""


def item(title_kk: str, title_ru: str, *, extra: str = "", date: str = "2026-11-20",
         section: str = "news") -> dict[str, str]:
    """The two files of an approved item, by language."""
    head = f"date: {date}\nsection: {section}\nstatus: approved\n{extra}"
    return {"kk": f"---\ntitle: {title_kk}\n{head}---\nМәтін {title_kk}.\n",
            "ru": f"---\ntitle: {title_ru}\n{head}---\nТекст {title_ru}.\n"}


def write_item(root: Path, key: str, files: dict[str, str]) -> None:
    for lang, text in files.items():
        path = root / "content" / f"{key}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          timeout=60, env={"GIT_AUTHOR_NAME": "Редактор",
                                           "GIT_AUTHOR_EMAIL": "editor@example.kz",
                                           "GIT_COMMITTER_NAME": "Редактор",
                                           "GIT_COMMITTER_EMAIL": "editor@example.kz",
                                           "HOME": str(cwd), "PATH": "/usr/bin:/bin"})
    return done.stdout.strip()


def make_remote(tmp: Path, items: dict[str, dict[str, str]]) -> tuple[Path, Path]:
    """(the bare "server" repository, an editor's clone of it) holding ``items``."""
    editor = tmp / "editor"
    editor.mkdir()
    shutil.copy(REPO / "mkdocs.yml", editor / "mkdocs.yml")
    shutil.copytree(REPO / "themes", editor / "themes")
    data = editor / "content" / "_data"
    (data / "issues").mkdir(parents=True)
    (data / "site.yml").write_text(SITE_YML, encoding="utf-8")
    (data / "screens.yml").write_text(SCREENS_YML, encoding="utf-8")
    (data / "issues" / "12.yml").write_text(ISSUE_YML, encoding="utf-8")
    for key, files in items.items():
        write_item(editor, key, files)
    git(editor, "init", "--quiet", "--initial-branch", "main")
    git(editor, "add", "-A")
    git(editor, "commit", "--quiet", "-m", "content")
    bare = tmp / "content.git"
    git(tmp, "clone", "--quiet", "--bare", str(editor), str(bare))
    git(editor, "remote", "add", "origin", str(bare))
    git(editor, "fetch", "--quiet", "origin")
    git(editor, "branch", "--quiet", "--set-upstream-to", "origin/main")
    return bare, editor


def push(editor: Path, message: str) -> None:
    git(editor, "add", "-A")
    git(editor, "commit", "--quiet", "-m", message)
    git(editor, "push", "--quiet", "origin", "main")
