"""The warm builder: what ``site-gen publish`` and ``site-gen serve`` keep between builds.

Where it sits: around ``site_gen.build.build(..., warm=WarmBuilder)``, kept for the whole
life of the long-running services (``site_gen.publish.service``, ``site_gen.serve``);
``site-gen build`` (one-shot) never has one. It holds:

* the check's per-file results (``site_gen.content.FileCache``);
* per language, the staging memo (``site_gen.stage.StageMemo``) and the render session
  (``site_gen.render_session.RenderSession``). The JSON cache on disk
  (``site_gen.incremental``'s, for a restarted service or a one-shot build) is deleted
  before each warm swap and written again from the sessions in idle time only;
* the **standby copy** ``.<site>.standby``: a hard-link copy of the live site, made in idle time
  after each build (after the search index followed), so the next push writes only what
  changed instead of linking every page into a fresh folder. Every write into it replaces a
  file (a new inode), never writes through a link: the live site's bytes never change;
* what the last good copies hold (``site_gen.lastgood.Saved``), updated in place.

The warm path (:mod:`site_gen.warmpath`) stages and renders kk and ru in this process into
the standby copy, then swaps it in with the same two renames. The first build, and any build
where the warm state is missing or in doubt (another process swapped a site in, the last
warm build failed), goes the way a one-shot build goes (forked workers, the caches on disk,
a full render when they are missing) and then seeds what it can.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import incremental, lastgood
from .content import FileCache
from .content.model import Lang
from .render_session import RenderSession
from .stage import StageMemo

log = logging.getLogger(__name__)
CACHE = "incremental"  # as site_gen.build.CACHE: the render caches' folder in the state


def standby_dir(out: Path) -> Path:
    """The standby copy of the site ``out`` (the fresh folder a build swaps in)."""
    return out.with_name(f".{out.name}.standby")


def old_dir(out: Path) -> Path:
    """Where the replaced site waits for its deletion in idle time (not ``.<site>.old``,
    which a one-shot build of the same site uses meanwhile)."""
    return out.with_name(f".{out.name}.retired")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


@dataclass
class WarmBuilder:
    """Everything the next build needs, kept in memory between builds of one site."""

    check_cache: FileCache = field(default_factory=FileCache)
    memos: dict[Lang, StageMemo] = field(default_factory=dict)
    sessions: dict[Lang, RenderSession] = field(default_factory=dict)
    saved: lastgood.Saved | None = None  # the last good copies, as last written
    site: Path | None = None  # the live site the state describes
    live: tuple[int, int] | None = None  # its folder's (device, inode) after our swap
    standby: tuple[int, int] | None = None  # the live folder the standby copy was made of
    cache_on_disk: bool = True  # the state folder's render caches describe the live site
    seconds: dict[str, float] = field(default_factory=dict)  # the last idle work's parts
    _idle: threading.Thread | None = None

    # --- the state --------------------------------------------------------------------
    def usable(self, out: Path) -> bool:
        """Whether the next build of ``out`` can take the warm path: this process built
        the site that is live, and keeps every language's render state and the copies."""
        self.settle()
        return (self.site == out and self.live is not None and self.live == _identity(out)
                and self.saved is not None)

    def memo(self, lang: Lang) -> StageMemo:
        """The language's staging memo (a new one stages everything the first time)."""
        return self.memos.setdefault(lang, StageMemo())

    def session(self, lang: Lang) -> RenderSession:
        """The language's render session (a new one renders whole the first time)."""
        return self.sessions.setdefault(lang, RenderSession())

    def forget(self, *, settle: bool = True) -> None:
        """Doubt: the next build goes the one-shot way (the check's results stay: they are
        keyed by each file's size and time). ``settle=False`` from the idle work itself."""
        if settle:
            self.settle()
        self.memos.clear()
        self.sessions.clear()
        self.saved = None
        self.site = self.live = self.standby = None

    def seed_cold(self, out: Path, saved: lastgood.Saved) -> None:
        """After a one-shot build of ``out`` (its caches on disk): the next build is warm once
        the staging memos and render sessions, which start empty (the one-shot build staged
        and rendered in forked workers), are filled in idle time
        (``site_gen.warmpath.seed``)."""
        self.memos.clear()
        self.sessions.clear()
        self.saved, self.site, self.standby = saved, out, None
        self.live = _identity(out)
        self.cache_on_disk = True

    def swapped(self, out: Path) -> None:
        """A warm build swapped its standby copy in as ``out``."""
        self.site, self.live, self.standby = out, _identity(out), None
        self.cache_on_disk = False

    # --- idle work ----------------------------------------------------------------------
    def after_build(self, out: Path, *, extra: Callable[[], None] | None = None) -> None:
        """Start the idle work for ``out`` (the search index has followed): delete the
        replaced site, make the standby copy, write the render caches to disk; ``extra``
        (after a one-shot build: filling the staging memos and render sessions) last.
        Runs in a thread; the next build waits for it (:meth:`settle`), so a push that
        comes first makes the standby copy then."""
        self.idle(lambda: self._idle_work(out, extra))

    def idle(self, work: Callable[[], object]) -> None:
        """Run ``work`` in a thread now; the next :meth:`settle` waits for it."""
        self.settle()
        self._idle = threading.Thread(target=self._run, args=(work,), name="jarshy-warm-idle",
                                      daemon=True)
        self._idle.start()

    @staticmethod
    def _run(work: Callable[[], object]) -> None:
        try:
            work()
        except Exception:  # noqa: BLE001  # idle work: the next build does without it
            log.exception("preparing the next build in idle time failed; it will be slower")
        # The garbage collector's full pass over everything kept (memos, sessions: a large
        # heap) runs here, in idle time; what is kept then is frozen, so a collection during
        # the next push walks only what that push made. The next idle time frees what the
        # push left of the frozen objects.
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def settle(self) -> None:
        """Wait for the idle work to finish."""
        if self._idle is not None:
            self._idle.join()
            self._idle = None

    def _idle_work(self, out: Path, extra: Callable[[], None] | None) -> None:
        seconds: dict[str, float] = {}
        try:
            t = time.perf_counter()
            from .build import remove_tree

            remove_tree(old_dir(out))
            seconds["old site deleted"] = time.perf_counter() - t
            t = time.perf_counter()
            self.make_standby(out)
            seconds["standby copy"] = time.perf_counter() - t
            t = time.perf_counter()
            self.write_caches(out)
            seconds["caches written"] = time.perf_counter() - t
            if extra is not None:
                t = time.perf_counter()
                extra()
                seconds["memos and sessions seeded"] = time.perf_counter() - t
        except Exception:  # noqa: BLE001  # idle work: the next build does without it
            log.exception("preparing the next build in idle time failed; it will be slower")
            self.standby = None
        self.seconds = seconds

    def make_standby(self, out: Path) -> Path:
        """The standby copy of ``out``: a hard link of each of its files in a new tree."""
        from .build import remove_tree
        from .incremental_search import link_tree

        target = standby_dir(out)
        self.standby = None
        remove_tree(target)
        live = _identity(out)
        if live is None:
            return target
        try:
            link_tree(out, target)
        except BaseException:
            remove_tree(target)
            raise
        self.standby = live
        return target

    def take_standby(self, out: Path) -> Path:
        """The standby copy of the live ``out``, made now if the idle work did not."""
        self.settle()
        target = standby_dir(out)
        if self.standby is None or self.standby != _identity(out) or not target.is_dir():
            self.make_standby(out)
        self.standby = None  # it is being written: a copy of no live site any more
        return target

    def write_caches(self, out: Path) -> None:
        """The render caches, on disk for a one-shot build or a restarted service."""
        if self.cache_on_disk or self.site != out:
            return
        state = lastgood.state_dir(out) / CACHE
        for lang, session in self.sessions.items():
            # What the render session holds of the live site, as site_gen.incremental's
            # cache: a restarted service's first build renders only what changed.
            cache = session.cache()
            if cache is not None:
                incremental.write_cache(state / f"{lang}.json", cache)
        self.cache_on_disk = True


__all__ = ["WarmBuilder", "old_dir", "standby_dir"]
