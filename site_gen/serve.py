"""``site-gen serve``: live preview with incremental rebuilds.

Where it sits: the same flow as ``site_gen.build`` (check → stage → ProperDocs), kept alive.
The staged projects stay plain MkDocs input; this module is an in-process adapter over the
public API of ProperDocs (the engine, set up by ``site_gen.engine``) that remembers, per
language, the config, files, navigation and Jinja environment of the last full build. On a
change under ``content/``, ``themes/`` or ``mkdocs.yml`` (watched with watchdog through
ProperDocs' LiveReloadServer):

1. ``check`` and the staging run again; staging rewrites only the Markdown whose text
   changed (the edited item, its section and home pages, its translation's page, the
   newspaper pages that list it) and reports those paths;
2. only those pages are rendered again, with the navigation of the last full build, and
   their entries in Material's search index are replaced (MkDocs' ``--dirty`` instead
   keeps stale navigation and writes an index with only the rebuilt pages); the readers'
   search index (Pagefind, ``site_gen.search``) is written again for the language;
3. the browser reloads.

A file added or removed, a nav or config change, or a theme change means a full build of
that language (of both for a theme change). As in ``site-gen build``, an item with errors is
left out, or shown as it last was in this preview session (held back), while the rest of
the preview goes on updating; errors about no one item (``content/_data/``) leave the whole
last good preview up. The errors are printed either way.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import engine
from . import search as search_index
from .build import write_atomic
from .clock import resolve_now
from .content import LANGS, FileCache, check, format_text, publishable
from .content.model import Item, Lang
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .stage.rootpage import root_page

log = logging.getLogger(__name__)


class _Capture:
    """A plugin object that remembers what a full build gathered (no state on the engine's
    objects)."""

    def __init__(self) -> None:
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        self.env = env
        return env


class LanguageRenderer:
    """One language's staged project rendered by ProperDocs, fully or page by page."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.config: Any = None
        self.capture = _Capture()

    def full(self) -> None:
        engine.ensure()
        from properdocs.commands.build import build as engine_build
        from properdocs.config import load_config
        from properdocs.config.defaults import ProperDocsConfig

        # The engine caches plugin objects that have on_startup (Material's search does) for
        # the whole process; kk and ru would share one search index. Each language here
        # gets its own plugin objects.
        plugins_option: Any = ProperDocsConfig.plugins
        plugins_option.plugin_cache.clear()
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        self.capture = _Capture()
        config.plugins["jarshy-capture"] = self.capture  # type: ignore[assignment]
        engine_build(config)
        self.config = config
        self.index()

    def index(self) -> None:
        """Pagefind's index of this language, again after every render (a second or so for
        a few hundred pages; site_gen.search). Material's index is kept: it is updated page
        by page below, and the readers' search does not read it."""
        lang: Lang = "ru" if self.site_dir.name == "ru" else "kk"
        search_index.index_language(self.site_dir, lang, keep_material=True)

    def pages(self, paths: set[str]) -> int:
        """Render again the pages (docs paths) whose Markdown changed; copy changed assets."""
        engine.ensure()
        from properdocs.commands.build import get_context
        from properdocs.utils import write_file

        config, files, nav, env = self.config, self.capture.files, self.capture.nav, \
            self.capture.env
        search = config.plugins.get("material/search") or config.plugins.get("search")
        doc_files = files.documentation_pages()
        done = 0
        for path in sorted(paths):
            file = files.get_file_from_path(path)
            if file is None:
                continue
            if not file.is_documentation_page():
                file.copy_file()
                continue
            page = file.page
            if search is not None:  # drop this page's old entries from Material's index
                entries = search.search_index.entries
                search.search_index.entries = [
                    e for e in entries if e["location"].split("#")[0] != page.url]
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page,
                                                            config=config, files=files)
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page,
                                                          config=config, files=files)
            page.active = True
            try:
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config,
                                                         nav=nav)
                output = config.plugins.on_post_page(template.render(context), page=page,
                                                     config=config)
            finally:
                page.active = False
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
            done += 1
        if search is not None:
            search.on_post_build(config=config)
        if done:
            self.index()
        return done


@dataclass
class Rebuild:
    """What one rebuild did, for the console and the benchmark."""

    full: list[Lang] = field(default_factory=list)
    pages: dict[Lang, int] = field(default_factory=dict)
    seconds: float = 0.0
    errors: int = 0


