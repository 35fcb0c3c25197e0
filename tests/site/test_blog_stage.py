"""The blog's staging without a browser: one page per language, at the blog item's address,
and no page (a warning, no crash) in a language where the blog item is not published."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from site_gen.content import check
from site_gen.stage import stage_language
from site_gen.stage.extensions import load_extensions
from tests.site.conftest import REPO

NOW = datetime.fromisoformat("2026-11-23T12:00:00+05:00")


def _content(target: Path, *, drop: tuple[str, ...] = ()) -> Path:
    """The example's data files and pages (the blog and its answers), minus ``drop``."""
    for folder in ("_data", "images", "pages"):
        shutil.copytree(REPO / "content" / folder, target / folder)
    for name in drop:
        (target / "pages" / name).unlink()
    return target


def _stage(tmp_path: Path, lang: str, drop: tuple[str, ...] = ()) -> tuple[Path, str, str]:
    """Stage one language; return its docs dir, its mkdocs.yml text and its home page."""
    content, _problems, _report = check(_content(tmp_path / "content", drop=drop))
    result = stage_language(content, lang, NOW, repo=REPO,  # type: ignore[arg-type]
                            build_dir=tmp_path / "build", site_dir=tmp_path / "site",
                            registry=load_extensions())
    assert result.failures == []
    return (result.docs, result.config.read_text(encoding="utf-8"),
            (result.docs / "index.md").read_text(encoding="utf-8"))


def _meta(page: Path) -> dict[str, object]:
    head = page.read_text(encoding="utf-8").split("---\n")[1]
    meta = json.loads(head)
    assert isinstance(meta, dict)
    return meta


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_blog_item_page_carries_the_form_and_there_is_no_second_page(
        tmp_path: Path, lang: str) -> None:
    docs, config, home = _stage(tmp_path, lang)
    assert not (docs / "blog").exists()
    jarshy = _meta(docs / "page" / "blog.md")["jarshy"]
    assert isinstance(jarshy, dict)
    blog = jarshy["blog"]
    assert isinstance(blog, dict)
    assert blog["mail"]["subject"]
    # the answers link from the blog page to the answer pages next to it
    assert blog["answers"], "the example has published answers"
    for answer in blog["answers"]:
        assert (docs / "page" / (answer["url"].removeprefix("../").rstrip("/") + ".md")).exists()
    assert config.count("page/blog.md") == 1  # the sidebar entry
    assert 'href="page/blog/#letter"' in home
    assert (docs / "assets" / "javascripts" / "jarshy-blog.js").exists()


def test_without_a_published_blog_item_a_language_has_no_blog_page(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="site_gen.blog.page"):
        docs, config, home = _stage(tmp_path, "ru", drop=("blog.ru.md",))
    assert "blog.ru.md" in caplog.text
    assert not (docs / "blog").exists()
    # the address shows the staging's "translation not ready" page, without a form
    jarshy = _meta(docs / "page" / "blog.md")["jarshy"]
    assert isinstance(jarshy, dict)
    assert jarshy["type"] == "translation-missing" and "blog" not in jarshy
    assert "page/blog.md" not in config
    assert "jarshy-home-blog" not in home
    assert not (docs / "assets" / "javascripts" / "jarshy-blog.js").exists()
