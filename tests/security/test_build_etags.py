"""Two builds in a row of the same content: nginx gives every file the same ETag, so a
screen's (or a branch cache's) conditional GET after the second build is answered 304.

The real build (``site_gen.build.build``) of the example content, twice into the same
folder, served by a real nginx running the shipped ``jarshy-site.conf``; nginx makes the
ETag from the file's modification time and size, which the build keeps for files whose
bytes did not change (``site_gen.keeptimes``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.build import build
from tests.security.nginx_harness import Nginx, need_nginx, prepare

pytestmark = [need_nginx, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"


@pytest.fixture
def origin(tmp_path: Path) -> Iterator[tuple[Nginx, Path, Path]]:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    site = tmp_path / "site"
    build(content, site, date=TODAY, repo=REPO, build_dir=tmp_path / "build")
    server = prepare(tmp_path / "prefix", site)
    server.start()
    try:
        yield server, content, site
    finally:
        server.stop()


def test_a_second_build_keeps_every_etag_of_the_screens_files(
        origin: tuple[Nginx, Path, Path], tmp_path: Path) -> None:
    server, content, site = origin
    media = sorted(p.relative_to(site).as_posix() for p in (site / "signage" / "media").iterdir())
    assert media, "the example bundle names media"
    paths = ["signage/bundle.json", "signage/manifest.json", *media, "kk/index.html",
             "ru/index.html"]
    before = {}
    for rel in paths:
        status, headers, _ = server.request("GET", f"/{rel}")
        assert status == 200, rel
        before[rel] = (headers["ETag"], headers["Last-Modified"])
    mtimes = {rel: (site / rel).stat().st_mtime_ns for rel in paths}

    build(content, site, date=TODAY, repo=REPO, build_dir=tmp_path / "build")

    assert {rel: (site / rel).stat().st_mtime_ns for rel in paths} == mtimes
    for rel, (etag, modified) in before.items():
        status, headers, body = server.request("GET", f"/{rel}",
                                               headers={"If-None-Match": etag})
        assert (status, body) == (304, b""), rel
        assert headers["ETag"] == etag
        status, _, body = server.request("GET", f"/{rel}",
                                         headers={"If-Modified-Since": modified})
        assert (status, body) == (304, b""), rel


def test_an_edited_item_gets_a_new_etag_and_its_neighbours_keep_theirs(
        origin: tuple[Nginx, Path, Path], tmp_path: Path) -> None:
    server, content, site = origin
    item = sorted((content / "news").glob("*.kk.md"))[0]
    page = f"kk/news/{item.name.removesuffix('.kk.md')}/index.html"
    other = "ru/index.html"
    assert (site / page).is_file(), page
    etags = {rel: server.request("GET", f"/{rel}")[1]["ETag"] for rel in (page, other)}

    item.write_text(item.read_text("utf-8") + "\nРедактордың жаңа сөйлемі.\n", "utf-8")
    build(content, site, date=TODAY, repo=REPO, build_dir=tmp_path / "build")

    status, headers, body = server.request("GET", f"/{page}",
                                           headers={"If-None-Match": etags[page]})
    assert status == 200 and "Редактордың жаңа сөйлемі" in body.decode("utf-8")
    assert headers["ETag"] != etags[page]
    status, _, _ = server.request("GET", f"/{other}", headers={"If-None-Match": etags[other]})
    assert status == 304