class Preview:
    """Check, stage and render into ``out``; then keep it up to date cheaply."""

    def __init__(self, content_root: Path, out: Path, *, repo: Path, build_dir: Path,
                 date: str | None = None) -> None:
        self.content_root = content_root
        self.out = out.resolve()
        self.repo = repo.resolve()
        self.build_dir = build_dir.resolve()
        self.date = date
        self.registry: Registry = load_extensions()
        self.renderers: dict[Lang, LanguageRenderer] = {}
        self.theme_stamp = self._theme_stamp()
        self.check_cache = FileCache()
        self.last_good: dict[str, Item] = {}  # by key: what the preview shows of each item
        self.errors = 0  # items left out or held back by the last rebuild (1: all held)

    def _theme_stamp(self) -> tuple[tuple[str, int], ...]:
        paths = [self.repo / "mkdocs.yml", *sorted((self.repo / "themes").rglob("*"))]
        return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file())

    def _stage(self) -> tuple[dict[Lang, StageResult], datetime] | None:
        content, diagnostics, _ = check(self.content_root, cache=self.check_cache)
        gated = publishable(content, diagnostics)
        errors = [d for d in diagnostics if d.severity == "error"]
        if gated.general:
            log.error("content has errors; the preview keeps the last good version:\n%s",
                      format_text(errors))
            self.errors = 1
            return None
        held = [self.last_good[left.key] for left in gated.left_out
                if left.is_item and left.key in self.last_good]
        if errors:
            log.error("%d item(s) with errors left out of the preview, %d shown as they last "
                      "were:\n%s", len(gated.left_out) - len(held), len(held),
                      format_text(errors))
        self.errors = len(gated.left_out)
        items = sorted((*gated.content.items, *held), key=lambda i: (i.folder, i.stem))
        self.last_good = {item.key: item for item in items}
        content = replace(gated.content, items=tuple(items))
        now = resolve_now(content.settings.zone, self.date)
        base = stage_config.read_base(self.repo / "mkdocs.yml")
        staged = {lang: stage_language(content, lang, now, repo=self.repo,
                                       build_dir=self.build_dir, site_dir=self.out,
                                       registry=self.registry, base=dict(base))
                  for lang in LANGS}
        for result in staged.values():
            for failure in result.failures:
                log.warning("%s: %s", result.lang, failure)
        write_atomic_mkdir(self.out / "index.html", root_page(content))
        return staged, now

    def initial(self) -> Rebuild:
        started = time.perf_counter()
        result = Rebuild()
        staged = self._stage()
        result.errors = self.errors
        if staged is None:
            return result
        for lang, stage in staged[0].items():
            renderer = LanguageRenderer(stage.config, self.out / lang)
            renderer.full()
            self.renderers[lang] = renderer
            result.full.append(lang)
        result.seconds = time.perf_counter() - started
        return result

    def rebuild(self) -> Rebuild:
        started = time.perf_counter()
        result = Rebuild()
        stamp = self._theme_stamp()
        theme_changed = stamp != self.theme_stamp
        self.theme_stamp = stamp
        staged = self._stage()
        result.errors = self.errors
        if staged is None:
            return result
        for lang, stage in staged[0].items():
            renderer = self.renderers.get(lang)
            structural = bool(stage.removed) or stage.config_changed or theme_changed or \
                renderer is None or any(
                    renderer.capture.files.get_file_from_path(p) is None for p in stage.changed)
            if renderer is None:
                renderer = self.renderers[lang] = LanguageRenderer(stage.config, self.out / lang)
            if structural:
                renderer.full()
                result.full.append(lang)
            elif stage.changed:
                result.pages[lang] = renderer.pages(stage.changed)
        result.seconds = time.perf_counter() - started
        return result


def write_atomic_mkdir(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def make_server(preview: Preview, host: str, port: int, watch: list[Path]) -> Any:
    """ProperDocs' LiveReloadServer over ``preview.out``, rebuilding through ``preview``
    (its reload script linked as a file the pages' CSP allows: ``site_gen.livereload``)."""
    engine.ensure()
    from .livereload import PreviewServer

    def builder() -> None:
        done = preview.rebuild()
        what = ", ".join([f"{lang}: full" for lang in done.full]
                         + [f"{lang}: {n} page{'s' if n != 1 else ''}"
                            for lang, n in done.pages.items()])
        log.info("rebuilt in %.2f s (%s)", done.seconds, what or "nothing changed")

    server = PreviewServer(builder=builder, host=host, port=port, root=str(preview.out))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    return server


def serve(preview: Preview, host: str, port: int, watch: list[Path]) -> None:
    """Serve ``preview.out`` with live reload until interrupted."""
    server = make_server(preview, host, port, watch)
    try:
        server.serve()
    finally:
        server.shutdown()


__all__ = ["LanguageRenderer", "Preview", "Rebuild", "make_server", "serve", "write_atomic"]
