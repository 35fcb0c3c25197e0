"""Active content from content/ never runs on the intranet's origin: no .html, no SVG served.

The attack: an editor puts ``images/logo.svg`` (with ``<script>`` and ``onload``) and
``pages/form.html`` (with a script) into content/. On f24d797 both were copied into the site
as they were; opening either address ran the script on the intranet's own origin. Now
``check`` refuses the .html file at its path (it is never copied), and the SVG is drawn to a
PNG at build time (``images/logo.svg.png``); the item's picture and the Markdown picture still
show, as that PNG. Opened in Chromium: no dialog fires, on any page or address.
"""

from __future__ import annotations

import base64
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from PIL import Image

from site_gen.content import check
from tests.conftest import serve_folder

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"
ITEM = "news/2026-11-20-spartakiada"
HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"
     onload="alert('svg onload')">
  <script>alert('svg script')</script>
  <rect width="320" height="200" fill="#c0392b"/>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml"
    src="javascript:alert('svg iframe')"></iframe></foreignObject>
</svg>
"""
HOSTILE_HTML = "<!doctype html><title>form</title><script>alert('html script')</script>\n"


def hostile_content(content: Path) -> Path:
    """One item whose picture (image: and a Markdown picture) is the hostile SVG, and an
    HTML page lying beside it."""
    shutil.copytree(BAD / "missing-image", content)
    (content / "images").mkdir()
    (content / "images" / "жарыс.svg").write_text(HOSTILE_SVG, "utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "form.html").write_text(HOSTILE_HTML, "utf-8")
    kk = content / f"{ITEM}.kk.md"
    kk.write_text(kk.read_text("utf-8").replace("/images/жарыс.png", "/images/жарыс.svg")
                  + "\n![Жарыс суреті](../images/жарыс.svg)\n", "utf-8")
    return content


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from site_gen.build import build

    root = tmp_path_factory.mktemp("active")
    content = hostile_content(root / "content")
    site = root / "site"
    build(content, site, date="2026-11-23", repo=REPO, build_dir=root / "build")
    return site


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    with serve_folder(hostile_site) as url:
        yield url


def test_check_refuses_the_html_file_at_its_path(tmp_path: Path) -> None:
    _, diagnostics, _ = check(hostile_content(tmp_path / "content"))
    errors = [(d.path, d.line, d.code) for d in diagnostics if d.severity == "error"]
    assert errors == [("content/pages/form.html", 1, "active-file")]
    [d] = [d for d in diagnostics if d.code == "active-file"]
    assert ".html" in d.message and "Markdown" in d.hint


@pytest.mark.parametrize("name", ["form.html", "page.HTM", "x.xhtml", "feed.xml", "t.xsl",
                                  "app.js", "m.mjs", "logo.svgz", "inc.shtml"])
def test_every_active_type_is_refused_and_not_staged(tmp_path: Path, name: str) -> None:
    from site_gen.stage import _copy_assets

    content = hostile_content(tmp_path / "content")
    (content / "pages" / "form.html").unlink()
    (content / "pages" / name).write_text(HOSTILE_HTML, "utf-8")
    _, diagnostics, _ = check(content)
    assert [(d.path, d.code) for d in diagnostics if d.severity == "error"] == [
        (f"content/pages/{name}", "active-file")]
    docs = tmp_path / "docs"
    _copy_assets(content, docs, set())
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        "images/жарыс.svg.png"]


def test_an_svg_that_cannot_be_drawn_is_an_error_at_its_path_even_unused(
        tmp_path: Path) -> None:
    content = hostile_content(tmp_path / "content")
    (content / "pages" / "form.html").unlink()
    (content / "images" / "broken.svg").write_text("<svg><g>not closed", "utf-8")
    _, diagnostics, _ = check(content)
    assert [(d.path, d.line, d.code) for d in diagnostics if d.severity == "error"] == [
        ("content/images/broken.svg", 1, "svg-not-drawn")]


def test_an_svg_is_drawn_alone_bounded_and_without_entities(tmp_path: Path) -> None:
    """Nothing outside the SVG is drawn (a file beside it, an embedded picture), its size
    is capped, and XML entities (the 'billion laughs') and huge files are refused."""
    from site_gen.content.files import ContentFileError
    from site_gen.pictures import SVG_MAX_BYTES, SVG_MAX_SIDE, rasterise_svg

    red = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(red, "PNG")
    data_uri = "data:image/png;base64," + base64.b64encode(red.getvalue()).decode()
    Image.new("RGB", (8, 8), "red").save(tmp_path / "red.png")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000">'
           f'<rect width="100000" height="50000" fill="#00ff00"/>'
           f'<image href="{(tmp_path / "red.png").as_uri()}" width="100000" height="50000"/>'
           f'<image href="red.png" width="100000" height="50000"/>'
           f'<image href="{data_uri}" width="100000" height="50000"/></svg>')
    png = Image.open(io.BytesIO(rasterise_svg(svg.encode())))
    assert png.size == (SVG_MAX_SIDE, SVG_MAX_SIDE // 2)
    assert png.convert("RGB").getcolors() == [(SVG_MAX_SIDE * SVG_MAX_SIDE // 2, (0, 255, 0))]
    laughs = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')
    with pytest.raises(ContentFileError) as caught:
        rasterise_svg(laughs.encode())
    assert caught.value.code == "svg-not-drawn" and "entities" in caught.value.problem
    with pytest.raises(ContentFileError) as caught:
        rasterise_svg(b"<svg>" + b" " * SVG_MAX_BYTES + b"</svg>")
    assert caught.value.code == "file-too-large"
    deep = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + "<g>" * 20000
            + '<rect width="5" height="5"/>' + "</g>" * 20000 + "</svg>")
    with pytest.raises(ContentFileError) as caught:
        rasterise_svg(deep.encode())
    assert caught.value.code == "svg-not-drawn" and "nested too deeply" in caught.value.problem


def test_no_svg_or_html_from_content_is_in_the_site(hostile_site: Path) -> None:
    from_content = [p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*")
                    if p.suffix.lower() in (".svg", ".html") and
                    ("images" in p.parts or "pages" in p.parts)]
    assert from_content == []
    drawn = sorted(p.relative_to(hostile_site).as_posix()
                   for p in hostile_site.rglob("жарыс.svg.png"))
    assert drawn == ["kk/images/жарыс.svg.png", "ru/images/жарыс.svg.png"]
    assert (hostile_site / "kk" / "images" / "жарыс.svg.png").read_bytes()[:8] == \
        b"\x89PNG\r\n\x1a\n"


def test_in_chromium_no_dialog_fires_and_the_picture_shows(chromium: Any, served: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    statuses: dict[str, int | None] = {}
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_default_timeout(10_000)
        # Addresses an attacker would send people to: nothing there, nothing runs.
        for address in ("kk/images/жарыс.svg", "ru/images/жарыс.svg", "kk/pages/form.html",
                        "ru/pages/form.html"):
            response = page.goto(served + address)
            page.wait_for_timeout(200)
            statuses[address] = response.status if response is not None else None
        page.goto(f"{served}kk/{ITEM}/")
        page.wait_for_timeout(200)
        pictures = page.locator("article img")
        shown = [(unquote(pictures.nth(i).get_attribute("src") or ""),
                  page.evaluate("(el) => el.complete ? el.naturalWidth : -1",
                                pictures.nth(i).element_handle()))
                 for i in range(pictures.count())]
    finally:
        context.close()
    assert dialogs == []
    assert set(statuses.values()) == {404}, statuses
    # The item's picture and the Markdown picture: both the drawn PNG, both shown.
    assert [(src.rsplit("/images/", 1)[-1], width) for src, width in shown] == [
        ("жарыс.svg.png", 320), ("жарыс.svg.png", 320)]
