"""The render kept in memory (site_gen.render_session): one session per language across
builds writes only what changed into a standby copy of the live folder, and the result is a
full build's, byte for byte.

Each step stages the content with ``site_gen.stage.stage_language`` (as a build does),
makes the standby copy of the live folder with hard links (as the warm builder does in idle
time), renders into it, and compares it with ProperDocs' full build of the same staged project
at the same pinned time. The live folder must keep its bytes, and the files the session
reports as written and deleted must be exactly the ones that differ.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import site_gen.engine  # noqa: F401 - installs ProperDocs' mkdocs-import redirect first
from site_gen import incremental
from site_gen.build import build_date
from site_gen.clock import resolve_now
from site_gen.content.check import check
from site_gen.content.gate import publishable
from site_gen.render_session import RenderSession, SessionOutcome
from site_gen.stage import StageResult, stage_language
from tests.site import test_incremental_build as base
from tests.trees import tree_bytes

LANGS = ("kk", "ru")

pytestmark = pytest.mark.slow


class Site:
    """A small site's content, its staging, one session per language and the live folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = base._content(root)
        self.repo = base._REPO  # the theme copied by _still_tree: nobody edits it meanwhile
        self.stamp = incremental.stamp(self.repo / "themes")
        self.sessions = {lang: RenderSession() for lang in LANGS}
        self.live = root / "live"
        self.now = self._now()

    def _now(self) -> datetime:
        content, _, _ = check(self.content)
        return resolve_now(content.settings.zone, base.TODAY)

    def stage(self, lang: str) -> StageResult:
        content, diagnostics, _ = check(self.content)
        gated = publishable(content, diagnostics)
        return stage_language(gated.content, lang, self.now, repo=self.repo,  # type: ignore[arg-type]
                              build_dir=self.root / "stage", site_dir=self.live)

    def render(self, lang: str, target: Path, *, stamp: str | None = None,
               previous: Path | None = None, staged: StageResult | None = None
               ) -> SessionOutcome:
        staged = staged or self.stage(lang)
        return self.sessions[lang].render(staged, target, stamp=stamp or self.stamp,
                                          now=self.now, previous=previous)

    def first(self) -> None:
        for lang in LANGS:
            (self.live / lang).mkdir(parents=True)
            outcome = self.render(lang, self.live / lang)
            assert outcome.full == "no render in this process yet"
            assert_full_build(self, lang, self.live / lang)

    def step(self, lang: str, **kw: Any) -> SessionOutcome:
        """Render into a standby copy of the live folder, check it, and swap it in."""
        live = self.live / lang
        standby = self.root / "standby" / lang
        shutil.rmtree(standby, ignore_errors=True)
        shutil.copytree(live, standby, copy_function=os.link)
        before = tree_bytes(live)
        outcome = self.render(lang, standby, **kw)
        assert tree_bytes(live) == before, "the live folder changed while the standby was written"
        assert_reported(live, standby, outcome)
        assert_full_build(self, lang, standby)
        shutil.rmtree(live)
        standby.rename(live)
        return outcome


def assert_full_build(site: Site, lang: str, folder: Path) -> None:
    """``folder`` holds exactly what ProperDocs' full build of the staged project writes."""
    staged = site.root / "stage" / lang / "mkdocs.yml"
    full = site.root / "full" / lang
    shutil.rmtree(full, ignore_errors=True)
    full.mkdir(parents=True)
    with build_date(site.now):
        incremental.full(staged, full, incremental.key(site.stamp, staged), "reference")
    base._assert_same(folder, full)


def assert_reported(live: Path, standby: Path, outcome: SessionOutcome) -> None:
    """``written`` and ``deleted`` are exactly the files that differ; every other file is
    the live one itself (the same inode: untouched, its modification time kept)."""
    old, new = tree_bytes(live), tree_bytes(standby)
    differ = {k for k in old.keys() & new.keys() if old[k] != new[k]} | (new.keys() - old.keys())
    assert set(outcome.written) == differ
    assert set(outcome.deleted) == old.keys() - new.keys()
    for rel in new.keys() - differ:
        assert (standby / rel).stat().st_ino == (live / rel).stat().st_ino, rel


