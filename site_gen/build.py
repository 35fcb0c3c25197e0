"""``site-gen build``: check → gate → (stage + render) kk ‖ ru, root page and bundle → swap.

Where it sits: after ``site_gen.content.check`` and the publishing gate
(``site_gen.content.gate``): an item with errors is left out, or, when it was published
before, held back as its last good copy (``site_gen.lastgood``); errors that concern no one
item (``_data/``), or any error with ``strict``, refuse the build. Each language is staged
(``site_gen.stage``: a plain MkDocs project in ``build/<lang>``) and rendered by ProperDocs
(``site_gen.engine``) + mkdocs-material in its own forked process, into a fresh folder next
to the output, and indexed for search there (``site_gen.search``: Pagefind), while this
process writes the root page (language chooser) and, when ``site_gen.bundle`` exists, the
signage bundle into the same folder. The finished folder replaces the old site with a rename,
so a reader never sees half a site (nor pages without their search index); a build that
fails removes what it wrote (the fresh folder, the staged projects, the new last good
copies) and leaves the old site as it was.

A long-running caller (``site-gen publish``, ``site-gen serve``) passes its
``site_gen.warm.WarmBuilder``: once it holds the live site's state, a build stages and renders
in this process into a standby copy of the live site instead (``site_gen.warmpath``).
"""

from __future__ import annotations

import fcntl
import functools
import gc
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import engine, incremental, incremental_search, keeptimes, lastgood, search
from .clock import resolve_now
from .content import (
    LANGS,
    ContentSet,
    Diagnostic,
    FileCache,
    LeftOut,
    check,
    has_errors,
    publishable,
)
from .content.gate import media_of
from .content.model import Item, Lang
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .stage.rootpage import root_page

if TYPE_CHECKING:
    from .warm import WarmBuilder

log = logging.getLogger(__name__)
CACHE = "incremental"  # the render caches' folder in the state folder (lastgood.state_dir)
EPOCH = "SOURCE_DATE_EPOCH"


