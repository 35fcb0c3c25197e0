"""Staging benchmark: a long-running process's staging of one language after one change.

Run: ``.venv/bin/python -m bench.stage [--pairs 2000 10000] [--repeat 3] [--no-write]
[--profile] [--freeze no|yes|both]``. For each size, makes the site-build benchmark's corpus
(``bench.site_build.make_corpus``) under ``build/bench/stage-B/`` (kept between runs), checks
it with a ``FileCache`` (not timed), and times per language, in one process:

- cold: ``stage_language`` without a memo, on a staged folder that is already there (what a
  build did before the warm path: the second staging of a process);
- warm, one item changed: with the ``StageMemo`` kept from the previous staging, after one
  pair's title and body were edited;
- warm, one item added: the same after a new pair was added.

Medians of ``--repeat`` rounds; the load average is taken before each size. The warm
results equal a cold staging's (``tests/site/test_stage_memo.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import time
from pathlib import Path

from bench.report import table, write_section
from bench.site_build import WORK, make_corpus
from site_gen.clock import resolve_now
from site_gen.content import FileCache, check
from site_gen.stage import StageMemo, stage_language
from site_gen.stage import config as cfg
from site_gen.stage.extensions import load_extensions

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
TARGET_CHANGED_S = 0.4  # issue 13: one item changed at 10,000 pairs, per language
TARGET_ADDED_S = 0.8


def _corpus(pairs: int) -> Path:
    root = WORK / "stage-B" / f"p{pairs}"
    content = root / "content"
    if len(list(content.glob("*/*.md"))) != 2 * pairs:
        make_corpus(pairs, root)
    for extra in content.glob("*/*-bench-added-*.md"):
        extra.unlink()
    return content


def run(pairs: int, repeat: int, profile: bool, freeze: bool) -> list[list[object]]:
    load = os.getloadavg()[0]
    content_dir = _corpus(pairs)
    root = content_dir.parent
    cache = FileCache()
    content, _, _ = check(content_dir, cache=cache)
    now = resolve_now(content.settings.zone, TODAY)
    registry = load_extensions()
    base = cfg.read_base(REPO / "mkdocs.yml")
    memos = {"kk": StageMemo(), "ru": StageMemo()}
    times: dict[tuple[str, str], list[float]] = {}
    gc_spent = [0.0]
    gc_began = [0.0]

    def on_gc(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            gc_began[0] = time.perf_counter()
        else:
            gc_spent[0] += time.perf_counter() - gc_began[0]

    gc.callbacks.append(on_gc)
    made: dict[str, int] = {}

    def stage(lang: str, memo: StageMemo | None, what: str) -> None:
        if freeze:  # what a long-running process can do between builds
            gc.freeze()
        gc_spent[0] = 0.0
        started, cpu = time.perf_counter(), time.process_time()
        stage_language(content, lang, now, repo=REPO,  # type: ignore[arg-type]
                       build_dir=root / ("warm" if memo else "cold"), site_dir=root / "site",
                       registry=registry, base=base, memo=memo)
        times.setdefault((lang, what), []).append(time.perf_counter() - started)
        times.setdefault((lang, what + " cpu"), []).append(time.process_time() - cpu)
        times.setdefault((lang, what + " gc"), []).append(gc_spent[0])
        if memo is not None:
            made[f"{lang} {what}"] = memo.made

    for lang in ("kk", "ru"):
        stage(lang, None, "first")
        stage(lang, None, "cold")
        stage(lang, memos[lang], "first")
    files = sorted((content_dir / "news").glob("*.kk.md"))
    profiler = cProfile.Profile() if profile else None
    for n in range(repeat):
        for f in (files[n], files[n].with_name(files[n].name.replace(".kk.", ".ru."))):
            text = f.read_text(encoding="utf-8")
            f.write_text(text.replace('title: "', f'title: "Жаңа {n} ', 1) + f"\nҚосымша {n}.\n",
                         encoding="utf-8")
        content, _, _ = check(content_dir, cache=cache)
        for lang in ("kk", "ru"):
            if profiler is not None:
                profiler.enable()
            stage(lang, memos[lang], "changed")
            if profiler is not None:
                profiler.disable()
        for f in (files[n], files[n].with_name(files[n].name.replace(".kk.", ".ru."))):
            new = f.with_name(f.name.replace("-bench-", f"-bench-added-{n}-"))
            new.write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        content, _, _ = check(content_dir, cache=cache)
        for lang in ("kk", "ru"):
            stage(lang, memos[lang], "added")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    rows: list[list[object]] = []
    for lang in ("kk", "ru"):
        med = {what: statistics.median(times[(lang, what)])
               for what in ("cold", "changed", "added", "cold cpu", "changed cpu", "added cpu",
                            "changed gc", "added gc")}
        rows.append([f"{pairs:,}", lang, f"{med['cold']:.2f} ({med['cold cpu']:.2f})",
                     f"{med['changed']:.3f} ({med['changed cpu']:.3f})",
                     f"{med['added']:.3f} ({med['added cpu']:.3f})",
                     f"{med['changed gc']:.3f} / {med['added gc']:.3f}",
                     made[f"{lang} changed"], made[f"{lang} added"], f"{load:.1f}",
                     "yes" if freeze else "no"])
    gc.callbacks.remove(on_gc)
    gc.unfreeze()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--freeze", choices=("no", "yes", "both"), default="both",
                        help="gc.freeze() before each staging (the objects kept so far are "
                             "left out of later garbage collections)")
    args = parser.parse_args()
    modes = {"no": [False], "yes": [True], "both": [False, True]}[args.freeze]
    rows = [row for pairs in args.pairs for freeze in modes
            for row in run(pairs, args.repeat, args.profile, freeze)]
    body = table(["pairs", "lang", "cold staging, s (CPU s)",
                  "warm, one item changed, s (CPU s)", "warm, one item added, s (CPU s)",
                  "of which Python's garbage collector (changed / added), s",
                  "products made (changed)", "products made (added)", "load avg",
                  "gc.freeze() between builds"], rows)
    body += (f"\n\nTargets (issue 13, at 10,000 pairs, per language): one item changed "
             f"< {TARGET_CHANGED_S} s, one added < {TARGET_ADDED_S} s. \"cold\": "
             "`stage_language` without a memo on an existing staged folder; \"warm\": with the "
             "`StageMemo` kept from the previous staging (same StageResult and files, "
             "tests/site/test_stage_memo.py). In brackets: the process's CPU time, which "
             "other work on the machine slows less than the wall time. A full collection of "
             "Python's garbage collector, when it falls in a staging, walks every object the "
             "process keeps (content, check's cache, both memos): `gc.freeze()` after each "
             "build (the warm builder's choice) leaves those out. Medians of "
             f"{args.repeat} rounds; the load average was taken before each size (2 cores "
             "shared with other work).\n")
    if args.no_write:
        print(body)
    else:
        write_section("stage", "Staging one language: cold and warm (StageMemo)", body)


if __name__ == "__main__":
    main()
