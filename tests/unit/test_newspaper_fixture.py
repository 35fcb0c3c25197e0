"""Not tests: a tiny content tree for the newspaper's unit tests, written into a temp folder.

Each test says what it needs (issues, articles with a section, an issue, a lead flag, a
body of N words, an event) and gets a real ContentSet through ``site_gen.content.check``,
so the tests cover the same path the build takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from site_gen.content import ContentSet, check

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ALMATY)

SITE = """company: {kk: "Сынақ Энерго", ru: "Тест Энерго"}
timezone: Asia/Almaty
bins: []
base_url: "%s"
letters_endpoint: ""
"""
SCREENS = """- id: lobby
  name: {kk: "Фойе", ru: "Фойе"}
  location: {kk: "Фойе", ru: "Фойе"}
  resolution: 1920x1080
  rotation: 0
  on_hours: "07:00-21:00"
  off_hours: dark
  ticker: {kk: "", ru: ""}
"""


@dataclass
class Art:
    stem: str
    section: str = "news"
    issue: int | None = 12
    lead: bool = False
    date: str = "2026-11-18"
    words: int = 20
    title_kk: str = ""
    title_ru: str = ""
    extra: str = ""  # more front matter lines, the same in both files
    langs: tuple[str, ...] = ("kk", "ru")
    status: dict[str, str] = field(default_factory=dict)


def write_content(root: Path, arts: list[Art], issues: dict[int, str],
                  base_url: str = "http://intranet.example.kz/") -> ContentSet:
    (root / "_data" / "issues").mkdir(parents=True)
    (root / "_data" / "site.yml").write_text(SITE % base_url, encoding="utf-8")
    (root / "_data" / "screens.yml").write_text(SCREENS, encoding="utf-8")
    for number, day in issues.items():
        (root / "_data" / "issues" / f"{number}.yml").write_text(
            f"number: {number}\ndate: {day}\nnote: {{kk: \"Құрметті оқырман\", "
            f"ru: \"Уважаемый читатель\"}}\n", encoding="utf-8")
    for a in arts:
        folder = root / a.section
        folder.mkdir(exist_ok=True)
        for lang in a.langs:
            title = (a.title_kk if lang == "kk" else a.title_ru) or f"{a.stem} {lang}"
            word = "сөз" if lang == "kk" else "слово"
            lines = [
                "---", f'title: "{title}"', f"date: {a.date}", f"section: {a.section}",
                f"status: {a.status.get(lang, 'approved')}", f'author: "Автор {lang}"',
            ]
            if a.issue is not None:
                lines.append(f"issue: {a.issue}")
            if a.lead:
                lines.append("lead: true")
            if a.extra:
                lines.append(a.extra.rstrip("\n"))
            lines += ["---", "", " ".join([word] * a.words), ""]
            (folder / f"{a.stem}.{lang}.md").write_text("\n".join(lines), encoding="utf-8")
    content, diagnostics, _ = check(root)
    errors = [d for d in diagnostics if d.severity == "error"]
    assert not errors, errors
    return content
