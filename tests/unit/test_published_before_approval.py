"""Publication before approval (SM 6.4): an urgent item goes out with its reason, and the
head is told afterwards: the daily digest and the period report list it until it is approved.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from site_gen.content import ContentSet, check
from site_gen.content.gate import publishable
from site_gen.digest import html_text, plain_text
from site_gen.editorial.i18n import Messages
from site_gen.editorial.report import build_report
from site_gen.editorial.reportview import report_markdown

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 20)
REASON = {"kk": "Апат: жылу желісі үзілді, тұрғындарға дереу хабарлау керек",
          "ru": "Авария: порыв теплосети, жителей нужно предупредить сразу"}
TITLE = {"kk": "Жылу желісіндегі апат", "ru": "Авария на теплосети"}


def write(root: Path, status: str, reason: bool = True) -> None:
    for lang in ("kk", "ru"):
        early = f'published_before_approval: "{REASON[lang]}"\n' if reason else ""
        (root / "news" / f"apat.{lang}.md").write_text(
            f'---\ntitle: "{TITLE[lang]}"\ndate: 2026-11-20\nsection: news\n'
            f"status: {status}\n{early}---\n{TITLE[lang]}.\n", encoding="utf-8")


def content_at(tmp_path: Path, status: str, reason: bool = True) -> ContentSet:
    root = tmp_path / "content"
    if not root.exists():
        shutil.copytree(REPO / "content" / "_data", root / "_data")
        (root / "news").mkdir()
    write(root, status, reason)
    content, diagnostics, _ = check(root)
    return publishable(content, diagnostics).content


def test_an_item_out_before_approval_is_published_and_told_to_the_head(tmp_path: Path) -> None:
    content = content_at(tmp_path, "review")
    [item] = content.items
    assert all(v.approved for v in item.versions.values())  # it goes out
    text = plain_text(content, DAY, {"kk": [], "ru": []})
    assert "БЕКІТІЛГЕНГЕ ДЕЙІН ЖАРИЯЛАНҒАН МАТЕРИАЛДАР" in text
    assert f"Себебі: {REASON['kk']}" in text and f"Причина: {REASON['ru']}" in text
    page = html_text(content, date(2026, 11, 25), {"kk": [], "ru": []})  # still, days later
    assert "Опубликовано до утверждения" in page and TITLE["ru"] in page
    report = build_report(content, date(2026, 11, 1), date(2026, 11, 30))
    md = report_markdown(report, Messages("en"))
    assert "## Published before approval, not approved yet" in md
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in md.splitlines()
            if line.startswith("| news/apat")]
    assert rows == [["news/apat", "kk", "2026-11-20", REASON["kk"]],
                    ["news/apat", "ru", "2026-11-20", REASON["ru"]]]


def test_once_approved_it_is_no_longer_listed(tmp_path: Path) -> None:
    content_at(tmp_path, "review")
    content = content_at(tmp_path, "approved")
    assert "БЕКІТІЛГЕНГЕ ДЕЙІН" not in plain_text(content, DAY, {"kk": [], "ru": []})
    md = report_markdown(build_report(content, date(2026, 11, 1), date(2026, 11, 30)),
                         Messages("en"))
    assert "Published before approval" not in md


def test_without_a_reason_an_item_under_review_stays_unpublished(tmp_path: Path) -> None:
    content = content_at(tmp_path, "review", reason=False)
    [item] = content.items
    assert not any(v.approved for v in item.versions.values())
    assert "БЕКІТІЛГЕНГЕ ДЕЙІН" not in plain_text(content, DAY, {"kk": [], "ru": []})