class BuildRefused(Exception):
    """Nothing was built: errors about no one item (``_data/``), or any error with
    ``strict``. ``diagnostics`` lists every problem."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{sum(d.severity == 'error' for d in diagnostics)} errors in the content")
        self.diagnostics = diagnostics


@dataclass
class BuildReport:
    site: Path
    now: datetime
    content: ContentSet
    diagnostics: list[Diagnostic]
    staged: dict[Lang, StageResult] = field(default_factory=dict)
    pages: dict[Lang, int] = field(default_factory=dict)
    # Pages rendered this time (the rest were linked from the last site: site_gen.incremental)
    # and, for a language rendered whole, why ("" when it was incremental).
    rendered: dict[Lang, int] = field(default_factory=dict)
    full: dict[Lang, str] = field(default_factory=dict)
    rendered_pages: dict[Lang, list[str]] = field(default_factory=dict)  # docs paths
    # Languages whose search index was written after the site went live (the last one was
    # served meanwhile): site_gen.incremental_search.
    index_followed: list[Lang] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: dict[str, float] = field(default_factory=dict)
    bundle: bool = False
    skipped_extensions: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)  # not published, with their errors
    held_back: list[LeftOut] = field(default_factory=list)  # published as their last good copy
    # Media a held-back item names that are gone from content/: it goes out without them
    # (only files of content/ are ever published).
    gone: dict[str, list[str]] = field(default_factory=dict)

    def missing(self, lang: Lang) -> list[Item]:
        """Items shown in ``lang`` as "translation not ready"."""
        return self.staged[lang].missing if lang in self.staged else []


def build(content_root: Path, out: Path, *, date: str | None = None, repo: Path | None = None,
          build_dir: Path | None = None, parallel: bool = True,
          strict: bool = False, incremental: bool = True,
          check_cache: FileCache | None = None,
          warm: WarmBuilder | None = None) -> BuildReport:
    """Build the whole site into ``out``, leaving out (or holding back) items with errors.

    With ``incremental`` (the default), pages whose inputs did not change since the last
    build of ``out`` are taken from it (``site_gen.incremental``); without, all are rendered.
    ``check_cache`` (a long-running caller's, like the publish service's) reuses the check
    of files that did not change since its last build; ``warm`` (``site_gen.warm``) holds
    that and every other state a long-running caller keeps between builds.

    Raise :class:`BuildRefused` on an error that is about no one item, or on any error when
    ``strict``; nothing is written then.
    """
    started = time.perf_counter()
    repo = (repo or Path.cwd()).resolve()
    build_dir = (build_dir or repo / "build").resolve()
    out = out.resolve()
    if warm is not None:
        warm.settle()  # its idle work (the standby copy) is finished first
        check_cache = warm.check_cache
    content, diagnostics, _ = check(content_root, cache=check_cache)
    gated = publishable(content, diagnostics)
    if gated.general or (strict and has_errors(diagnostics)):
        raise BuildRefused(diagnostics)
    now = resolve_now(content.settings.zone, date)
    checked = time.perf_counter() - started
    with staging_lock(build_dir):
        state = lastgood.state_dir(out)
        restored = lastgood.restore(state, gated.left_out, gated.content)
        gone = {item.key: sorted(m for m in media_of(item) if not (content.root / m).is_file())
                for item in restored.items}
        held = [_without(item, set(gone[item.key])) for item in restored.items]
        items = sorted((*gated.content.items, *held), key=lambda i: (i.folder, i.stem))
        report = BuildReport(out, now, replace(gated.content, items=tuple(items)), diagnostics,
                             left_out=list(restored.left_out), held_back=list(restored.held_back),
                             gone={key: [f"{content.root.name}/{m}" for m in paths]
                                   for key, paths in gone.items() if paths}, started=started)
        report.seconds["check"] = checked
        sources = [(item, content.root) for item in gated.content.items] + \
            [(item, state / lastgood.CONTENT) for item in restored.items]
        seeder = None
        if warm is not None and incremental and warm.usable(out):
            from .warmpath import build_warm

            build_warm(warm, report, repo, build_dir, out, sources)
        else:
            saved: lastgood.Saved = {}
            try:
                _build_locked(report, repo, build_dir, out, parallel, sources, incremental,
                              saved)
            except BaseException:
                if warm is not None:
                    warm.forget()
                raise
            if warm is not None:
                from .warmpath import seeder as make_seeder

                warm.seed_cold(out, saved)
                seeder = make_seeder(warm, report, repo, build_dir)
    if warm is not None:
        warm.after_build(out, extra=seeder)
    report.seconds["total"] = time.perf_counter() - started
    return report


def _without(item: Item, gone: set[PurePosixPath]) -> Item:
    """A held-back item without the media that are no longer in content/ (only files of
    content/ are published): its page and slide go without the picture, not with a hole."""
    if not gone:
        return item

    def keep(path: PurePosixPath | None) -> PurePosixPath | None:
        return None if path in gone else path

    versions = {}
    for lang, v in item.versions.items():
        sig = v.signage and replace(v.signage, image=keep(v.signage.image),
                                    video=keep(v.signage.video))
        event = v.event and replace(v.event, report=keep(v.event.report))
        versions[lang] = replace(v, image=keep(v.image), signage=sig, event=event)
    return replace(item, versions=versions)


@contextmanager
def staging_lock(build_dir: Path) -> Iterator[None]:
    """One build at a time per staging folder (the publish service and an editor may overlap)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".site-gen.lock", "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another site-gen build is using %s; waiting for it", build_dir)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(report: BuildReport, repo: Path, build_dir: Path, out: Path,
                  parallel: bool, sources: list[tuple[Item, Path]],
                  use_cache: bool = True, saved: lastgood.Saved | None = None) -> None:
    """Write the fresh site and the fresh last good copies, then swap both in. On any
    failure (a full disk included) remove what this build wrote, and raise."""
    fresh = out.with_name(f".{out.name}.new")
    state = lastgood.state_dir(out)
    fresh_state = state.with_name(f"{state.name}.new")
    try:
        for folder in (fresh, fresh_state):
            remove_tree(folder)
        fresh.mkdir(parents=True)
        _render_site(report, repo, build_dir, fresh, parallel,
                     (state if use_cache else None, fresh_state))
        lastgood.save(fresh_state, state, sources, saved)
    except BaseException:
        for folder in (fresh, fresh_state, *(build_dir / lang for lang in LANGS)):
            remove_tree(folder)
        raise
    # Files with the bytes of the old site's copy keep its modification time, so nginx's
    # ETag and Last-Modified stay the same and screens and branch caches get a 304.
    started = time.perf_counter()
    kept = keeptimes.keep_times(fresh, out)
    report.seconds["keep times"] = time.perf_counter() - started
    log.debug("kept the modification time of %d of %d files", kept.kept, kept.files)
    # The old caches go first: a crash between the two swaps below leaves no cache that
    # describes another site than the one served (the next build is then a full one).
    shutil.rmtree(state / CACHE, ignore_errors=True)

    def live() -> None:
        report.seconds["live"] = time.perf_counter() - report.started

    swap_in(fresh, out, live=live)
    swap_in(fresh_state, state)
    if report.index_followed:
        report.seconds["search follows"] = incremental_search.follow(out, report.index_followed)


