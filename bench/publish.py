"""Push → site benchmark: incremental builds at N pairs (``site_gen.incremental``).

Run: ``.venv/bin/python -m bench.publish [--pairs 1000] [--pushes 3] [--no-write]``.
Generates the corpus of ``bench/site_build.py`` (N bilingual pairs) under
``build/bench/publish/``, then, in this one process as ``site-gen publish`` runs (its check
``site_gen.warm.WarmBuilder`` kept from build to build: the check's results, the staging
memos, the render sessions and the standby copy of the site, made in idle time; each push
waits for that idle work first, as a push minutes after the last one finds it done):

(a) the first build (no cache: a full build);
(b) a push of one changed item (both languages' files edited), ``--pushes`` times: build →
    the site swapped in with the pages and the signage bundle ("live"), then the search
    index written and moved in ("search follows");
(c) a push of one added item (a new pair in a section), the same way;
(d) ``site-gen serve``: the preview's first render, then one saved edit → the page on disk,
    the moment the open page is told to reload (``Preview.rebuild``; the index follows).

Prints a table and writes its section of docs/benchmarks.md with the machine's load average,
which says how much of the two cores others were using.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import time
from pathlib import Path

from bench.report import DOC, machine, table, write_section
from bench.site_build import make_corpus
from site_gen import incremental
from site_gen.build import BuildReport, build
from site_gen.serve import Preview
from site_gen.warm import WarmBuilder

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "bench" / "publish"
DATE = "2026-11-23"
TARGET_PUSH = 3.0  # seconds, at 10,000 pairs (issue 13)
TARGET_SERVE = 1.0
RESULTS = WORK / "results.json"
WHERE = (
    "Each push after the first goes the warm way, as `site-gen publish` runs it "
    "(site_gen.warm): the check reuses every unchanged file's findings, kk and ru are "
    "staged (with their staging memos) and rendered (with their render sessions) in the "
    "service's own process, into the standby copy of the live site made in idle time "
    "after the last push, and the copy is swapped in. The first build is a one-shot build "
    "(forked workers, full render); the memos and sessions are filled in idle time after "
    "it (column *note*, and *idle s*)."
)
# Measured at 2,000 pairs with cProfile and timers, before (c0ce62c) and after the speed-ups
# (231cd85 memoized Babel texts and relative URLs, d1563d8 the check's link and file walks,
# 85e9fb2 counts and templates made before the fork), the same ways at the same load.
STAGING_2000 = (
    "Staging alone at 2,000 pairs, before and after the speed-ups of 2026-12-06 (commits "
    "231cd85, d1563d8, 85e9fb2; same output byte for byte). One language, kk, "
    "`stage_language` run a second time in one process, twice each at 00:57 UTC, load "
    "average 1.0, 1.4, 3.4: 1.02 and 0.97 s before, 0.64 and 0.67 s after; the check with "
    "its cache warm 0.54 and 0.55 s before, 0.34 and 0.35 s after. Inside a one-item push "
    "(`build()` as `site-gen publish` runs it, kk and ru in two forked workers, two pushes "
    "each, load average 1.0–1.5, 1.4–1.5, 3.1–4.1): stage kk 1.31 and 1.35 s before, 0.73 "
    "and 0.74 s after; stage ru 1.39 and 1.51 s before, 0.80 and 0.77 s after; check 0.55 "
    "and 0.58 s before, 0.34 and 0.35 s after; live 2.71 and 2.91 s before, 1.94 and 1.87 s "
    "after."
)
_RUN = re.compile(r"^Run on .*?\n\n### (\d+) pairs\n.*?(?=\n\nRun on |\n\nStaging alone |\Z)",
                  re.M | re.S)


def kept_runs(doc: Path = DOC) -> dict[str, str]:
    """Each size's last run as the doc's section shows it (``Run on …`` to the next), so
    a run at one size keeps the other's table and date when build/ holds no results."""
    text = doc.read_text(encoding="utf-8") if doc.is_file() else ""
    start, end = text.find("<!-- bench:publish -->"), text.find("<!-- /bench:publish -->")
    if start < 0 or end < 0:
        return {}
    section = text[start:end].rstrip()
    return {m[1]: m[0].strip() for m in _RUN.finditer(section)}


