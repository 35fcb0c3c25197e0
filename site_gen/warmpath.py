"""The warm path of a build: stage and render in this process, into the standby copy.

Where it sits: inside ``site_gen.build.build`` when its ``warm`` (``site_gen.warm``) is
usable, after check, the gate and the last good copies, under the staging lock, instead of
the forked workers. The standby copy ``.<site>.standby`` (every file a hard link to the live
site's) gets the root page and the signage bundle (``site_gen.build._write_root_and_bundle``:
each file replaced, the live bundle installed first), then, per language, the staging
(``site_gen.stage.stage_language``, with the language's memo when staging keeps one) and the
render (``site_gen.incremental.render`` with the cache kept in memory): only the pages whose
inputs changed are written (each one unlinked first: the engine writes in place), the pages
and files no longer made are deleted, and everything else stays the live site's file. Then
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
from typing import Any

from . import incremental, incremental_search, keeptimes, lastgood, search
from .build import (
    BuildReport,
    _Job,
    _write_root_and_bundle,
    build_date,
    remove_tree,
    staging_lock,
    swap_in,
)
from .content import LANGS
from .content.model import Item, Lang
from .stage import StageResult, stage_language
from .stage import config as stage_config
from .stage.extensions import Registry, load_extensions
from .warm import CACHE, WarmBuilder, old_dir, render_session, stage_memo, standby_dir

# Written in place by the engine (not through a temp file), besides the pages and the
# static files site_gen.incremental unlinks itself: unlinked before each render.
IN_PLACE = ("sitemap.xml.gz",)
# Written again by every render of a language, besides its rendered pages and static files.
ALWAYS = ("404.html", "sitemap.xml", "sitemap.xml.gz", *incremental.AFTER)


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
        outcome, files = render(warm, lang, staged, standby / lang, out / lang, stamp, job)
        t2 = time.perf_counter()
        report.staged[lang] = staged
        report.pages[lang] = outcome.pages
        report.rendered[lang] = outcome.rendered
        report.full[lang] = outcome.full
        report.rendered_pages[lang] = outcome.paths
        report.seconds[f"stage {lang}"] = t1 - t0
        report.seconds[f"render {lang}"] = t2 - t1
        if files is not None and not outcome.full:
            # The live index is in the copy; the new one follows the swap.
            report.index_followed.append(lang)
            if hasattr(outcome, "deleted"):  # a render session's: what it wrote and deleted
                changes[lang] = (files, list(outcome.deleted))
            written += [f"{lang}/{path}" for path in files]
            continue
        if files is not None:  # rendered whole in place: its index is made now
            written += [f"{lang}/{path}" for path in files]
            shutil.rmtree(standby / lang / search.OUTPUT, ignore_errors=True)
            report.seconds[f"search {lang}"] = search.index_language(standby / lang, lang)
            continue
        written += _files(standby, lang)  # a folder made anew, as in a one-shot build
        if not outcome.full and incremental_search.carry(out / lang, standby / lang):
            report.index_followed.append(lang)
        else:
            report.seconds[f"search {lang}"] = search.index_language(standby / lang, lang)
    report.seconds["stage+render"] = time.perf_counter() - started
    return written, changes


def stage(warm: WarmBuilder, job: _Job, registry: Registry, lang: Lang) -> StageResult:
    """Stage one language in this process, with its memo when staging keeps one."""
    memo = warm.memo(lang)
    extra: dict[str, Any] = {} if memo is None else {"memo": memo}
    return stage_language(job.content, lang, job.now, repo=job.repo, build_dir=job.build_dir,
                          site_dir=job.out, registry=registry, base=dict(job.base), **extra)


def render(warm: WarmBuilder, lang: Lang, staged: StageResult, target: Path, previous: Path,
           stamp: str, job: _Job) -> tuple[incremental.Outcome, list[str] | None]:
    """Render one language into its folder of the standby copy; the paths written, or
    ``None`` when the folder was made anew (as in a one-shot build: everything in it)."""
    session = warm.session(lang)
    if session is not None:  # site_gen.render_session: the pages it keeps in memory
        done: Any = session.render(staged, target, stamp=stamp, now=job.now)
        return done, list(done.written)
    old = warm.caches.get(lang)
    with build_date(job.now):
        key = incremental.key(stamp, staged.config)
        if old is None or old.get("key") != key or not previous.is_dir() \
                or not _page_local(staged.config):
            # The engine may write any file in place: none may be a link to the live site.
            remove_tree(target)
            outcome = incremental.render(staged.config, target, previous, old, key)
            files: list[str] | None = None
        else:
            for name in (*IN_PLACE, *old.get("static", {})):
                (target / name).unlink(missing_ok=True)  # linked again, or copied
            outcome = incremental.render(staged.config, target, previous, old, key)
            if outcome.full:  # cannot be (checked above); never leave a doubtful copy
                raise RuntimeError(f"{lang}: rendered whole in a standby copy: {outcome.full}")
            files = _tidy(target, old, outcome)
    warm.caches[lang] = outcome.cache
    outcome.cache = {}
    return outcome, files


def _swapped_out(out: Path) -> Path:
    """Where ``site_gen.build.swap_in`` moves the replaced site."""
    return out.with_name(f".{out.name}.old")


def _page_local(config: Path) -> bool:
    """Whether the staged config's pages are made from themselves alone, as the standby
    copy needs (no plugin that writes files of its own, the address scheme it knows)."""
    text = config.read_text(encoding="utf-8")
    return ("\nplugins: []\n" in text and "\nuse_directory_urls: true\n" in text
            and "extra_templates" not in text)


def _dest(src_uri: str) -> str:
    """Where ProperDocs writes the page of ``src_uri`` (``use_directory_urls``)."""
    from properdocs.structure.files import File

    return str(File(src_uri, None, "", True).dest_uri)


def _tidy(target: Path, old: incremental.Cache, outcome: incremental.Outcome) -> list[str]:
    """Delete the pages and files the last render made and this one did not; return the
    paths this render wrote."""
    new = outcome.cache
    for src_uri in old.get("pages", {}).keys() - new.get("pages", {}).keys():
        _remove(target, _dest(src_uri))
    for dest in old.get("static", {}).keys() - new.get("static", {}).keys():
        _remove(target, dest)
    return [*(_dest(path) for path in outcome.paths), *new.get("static", {}), *ALWAYS]


def _remove(root: Path, rel: str) -> None:
    """Delete ``root/rel`` and the folders it leaves empty."""
    path = root / rel
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root):
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty


def _files(root: Path, sub: str) -> list[str]:
    return [os.path.relpath(os.path.join(folder, name), root)
            for folder, _dirs, names in os.walk(root / sub) for name in names]


def seeder(warm: WarmBuilder, report: BuildReport, repo: Path,
           build_dir: Path) -> Callable[[], None] | None:
    """After a one-shot build with a warm builder: its staging memos and render sessions,
    filled in idle time (:func:`seed`)."""
    if stage_memo() is None and render_session() is None:
        return None
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
        session = warm.session(lang)
        if session is None:
            continue
        done: Any = session.render(staged, standby / lang, stamp=stamp, now=job.now)
        index = search.OUTPUT + "/"
        if done.written or any(not rel.startswith(index) for rel in done.deleted):
            warm.forget(settle=False)
            return
        incremental_search.link_tree(job.out / lang / search.OUTPUT,
                                     standby / lang / search.OUTPUT)


__all__ = ["build_warm", "render", "seed", "seeder", "stage"]
