"""The search index follows a push part by part (site_gen.incremental_search.follow_language).

A language's index is in parts (site_gen.search.PART_PAGES pages each, lowered to 15 here so
the example site has several); a page's part is fixed by a hash of its path. After pages are
changed, added and removed, only the parts that hold them are indexed again, the other parts'
files stay as they were (same files, same times), and the index is the one a fresh index of
the same pages writes, byte for byte; in Chromium the same words find the same pages. While
the new parts are moved in, every part's entry names only files that are there.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen import incremental_search, search
from tests.conftest import serve_folder
from tests.site.test_search import search as search_box

pytestmark = pytest.mark.browser

SIZE = 15  # pages per part here
# Marker words, each on one page only, beginning with letters no word of the example site
# begins with: Pagefind answers a word missing from a part with that part's pages holding
# its longest prefix, and the readers' script judges the merged list by its first result.
EDITED_WORD = "һәмжаңалық"  # put into one page by the edit
ADDED_WORD = "щеткашы"  # only on the added page ("щетка" is on another)
GONE_WORD = "ъұлттық"  # only on a page added, then removed
UNTOUCHED = ("цифрлық", "қызметкер", "шығарылым")  # words of the example site


@pytest.fixture()
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "PART_PAGES", SIZE)


def _language(built_site: Path, out: Path) -> Path:
    """A copy of the built site's kk pages in ``out/kk``, indexed in parts of SIZE pages."""
    shutil.copytree(built_site / "kk", out / "kk",
                    ignore=shutil.ignore_patterns(search.OUTPUT))
    search.index_language(out / "kk", "kk")
    return out / "kk"


def _articles(live: Path) -> list[str]:
    return [p for p in search.language_pages(live) if p.startswith("innovations/")
            and p.count("/") == 2]


def _write(page: Path, text: str) -> None:
    """A new file at ``page`` (a rendered page is never rewritten in place)."""
    page.parent.mkdir(parents=True, exist_ok=True)
    page.unlink(missing_ok=True)
    page.write_text(text, encoding="utf-8")


def _with_word(html: str, word: str) -> str:
    return html.replace("</h1>", f"</h1><p>{word}</p>", 1)


def _fresh(live: Path, where: Path) -> Path:
    """The same pages indexed anew, as a full build does."""
    shutil.copytree(live, where / "kk", ignore=shutil.ignore_patterns(search.OUTPUT))
    search.index_language(where / "kk", "kk")
    return where / "kk"


def _tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def _same_index(a: Path, b: Path) -> None:
    left, right = _tree(a / search.OUTPUT), _tree(b / search.OUTPUT)
    assert sorted(left) == sorted(right)
    assert [r for r in left if not filecmp.cmp(left[r], right[r], shallow=False)] == []


def _state(index: Path) -> dict[str, tuple[int, int]]:
    return {rel: (p.stat().st_ino, p.stat().st_mtime_ns) for rel, p in _tree(index).items()}


def _push(live: Path) -> tuple[set[str], set[str]]:
    """One page edited, one added; returns (written, removed)."""
    edited, model = _articles(live)[:2]
    _write(live / edited, _with_word((live / edited).read_text("utf-8"), EDITED_WORD))
    added = "innovations/jarshy-follow-added/index.html"
    _write(live / added, _with_word((live / model).read_text("utf-8"), ADDED_WORD))
    return {edited, added, "innovations/jarshy-follow-added/picture.webp"}, set()


def test_only_the_parts_of_changed_pages_are_indexed_again(
        built_site: Path, tmp_path: Path, small_parts: None) -> None:
    live = _language(built_site, tmp_path / "site")
    parts = search.part_count(len(search.language_pages(live)))
    assert parts >= 4  # the example site, in parts of 15 pages
    before = _state(live / search.OUTPUT)
    gone = _articles(live)[-1]
    written, _ = _push(live)
    (live / gone).unlink()
    followed = incremental_search.follow_language(tmp_path / "site", "kk", written, {gone})
    # the added page is one page more, the removed one less: the same number of parts
    pages = [*(p for p in written if p.endswith(".html")), gone]
    assert followed.whole == ""
    assert followed.parts == sorted({search.part_of(p, parts) for p in pages})
    assert len(followed.parts) < parts
    _same_index(live, _fresh(live, tmp_path / "fresh"))
    after = _state(live / search.OUTPUT)
    for n in set(range(parts)) - set(followed.parts):  # untouched parts: the same files
        folder = f"{search.PARTS}/{n}"
        own = {r: s for r, s in before.items()
               if (r.startswith(folder + "/") if n else not r.startswith(search.PARTS + "/"))
               and r != search.PARTS_FILE}
        assert own and {r: after.get(r) for r in own} == own, n
    found = search.indexed_pages(live)
    assert "innovations/jarshy-follow-added/" in found
    assert gone.removesuffix("index.html") not in found


