"""The publishing gate (``site_gen.content.gate.publishable``) on copies of the example content.

One bad file leaves its item out, both languages; the other items stay; an error in
``_data/`` concerns no one item and is returned apart, so a channel refuses as a whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.content import check
from site_gen.content.gate import item_key, publishable

REPO = Path(__file__).resolve().parents[2]
WATER = "announcements/2026-11-23-su-azhyratu"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    return root


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_the_example_content_passes_whole(content: Path) -> None:
    gated = publishable(*check(content)[:2])
    assert gated.left_out == () and gated.general == ()
    assert len(gated.content.items) == len(check(content)[0].items) > 30


def test_a_bad_russian_file_leaves_the_whole_pair_out(content: Path) -> None:
    _edit(content / f"{WATER}.ru.md", "date: 2026-11-23", "date: 2026-11-32")
    full, diagnostics, _ = check(content)
    assert WATER in {i.key for i in full.items}  # check keeps the good Kazakh file
    gated = publishable(full, diagnostics)
    assert WATER not in {i.key for i in gated.content.items}
    assert len(gated.content.items) == len(full.items) - 1
    (left,) = gated.left_out
    assert left.key == WATER and left.is_item
    assert [(d.path, d.line, d.code) for d in left.errors] == [
        (f"content/{WATER}.ru.md", 3, "bad-date")]
    assert gated.general == ()


def test_personal_data_in_an_approved_item_leaves_it_out(content: Path) -> None:
    # The file is read and kept by check (its fields are valid); the gate is what stops it.
    _edit(content / f"{WATER}.kk.md", "## ", "Хабарласу: 850714300127\n\n## ")
    full, diagnostics, _ = check(content)
    gated = publishable(full, diagnostics)
    assert [left.key for left in gated.left_out] == [WATER]
    assert gated.left_out[0].errors[0].code == "personal-data"
    assert WATER not in {i.key for i in gated.content.items}


def test_an_error_in_data_files_is_about_no_one_item(content: Path) -> None:
    _edit(content / "_data" / "screens.yml", "canteen", "canteen: [")
    gated = publishable(*check(content)[:2])
    assert gated.general and all(d.path.startswith("content/_data/") for d in gated.general)


def test_item_keys_of_shown_paths() -> None:
    assert item_key("content/news/x.kk.md") == "news/x"
    assert item_key("content/x.ru.md") == "x"
    assert item_key("content/news/sub/x.ru.md") == "news/sub/x"
    assert item_key("content/news/x.kz.md") is None
    assert item_key("content/_data/site.yml") is None
    assert item_key("content/images/x.png") is None
