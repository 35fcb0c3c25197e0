"""The warm path of a build: stage and render in this process, into the standby copy.

Where it sits: inside ``site_gen.build.build`` when its ``warm`` (``site_gen.warm``) is
usable, after check, the gate and the last good copies, under the staging lock, instead of
the forked workers. The standby copy ``.<site>.standby`` (every file a hard link to the live
site's) gets the root page and the signage bundle (``site_gen.build._write_root_and_bundle``:
each file replaced, the live bundle installed first), then, per language, the staging
(``site_gen.stage.stage_language`` with the language's memo) and the render (the
language's ``site_gen.render_session.RenderSession``): only the pages whose inputs changed
are written (each through a new file: a link to the live site is never written through),
the pages and files no longer made are deleted, and everything else stays the live site's
file. Then
the times of what was written are kept where the bytes are the same
(``site_gen.keeptimes.keep_times_of``), the standby copy is swapped in with the same two
renames as a one-shot build, the last good copies are updated in place
(``site_gen.lastgood.update``) and the search index follows (``site_gen.incremental_search``).

Any failure before the swap deletes the standby copy and makes the warm state forget itself:
the live site is untouched, and the next build goes the one-shot way.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from . import incremental, incremental_search, keeptimes, lastgood, search
from .build import (
    BuildReport,
    _Job,
    _write_root_and_bundle,
    remove_tree,
    staging_lock,
    swap_in,
)
from .content import LANGS
from .content.model import Item, Lang
from .render_session import SessionOutcome
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .warm import CACHE, WarmBuilder, old_dir, standby_dir


def build_warm(warm: WarmBuilder, report: BuildReport, repo: Path, build_dir: Path,
               out: Path, sources: list[tuple[Item, Path]]) -> None:
    """Write the changes into the standby copy of ``out`` and swap it in (see above)."""
    started = time.perf_counter()
    standby = warm.take_standby(out)
    report.seconds["standby"] = time.perf_counter() - started
    state = lastgood.state_dir(out)
    try:
        written, changes = _write(warm, report, repo, build_dir, out, standby)
        started = time.perf_counter()
        kept = keeptimes.keep_times_of(standby, out, written)
        report.seconds["keep times"] = time.perf_counter() - started
        del kept
        # The caches on disk describe the site being replaced: gone before the swap (the
        # idle work writes the new ones), so a crash leaves no cache of another site.
        shutil.rmtree(state / CACHE, ignore_errors=True)
        warm.cache_on_disk = False

        def live() -> None:
            report.seconds["live"] = time.perf_counter() - report.started

        swap_in(standby, out, live=live, keep_old=True)
    except BaseException:
        if not out.exists() and _swapped_out(out).is_dir():
            os.replace(_swapped_out(out), out)  # failed between the two renames: put it back
        remove_tree(standby)
        warm.forget()
        raise
    remove_tree(old_dir(out))
    os.replace(_swapped_out(out), old_dir(out))  # deleted in idle time (site_gen.warm)
    warm.swapped(out)
    started = time.perf_counter()
    try:
        assert warm.saved is not None  # usable() said so
        lastgood.update(state, sources, warm.saved)
    except BaseException:
        warm.forget()
        raise
    report.seconds["last good"] = time.perf_counter() - started
    if report.index_followed:
        # Only the index parts that hold a written or removed page (site_gen.incremental_search)
        report.seconds["search follows"] = incremental_search.follow(
            out, report.index_followed, changes)


def _write(warm: WarmBuilder, report: BuildReport, repo: Path, build_dir: Path, out: Path,
           standby: Path) -> tuple[list[str], dict[Lang, incremental_search.Changes]]:
    """Write the build into ``standby``; return what was written (relative paths), and
    per language rendered by its session, the outputs it wrote and deleted."""
    changes: dict[Lang, incremental_search.Changes] = {}
    started = time.perf_counter()
    registry = load_extensions()
    report.skipped_extensions = registry.skipped
    base = stage_config.read_base(repo / "mkdocs.yml")
    theme = Path(str((base.get("theme") or {}).get("custom_dir", "themes")))
    stamp = incremental.stamp(theme if theme.is_absolute() else repo / theme)
    job = _Job(report.content, report.now, repo, build_dir, out, standby, registry, base, stamp,
               None, lastgood.state_dir(out) / CACHE)
    report.bundle = _write_root_and_bundle(job)
    written = ["index.html", *_files(standby, "signage")]
    report.seconds["root and bundle"] = time.perf_counter() - started
    for lang in LANGS:
        t0 = time.perf_counter()
        staged = stage(warm, job, registry, lang)
        t1 = time.perf_counter()
        outcome = render(warm, lang, staged, standby / lang, stamp, job)
        files = list(outcome.written)
        t2 = time.perf_counter()
        report.staged[lang] = staged
        report.pages[lang] = outcome.pages
        report.rendered[lang] = outcome.rendered
        report.full[lang] = outcome.full
        report.rendered_pages[lang] = outcome.paths
        report.seconds[f"stage {lang}"] = t1 - t0
        report.seconds[f"render {lang}"] = t2 - t1
        written += [f"{lang}/{path}" for path in files]
        if not outcome.full:
            # The live index is in the copy; the new one follows the swap.
            report.index_followed.append(lang)
            changes[lang] = (files, list(outcome.deleted))
        else:  # rendered whole in place: its index is made now
            shutil.rmtree(standby / lang / search.OUTPUT, ignore_errors=True)
            report.seconds[f"search {lang}"] = search.index_language(standby / lang, lang)
    report.seconds["stage+render"] = time.perf_counter() - started
    return written, changes


def stage(warm: WarmBuilder, job: _Job, registry: Registry, lang: Lang) -> StageResult:
    """Stage one language in this process, with its staging memo."""
    return stage_language(job.content, lang, job.now, repo=job.repo, build_dir=job.build_dir,
                          site_dir=job.out, registry=registry, base=dict(job.base),
                          memo=warm.memo(lang))


def render(warm: WarmBuilder, lang: Lang, staged: StageResult, target: Path, stamp: str,
           job: _Job) -> SessionOutcome:
    """Render one language into its folder of the standby copy with the language's render
    session (the pages it keeps in memory): what it wrote and deleted is in the outcome."""
    return warm.session(lang).render(staged, target, stamp=stamp, now=job.now)


def _swapped_out(out: Path) -> Path:
    """Where ``site_gen.build.swap_in`` moves the replaced site."""
    return out.with_name(f".{out.name}.old")


def _files(root: Path, sub: str) -> list[str]:
    return [os.path.relpath(os.path.join(folder, name), root)
            for folder, _dirs, names in os.walk(root / sub) for name in names]


def seeder(warm: WarmBuilder, report: BuildReport, repo: Path,
           build_dir: Path) -> Callable[[], None] | None:
    """After a one-shot build with a warm builder: its staging memos and render sessions,
    filled in idle time (:func:`seed`)."""
    registry = load_extensions()
    base = stage_config.read_base(repo / "mkdocs.yml")
    theme = Path(str((base.get("theme") or {}).get("custom_dir", "themes")))
    stamp = incremental.stamp(theme if theme.is_absolute() else repo / theme)
    job = _Job(report.content, report.now, repo, build_dir, report.site, report.site,
               registry, base, stamp, None, build_dir)
    return lambda: seed(warm, job, registry, stamp)


def seed(warm: WarmBuilder, job: _Job, registry: Registry, stamp: str) -> None:
    """After a one-shot build, in idle time (the standby copy made): fill the staging memos
    and the render sessions by staging and rendering again what was just built (same
    content, same time) into the standby copy, which changes nothing there. Should anything
    change all the same, the warm state is dropped (the next build goes the one-shot way)."""
    standby = standby_dir(job.out)
    for lang in LANGS:
        with staging_lock(job.build_dir):
            staged = stage(warm, job, registry, lang)
        if staged.changed or staged.removed or staged.config_changed:
            warm.forget(settle=False)
            return
        done = warm.session(lang).render(staged, standby / lang, stamp=stamp, now=job.now)
        index = search.OUTPUT + "/"
        if done.written or any(not rel.startswith(index) for rel in done.deleted):
            warm.forget(settle=False)
            return
        incremental_search.link_tree(job.out / lang / search.OUTPUT,
                                     standby / lang / search.OUTPUT)


__all__ = ["build_warm", "render", "seed", "seeder", "stage"]
