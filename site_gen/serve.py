"""``site-gen serve``: live preview with incremental rebuilds.

Where it sits: the same flow as ``site_gen.build`` (check → stage → ProperDocs), kept alive
in one process. On a change under ``content/``, ``themes/`` or ``mkdocs.yml`` (watched with
watchdog through ProperDocs' LiveReloadServer):

1. ``check`` runs again (unchanged files' results are reused: ``FileCache``) and so does the
   staging, which rewrites only the files whose bytes changed (the edited item, the pages
   that list it, its neighbours when an item is added, removed or renamed);
2. each language whose staged files changed is rendered by its render session
   (``site_gen.render_session``, kept in the preview's ``site_gen.warm.WarmBuilder`` with
   the staging memos, so staging redoes only what the change touched): into the language's
   standby copy (``.<lang>.standby``, a hard-link copy of the served folder made after the last
   reload), where only the changed pages are written; the copy is swapped in. An added,
   removed or renamed item is incremental too; a theme, config or engine change renders the
   language whole. (Without a render session, ``site_gen.incremental`` renders into a fresh
   folder, every unchanged page hard-linked from the served one.)
3. the browser reloads; then the readers' search index (Pagefind, ``site_gen.search``)
   follows (``site_gen.incremental_search``), a few seconds later on a large site.

As in ``site-gen build``, an item with errors is left out, or shown as it last was in this
preview session (held back), while the rest of the preview goes on updating; errors about no
one item (``content/_data/``) leave the whole last good preview up. The errors are printed
either way.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import engine, incremental, incremental_search, warm
from . import search as search_index
from .build import build_date, remove_tree, swap_in, write_atomic
from .clock import resolve_now
from .content import LANGS, check, format_text, publishable
from .content.model import Item, Lang
from .render_session import RenderSession
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .stage.rootpage import root_page

log = logging.getLogger(__name__)


class LanguageRenderer:
    """One language of the preview, rendered by ProperDocs through ``site_gen.incremental``:
    a fresh folder beside the served one, with every page whose inputs did not change
    hard-linked from it, then swapped in. The cache stays in memory."""

    def __init__(self, config_file: Path, site_dir: Path, session: Any | None = None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.lang: Lang = "ru" if site_dir.name == "ru" else "kk"
        self.cache: incremental.Cache | None = None
        self.session = session  # site_gen.render_session.RenderSession, when there is one
        self.standby: tuple[int, int] | None = None  # the served folder it is a copy of
        self.stamp = ""  # the engine, theme and code the last render used
        self.index_pending = False
        # Outputs written and deleted since the index was last written (None: index it all)
        self.changes: tuple[list[str], list[str]] | None = ([], [])

    @property
    def fresh(self) -> Path:
        return self.site_dir.with_name(f".{self.site_dir.name}.standby")

    def render(self, stamp: str, now: datetime, staged: StageResult | None = None
               ) -> incremental.Outcome:
        """Render what changed since the last render (everything the first time); the last
        search index goes with the pages, and :meth:`index` writes the new one."""
        fresh = self.fresh
        if self.session is None or staged is None or self.standby != _identity(self.site_dir):
            remove_tree(fresh)  # no standby copy of the served folder: start empty
        try:
            if self.session is not None and staged is not None:
                outcome: Any = self.session.render(staged, fresh, stamp=stamp, now=now)
                if self.changes is not None and not outcome.full:
                    self.changes[0].extend(outcome.written)
                    self.changes[1].extend(outcome.deleted)
                else:
                    self.changes = None
                carried = (fresh / search_index.OUTPUT / "pagefind-entry.json").is_file()
                if not carried and not outcome.full:
                    carried = incremental_search.carry(self.site_dir, fresh)
            else:
                with build_date(now):
                    key = incremental.key(stamp, self.config_file)
                    outcome = incremental.render(self.config_file, fresh, self.site_dir,
                                                 self.cache, key)
                carried = incremental_search.carry(self.site_dir, fresh)
                self.changes = None
        except BaseException:
            remove_tree(fresh)
            self.standby = None
            self.session = RenderSession()  # a failed render: the next one is whole
            raise
        self.standby = None
        self.cache, outcome.cache, self.stamp = outcome.cache, {}, stamp
        swap_in(fresh, self.site_dir, keep_old=self.session is not None)
        self.index_pending = True
        if not carried:
            self.index()
        done: incremental.Outcome = outcome
        return done

    def prepare(self) -> None:
        """Idle work after the reload and the index: delete the replaced folder and make
        the standby copy of the served one (the next edit writes only what it changed)."""
        if self.session is None or self.standby == _identity(self.site_dir):
            return
        remove_tree(self.site_dir.with_name(f".{self.site_dir.name}.old"))
        remove_tree(self.fresh)
        try:
            incremental_search.link_tree(self.site_dir, self.fresh)
        except OSError:
            remove_tree(self.fresh)
            raise
        self.standby = _identity(self.site_dir)

    def index(self) -> None:
        """Pagefind's index of the served folder, written again and moved in."""
        if self.index_pending:
            self.index_pending = False
            changes, self.changes = self.changes, ([], [])
            if (self.site_dir / search_index.OUTPUT).is_dir():
                # only the index parts holding a changed page, when that is known
                incremental_search.follow(self.site_dir.parent, [self.lang],
                                          None if changes is None else {self.lang: changes})
            else:
                search_index.index_language(self.site_dir, self.lang)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


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
        # The check's results, the staging memos and the render sessions, kept between
        # rebuilds; its idle work makes the standby copies after each reload.
        self.warm = warm.WarmBuilder()
        self.last_good: dict[str, Item] = {}  # by key: what the preview shows of each item
        self.errors = 0  # items left out or held back by the last rebuild (1: all held)

    def _stamp(self) -> str:
        base = stage_config.read_base(self.repo / "mkdocs.yml")
        theme = Path(str((base.get("theme") or {}).get("custom_dir", "themes")))
        return incremental.stamp(theme if theme.is_absolute() else self.repo / theme)

    def _stage(self) -> tuple[dict[Lang, StageResult], datetime] | None:
        content, diagnostics, _ = check(self.content_root, cache=self.warm.check_cache)
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
                                       registry=self.registry, base=dict(base),
                                       **self._memo(lang))
                  for lang in LANGS}
        for result in staged.values():
            for failure in result.failures:
                log.warning("%s: %s", result.lang, failure)
        write_atomic_mkdir(self.out / "index.html", root_page(content))
        return staged, now

    def _memo(self, lang: Lang) -> dict[str, Any]:
        memo = self.warm.memo(lang)
        return {} if memo is None else {"memo": memo}

    def initial(self) -> Rebuild:
        """The first render: everything, with its search index."""
        self.renderers.clear()
        self.warm.forget()  # new render sessions and memos: everything is rendered
        done = self.rebuild()
        self.index()
        return done

    def rebuild(self) -> Rebuild:
        """Check and stage again; render what changed (an edit, an added, removed or renamed
        item: only its page and the pages that show it); everything only when the theme,
        the config or the engine changed. The search index is written by :meth:`index`."""
        started = time.perf_counter()
        self.warm.settle()  # the standby copies of the last rebuild's idle time
        result = Rebuild()
        staged = self._stage()
        result.errors = self.errors
        if staged is None:
            return result
        stamp = self._stamp()
        for lang, stage in staged[0].items():
            renderer = self.renderers.get(lang)
            if renderer is None:
                renderer = self.renderers[lang] = LanguageRenderer(
                    stage.config, self.out / lang, self.warm.session(lang))
            elif renderer.stamp == stamp and not (stage.changed or stage.removed
                                                  or stage.config_changed):
                continue  # nothing of this language changed
            outcome = renderer.render(stamp, staged[1], stage)
            if outcome.full:
                result.full.append(lang)
            else:
                result.pages[lang] = outcome.rendered
        result.seconds = time.perf_counter() - started
        return result

    def index(self) -> None:
        """Write the search index of what the last rebuild changed (after the reload); then,
        in idle time, the standby copies for the next rebuild."""
        for renderer in self.renderers.values():
            renderer.index()
        renderers = list(self.renderers.values())

        def prepare() -> None:
            for renderer in renderers:
                renderer.prepare()

        self.warm.idle(prepare)


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
        reload_now(server)  # the pages are there: the browsers reload while the index follows
        preview.index()

    server = PreviewServer(builder=builder, host=host, port=port, root=str(preview.out))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    return server


def reload_now(server: Any) -> None:
    """Tell the open pages to reload now, as ProperDocs' server does when the builder
    returns (it then finds them reloaded already)."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def serve(preview: Preview, host: str, port: int, watch: list[Path]) -> None:
    """Serve ``preview.out`` with live reload until interrupted."""
    server = make_server(preview, host, port, watch)
    try:
        server.serve()
    finally:
        server.shutdown()
        preview.warm.settle()  # a standby copy being made is finished, not left half


__all__ = ["LanguageRenderer", "Preview", "Rebuild", "make_server", "serve", "write_atomic"]
