"""Render of one language after a one-item push: the kept session against today's render.

Run: ``.venv/bin/python -m bench.render_session [--pairs 2000] [--edits 5] [--verify]
[--no-write]``.
Makes ``bench.site_build``'s corpus under ``build/bench/render-session/``, checks and stages
the Kazakh half (not timed: staging is ``site_gen.stage``'s), renders it once with a
``site_gen.render_session.RenderSession``, then for ``--edits`` edits of one item and as many
added items times, per push:

* **session → standby**: the session writes into a hard-link copy of the live folder (the copy
  is made before the clock starts: the warm builder makes it in idle time);
* **session → empty folder**: the session writes into an empty folder and links the rest from
  the live one;
* **today's render**: ``site_gen.incremental.render`` (loads the config, walks and hashes every
  staged file, builds the navigation, links every unchanged page into an empty folder).

``--verify`` compares the standby folder after the last push with ProperDocs' full build of
the same staged project, byte for byte. The load average is printed with the table.
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import site_gen.engine  # noqa: F401 - installs ProperDocs' mkdocs-import redirect first
from bench.report import table, write_section
from bench.site_build import REPO, WORK, make_corpus
from site_gen import incremental
from site_gen.build import build_date
from site_gen.clock import resolve_now
from site_gen.content import FileCache, check
from site_gen.content.gate import publishable
from site_gen.content.model import Lang
from site_gen.render_session import RenderSession, SessionOutcome
from site_gen.stage import StageResult, stage_language

ROOT = WORK / "render-session"
LANG: Lang = "kk"
TODAY = "2026-11-23"


class Bench:
    def __init__(self, pairs: int) -> None:
        shutil.rmtree(ROOT, ignore_errors=True)
        self.content = make_corpus(pairs, ROOT)
        self.cache = FileCache()
        self.live = ROOT / "site" / LANG
        self.stamp = incremental.stamp(REPO / "themes")
        self.session = RenderSession()
        checked, _, _ = check(self.content, cache=self.cache)
        self.now = resolve_now(checked.settings.zone, TODAY)
        self.old: incremental.Cache | None = None
        self.added = 0
        self.pages = 0
        self.held_mb = 0.0

    def stage(self) -> StageResult:
        checked, diagnostics, _ = check(self.content, cache=self.cache)
        gated = publishable(checked, diagnostics)
        return stage_language(gated.content, LANG, self.now, repo=REPO,
                              build_dir=ROOT / "stage", site_dir=self.live.parent)

    def first(self) -> float:
        staged = self.stage()
        self.live.mkdir(parents=True)
        rss = _rss_mb()
        started = time.perf_counter()
        self.session.render(staged, self.live, stamp=self.stamp, now=self.now)
        seconds = time.perf_counter() - started
        self.held_mb = _rss_mb() - rss
        with build_date(self.now):  # today's render needs its cache: one full build of it
            key = incremental.key(self.stamp, staged.config)
            scratch = ROOT / "scratch"
            self.old = incremental.full(staged.config, scratch, key, "first").cache
            shutil.rmtree(scratch)
        return seconds

    def edit(self, n: int) -> None:
        items = sorted(self.content.glob("news/*.kk.md"))
        item = items[(n * 7919) % len(items)]
        item.write_text(item.read_text(encoding="utf-8") + f"\nӨзгеріс {n}.\n",
                        encoding="utf-8")

    def add(self, n: int) -> None:
        self.added += 1
        path = self.content / "news" / f"2026-11-{1 + n % 20:02d}-qosylghan-{self.added}.kk.md"
        path.write_text(f'---\ntitle: "Қосылған жаңалық {self.added}"\ndate: 2026-11-'
                        f'{1 + n % 20:02d}\nsection: news\nstatus: approved\n---\n\nМәтін.\n',
                        encoding="utf-8")

    def push(self, change: Callable[[int], None], n: int) -> dict[str, tuple[float, int, int]]:
        change(n)
        staged = self.stage()
        timings: dict[str, tuple[float, int, int]] = {}
        # today's render first: it reads the live folder as the last site
        fresh = ROOT / "today"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        with build_date(self.now):
            key = incremental.key(self.stamp, staged.config)
            started = time.perf_counter()
            today = incremental.render(staged.config, fresh, self.live, self.old, key)
            timings["today's render (fresh folder + links)"] = (
                time.perf_counter() - started, today.rendered, -1)
        self.old = today.cache
        shutil.rmtree(fresh)
        standby = ROOT / "standby"
        shutil.rmtree(standby, ignore_errors=True)
        shutil.copytree(self.live, standby, copy_function=os.link)
        started = time.perf_counter()
        outcome: SessionOutcome = self.session.render(staged, standby, stamp=self.stamp,
                                                      now=self.now)
        timings["session → standby copy"] = (time.perf_counter() - started, outcome.rendered,
                                             len(outcome.written) + len(outcome.deleted))
        assert outcome.full == "", outcome.full
        self.pages = outcome.pages
        shutil.rmtree(self.live)
        standby.rename(self.live)
        return timings

    def push_fresh(self, change: Callable[[int], None], n: int) -> tuple[float, int, int]:
        change(n)
        staged = self.stage()
        empty = ROOT / "empty"
        shutil.rmtree(empty, ignore_errors=True)
        empty.mkdir()
        started = time.perf_counter()
        outcome = self.session.render(staged, empty, stamp=self.stamp, now=self.now,
                                      previous=self.live)
        seconds = time.perf_counter() - started
        shutil.rmtree(self.live)
        empty.rename(self.live)
        self.old = None  # today's cache no longer describes the live folder
        return seconds, outcome.rendered, len(outcome.written) + len(outcome.deleted)

    def verify(self) -> bool:
        staged = ROOT / "stage" / LANG / "mkdocs.yml"
        full = ROOT / "full"
        shutil.rmtree(full, ignore_errors=True)
        with build_date(self.now):
            incremental.full(staged, full, incremental.key(self.stamp, staged), "verify")
        return _same(self.live, full)


def _rss_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _same(a: Path, b: Path) -> bool:
    compared = filecmp.dircmp(a, b)

    def walk(c: filecmp.dircmp[str]) -> bool:
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        if c.left_only or c.right_only or mismatch or errors:
            return False
        return all(walk(sub) for sub in c.subdirs.values())
    return walk(compared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    logging.getLogger("site_gen").setLevel(logging.ERROR)  # the corpus has no blog page
    bench = Bench(args.pairs)
    first = bench.first()
    rows: dict[str, dict[str, list[tuple[float, int, int]]]] = {"edit": {}, "add": {}}
    for n in range(args.edits):
        for kind, change in (("edit", bench.edit), ("add", bench.add)):
            for name, value in bench.push(change, n).items():
                rows[kind].setdefault(name, []).append(value)
    for kind, change in (("edit", bench.edit), ("add", bench.add)):
        rows[kind]["session → empty folder + links"] = [bench.push_fresh(change, 100)]
    same = bench.verify() if args.verify else None
    load = os.getloadavg()
    lines = []
    for kind, by_name in rows.items():
        for name, values in by_name.items():
            seconds = statistics.median(v[0] for v in values)
            changed = values[-1][2]
            lines.append((f"one item {'changed' if kind == 'edit' else 'added'}", name,
                          f"{seconds:.3f}", len(values), values[-1][1],
                          "–" if changed < 0 else changed))
    body = (f"{args.pairs:,} pairs, Kazakh half ({bench.pages:,} pages); the session's "
            f"first (full) render {first:.1f} s, after which the process holds "
            f"{bench.held_mb:.0f} MB more (the session's pages). Staging is not timed.\n\n"
            + table(("push", "render", "median s", "runs", "pages rendered", "files written"),
                    lines)
            + f"\n\nLoad average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
            f"(2 cores shared with other work)."
            + ("" if same is None else
               f" Standby folder after the last push equals a full build: {same}."))
    if args.no_write:
        print(body)
    else:
        command = f"bench.render_session --pairs {args.pairs} --edits {args.edits}" + (
            " --verify" if args.verify else "")
        write_section("render_session", "Render of one language after a push: kept session",
                      body, command=command)


if __name__ == "__main__":
    main()