def test_a_new_number_of_parts_writes_the_whole_index(
        built_site: Path, tmp_path: Path, small_parts: None) -> None:
    live = _language(built_site, tmp_path / "site")
    pages = search.language_pages(live)
    over = SIZE - len(pages) % SIZE + 1  # pages to add so the index needs one part more
    model = _articles(live)[0]
    written = set()
    for i in range(over):
        page = f"innovations/jarshy-follow-{i}/index.html"
        _write(live / page, _with_word((live / model).read_text("utf-8"), ADDED_WORD))
        written.add(page)
    followed = incremental_search.follow_language(tmp_path / "site", "kk", written, set())
    assert followed.whole == "a new number of parts"
    assert followed.of == search.part_count(len(pages)) + 1
    _same_index(live, _fresh(live, tmp_path / "fresh"))


def test_nothing_changed_nothing_indexed(built_site: Path, tmp_path: Path,
                                         small_parts: None) -> None:
    live = _language(built_site, tmp_path / "site")
    before = _state(live / search.OUTPUT)
    followed = incremental_search.follow_language(
        tmp_path / "site", "kk", {"assets/stylesheets/x.css", "sitemap.xml"}, set())
    assert followed.parts == [] and followed.whole == ""
    assert _state(live / search.OUTPUT) == before


def test_no_reader_finds_a_part_naming_a_missing_file(
        built_site: Path, tmp_path: Path, small_parts: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked before and after every rename and deletion while the parts are moved in:
    each part's entry is the old one or the new one, and every file of that one is there."""
    live = _language(built_site, tmp_path / "site")
    index = live / search.OUTPUT
    parts = search.part_count(len(search.language_pages(live)))

    def generations(root: Path) -> dict[int, tuple[bytes, set[str]]]:
        found = {}
        for n in range(parts):
            folder = search.part_dir(root, n)
            files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                     and (n or search.PARTS not in p.relative_to(folder).parts)}
            found[n] = ((folder / "pagefind-entry.json").read_bytes(), files)
        return found

    old = generations(index)
    written, _ = _push(live)
    new = generations(_fresh(live, tmp_path / "fresh") / search.OUTPUT)
    checked: list[int] = []

    def check() -> None:
        for n in range(parts):
            folder = search.part_dir(index, n)
            entry = (folder / "pagefind-entry.json").read_bytes()
            assert entry in (old[n][0], new[n][0]), n
            files = old[n][1] if entry == old[n][0] else new[n][1]
            assert all((folder / f).is_file() for f in files), n
        checked.append(1)

    replace, unlink = os.replace, os.unlink

    def watched_replace(a: Any, b: Any) -> None:
        check()
        replace(a, b)
        check()

    def watched_unlink(a: Any, *args: Any, **kwargs: Any) -> None:
        check()
        unlink(a, *args, **kwargs)
        check()

    monkeypatch.setattr(os, "replace", watched_replace)
    monkeypatch.setattr(os, "unlink", watched_unlink)
    incremental_search.follow_language(tmp_path / "site", "kk", written, set())
    monkeypatch.undo()
    assert len(checked) > 4
    assert generations(index) == {n: new[n] for n in range(parts)}


