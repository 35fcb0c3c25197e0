"""The warm staging (``stage_language(..., memo=StageMemo())``) equals a cold staging.

A hypothesis test applies random edits (title, date, section, tags, body, lead, picture,
publish_at, one language only), additions, deletions and renames to a copy of the example
content, checks it, and stages each language twice after every step: with a memo kept from
step to step, and without one into another folder. The StageResult (changed, removed,
config_changed, missing, problems, failures) and every staged file must be the same. Other
tests: another day is picked up (the home's date, countdowns, expiries), and the memo
really reuses (one edit remakes a handful of products, not every item's).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from site_gen.clock import resolve_now
from site_gen.content import check
from site_gen.content.filecache import FileCache
from site_gen.stage import StageMemo, StageResult, stage_language
from site_gen.stage import config as cfg
from site_gen.stage.extensions import load_extensions

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
SECTIONS = ("news", "announcements", "analytics", "innovations", "interviews")
WORDS = ("жылу", "желі", "станция", "жөндеу", "энергия", "бригада", "жоба", "ұжым")
PICTURES = ("/images/energy-saving.svg", "/images/smart-meter.png", "/images/cover-11.png")


def _content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    return content


def _items(content: Path) -> list[Path]:
    return sorted(p for p in content.glob("*/*.kk.md") if not p.parent.name.startswith("_"))


def _set_field(text: str, name: str, value: str) -> str:
    """``text`` with front matter field ``name`` set to ``value`` (added when missing)."""
    line = re.compile(rf"^{name}:.*$", re.MULTILINE)
    if line.search(text):
        return line.sub(lambda _: f"{name}: {value}", text, count=1)
    return text.replace("---\n", f"---\n{name}: {value}\n", 1)


def _edit(path: Path, change: Any) -> None:
    if path.exists():
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _apply(content: Path, op: tuple[str, int, int, str]) -> None:
    kind, pick, day, word = op
    items = _items(content)
    kk = items[pick % len(items)]
    ru = kk.with_name(kk.name.replace(".kk.md", ".ru.md"))
    both = (kk, ru)
    if kind == "add":
        for f in both:
            if f.exists():
                shutil.copy(f, f.with_name(f.name.replace(kk.name[11:-6], f"new-{word}-{day}")))
        return
    if kind == "delete":
        for f in both:
            f.unlink(missing_ok=True)
        return
    if kind == "delete-ru":
        ru.unlink(missing_ok=True)
        return
    if kind == "rename":
        for f in both:
            if f.exists():
                f.rename(f.with_name(f.name.replace(kk.name[11:-6], f"{kk.name[11:-6]}-{day}")))
        return
    changes = {
        "title": lambda t: t.replace('title: "', f'title: "{word} ', 1),
        "title-ru": None,
        "date": lambda t: _set_field(t, "date", f"2026-11-{day:02d}"),
        "section": lambda t: _set_field(t, "section", SECTIONS[day % len(SECTIONS)]),
        "tags": lambda t: _set_field(t, "tags", f"[{word}, {WORDS[day % len(WORDS)]}]"),
        "body": lambda t: t + f"\n{word} {day}.\n",
        "lead": lambda t: _set_field(t, "lead", "true" if day % 2 else "false"),
        "image": lambda t: _set_field(_set_field(t, "image", PICTURES[day % len(PICTURES)]),
                                      "image_alt", f'"{word}"'),
        "publish_at": lambda t: _set_field(t, "publish_at", f"2026-11-{day:02d} 09:00"),
    }
    if kind == "title-ru":
        _edit(ru, changes["title"])
        return
    for f in both:
        _edit(f, changes[kind])


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (its own folder's name taken out of the configs)."""
    files = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            data = path.read_bytes().replace(str(root).encode(), b"ROOT")
            files[path.relative_to(root).as_posix()] = data
    return files


def _facts(result: StageResult, root: Path) -> dict[str, object]:
    """What a staging answered, its own folder's name taken out of the config."""
    return {
        "changed": sorted(result.changed), "removed": sorted(result.removed),
        "config_changed": result.config_changed,
        "missing": sorted(i.key for i in result.missing),
        "problems": sorted(map(repr, result.problems)), "failures": sorted(result.failures),
        "config": result.config.read_text(encoding="utf-8").replace(str(root), "ROOT"),
    }


