"""Orders and directives on the monitors (5.1.8): the example order plays on every screen in
Kazakh and Russian through the players' own scheduler, an order kept off the screens is a
check warning, and an order is never printed in the newspaper."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest

from signage.schedule import compile_day
from site_gen.bundle.writer import build_bundle
from site_gen.content import check
from site_gen.newspaper.model import Newspaper

REPO = Path(__file__).resolve().parents[2]
ORDER = "orders/2026-11-20-qysqy-qauipsizdik"


@pytest.mark.parametrize("day", [date(2026, 11, 23), date(2026, 12, 20)])
def test_the_order_plays_on_every_screen_in_both_languages(day: date) -> None:
    content, _, _ = check(REPO / "content")
    now = datetime.combine(day, time(6), tzinfo=content.settings.zone)
    bundle, _ = build_bundle(content, now)
    for screen in bundle.screens:
        played = {(s.item_id, s.lang) for _, pl in compile_day(bundle, screen.id, day).segments()
                  for s in pl.slides}
        assert {(ORDER, "kk"), (ORDER, "ru")} <= played, screen.id


def test_an_order_off_the_screens_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    for lang in ("kk", "ru"):
        file = root / f"{ORDER}.{lang}.md"
        text = file.read_text(encoding="utf-8")
        head, rest = text.split("signage:\n", 1)
        file.write_text(head + rest[rest.index("---"):], encoding="utf-8")
    _, diagnostics, _ = check(root)
    found = [(d.path, d.line, d.severity) for d in diagnostics
             if d.code == "order-not-on-screens"]
    assert found == [(f"content/{ORDER}.kk.md", 4, "warning")]  # once per item, at 'section'


def test_an_order_with_an_issue_is_left_out_of_the_paper(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    for lang in ("kk", "ru"):
        file = root / f"{ORDER}.{lang}.md"
        file.write_text(file.read_text(encoding="utf-8").replace(
            "section: orders\n", "section: orders\nissue: 12\n"), encoding="utf-8")
    content, _, _ = check(root)
    paper = Newspaper.build(content, "kk", datetime(2026, 11, 23, 12,
                                                    tzinfo=content.settings.zone))
    assert paper.find(ORDER) is None
    assert any(note.startswith(f"content/{ORDER}.kk.md: issue 12 lists only the newspaper "
                               "sections; 'orders' is not one") for note in paper.notes)
