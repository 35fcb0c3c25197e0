"""``site-gen serve``'s incremental rebuild: an edit re-renders only what it affects."""

from __future__ import annotations

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


def _index_entry(preview: Preview, lang: str) -> Path:
    return preview.out / lang / "pagefind" / "pagefind-entry.json"


def test_an_edited_title_reaches_the_page_its_section_and_search(preview: Preview) -> None:
    entry = _index_entry(preview, "kk").stat()
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
    # the sidebar still lists every section, as after a full build
    assert section.count('class="md-nav__link') >= 3
    # the last index is served with the new pages; the new one follows
    assert _index_entry(preview, "kk").stat().st_ino == entry.st_ino
    preview.index()
    assert _index_entry(preview, "kk").stat().st_ino != entry.st_ino


def test_a_new_item_is_rendered_with_the_pages_that_list_it_only(preview: Preview) -> None:
    new = preview.content_root / "news/2026-11-22-zhana.kk.md"
    # (with a summary: without one, its first paragraph is set as the lead with attr_list,
    # which no page of the example uses yet; a new extension in the config is a full build)
    new.write_text("---\ntitle: Жаңа хабар\ndate: 2026-11-22\nsection: news\n"
                   f"summary: Қысқаша.\n{APPROVED}---\n\nМәтін.\n", encoding="utf-8")
    done = preview.rebuild()
    assert done.full == []  # incremental: the new page, its lists and its neighbours
    assert 0 < done.pages["kk"] < 30
    assert (preview.out / "kk/news/2026-11-22-zhana/index.html").exists()
    section = (preview.out / "kk/news/index.html").read_text(encoding="utf-8")
    assert "Жаңа хабар" in section
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
