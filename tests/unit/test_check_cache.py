"""The live preview's per-file cache gives the same answers as a fresh check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_gen.content import FileCache, check

REPO = Path(__file__).resolve().parents[2]


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    return root


def touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def test_cached_results_equal_fresh_ones_and_are_reused(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    cache = FileCache()
    first = check(root, cache=cache)
    second = check(root, cache=cache)
    assert cache.hits == first[2].files
    assert second[0].items == first[0].items
    assert second[1] == first[1] == check(root)[1]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    cache = FileCache()
    check(root, cache=cache)
    file = root / "news" / "2026-11-18-shygys-110.kk.md"
    file.write_text(file.read_text(encoding="utf-8").replace("section: news", "section: newz"),
                    encoding="utf-8")
    touch_later(file)
    _, diagnostics, _ = check(root, cache=cache)
    assert [d.code for d in diagnostics if d.path.endswith("shygys-110.kk.md")] == [
        "unknown-section"]


def test_a_change_in_data_files_empties_the_cache(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    cache = FileCache()
    check(root, cache=cache)
    screens = root / "_data" / "screens.yml"
    screens.write_text(screens.read_text(encoding="utf-8").replace("id: lobby", "id: hall"),
                       encoding="utf-8")
    touch_later(screens)
    hits = cache.hits
    _, diagnostics, _ = check(root, cache=cache)
    assert cache.hits == hits
    assert any(d.code == "unknown-screen" and "'lobby'" in d.message for d in diagnostics)


def test_a_picture_fixed_under_the_same_name_is_verified_again(tmp_path: Path) -> None:
    """The live preview must not keep saying a picture is broken once the editor replaced
    it (the item's Markdown file did not change)."""
    root = copy_content(tmp_path)
    cache = FileCache()
    picture = root / "images" / "substation.png"
    good = picture.read_bytes()
    picture.write_bytes(good[: len(good) // 2])
    _, diagnostics, _ = check(root, cache=cache)
    assert any(d.code == "corrupt-file" for d in diagnostics)
    picture.write_bytes(good)
    touch_later(picture)
    _, diagnostics, _ = check(root, cache=cache)
    assert not any(d.code == "corrupt-file" for d in diagnostics)