def _edit(path: Path, n: int) -> None:
    """A sentence added at the end of the body (an edit at the top would give the generated
    items, which start with a heading, their first lead paragraph: a new Markdown extension in
    the config, so a full render, which real items, all with a first paragraph, never see)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nӨзгеріс {n}.\n", encoding="utf-8")


def _edit_pair(content: Path, n: int) -> str:
    kk = sorted(content.glob("news/*.kk.md"))[n * 7 % 50]
    _edit(kk, n)
    _edit(kk.with_name(kk.name.replace(".kk.md", ".ru.md")), n)
    return kk.name[: -len(".kk.md")]


def _add_pair(content: Path, n: int) -> str:
    stem = f"2026-11-{20 + n % 3:02d}-bench-added-{n}"
    for lang, title in (("kk", "Жаңа хабар"), ("ru", "Новое сообщение")):
        (content / "news" / f"{stem}.{lang}.md").write_text(
            f'---\ntitle: "{title} {n}"\ndate: {stem[:10]}\nsection: news\n'
            f'summary: "{title}."\nstatus: approved\n---\n\n{title} {n}.\n', encoding="utf-8")
    return stem


class Push:
    def __init__(self, content: Path, out: Path, stage: Path, repo: Path) -> None:
        self.content, self.out, self.stage, self.repo = content, out, stage, repo
        self.warm = WarmBuilder()
        self.idle: list[float] = []  # seconds of idle work before each push

    def build(self) -> BuildReport:
        started = time.perf_counter()
        self.warm.settle()  # the service's idle time between pushes: the standby copy
        self.idle.append(time.perf_counter() - started)
        return build(self.content, self.out, date=DATE, repo=self.repo, build_dir=self.stage,
                     warm=self.warm)


def _row(name: str, reports: list[BuildReport]) -> list[object]:
    live = [r.seconds["live"] for r in reports]
    follows = [r.seconds.get("search follows", 0.0) for r in reports]
    total = [r.seconds["total"] for r in reports]
    rendered = reports[-1].rendered
    fulls = {why for r in reports for why in r.full.values() if why}
    note = f"pages rendered kk {rendered.get('kk')}, ru {rendered.get('ru')}"
    if fulls:
        note += "; full: " + ", ".join(sorted(fulls))
    return [name, f"{statistics.median(live):.2f}", f"{max(live):.2f}",
            f"{statistics.median(follows):.1f}", f"{statistics.median(total):.1f}", note]


def _parts(report: BuildReport) -> str:
    keys = ("check", "standby", "root and bundle", "stage kk", "render kk", "stage ru",
            "render ru", "keep times", "live", "last good")
    return ", ".join(f"{k} {report.seconds[k]:.2f}" for k in keys if k in report.seconds)


def _still_code() -> Path:
    """The render's key includes every module of site_gen and the theme
    (``incremental.stamp``): a running service's code and theme do not change, but this
    shared tree's may while the bench runs, which would turn a push into a full render. The
    key is taken from a copy of site_gen made at the start, and the builds use a copy of the
    theme and mkdocs.yml (the repository returned)."""
    copy = WORK / "code"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(incremental.CODE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    incremental.CODE = copy
    repo = WORK / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(REPO / "themes", repo / "themes")
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    return repo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--pushes", type=int, default=3)
    parser.add_argument("--no-write", action="store_true",
                        help="print the results only; leave docs/benchmarks.md as it is")
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the unsigned-bundle warning on every build
    repo = _still_code()
    root = WORK / str(args.pairs)
    content = make_corpus(args.pairs, root)
    push = Push(content, root / "site", root / "stage", repo)
    load_before = os.getloadavg()
    started = time.perf_counter()
    first = push.build()
    print(f"(a) first build: {time.perf_counter() - started:.1f} s ({first.full})", flush=True)
    push.warm.settle()
    print(f"    then idle work: {push.warm.seconds}", flush=True)
    push.warm.settle()
    idle_first = dict(push.warm.seconds)
    edits, adds = [], []
    for n in range(args.pushes):
        name = _edit_pair(content, n)
        edits.append(push.build())
        live = (push.out / "kk/news" / name / "index.html").read_text(encoding="utf-8")
        assert f"Өзгеріс {n}." in live, "the edit is not on the live page"
        print(f"(b) edit {n}: live {edits[-1].seconds['live']:.2f} s; {_parts(edits[-1])}; "
              f"search follows {edits[-1].seconds.get('search follows', 0):.1f} s", flush=True)
    for n in range(args.pushes):
        stem = _add_pair(content, n)
        adds.append(push.build())
        assert (push.out / "kk/news" / stem / "index.html").is_file(), "the item is not live"
        print(f"(c) add {n}: live {adds[-1].seconds['live']:.2f} s; {_parts(adds[-1])}",
              flush=True)
    rows: list[list[object]] = [
        ["(a) first build (no cache: full)", f"{first.seconds['live']:.1f}", "—", "—",
         f"{first.seconds['total']:.1f}", f"{sum(first.pages.values())} pages"],
        _row("(b) push: one item changed (kk + ru)", edits),
        _row("(c) push: one item added (kk + ru)", adds),
    ]
    serve_note = ""
    seconds: list[float] = []
    if not args.skip_serve:
        preview = Preview(content, root / "preview", repo=repo,
                          build_dir=root / "preview-stage", date=DATE)
        t = time.perf_counter()
        preview.initial()
        initial = time.perf_counter() - t
        for n in range(args.pushes):
            preview.warm.settle()  # an editor saves seconds apart: the standby copies
            name = _edit_pair(content, 100 + n)
            t = time.perf_counter()
            done = preview.rebuild()
            seconds.append(time.perf_counter() - t)
            page = root / "preview/kk/news" / name / "index.html"
            assert f"Өзгеріс {100 + n}." in page.read_text(encoding="utf-8"), "edit not on disk"
            assert not done.full, f"the preview rendered whole: {done}"
            t = time.perf_counter()
            preview.index()
            serve_note = f"index follows in {time.perf_counter() - t:.1f} s"
            print(f"(d) serve edit {n}: {seconds[-1]:.2f} s ({done.pages})", flush=True)
        rows.append(["(d) `site-gen serve`: one saved edit → page reloaded",
                     f"{statistics.median(seconds):.2f}", f"{max(seconds):.2f}", "—", "—",
                     f"first render {initial:.1f} s; {serve_note}"])
        preview.warm.settle()  # its idle work (the standby copies) ends with the bench
    load_after = os.getloadavg()
    push_live = max(max(r.seconds["live"] for r in edits), max(r.seconds["live"] for r in adds))
    lines = [
        table(["step", "live s (median)", "live s (max)", "search follows s", "total s",
               "note"], rows), "",
        f"Corpus: {args.pairs} pairs = {2 * args.pairs} pages (bench/site_build.py's "
        f"generator), {args.pushes} pushes of each kind, in one process with its warm builder "
        "kept between builds, as `site-gen publish` runs. *live*: from the start of the build "
        "to the new site (pages and signage bundle) swapped in; the search index is the last "
        "build's until *search follows* more seconds later (Pagefind indexes again only the "
        "parts of the index that hold the pages the push wrote or removed: "
        "site_gen.incremental_search).",
        f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)}; "
        f"after: {', '.join(f'{x:.1f}' for x in load_after)} (2 cores; other work on this "
        "machine shares them).",
    ]
    lines.append(f"Where the time of the last one-item edit went (s): {_parts(edits[-1])}; "
                 f"of the last added item: {_parts(adds[-1])}. kk and ru are staged and "
                 "rendered one after the other in the service's process. Idle work after "
                 "the first build (before the first push; the service does it while it "
                 "waits): " + ", ".join(f"{k} {v:.1f}" for k, v in idle_first.items())
                 + " s.")
    lines.append(WHERE)
    if args.pairs >= 10_000:
        lines.append(f"Targets at 10,000 pairs: push → live under {TARGET_PUSH:.0f} s "
                     f"({'met' if push_live < TARGET_PUSH else 'missed'}: max "
                     f"{push_live:.2f} s); serve edit → reload under {TARGET_SERVE:.0f} s"
                     + (f" ({'met' if max(seconds) < TARGET_SERVE else 'missed'}: max "
                        f"{max(seconds):.2f} s)." if seconds else "."))
    text = f"### {args.pairs} pairs\n\n" + "\n".join(lines)
    if args.no_write:
        print(text)
        return
    # One section for every size run: each size's last run is kept (build/bench/publish/).
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    kept = kept_runs()
    if RESULTS.is_file():
        kept.update(json.loads(RESULTS.read_text(encoding="utf-8")))
    kept[str(args.pairs)] = f"Run on {machine()}.\n\n{text}"
    RESULTS.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    write_section("publish", "Push → site and serve (incremental builds)",
                  "\n\n".join([*(kept[k] for k in sorted(kept, key=int)), STAGING_2000]))


if __name__ == "__main__":
    main()
