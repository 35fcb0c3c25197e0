"""Check benchmark: a long-running process's second ``check`` after one pair changed.

Run: ``.venv/bin/python -m bench.check [--pairs 2000 10000] [--repeat 5] [--no-write]``.
For each size, makes the site-build benchmark's corpus (``bench.site_build.make_corpus``)
under ``build/bench/check/``, then times in one process:

- a cold ``check(root)`` (what ``site-gen check`` and ``site-gen build`` do);
- with a ``FileCache`` kept from the previous check (the publish service, the live preview):
  a check with nothing changed; after one pair edited (both files); after one pair added;
  after that pair removed (median of ``--repeat`` rounds each).

Each warm result is compared with a cold check of the same tree (diagnostics in order,
items, report), and the items the change did not touch are counted as the same objects
(``is``) as before it. The load average is taken before each size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.report import table, write_section
from bench.site_build import WORK, make_corpus
from site_gen.content import FileCache, check

TARGET_S = 0.4  # issue 13: one pair changed at 10,000 pairs


def _save(path: Path, text: str, clock: list[int]) -> None:
    """Write ``text`` as an editor's save does, a moment after the previous save."""
    path.write_text(text, encoding="utf-8")
    clock[0] += 1_000_000_000
    os.utime(path, ns=(clock[0], clock[0]))


def run(pairs: int, repeat: int) -> list[object]:
    load = os.getloadavg()[0]
    root = make_corpus(pairs, WORK / "check" / f"c{pairs}")
    started = time.perf_counter()
    cold_content, cold, _ = check(root)
    cold_s = time.perf_counter() - started
    cache = FileCache()
    content, _, _ = check(root, cache=cache)
    clock = [time.time_ns()]
    timings: dict[str, list[float]] = {"same": [], "changed": [], "added": [], "removed": []}
    cpu: dict[str, list[float]] = {name: [] for name in timings}
    same_objects: list[int] = []

    def timed(name: str) -> None:
        nonlocal content
        before = {item.key: item for item in content.items}
        t, c = time.perf_counter(), time.process_time()
        content, _, _ = check(root, cache=cache)
        timings[name].append(time.perf_counter() - t)
        cpu[name].append(time.process_time() - c)
        if name == "changed":
            same_objects.append(sum(before.get(i.key) is i for i in content.items))

    files = sorted((root / "news").glob("*.kk.md"))
    for r in range(repeat):
        timed("same")
        kk = files[(r * 7) % len(files)]
        ru = kk.with_name(kk.name.replace(".kk.md", ".ru.md"))
        for path in (kk, ru):
            _save(path, path.read_text(encoding="utf-8") + f"\nТүзету {r}.\n", clock)
        timed("changed")
        added = [kk.with_name(f"2026-11-20-bench-added-{r}.{lang}.md") for lang in ("kk", "ru")]
        for src, dst in zip((kk, ru), added, strict=True):
            _save(dst, src.read_text(encoding="utf-8"), clock)
        timed("added")
        for path in added:
            path.unlink()
        timed("removed")
    cold_content, cold, cold_report = check(root)
    warm_content, warm, warm_report = check(root, cache=cache)
    equal = warm == cold and warm_content.items == cold_content.items and \
        warm_report == cold_report
    return [f"{pairs:,}", f"{load:.2f}", f"{cold_s:.2f} s",
            *(f"{statistics.median(timings[k]):.3f} s ({statistics.median(cpu[k]):.3f} s)"
              for k in timings),
            f"{min(same_objects):,} of {pairs - 1:,}", "yes" if equal else "**no**"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("JARSHY_TODAY", "2026-11-20")
    headers = ["pairs", "load avg", "cold check", "warm, nothing changed",
               "one pair edited", "one pair added", "that pair removed",
               "untouched items kept (is)", "equal to a cold check"]
    rows = [run(pairs, args.repeat) for pairs in args.pairs]
    body = (table(headers, rows) + "\n\nWarm times are the median of "
            f"{args.repeat} rounds, wall clock (and this process's CPU time), in one "
            "process with a `FileCache` kept between checks (the publish service, the live "
            "preview). Target (issue 13): one pair changed, "
            f"added or removed at 10,000 pairs in under {TARGET_S} s. The load average "
            "(1 minute) is this machine's, shared with other work, before each size.\n")
    if args.no_write:
        print(body)  # noqa: T201 - the benchmark's output
    else:
        write_section("check", "check with a kept FileCache (bench/check.py)", body)


if __name__ == "__main__":
    main()
