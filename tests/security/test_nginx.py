"""The shipped nginx config, loaded by a real nginx: it loads, and every answer is protected.

Attacks closed here: the config did not load at all (an unquoted ``{8}``), and ``add_header``
in nested locations dropped the CSP for pictures and SVG, so an SVG with a script ran on
the intranet's origin. Every kind of answer the site gives (pages, SVG, PNG, JSON, XML,
fonts, the signage bundle and its media, a 404) must carry the CSP, ``nosniff`` and a
Referrer-Policy; SVG also gets ``sandbox``; players' conditional GETs get a 304.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.security.nginx_harness import Nginx, need_nginx, prepare, shipped_csp

pytestmark = need_nginx

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       '<script>alert(document.domain)</script><rect width="10" height="10"/></svg>')


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _small_site(root: Path) -> None:
    """A few files of each type the built site serves, at the places the build puts them."""
    files: dict[str, bytes | str] = {
        "index.html": "<!doctype html><title>Жаршы</title>",
        "kk/index.html": "<!doctype html><title>Басты бет</title>",
        "kk/404.html": "<!doctype html><title>Бет табылмады</title>",
        "ru/news/2026-11-20-spartakiada/index.html": "<!doctype html><title>Спартакиада</title>",
        "kk/search/search_index.json": json.dumps({"docs": []}),
        "kk/feed_rss_created.xml": "<?xml version='1.0'?><rss version='2.0'/>",
        "sitemap.xml": "<?xml version='1.0'?><urlset/>",
        "assets/javascripts/bundle.83f73b43.min.js": "console.log(1)",
        "assets/stylesheets/main.0253249f.min.css": "body{}",
        "assets/fonts/NotoSans.ttf": b"\x00\x01\x00\x00font",
        "assets/images/favicon.png": _png(),
        "images/logo.svg": SVG,
        "signage/bundle.json": json.dumps({"format": 1, "slides": []}),
        "signage/media/0f1e2d3c.png": _png(),
        "signage/media/5a6b7c8d.svg": SVG,
        "signage/media/9e8f7a6b.webm": b"\x1aE\xdf\xa3webm",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    root = tmp_path_factory.mktemp("jarshy-nginx")
    _small_site(root / "site")
    server = prepare(root / "prefix", root / "site")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_shipped_config_loads_without_warnings(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    result = prepare(tmp_path / "prefix", tmp_path / "site").test_config()
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


# (path, status, content type): one of each type of answer the site gives.
ANSWERS = [
    ("/index.html", 200, "text/html"),
    ("/kk/", 200, "text/html"),
    ("/ru/news/2026-11-20-spartakiada/", 200, "text/html"),
    ("/kk/search/search_index.json", 200, "application/json"),
    ("/kk/feed_rss_created.xml", 200, "text/xml"),
    ("/sitemap.xml", 200, "text/xml"),
    ("/assets/javascripts/bundle.83f73b43.min.js", 200, "application/javascript"),
    ("/assets/stylesheets/main.0253249f.min.css", 200, "text/css"),
    ("/assets/fonts/NotoSans.ttf", 200, "font/ttf"),
    ("/assets/images/favicon.png", 200, "image/png"),
    ("/images/logo.svg", 200, "image/svg+xml"),
    ("/signage/bundle.json", 200, "application/json"),
    ("/signage/media/0f1e2d3c.png", 200, "image/png"),
    ("/signage/media/5a6b7c8d.svg", 200, "image/svg+xml"),
    ("/signage/media/9e8f7a6b.webm", 200, "video/webm"),
    ("/kk/no-such-page/", 404, "text/html"),
    ("/signage/media/missing.png", 404, "text/html"),
]


@pytest.mark.parametrize(("path", "status", "media"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_every_answer_carries_the_security_headers(nginx: Nginx, path: str, status: int,
                                                   media: str) -> None:
    got, headers, _body = nginx.request("GET", path)
    assert got == status
    assert (headers.get_content_type()) == media
    policies = headers.get_all("Content-Security-Policy") or []
    assert shipped_csp() in policies, policies
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert headers.get("Referrer-Policy") == "same-origin"
    # An SVG is only ever a picture: no script runs in it, even opened on its own.
    assert ("sandbox" in policies) == path.endswith(".svg")


def test_the_404_page_is_the_sites_own(nginx: Nginx) -> None:
    status, _headers, body = nginx.request("GET", "/kk/no-such-page/")
    assert status == 404 and "Бет табылмады" in body.decode("utf-8")


def test_bundle_json_answers_a_conditional_get_with_304(nginx: Nginx) -> None:
    status, headers, body = nginx.request("GET", "/signage/bundle.json")
    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    assert status == 200 and etag and modified and json.loads(body)["format"] == 1
    assert headers.get("Cache-Control") == "no-cache"
    status, again, body = nginx.request("GET", "/signage/bundle.json",
                                        headers={"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert again.get("ETag") == etag
    assert nginx.request("GET", "/signage/bundle.json",
                         headers={"If-Modified-Since": modified})[0] == 304
    assert nginx.request("GET", "/signage/bundle.json",
                         headers={"If-None-Match": '"other"'})[0] == 200


def test_hashed_assets_and_media_are_cached_for_good(nginx: Nginx) -> None:
    for path in ("/assets/javascripts/bundle.83f73b43.min.js", "/signage/media/0f1e2d3c.png"):
        cache = nginx.request("GET", path)[1].get("Cache-Control") or ""
        assert "immutable" in cache, path
    assert nginx.request("GET", "/kk/")[1].get("Cache-Control") == "no-cache"
