"""Which engine rendered: ProperDocs, in ``site-gen build`` and in ``site-gen serve``.

mkdocs-material installs MkDocs 1.6.1 beside ProperDocs, and a program that calls the engine
itself can end up rendering with MkDocs without a word (``site_gen/engine.py`` says how). The
generator tag tells them apart: Material prints the engine's ``mkdocs_version`` in it, which
is ``ProperDocs <version>`` under ProperDocs and ``1.6.1`` under MkDocs.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import material
import properdocs
import pytest

from site_gen.serve import Preview, Rebuild, make_server

REPO = Path(__file__).resolve().parents[2]
ENGINE = f"ProperDocs {properdocs.__version__}"  # e.g. "ProperDocs 1.6.7"
ITEM = "news/2026-11-16-kabel-zhelisi"


class _Generator(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "generator":
            self.found.append(values.get("content") or "")


def generators(path: Path) -> list[str]:
    parser = _Generator()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def _names_properdocs(content: str) -> bool:
    # Material writes "mkdocs-{{ mkdocs_version }}, mkdocs-material-…"; ProperDocs' value
    # is "ProperDocs 1.6.7", MkDocs' "1.6.1".
    return ENGINE in content and "mkdocs-1." not in content


def test_every_built_page_names_properdocs_in_its_generator_tag(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    rendered = [p for p in pages if p.relative_to(built_site).parts[0] in ("kk", "ru")]
    assert len(rendered) > 100  # every page of both languages, 404 pages included
    wrong = {str(p.relative_to(built_site)): generators(p) for p in rendered
             if [g for g in generators(p) if _names_properdocs(g)] != generators(p)
             or len(generators(p)) != 1}
    assert wrong == {}
    # The one page without the tag is site-gen's own root page (the language chooser,
    # site_gen/stage/rootpage.py), which no engine renders.
    assert [str(p.relative_to(built_site)) for p in pages if not generators(p)] == ["index.html"]


@pytest.mark.browser
def test_the_browser_sees_properdocs_as_the_generator(page: Any, site_url: str) -> None:
    for path in ("kk/", f"ru/{ITEM}/", "kk/404.html"):
        page.goto(site_url + path)
        content = page.locator('meta[name="generator"]').get_attribute("content")
        assert content is not None and _names_properdocs(content), (path, content)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.browser
@pytest.mark.slow
def test_the_live_preview_renders_with_properdocs_fully_and_page_by_page(
        page: Any, tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    preview = Preview(tmp_path / "content", tmp_path / "out", repo=REPO,
                      build_dir=tmp_path / "build", date="2026-11-23")
    assert preview.initial().errors == 0
    rebuilds: list[Rebuild] = []
    rebuild = preview.rebuild

    def recorded() -> Rebuild:
        rebuilds.append(rebuild())
        return rebuilds[-1]

    preview.rebuild = recorded  # type: ignore[method-assign]
    port = _free_port()
    server = make_server(preview, "127.0.0.1", port, [tmp_path / "content"])
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    meta = page.locator('meta[name="generator"]')
    try:
        # Rendered by the full build of the preview.
        page.goto(f"http://127.0.0.1:{port}/ru/")
        assert _names_properdocs(meta.get_attribute("content") or "")
        # Rendered again page by page after a saved edit (LanguageRenderer.pages).
        page.goto(f"http://127.0.0.1:{port}/kk/{ITEM}/")
        source = tmp_path / "content" / f"{ITEM}.kk.md"
        source.write_text(source.read_text(encoding="utf-8").rstrip()
                          + "\n\nҚозғалтқыш тексерісі.\n", encoding="utf-8")
        page.get_by_text("Қозғалтқыш тексерісі.").wait_for(timeout=20_000)
        assert _names_properdocs(meta.get_attribute("content") or "")
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert rebuilds and all("kk" not in r.full for r in rebuilds)  # page by page indeed
    assert sum(r.pages.get("kk", 0) for r in rebuilds) > 0
    page_file = tmp_path / "out/kk" / ITEM / "index.html"
    assert [g for g in generators(page_file) if _names_properdocs(g)] == generators(page_file)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=300, check=False)


def test_materials_mkdocs_imports_resolve_to_properdocs_in_site_gen() -> None:
    done = _run("import site_gen.build\n"
                "import mkdocs.commands.build as b, mkdocs.config as c\n"
                "from material.plugins.search.plugin import SearchPlugin\n"
                "import properdocs.plugins\n"
                "print(b.__name__, c.__name__, "
                "issubclass(SearchPlugin, properdocs.plugins.BasePlugin))\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["properdocs.commands.build", "properdocs.config", "True"]


def test_a_build_after_mkdocs_was_imported_is_refused_not_rendered_by_mkdocs(
        built_site: Path, tmp_path: Path) -> None:
    staged = built_site.parent / "build/kk/mkdocs.yml"
    out = tmp_path / "out"
    done = _run("import mkdocs.commands.build\n"  # MkDocs' own, loaded first
                "from site_gen.build import render_language\n"
                f"render_language({str(staged)!r}, {str(out)!r})\n")
    assert done.returncode != 0
    assert "EngineMixed" in done.stderr and "MkDocs' own modules" in done.stderr
    assert "mkdocs.commands.build" in done.stderr
    assert not out.exists()  # nothing rendered


def test_a_staged_project_builds_with_the_properdocs_command(
        built_site: Path, tmp_path: Path) -> None:
    """A staged project is plain input for ``properdocs build -f build/kk/mkdocs.yml``."""
    staged = built_site.parent / "build/kk/mkdocs.yml"
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "-f", str(staged),
                           "-d", str(tmp_path / "bare")], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    home = tmp_path / "bare/index.html"
    assert generators(home) == [f"mkdocs-{ENGINE}, mkdocs-material-{material.__version__}"]