def _render_site(report: BuildReport, repo: Path, build_dir: Path, fresh: Path,
                 parallel: bool, caches: tuple[Path | None, Path]) -> None:
    started = time.perf_counter()
    content, now, out = report.content, report.now, report.site
    registry = load_extensions()
    report.skipped_extensions = registry.skipped
    base = stage_config.read_base(repo / "mkdocs.yml")
    theme = Path(str((base.get("theme") or {}).get("custom_dir", "themes")))
    stamp = incremental.stamp(theme if theme.is_absolute() else repo / theme)
    job = _Job(content, now, repo, build_dir, out, fresh, registry, base, stamp,
               caches[0] and caches[0] / CACHE, caches[1] / CACHE)
    if parallel:
        # Each language is staged and rendered in its own forked process: the workers
        # inherit the checked content (nothing is pickled on the way in), and the root
        # page and the signage bundle are written here meanwhile.
        global _JOB
        _JOB = job
        # The bundle (its media hashed) is made once here, before the fork: the screens
        # page and home block of each language reuse it (site_gen.bundle.build_bundle keeps
        # the last one), and the signage folder below is written from it.
        _warm_bundle(content, now)
        _warm_stage(content)
        # The workers inherit the checked content; frozen, the collector in each worker
        # neither walks it nor writes to its pages (which would copy them, page by page).
        gc.collect()
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=len(LANGS),
                                     mp_context=get_context("fork")) as pool:
                futures = [pool.submit(_forked_language, lang) for lang in LANGS]
                report.bundle = _write_root_and_bundle(job)
                done = [future.result() for future in futures]
        finally:
            _JOB = None
            gc.unfreeze()
    else:
        report.bundle = _write_root_and_bundle(job)
        done = [stage_and_render(job, lang) for lang in LANGS]
    for lang, (staged, outcome, seconds) in zip(LANGS, done, strict=True):
        report.staged[lang] = staged
        report.pages[lang] = outcome.pages
        report.rendered[lang] = outcome.rendered
        report.full[lang] = outcome.full
        report.rendered_pages[lang] = outcome.paths
        if seconds.pop("search later", 0):
            report.index_followed.append(lang)
        for name, value in seconds.items():
            report.seconds[f"{name} {lang}"] = value
    report.seconds["stage+render"] = time.perf_counter() - started


@dataclass
class _Job:
    content: ContentSet
    now: datetime
    repo: Path
    build_dir: Path
    out: Path
    fresh: Path
    registry: Registry
    base: dict[str, object]
    stamp: str  # site_gen.incremental.stamp: engine, theme, code
    cache_in: Path | None  # the last build's caches (None: render everything)
    cache_out: Path  # this build's


_JOB: _Job | None = None  # set only while a build's worker processes are forked


def _forked_language(lang: Lang) -> tuple[StageResult, incremental.Outcome, dict[str, float]]:
    assert _JOB is not None, "a language worker runs only inside build()"
    return stage_and_render(_JOB, lang)


def stage_and_render(job: _Job, lang: Lang
                     ) -> tuple[StageResult, incremental.Outcome, dict[str, float]]:
    """Stage one language into ``build/<lang>`` and render it into the fresh site, taking
    from the last site what did not change (``site_gen.incremental``)."""
    t0 = time.perf_counter()
    staged = stage_language(job.content, lang, job.now, repo=job.repo, build_dir=job.build_dir,
                            site_dir=job.out, registry=job.registry, base=dict(job.base))
    t1 = time.perf_counter()
    old = incremental.read_cache(job.cache_in / f"{lang}.json") if job.cache_in else None
    with build_date(job.now):
        key = incremental.key(job.stamp, staged.config)
        outcome = incremental.render(staged.config, job.fresh / lang, job.out / lang, old, key)
    incremental.write_cache(job.cache_out / f"{lang}.json", outcome.cache)
    outcome.cache = {}  # written; not sent back to the parent
    t2 = time.perf_counter()
    if not outcome.full and incremental_search.carry(job.out / lang, job.fresh / lang):
        # The last index goes live with the pages; the new one follows after the swap.
        return staged, outcome, {"stage": t1 - t0, "render": t2 - t1, "search later": 1.0}
    indexed = search.index_language(job.fresh / lang, lang)  # Pagefind, after the pages
    return staged, outcome, {"stage": t1 - t0, "render": t2 - t1, "search": indexed}


