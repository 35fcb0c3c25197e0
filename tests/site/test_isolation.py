"""One bad item does not take the site or the screens down (``site-gen build``).

A copy of the example content is built twice by the real command, as an editor runs it:

1. the concert notice (``sports-culture/2026-11-19-kui-keshi``, on the screens) has a typo in
   its date: the build exits 1, names it with file:line, and publishes every other item on
   the site and in ``bundle.json``; the concert is on neither;
2. the urgent water notice (``announcements/2026-11-23-su-azhyratu``), published by build 1,
   gets a new Kazakh title and a date typo in its Russian file: the build exits 1 and says it
   is held back; both languages keep the text of build 1, on the pages (read in Chromium) and
   in the bundle, since a pair is one item; the substation news loses its picture and gets a
   date typo: it is held back too, without the picture, and the build says so;
3. ``--strict`` on the same content writes nothing and exits 1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, TODAY, serve_folder

CONCERT = "sports-culture/2026-11-19-kui-keshi"
WATER = "announcements/2026-11-23-su-azhyratu"
SUBSTATION = "news/2026-11-18-shygys-110"
WATER_KK = "Шұғыл: 23–24 қарашада тұрмыстық корпуста су болмайды"
WATER_RU = "Срочно: 23–24 ноября в бытовом корпусе не будет воды"
NEW_TITLE = "Су берілді, бәрі қалпына келді"


@dataclass
class Run:
    code: int
    out: str
    bundle: dict[str, Any]


@dataclass
class Builds:
    first: Run
    second: Run
    strict: subprocess.CompletedProcess[str]
    strict_before: dict[str, int]
    strict_after: dict[str, int]
    site: Path


def _site_gen(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", "--content", str(root / "content"),
         "--out", str(root / "site"), "--stage-dir", str(root / "build"), "--date", TODAY,
         *extra], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def _run(root: Path) -> Run:
    done = _site_gen(root)
    bundle = root / "site" / "signage" / "bundle.json"
    data = json.loads(bundle.read_text("utf-8")) if bundle.is_file() else {}
    return Run(done.returncode, done.stdout + done.stderr, data)


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), "utf-8")


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("isolation")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    _edit(content / f"{CONCERT}.kk.md", "date: 2026-11-19", "date: 2026-11-31")
    first = _run(root)
    _edit(content / f"{WATER}.kk.md", f'title: "{WATER_KK}"', f'title: "{NEW_TITLE}"')
    _edit(content / f"{WATER}.ru.md", "date: 2026-11-23", "date: 2026-13-23")
    _edit(content / f"{SUBSTATION}.kk.md", "date: 2026-11-18", "date: 2026-11-81")
    (content / "images" / "substation.png").unlink()
    second = _run(root)
    before = _stamps(root / "site")
    strict = _site_gen(root, "--strict")
    return Builds(first, second, strict, before, _stamps(root / "site"), root / "site")


def _ids(run: Run) -> set[str]:
    return {item["id"] for item in run.bundle.get("items", [])}


def test_a_bad_item_is_left_out_and_the_rest_is_published(builds: Builds) -> None:
    run = builds.first
    assert run.code == 1, run.out
    # Named at the end, with the file and line of the typo.
    tail = run.out[run.out.index("left out"):]
    assert CONCERT in tail and f"content/{CONCERT}.kk.md:3:" in tail
    assert "2026-11-31" in tail
    # The other screen items are all in the bundle; the concert is not.
    assert {WATER, "announcements/2026-11-18-esep-beru-kezdesui",
            "news/2026-11-18-shygys-110"} <= _ids(run)
    assert len(_ids(run)) >= 9 and CONCERT not in _ids(run)


def test_a_published_item_with_a_new_error_keeps_its_last_good_version(builds: Builds) -> None:
    run = builds.second
    assert run.code == 1, run.out
    tail = run.out[run.out.index("held back"):]
    assert WATER in tail and f"content/{WATER}.ru.md:3:" in tail
    assert CONCERT in run.out[run.out.index("left out"):]  # still out: never good
    water = next(i for i in run.bundle["items"] if i["id"] == WATER)
    assert water["priority"] == "urgent"
    assert water["langs"]["kk"]["title"] == WATER_KK  # the valid new kk title waits too
    assert water["langs"]["ru"]["title"] == WATER_RU
    assert NEW_TITLE not in json.dumps(run.bundle, ensure_ascii=False)
    assert SUBSTATION in _ids(run) and SUBSTATION in tail
    assert "content/images/substation.png is no longer in content/" in tail
    assert next(i for i in run.bundle["items"] if i["id"] == SUBSTATION)["image"] is None


def test_an_error_about_no_one_item_refuses_the_build(tmp_path: Path) -> None:
    from site_gen.build import BuildRefused, build

    shutil.copytree(REPO / "content", tmp_path / "content")
    _edit(tmp_path / "content/_data/screens.yml", "canteen", "canteen: [")
    with pytest.raises(BuildRefused) as refused:
        build(tmp_path / "content", tmp_path / "site", date=TODAY, repo=REPO,
              build_dir=tmp_path / "build")
    assert any(d.path == "content/_data/screens.yml" for d in refused.value.diagnostics)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


@pytest.fixture(scope="module")
def site_url(builds: Builds) -> Iterator[str]:
    with serve_folder(builds.site) as url:
        yield url


def test_the_held_back_pages_show_the_old_text_in_chromium(_browser: Any, site_url: str) -> None:
    context = _browser.new_context()
    try:
        page = context.new_page()
        titles = {}
        for lang in ("kk", "ru"):
            reply = page.goto(f"{site_url}{lang}/{WATER}/")
            assert reply is not None and reply.status == 200
            titles[lang] = page.locator("article h1").first.inner_text().rstrip("¶")
        reply = page.goto(f"{site_url}kk/{SUBSTATION}/")
        assert reply is not None and reply.status == 200
        assert page.locator("article h1").count() == 1
        assert page.locator("img[src*='substation']").count() == 0  # no hole for a gone picture
        reply = page.goto(f"{site_url}kk/{CONCERT}/")
        assert reply is not None and reply.status == 404
        page.goto(f"{site_url}kk/announcements/")
        listing = page.locator("article.md-content__inner").inner_text()
    finally:
        context.close()
    assert titles == {"kk": WATER_KK, "ru": WATER_RU}
    assert WATER_KK in listing and NEW_TITLE not in listing


def test_strict_refuses_all_and_writes_nothing(builds: Builds) -> None:
    assert builds.strict.returncode == 1
    assert "not built" in builds.strict.stderr
    assert f"content/{CONCERT}.kk.md:3:" in builds.strict.stdout
    assert builds.strict_after == builds.strict_before
    assert not builds.site.with_name(".site.new").exists()