def test_a_part_that_fails_gets_the_whole_index_written(
        built_site: Path, tmp_path: Path, small_parts: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A part left half done would never be indexed again (the next push names only its
    own pages): the whole language is indexed instead."""
    live = _language(built_site, tmp_path / "site")
    written, _ = _push(live)
    real = search.index_part

    def fails_once(pages: Path, out: Path, lang: Any, n: int) -> None:
        monkeypatch.setattr(search, "index_part", real)
        raise search.SearchIndexFailed("a part failed")

    monkeypatch.setattr(search, "index_part", fails_once)
    followed = incremental_search.follow_language(tmp_path / "site", "kk", written, set())
    assert followed.whole.startswith("the parts failed")
    _same_index(live, _fresh(live, tmp_path / "fresh"))


def test_changes_that_do_not_fit_the_pages_get_the_whole_index(
        built_site: Path, tmp_path: Path, small_parts: None) -> None:
    """Paths from another folder (here: with the language in front) would pick wrong parts;
    a written page that is not there, or a removed one that is, writes the whole index."""
    live = _language(built_site, tmp_path / "site")
    written, _ = _push(live)
    followed = incremental_search.follow_language(
        tmp_path / "site", "kk", {f"kk/{page}" for page in written}, set())
    assert followed.whole.startswith("the changes do not fit the pages: kk/innovations/")
    _same_index(live, _fresh(live, tmp_path / "fresh"))
    kept = _articles(live)[0]
    followed = incremental_search.follow_language(tmp_path / "site", "kk", set(), {kept})
    assert followed.whole.startswith("the changes do not fit the pages")


@given(st.lists(st.sampled_from(["index", "README", "news", "2026-11-20-x", "page", "2",
                                  "404", "пайдалану"]), min_size=1, max_size=4),
       st.sampled_from([".md", ".yml", ""]))
def test_staged_files_name_the_pages_the_engine_writes(parts: list[str], suffix: str) -> None:
    from properdocs.structure.files import File

    staged = "/".join(parts) + suffix
    expected = File(staged, "/docs", "/site", use_directory_urls=True).dest_uri
    assert incremental_search.pages_of([staged]) == ({expected} if suffix == ".md" else set())


STEPS = st.lists(st.tuples(st.sampled_from(["edit", "add", "remove"]), st.integers(0, 10_000)),
                 min_size=1, max_size=4)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_pushes_followed_equal_a_fresh_index(built_site: Path, small_parts: None,
                                                 steps: list[tuple[str, int]]) -> None:
    """Random edits, additions and removals of pages, each push followed part by part: the
    index is always the one a fresh index of the same pages writes."""
    with tempfile.TemporaryDirectory(prefix="jarshy-follow-") as tmp:
        out = Path(tmp) / "site"
        live = _language(built_site, out)
        for number, (step, pick) in enumerate(steps):
            pages = _articles(live)
            page = pages[pick % len(pages)]
            written, removed = set(), set()
            if step == "edit":
                _write(live / page, _with_word((live / page).read_text("utf-8"), EDITED_WORD))
                written.add(page)
            elif step == "add":
                new = f"innovations/jarshy-follow-{number}/index.html"
                _write(live / new, _with_word((live / page).read_text("utf-8"), ADDED_WORD))
                written.add(new)
            else:
                (live / page).unlink()
                removed.add(page)
            incremental_search.follow_language(out, "kk", written, removed)
        _same_index(live, _fresh(live, Path(tmp) / "fresh"))


@pytest.fixture()
def two_sites(built_site: Path, tmp_path: Path, small_parts: None) -> Iterator[tuple[str, str]]:
    """The example kk pages after an edit, an addition and the removal of a page added
    before: indexed part by part (the first URL) and anew (the second)."""
    live = _language(built_site, tmp_path / "site")
    model = _articles(live)[0]
    doomed = "innovations/jarshy-follow-gone/index.html"
    _write(live / doomed, _with_word((live / model).read_text("utf-8"), GONE_WORD))
    incremental_search.follow_language(tmp_path / "site", "kk", {doomed}, set())
    assert "innovations/jarshy-follow-gone/" in search.indexed_pages(live)
    written, _ = _push(live)
    (live / doomed).unlink()
    incremental_search.follow_language(tmp_path / "site", "kk", written, {doomed})
    _fresh(live, tmp_path / "fresh")
    for root in (tmp_path / "site", tmp_path / "fresh"):  # the pages' stylesheets and scripts
        for name in ("assets", "index.html"):
            if not (root / name).exists():
                os.symlink(built_site / name, root / name)
    with serve_folder(tmp_path / "site") as followed, serve_folder(tmp_path / "fresh") as fresh:
        yield followed, fresh


@pytest.mark.parametrize("query", [EDITED_WORD, ADDED_WORD, GONE_WORD, *UNTOUCHED])
def test_followed_index_finds_what_a_fresh_one_finds(page: Any, two_sites: tuple[str, str],
                                                      query: str) -> None:
    followed, fresh = two_sites
    by_parts = [u[len(followed):] for u in search_box(page, followed, "kk", query)]
    anew = [u[len(fresh):] for u in search_box(page, fresh, "kk", query)]
    assert by_parts == anew
    if query == GONE_WORD:
        assert by_parts == []
    elif query == EDITED_WORD:
        assert len(by_parts) == 1 and "innovations/" in by_parts[0]
    elif query == ADDED_WORD:
        assert "kk/innovations/jarshy-follow-added/" in by_parts
    else:
        assert by_parts
