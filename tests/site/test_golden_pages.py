"""Golden screenshots of the site: the home page, an issue's front page, a section page and
an article page, 390 and 1366 px wide, in Kazakh and Russian (16 pictures), in headless
Chromium, compared with ``tests/site/golden/<page>_<width>_<lang>.png``.

A page passes when it has the reference's size and at most 0.5 % of its pixels differ by
more than 16/255 in some channel (``tests/golden/compare.py``, shared with the screens'
goldens). A failure writes ``test-artifacts/golden-pages/<name>.png`` (expected | actual |
diff) and ``<name>-actual.png``. After a wanted change of design, write new references with
``JARSHY_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden_pages.py``, look
at each picture, run the test again (twice: it must be stable) and commit them.

What makes the pictures repeatable: the example content alone (no test fixtures), built
with today pinned (``TODAY``, as ``JARSHY_TODAY`` pins a real build); the browser's clock
fixed at noon of that day in Asia/Almaty (a countdown written by a script would read it);
the viewport 900 px high, scale 1, light colour scheme, reduced motion; lazy pictures loaded
and decoded and ``document.fonts.ready`` awaited before the shot; animations and the caret
off. A page longer than :data:`CLIP_HEIGHT` is shot down to that height (the references are
in git and must stay small).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import numpy as np
import pygame
import pytest
from PIL import Image

from tests.conftest import ARTIFACTS, LOCAL_HOST, REPO, TODAY, serve_folder
from tests.golden.compare import UPDATE_ENV, assert_pixels_match, pixels

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GOLDEN = Path(__file__).resolve().parent / "golden"
FAILED = ARTIFACTS / "golden-pages"
PAGES = {
    "home": "",
    "issue": "newspaper/12/",
    "section": "news/",
    "article": "news/2026-11-18-shygys-110/",
}
WIDTHS = (390, 1366)
LANGS = ("kk", "ru")
VIEWPORT_HEIGHT = 900
CLIP_HEIGHT = 3000  # px: the top of a longer page (a home page runs to about 4000 at 390)
MAX_SHARE = 0.005  # 0.5 % of the pixels ...
PIXEL_TOL = 16  # ... may differ by more than 16/255 in a channel
NOON = datetime.fromisoformat(f"{TODAY}T12:00:00").replace(tzinfo=ZoneInfo("Asia/Almaty"))

READY = """async () => {
  document.querySelectorAll('img[loading="lazy"]').forEach(i => { i.loading = "eager"; });
  await Promise.all(Array.from(document.images).map(
    i => i.complete ? Promise.resolve() : new Promise(r => { i.onload = i.onerror = r; })));
  await Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)));
  await document.fonts.ready;
  return document.documentElement.scrollHeight;
}"""


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content alone, built with today pinned; returns the site folder."""
    from site_gen.build import build

    root = tmp_path_factory.mktemp("golden-site")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    out = root / "site"
    build(content, out, date=TODAY, repo=REPO, build_dir=root / "build")
    return out


@pytest.fixture(scope="module")
def golden_site(golden_build: Path) -> Iterator[str]:
    """That site served on 127.0.0.1."""
    with serve_folder(golden_build) as url:
        yield url


def shoot(browser: Any, url: str, width: int) -> Any:
    """A screenshot of ``url`` at ``width`` px as a height x width x RGB array."""
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORT_HEIGHT}, device_scale_factor=1,
        locale="kk-KZ", timezone_id="Asia/Almaty", color_scheme="light",
        reduced_motion="reduce")
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("data:", "blob:")) or \
                urlsplit(r.request.url).hostname == LOCAL_HOST:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(NOON)
        page.goto(url, wait_until="networkidle")
        height = min(int(page.evaluate(READY)), CLIP_HEIGHT)
        png = page.screenshot(full_page=True, animations="disabled", caret="hide",
                              clip={"x": 0, "y": 0, "width": width, "height": height})
    finally:
        context.close()
    assert not outside, f"requests left {LOCAL_HOST}: {outside}"
    return pixels(pygame.image.load(io.BytesIO(png), "shot.png"))


def write_reference(got: Any, ref: Path) -> None:
    """Write a reference as a 256-colour PNG (a fifth of the bytes of the screenshot's own)
    when that changes no pixel by more than the tolerance, else as it is."""
    picture = Image.fromarray(got.astype("uint8"), "RGB")
    small = picture.quantize(256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    error = abs(got - np.asarray(small.convert("RGB"), dtype=np.int16)).max(axis=2)
    keep = small if (error > PIXEL_TOL).mean() < MAX_SHARE / 50 else picture
    ref.parent.mkdir(parents=True, exist_ok=True)
    keep.save(ref, "PNG", optimize=True)


def check(name: str, got: Any) -> None:
    ref = GOLDEN / f"{name}.png"
    if os.environ.get(UPDATE_ENV) == "1":
        write_reference(got, ref)
        return
    assert_pixels_match(name, got, ref, FAILED, max_share=MAX_SHARE, pixel_tol=PIXEL_TOL)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_matches_its_golden_screenshot(chromium: Any, golden_site: str, name: str,
                                            width: int, lang: str) -> None:
    got = shoot(chromium, f"{golden_site}{lang}/{PAGES[name]}", width)
    assert got.shape[1] == width
    check(f"{name}_{width}_{lang}", got)


def test_a_changed_css_colour_fails_the_comparison(chromium: Any, golden_build: Path,
                                                   tmp_path: Path) -> None:
    """The comparison catches a real change: the same site with one colour changed in its
    stylesheet (the header's) no longer matches the home page's reference."""
    if os.environ.get(UPDATE_ENV) == "1":
        pytest.skip("writing references")
    site = tmp_path / "site"
    shutil.copytree(golden_build, site)
    sheet = site / "kk" / "assets" / "stylesheets" / "jarshy.css"
    sheet.write_text(sheet.read_text(encoding="utf-8")
                     + "\n.md-header { background-color: rgb(122, 31, 92) !important; }\n",
                     encoding="utf-8")
    with serve_folder(site) as url:
        got = shoot(chromium, f"{url}kk/", 1366)
    with pytest.raises(AssertionError, match="of pixels differ"):
        assert_pixels_match("changed-colour_home_1366_kk", got, GOLDEN / "home_1366_kk.png",
                            tmp_path, max_share=MAX_SHARE, pixel_tol=PIXEL_TOL)