@settings(max_examples=4, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(base.OPS, min_size=1, max_size=4))
def test_one_session_equals_full_builds_after_random_changes(
        ops: list[tuple[str, int, int, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="jarshy-session-") as tmp, \
            base._still_tree(Path(tmp)):
        site = Site(Path(tmp))
        site.first()
        for op in ops:
            base._apply(site.content, op)
            for lang in LANGS:
                outcome = site.step(lang)
                assert outcome.full == "", outcome.full
                assert outcome.rendered < outcome.pages


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with base._still_tree(tmp_path):
        made = Site(tmp_path)
        made.first()
        yield made


def test_one_edit_writes_the_item_and_its_lists_only(site: Site) -> None:
    [kk] = site.content.glob("news/*-item-0.kk.md")
    kk.write_text(kk.read_text(encoding="utf-8").replace("Мәтін.", "Жаңа мәтін.", 1),
                  encoding="utf-8")
    outcome = site.step("kk")
    item = "news/" + kk.name[:-len(".kk.md")]
    assert outcome.full == ""
    # the item and its issue's page (its excerpt is there), out of all the language's pages
    assert outcome.paths == [f"{item}.md", "newspaper/1.md"]
    assert f"{item}/index.html" in outcome.written
    assert "Жаңа мәтін" in (site.live / "kk" / item / "index.html").read_text(encoding="utf-8")
    assert site.step("ru").rendered == 0  # nothing Russian changed


def test_a_config_change_is_a_fresh_load(site: Site) -> None:
    settings_file = site.content / "_data" / "site.yml"
    text = settings_file.read_text(encoding="utf-8")
    name = "Жарық Энерго"
    assert name in text
    settings_file.write_text(text.replace(name, "Жарық Энерго Сынақ"), encoding="utf-8")
    outcome = site.step("kk")
    assert outcome.full == "config changed"
    assert outcome.rendered == outcome.pages
    assert "Жарық Энерго Сынақ" in (site.live / "kk" / "index.html").read_text(encoding="utf-8")


def test_a_first_footnote_takes_the_new_extension_without_a_fresh_load(site: Site) -> None:
    [kk] = site.content.glob("*/*-item-1.kk.md")
    kk.write_text(kk.read_text(encoding="utf-8").replace(
        "Мәтін.", "Мәтін[^1].\n\n[^1]: Түсініктеме.", 1), encoding="utf-8")
    outcome = site.step("kk")
    assert outcome.full == ""
    page = (site.live / "kk" / outcome.paths[0][:-3] / "index.html").read_text(encoding="utf-8")
    assert 'class="footnote"' in page and "Түсініктеме" in page


def test_a_theme_or_code_change_renders_everything(site: Site) -> None:
    outcome = site.step("kk", stamp="another theme")
    assert outcome.full == "engine, theme or code changed"
    assert outcome.rendered == outcome.pages
    assert outcome.written == []  # the same theme in truth: every byte the same, none written


def test_a_new_build_date_renders_everything(site: Site) -> None:
    site.now += timedelta(days=1)
    outcome = site.step("kk")
    assert outcome.full == "build date changed"
    assert "sitemap.xml" in outcome.written  # the sitemap shows the date


def test_an_empty_target_takes_the_rest_from_the_live_folder(site: Site) -> None:
    _, _, day, word = ("add", 0, 21, "жоба")
    base._write(site.content, f"new-{word}", "news", day, "Қосылған")
    fresh = site.root / "fresh" / "kk"
    fresh.mkdir(parents=True)
    outcome = site.render("kk", fresh, previous=site.live / "kk")
    assert outcome.full == ""
    assert any("new-" in path for path in outcome.paths)
    assert_full_build(site, "kk", fresh)
    live = tree_bytes(site.live / "kk")
    for rel, data in tree_bytes(fresh).items():
        same = (fresh / rel).stat().st_ino == (site.live / "kk" / rel).stat().st_ino \
            if rel in live else False
        assert same == (rel not in outcome.written), rel
        assert same == (live.get(rel) == data), rel


def test_a_page_linking_to_an_added_or_removed_page_is_rendered_again(site: Site) -> None:
    """A link to ``b.md`` becomes ``../b/`` only while ``b.md`` exists: the page that holds
    it is rendered again when ``b.md`` comes or goes, though its own file did not change
    (staged files written here directly, as a staging result names them)."""
    staged = site.stage("kk")
    docs = staged.docs
    (docs / "extra").mkdir()
    (docs / "extra" / "a.md").write_text("# A\n\n[Б бет](b.md)\n", encoding="utf-8")

    def result(changed: set[str], removed: set[str]) -> StageResult:
        return replace(staged, changed=changed, removed=removed, config_changed=False)

    site.step("kk", staged=result({"extra/a.md"}, set()))
    page = site.live / "kk" / "extra" / "a" / "index.html"
    assert 'href="b.md"' in page.read_text(encoding="utf-8")
    (docs / "extra" / "b.md").write_text("# B\n", encoding="utf-8")
    outcome = site.step("kk", staged=result({"extra/b.md"}, set()))
    assert outcome.paths == ["extra/a.md", "extra/b.md"]
    assert 'href="../b/"' in page.read_text(encoding="utf-8")
    (docs / "extra" / "b.md").unlink()
    outcome = site.step("kk", staged=result(set(), {"extra/b.md"}))
    assert outcome.paths == ["extra/a.md"]
    assert "extra/b/index.html" in outcome.deleted
    assert 'href="b.md"' in page.read_text(encoding="utf-8")


def test_a_changed_picture_is_copied_and_nothing_else(site: Site) -> None:
    from PIL import Image

    picture = site.content / "news" / "sxema.png"
    Image.new("RGB", (8, 8), (200, 30, 30)).save(picture)
    outcome = site.step("kk")
    assert outcome.written == ["news/sxema.png"] and outcome.rendered == 0
    Image.new("RGB", (8, 8), (30, 30, 200)).save(picture)
    os.utime(picture, ns=(1, 1))  # another size or time: staging copies it again
    outcome = site.step("kk")  # every other file stays the live one (assert_reported)
    assert outcome.written == ["news/sxema.png"]
    assert (site.live / "kk" / "news" / "sxema.png").read_bytes() == picture.read_bytes()
    picture.unlink()
    outcome = site.step("kk")
    assert outcome.deleted == ["news/sxema.png"] and outcome.written == []


def test_the_session_gives_the_cache_a_full_build_writes(site: Site) -> None:
    """What a one-shot build reads from disk to stay incremental after the service."""
    [kk] = site.content.glob("news/*-item-0.kk.md")
    kk.write_text(kk.read_text(encoding="utf-8") + "\nТағы бір жол.\n", encoding="utf-8")
    site.step("kk")
    staged = site.root / "stage" / "kk" / "mkdocs.yml"
    full = site.root / "full-cache"
    with build_date(site.now):
        expected = incremental.full(staged, full, incremental.key(site.stamp, staged), "").cache
    assert site.sessions["kk"].cache() == expected
    assert RenderSession().cache() is None