class Stager:
    """Stages one content folder into ``root/warm`` (with memos) and ``root/cold``."""

    def __init__(self, root: Path, content: Path) -> None:
        self.root, self.content = root, content
        self.registry = load_extensions()
        self.base = cfg.read_base(REPO / "mkdocs.yml")
        self.memos = {"kk": StageMemo(), "ru": StageMemo()}
        self.cache = FileCache()

    def stage(self, which: str, lang: str, content: Any, now: datetime) -> StageResult:
        return stage_language(content, lang, now, repo=REPO,  # type: ignore[arg-type]
                              build_dir=self.root / which, site_dir=self.root / f"{which}-site",
                              registry=self.registry, base=self.base,
                              memo=self.memos[lang] if which == "warm" else None)

    def step(self, now: datetime, cached: bool = True) -> dict[str, StageResult]:
        """Check the content, stage both ways, assert they agree; the warm results."""
        warm_set, _, _ = check(self.content, cache=self.cache if cached else None)
        cold_set, _, _ = check(self.content)
        out = {}
        for lang in ("kk", "ru"):
            warm = self.stage("warm", lang, warm_set, now)
            cold = self.stage("cold", lang, cold_set, now)
            assert _facts(warm, self.root / "warm") == _facts(cold, self.root / "cold")
            out[lang] = warm
        warm_tree, cold_tree = _tree(self.root / "warm"), _tree(self.root / "cold")
        differ = sorted(k for k in warm_tree.keys() | cold_tree.keys()
                        if warm_tree.get(k) != cold_tree.get(k))
        assert not differ, f"warm and cold staging differ in {differ[:10]}"
        return out


def _now(content: Path) -> datetime:
    settings_set, _, _ = check(content)
    return resolve_now(settings_set.settings.zone, TODAY)


KINDS = ("title", "title-ru", "date", "section", "tags", "body", "lead", "image",
         "publish_at", "add", "delete", "delete-ru", "rename")
OPS = st.tuples(st.sampled_from(KINDS), st.integers(0, 200), st.integers(1, 28),
                st.sampled_from(WORDS))


# No shrinking: each example stages the example content a few dozen times; a failure is
# reported with its (short) list of changes as generated.
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(OPS, min_size=1, max_size=5), st.booleans())
def test_warm_staging_equals_cold_after_random_changes(ops: list[tuple[str, int, int, str]],
                                                       cached: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="jarshy-stage-memo-") as tmp:
        root = Path(tmp)
        content = _content(root)
        stager = Stager(root, content)
        now = _now(content)
        stager.step(now, cached)
        for op in ops:
            _apply(content, op)
            stager.step(now, cached)


def test_another_day_is_picked_up(tmp_path: Path) -> None:
    content = _content(tmp_path)
    stager = Stager(tmp_path, content)
    now = _now(content)
    stager.step(now)
    for later in (now + timedelta(hours=1), now + timedelta(days=1), now + timedelta(days=9),
                  now + timedelta(days=40), now - timedelta(days=30)):
        results = stager.step(later)
        if later.date() != now.date():
            # the home page says what day it is: a new day is a new home page
            assert "index.md" in results["kk"].changed
        now = later


def test_a_publish_moment_later_the_same_day_is_picked_up(tmp_path: Path) -> None:
    content = _content(tmp_path)
    [kk] = content.glob("news/*-zhylu-mausymy.kk.md")
    ru = kk.with_name(kk.name.replace(".kk.md", ".ru.md"))
    for f in (kk, ru):
        _edit(f, lambda t: _set_field(t, "publish_at", f"{TODAY} 14:00"))
    stager = Stager(tmp_path, content)
    now = _now(content)  # noon
    item = f"news/{kk.name[:-len('.kk.md')]}.md"
    stager.step(now)
    assert not (tmp_path / "warm" / "kk" / "docs" / item).exists()
    stager.step(now + timedelta(hours=1))  # 13:00: nothing moved
    results = stager.step(now + timedelta(hours=3))  # 15:00: the item is out
    assert item in results["kk"].changed
    assert (tmp_path / "warm" / "kk" / "docs" / item).exists()


def test_a_deleted_staged_folder_is_written_again(tmp_path: Path) -> None:
    content = _content(tmp_path)
    stager = Stager(tmp_path, content)
    now = _now(content)
    stager.step(now)
    shutil.rmtree(tmp_path / "warm")
    shutil.rmtree(tmp_path / "cold")
    results = stager.step(now)  # the trees are compared: every file is there again
    assert "index.md" in results["kk"].changed


def test_one_edit_remakes_only_what_it_touched(tmp_path: Path) -> None:
    content = _content(tmp_path)
    stager = Stager(tmp_path, content)
    now = _now(content)
    stager.step(now)
    stager.step(now)
    memo = stager.memos["kk"]
    assert memo.made == 0 and memo.reused > 80  # nothing changed: everything reused
    [kk] = content.glob("news/*-zhylu-mausymy.kk.md")
    _edit(kk, lambda t: t + "\nҚосымша жол.\n")
    results = stager.step(now)
    item = f"news/{kk.name[:-len('.kk.md')]}.md"
    assert item in results["kk"].changed
    assert results["kk"].changed <= {item, "index.md", "news/index.md", "feed.xml",
                                     "rss.xml"} | {p for p in results["kk"].changed
                                                   if p.startswith("newspaper/")}
    assert 0 < memo.made < 10, memo.made
