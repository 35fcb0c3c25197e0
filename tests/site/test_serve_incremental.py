"""``site-gen serve``'s incremental rebuild: an edit re-renders only what it affects."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_gen.serve import Preview

REPO = Path(__file__).resolve().parents[2]
ITEM = "news/2026-11-18-shygys-110"
# An approval that meets the example's people.yml (docs/editors.md, "Approval and roles").
APPROVED = ('status: approved\napproved_by: "А. Сейітова"\napproved_at: "2026-11-21 10:00"\n'
            "decision: publish\nchecklist: {legal: ok, ethics: ok, editorial: ok, "
            'visuals: not-applicable, consequences: ok, reaction: "Ә. Қасымова"}\n')

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Preview:
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(REPO / "content", root / "content")
    p = Preview(root / "content", root / "out", repo=REPO, build_dir=root / "build",
                date="2026-11-23")
    assert p.initial().errors == 0
    return p


def _index(preview: Preview, lang: str) -> list[dict[str, str]]:
    data = json.loads((preview.out / lang / "search/search_index.json").read_text("utf-8"))
    docs: list[dict[str, str]] = data["docs"]
    return docs


def test_an_edited_title_reaches_the_page_its_section_and_search(preview: Preview) -> None:
    before = len(_index(preview, "kk"))
    source = preview.content_root / f"{ITEM}.kk.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("іске қосылды\"", "іске қосылды — жаңартылды\"", 1),
                      encoding="utf-8")
    done = preview.rebuild()
    assert done.full == [] and 0 < done.pages["kk"] < 20  # incremental, not a full build
    page = (preview.out / "kk" / ITEM / "index.html").read_text(encoding="utf-8")
    assert "іске қосылды — жаңартылды" in page
    section = (preview.out / "kk/news/index.html").read_text(encoding="utf-8")
    assert "іске қосылды — жаңартылды" in section
    index = _index(preview, "kk")
    assert len(index) == before  # every page is still in the index, not only rebuilt ones
    assert any("жаңартылды" in d["title"] for d in index)
    # the sidebar still lists every section, as after a full build
    assert section.count('class="md-nav__link') >= 3


def test_a_new_item_triggers_a_full_build_of_its_language(preview: Preview) -> None:
    new = preview.content_root / "news/2026-11-22-zhana.kk.md"
    new.write_text("---\ntitle: Жаңа хабар\ndate: 2026-11-22\nsection: news\n"
                   f"{APPROVED}---\n\nМәтін.\n", encoding="utf-8")
    done = preview.rebuild()
    assert "kk" in done.full
    assert (preview.out / "kk/news/2026-11-22-zhana/index.html").exists()
    # the Russian side now shows "translation not ready" at the same address
    ru = (preview.out / "ru/news/2026-11-22-zhana/index.html").read_text(encoding="utf-8")
    assert "Перевод этого материала пока не готов" in ru


def test_nothing_changed_renders_nothing(preview: Preview) -> None:
    done = preview.rebuild()
    assert done.full == [] and sum(done.pages.values()) == 0


def test_an_error_keeps_the_last_good_preview_and_is_seen_again_after_a_fix(
        preview: Preview) -> None:
    source = preview.content_root / f"{ITEM}.ru.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("date: 2026-11-18", "date: 31.02.2026", 1), encoding="utf-8")
    assert preview.rebuild().errors == 1  # the per-file cache must not hide the new error
    assert (preview.out / "ru" / ITEM / "index.html").exists()
    source.write_text(good.replace("Шыгыс-110", "Шыгыс-110 (исправлено)", 1), encoding="utf-8")
    done = preview.rebuild()
    assert done.errors == 0
    assert "исправлено" in (preview.out / "ru" / ITEM / "index.html").read_text("utf-8")


def test_an_item_with_errors_is_held_back_while_the_rest_updates(preview: Preview) -> None:
    """As ``site-gen build`` does: one bad item keeps its last good page, and another
    editor's change still reaches the preview."""
    bad = preview.content_root / f"{ITEM}.kk.md"
    other = preview.content_root / "news/2026-11-16-kabel-zhelisi.kk.md"
    bad_text, other_text = bad.read_text("utf-8"), other.read_text("utf-8")
    bad.write_text(bad_text.replace("date: 2026-11-18", "date: 2026-11-31", 1), "utf-8")
    other.write_text(other_text.replace("жаңартылды\"", "жаңартылды — толықтырылды\"", 1),
                     "utf-8")
    try:
        assert preview.rebuild().errors == 1
        assert "толықтырылды" in (preview.out / "kk/news/2026-11-16-kabel-zhelisi/index.html"
                                  ).read_text("utf-8")
        kept = (preview.out / "kk" / ITEM / "index.html").read_text("utf-8")
        assert "іске қосылды" in kept
    finally:
        bad.write_text(bad_text, "utf-8")
        other.write_text(other_text, "utf-8")
