"""``site-gen build``: check → stage kk and ru → render both in parallel → root page → bundle.

Where it sits: after ``site_gen.content.check`` (a build with errors is refused) and
``site_gen.stage`` (plain MkDocs projects in ``build/<lang>``). Each language is rendered by
MkDocs + mkdocs-material in its own process, into a fresh folder next to the output; the
finished folder replaces the old site with a rename, so a reader never sees half a site.
Then the root page (language chooser) and, when ``site_gen.bundle`` exists, the signage
bundle are written into it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .clock import resolve_now
from .content import LANGS, ContentSet, Diagnostic, check, has_errors
from .content.model import Item, Lang
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .stage.rootpage import root_page

log = logging.getLogger(__name__)


class BuildRefused(Exception):
    """The content has errors: nothing was built. ``diagnostics`` lists every problem."""

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
    seconds: dict[str, float] = field(default_factory=dict)
    bundle: bool = False
    skipped_extensions: list[str] = field(default_factory=list)

    def missing(self, lang: Lang) -> list[Item]:
        """Items shown in ``lang`` as "translation not ready"."""
        return self.staged[lang].missing if lang in self.staged else []


def build(content_root: Path, out: Path, *, date: str | None = None, repo: Path | None = None,
          build_dir: Path | None = None, parallel: bool = True) -> BuildReport:
    """Build the whole site into ``out``; raise :class:`BuildRefused` on content errors."""
    started = time.perf_counter()
    repo = (repo or Path.cwd()).resolve()
    build_dir = (build_dir or repo / "build").resolve()
    out = out.resolve()
    content, diagnostics, _ = check(content_root)
    if has_errors(diagnostics):
        raise BuildRefused(diagnostics)
    now = resolve_now(content.settings.zone, date)
    report = BuildReport(out, now, content, diagnostics)
    with staging_lock(build_dir):
        _build_locked(report, repo, build_dir, out, parallel)
    report.seconds["total"] = time.perf_counter() - started
    return report


@contextmanager
def staging_lock(build_dir: Path) -> Iterator[None]:
    """One build at a time per staging folder (the nightly timer and an editor may overlap)."""
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
                  parallel: bool) -> None:
    started = time.perf_counter()
    content, now = report.content, report.now
    registry = load_extensions()
    report.skipped_extensions = registry.skipped
    base = stage_config.read_base(repo / "mkdocs.yml")
    fresh = out.with_name(f".{out.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    report.staged = stage_all(content, now, repo, build_dir, out, registry, base)
    report.seconds["stage"] = time.perf_counter() - started

    t0 = time.perf_counter()
    jobs = [(str(report.staged[lang].config), str(fresh / lang)) for lang in LANGS]
    if parallel:
        with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
            counts = list(pool.map(render_language, *zip(*jobs, strict=True)))
    else:
        counts = [render_language(c, s) for c, s in jobs]
    report.pages = dict(zip(LANGS, counts, strict=True))
    report.seconds["render"] = time.perf_counter() - t0

    write_atomic(fresh / "index.html", root_page(content))
    report.bundle = write_signage_bundle(content, fresh / "signage", now)
    swap_in(fresh, out)


def stage_all(content: ContentSet, now: datetime, repo: Path, build_dir: Path, site: Path,
              registry: Registry, base: dict[str, object]) -> dict[Lang, StageResult]:
    return {lang: stage_language(content, lang, now, repo=repo, build_dir=build_dir,
                                 site_dir=site, registry=registry, base=dict(base))
            for lang in LANGS}


def render_language(config_file: str, site_dir: str) -> int:
    """Run MkDocs on one staged project (in a worker process); return the page count."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(config_file, site_dir=site_dir)
    mkdocs_build(config)
    return sum(1 for _ in Path(site_dir).rglob("index.html"))


def write_signage_bundle(content: ContentSet, target: Path, now: datetime) -> bool:
    """Call ``site_gen.bundle.write_bundle`` when that package exists (written elsewhere)."""
    if not (Path(__file__).parent / "bundle" / "__init__.py").exists():
        log.warning("site_gen.bundle is not there yet; no signage bundle written")
        return False
    from importlib import import_module

    bundle = import_module("site_gen.bundle")
    write: Callable[[ContentSet, Path, datetime], object] = bundle.write_bundle
    write(content, target, now)
    return True


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def swap_in(fresh: Path, out: Path) -> None:
    """Replace ``out`` with ``fresh``: two renames, then the old copy is deleted."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(fresh, out)
    shutil.rmtree(old, ignore_errors=True)
