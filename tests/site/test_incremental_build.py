"""Incremental builds (site_gen.incremental): the same bytes as a full build, fewer pages.

A hypothesis test applies random edits, additions, deletions and renames to a small site,
builds after each step taking from the last site what did not change, and compares every
file of the result with a full build of the same content at the same pinned time. The
direct tests count what an edit renders and follow an added item into its neighbours.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.build import BuildReport, build
from tests.trees import tree_bytes

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
SECTIONS = ("news", "announcements")
WORDS = ("жылу", "желі", "станция", "жөндеу", "энергия", "бригада", "жоба", "ұжым")

pytestmark = pytest.mark.slow


def _item(title: str, day: int, section: str, issue: bool, body: str, lang: str) -> str:
    return (f'---\ntitle: "{title}"\ndate: 2026-11-{day:02d}\nsection: {section}\n'
            + ("issue: 1\n" if issue else "") + "status: approved\n---\n\n"
            + f"{body}\n\n[{'Басты бет' if lang == 'kk' else 'Главная'}](../index.md)\n")


def _content(root: Path) -> Path:
    content = root / "content"
    (content / "_data" / "issues").mkdir(parents=True)
    for name in ("site.yml", "screens.yml"):
        shutil.copy(REPO / "content" / "_data" / name, content / "_data" / name)
    (content / "_data" / "issues" / "1.yml").write_text(
        "number: 1\ndate: 2026-11-20\nnote:\n  kk: Нөмір.\n  ru: Номер.\n", encoding="utf-8")
    for n in range(4):
        _write(content, f"item-{n}", SECTIONS[n % 2], n + 10, f"Бастапқы {n}", issue=n < 3)
    return content


def _write(content: Path, stem: str, section: str, day: int, title: str, *,
           issue: bool = True, body: str = "Мәтін.") -> None:
    folder = content / section
    folder.mkdir(exist_ok=True)
    for lang in ("kk", "ru"):
        (folder / f"2026-11-{day:02d}-{stem}.{lang}.md").write_text(
            _item(f"{title} {lang}", day, section, issue, body, lang), encoding="utf-8")


def _items(content: Path) -> list[Path]:
    return sorted(content.glob("*/*.kk.md"))


def _pair(kk: Path) -> list[Path]:
    return [kk, kk.with_name(kk.name.replace(".kk.md", ".ru.md"))]


def _apply(content: Path, op: tuple[str, int, int, str]) -> None:
    kind, pick, day, word = op
    items = _items(content)
    if kind == "add" or not items:
        _write(content, f"new-{day}-{word}", SECTIONS[pick % 2], day, f"Жаңа {word}",
               issue=pick % 3 != 0, body=f"{word} " * 20)
        return
    kk = items[pick % len(items)]
    if kind == "edit":
        for f in _pair(kk):
            text = f.read_text(encoding="utf-8")
            f.write_text(text + f"\n{word} {day}.\n", encoding="utf-8")
    elif kind == "retitle":
        for f in _pair(kk):
            text = f.read_text(encoding="utf-8")
            f.write_text(text.replace('title: "', f'title: "{word} ', 1), encoding="utf-8")
    elif kind == "delete":
        if len(list(kk.parent.glob("*.kk.md"))) == 1:
            # A section's last item: its section would leave the navigation, which is in the
            # config, so every page would be rendered again (right, and not what is tested)
            _apply(content, ("edit", pick, day, word))
            return
        for f in _pair(kk):
            f.unlink()
    elif kind == "rename":
        stem = kk.name[11:-len(".kk.md")]
        for f in _pair(kk):
            f.rename(f.with_name(f.name.replace(stem, f"{stem}-{word}")))


@contextmanager
def _still_tree(root: Path) -> Iterator[None]:
    """The theme and the settings copied, and site_gen's code taken as it was imported:
    other work in the shared tree while the test runs must not change the builds it
    compares (an edited template or module forces a full build, by design)."""
    global _REPO
    _REPO = root / "repo"
    shutil.copytree(REPO / "themes", _REPO / "themes")
    shutil.copy(REPO / "mkdocs.yml", _REPO / "mkdocs.yml")
    (root / "code").mkdir()
    try:
        with mock.patch("site_gen.incremental.CODE", root / "code"):
            yield
    finally:
        _REPO = REPO


_REPO = REPO


def _build(content: Path, out: Path, stage: Path, *, incremental: bool) -> BuildReport:
    return build(content, out, date=TODAY, repo=_REPO, build_dir=stage,
                 incremental=incremental)


def _assert_same(a: Path, b: Path) -> None:
    ta, tb = tree_bytes(a), tree_bytes(b)
    differ = sorted(k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k))
    assert not differ, f"incremental and full builds differ in {len(differ)} files: {differ[:10]}"


OPS = st.tuples(st.sampled_from(("edit", "retitle", "add", "delete", "rename")),
                st.integers(0, 9), st.integers(1, 22), st.sampled_from(WORDS))


@settings(max_examples=4, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=3))
def test_incremental_equals_full_after_random_changes(ops: list[tuple[str, int, int, str]]
                                                      ) -> None:
    with tempfile.TemporaryDirectory(prefix="jarshy-incr-") as tmp, _still_tree(Path(tmp)):
        root = Path(tmp)
        content = _content(root)
        first = _build(content, root / "site", root / "stage", incremental=True)
        assert set(first.full.values()) == {"no cache of the last build"}
        for op in ops:
            _apply(content, op)
            report = _build(content, root / "site", root / "stage", incremental=True)
            assert all(why == "" for why in report.full.values()), report.full
        _build(content, root / "full", root / "stage-full", incremental=False)
        _assert_same(root / "site", root / "full")


@pytest.fixture
def still(tmp_path: Path) -> Iterator[None]:
    with _still_tree(tmp_path):
        yield


@pytest.mark.usefixtures("still")
def test_one_edit_renders_the_item_and_the_pages_that_list_it(tmp_path: Path) -> None:
    content = _content(tmp_path)
    _build(content, tmp_path / "site", tmp_path / "stage", incremental=True)
    for n in range(4, 12):  # more items than one page's related cards and neighbours
        _write(content, f"item-{n}", SECTIONS[n % 2], n + 1, f"Тағы {n}", issue=False)
    _build(content, tmp_path / "site", tmp_path / "stage", incremental=True)
    [kk] = content.glob("news/*-item-0.kk.md")
    kk.write_text(kk.read_text(encoding="utf-8").replace('title: "', 'title: "Өзгерген ', 1),
                  encoding="utf-8")
    report = _build(content, tmp_path / "site", tmp_path / "stage", incremental=True)
    assert report.full == {"kk": "", "ru": ""}
    item = "news/" + kk.name[:-len(".kk.md")]
    rendered = set(report.rendered_pages["kk"])
    # the item, the pages that list it (home, its section, its issue) and nothing unrelated
    assert f"{item}.md" in rendered
    assert {"index.md", "news/index.md"} <= rendered
    assert report.rendered["kk"] < report.pages["kk"] // 2, rendered
    page = (tmp_path / "site" / "kk" / item / "index.html").read_text(encoding="utf-8")
    assert "Өзгерген" in page
    assert report.rendered["ru"] <= 2  # the Russian page's title did not change
    _build(content, tmp_path / "full", tmp_path / "stage-full", incremental=False)
    _assert_same(tmp_path / "site", tmp_path / "full")


@pytest.mark.usefixtures("still")
def test_an_added_item_reaches_its_neighbours_and_lists(tmp_path: Path) -> None:
    content = _content(tmp_path)
    site = tmp_path / "site"
    _build(content, site, tmp_path / "stage", incremental=True)
    [kk] = content.glob("news/*-item-0.kk.md")
    first = kk.name[:-len(".kk.md")]
    before = (site / "kk/news" / first / "index.html").stat()
    _write(content, "zhana", "news", 21, "Қосылған жаңалық")
    report = _build(content, site, tmp_path / "stage", incremental=True)
    assert report.full == {"kk": "", "ru": ""}
    new = "news/2026-11-21-zhana"
    assert f"{new}.md" in report.rendered_pages["kk"]
    home = (site / "kk/index.html").read_text(encoding="utf-8")
    section = (site / "kk/news/index.html").read_text(encoding="utf-8")
    assert "Қосылған жаңалық" in home and "Қосылған жаңалық" in section
    # its neighbour in the issue's reading order now links to it
    neighbour = (site / "kk/news" / first / "index.html")
    assert "2026-11-21-zhana/" in neighbour.read_text(encoding="utf-8")
    assert neighbour.stat().st_ino != before.st_ino  # rendered again, not linked
    _build(content, tmp_path / "full", tmp_path / "stage-full", incremental=False)
    _assert_same(site, tmp_path / "full")


@pytest.mark.usefixtures("still")
def test_a_first_footnote_is_not_a_full_build(tmp_path: Path) -> None:
    """An optional Markdown extension is in a language's config only while a page uses it
    (site_gen.stage.syntax); the first page to use one renders alone, and still equals a
    full build."""
    content = _content(tmp_path)
    _build(content, tmp_path / "site", tmp_path / "stage", incremental=True)
    [kk] = content.glob("news/*-item-0.kk.md")
    kk.write_text(kk.read_text(encoding="utf-8").replace(
        "Мәтін.", "Мәтін[^1].\n\n[^1]: Түсініктеме.", 1), encoding="utf-8")
    report = _build(content, tmp_path / "site", tmp_path / "stage", incremental=True)
    assert report.full == {"kk": "", "ru": ""}
    assert report.rendered["kk"] < report.pages["kk"] // 2, report.rendered_pages["kk"]
    item = "news/" + kk.name[:-len(".kk.md")]
    page = (tmp_path / "site" / "kk" / item / "index.html").read_text(encoding="utf-8")
    assert 'class="footnote"' in page and "Түсініктеме" in page
    _build(content, tmp_path / "full", tmp_path / "stage-full", incremental=False)
    _assert_same(tmp_path / "site", tmp_path / "full")