@contextmanager
def build_date(now: datetime) -> Iterator[None]:
    """The engine's build date (the sitemap's dates, its gzip header) is the build's time,
    pinned or not, unless ``SOURCE_DATE_EPOCH`` is set: a full and an incremental build of
    the same content at the same time write the same bytes."""
    before = os.environ.get(EPOCH)
    if before is None:
        os.environ[EPOCH] = str(int(now.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(EPOCH, None)


def _warm_bundle(content: ContentSet, now: datetime) -> None:
    if (Path(__file__).parent / "bundle" / "__init__.py").exists():
        from .bundle import build_bundle

        build_bundle(content, now)


def _warm_stage(content: ContentSet) -> None:
    """Word counts, reading times and the newspaper's templates, made here before the fork
    and kept by this process: the workers inherit them, so a push of one item counts and
    compiles only what changed (a long-running ``site-gen publish`` keeps them from build
    to build), not every text of the site again in each worker."""
    if not (Path(__file__).parent / "newspaper" / "model.py").exists():
        return
    from .newspaper.model import reading_minutes
    from .newspaper.pages import TEMPLATES, environment
    from .stage.items import word_count

    for item in content.items:
        for lang, version in item.versions.items():
            word_count(version.body)
            reading_minutes(f"{version.title}\n{version.summary}\n{version.body}", lang)
    for template in sorted(TEMPLATES.glob("*.html")):
        environment().get_template(template.name)


def _write_root_and_bundle(job: _Job) -> bool:
    write_atomic(job.fresh / "index.html", root_page(job.content))
    # The live bundle: an unchanged payload keeps its generated_at, bytes and signature; a
    # new one goes live at once, before the pages (the screens' urgent path).
    return write_signage_bundle(job.content, job.fresh / "signage", job.now,
                                live=job.out / "signage")


def render_language(config_file: str, site_dir: str) -> int:
    """Render one staged project with ProperDocs, all of it (in a worker process); return
    the page count. ``site_gen.engine`` has made Material's ``mkdocs.*`` imports resolve to
    it. (``site-gen build`` renders through ``site_gen.incremental``, which calls the same
    engine build when it renders everything.)"""
    engine.ensure()
    from properdocs.commands.build import build as engine_build
    from properdocs.config import load_config

    engine.quiet()
    config = load_config(config_file, site_dir=site_dir)
    engine_build(config)
    return sum(1 for _ in Path(site_dir).rglob("index.html"))


def write_signage_bundle(content: ContentSet, target: Path, now: datetime,
                         live: Path | None = None) -> bool:
    """Call ``site_gen.bundle.write_bundle`` when that package exists (written elsewhere);
    ``live``: the served signage folder (``site_gen.bundle.writer.install``)."""
    if not (Path(__file__).parent / "bundle" / "__init__.py").exists():
        log.warning("site_gen.bundle is not there yet; no signage bundle written")
        return False
    from importlib import import_module

    bundle = import_module("site_gen.bundle")
    write: Callable[..., object] = bundle.write_bundle
    write(content, target, now, live=live)
    return True


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk keeps no half-written temp file
        raise


def swap_in(fresh: Path, out: Path, *, live: Callable[[], None] = lambda: None,
            keep_old: bool = False) -> None:
    """Replace ``out`` with ``fresh``: two renames, then (after ``live``) the old copy is
    deleted (with ``keep_old``, left as ``.<out>.old`` for the caller's idle time)."""
    old = out.with_name(f".{out.name.lstrip('.')}.old")
    remove_tree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(fresh, out)
    live()
    if not keep_old:
        remove_tree(old)


def remove_tree(folder: Path) -> None:
    """Delete ``folder``; its subfolders (kk/, ru/, signage/) in parallel threads: the
    deleting is the kernel's work, which both cores can do once the render is over."""
    try:
        parts = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        parts = []
    if len(parts) > 1:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            list(pool.map(functools.partial(shutil.rmtree, ignore_errors=True), parts))
    shutil.rmtree(folder, ignore_errors=True)
