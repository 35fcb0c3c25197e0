"""Site build benchmark: Jarshy against plain mkdocs-material, mkdocs-static-i18n and Hugo.

Run: ``.venv/bin/python -m bench.site_build [--pairs 1000] [--edits 5] [--skip-i18n] [--no-phases]
[--engine properdocs|mkdocs] [--no-write]``.
Generates a bilingual corpus (N pairs, ~400 words each, headings, lists, tables, links,
« » quotes) under ``build/bench/``, then builds it, each in a fresh process, with:

(a) ``site-gen build`` (kk and ru in parallel processes, rendered by ProperDocs);
(b) plain mkdocs-material: the same 2N pages in one project with a small nav, built by
    ``properdocs build`` (the engine of (a), so the two differ only in what Jarshy does);
    with ``--engine mkdocs``, by ``mkdocs build`` (MkDocs 1.6.1, unmaintained) instead;
(c) mkdocs-static-i18n 1.3.1 with its documented default setup (suffix structure, the
    theme's default full navigation), installed only in a throw-away venv under
    ``build/bench/i18n-venv`` (created here when missing; its custom_dir holds
    only our ``partials/languages/kk.html``: Material crashes on ``language: kk``
    without it);
(d) Hugo, when ``hugo`` is on the PATH (Debian: ``apt-get install hugo``), on the same
    pages with bare layouts;
(e) the live preview: an edit of one item saved, ``Preview.rebuild()`` timed until the
    page on disk has it (median of ``--edits`` edits).

Reports wall time, ms per page, CPU time and the peak RSS of the largest process of each run,
and, for every round of (a) and (b), how much this machine's second core gave at that moment
and its load average (the machine is shared). Then, unless ``--no-phases``, where (a)'s time
goes: one more full build, untimed above, in one process (kk, then ru), each phase's seconds
against (b)'s seconds per page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from bench.report import table, write_section

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "bench"
PY = sys.executable
SECTIONS = ("news", "announcements", "interviews", "analytics", "innovations",
            "master-classes", "success-stories", "new-staff", "sports-culture",
            "congratulations")
KK_WORDS = ("қызметкерлер компания жұмыс жоба жылу электр желі станция жөндеу қауіпсіздік "
            "бағдарлама нәтиже жоспар тұтынушы энергия үнемдеу құрылғы маман бөлім "
            "өндіріс кезең мақсат жаңа сапа бақылау ұжым жетістік оқу тәжірибе").split()
RU_WORDS = ("сотрудники компания работа проект тепло электричество сеть станция ремонт "
            "безопасность программа результат план потребитель энергия экономия устройство "
            "специалист отдел производство этап цель новый качество контроль коллектив "
            "достижение обучение опыт").split()
I18N_PIP = ["mkdocs>=1.6,<2", "mkdocs-material>=9.5,<10", "mkdocs-static-i18n==1.3.1"]


def _text(rng: random.Random, words: list[str], n: int) -> str:
    out = []
    for i in range(n):
        w = rng.choice(words)
        out.append(f"«{w}»" if i % 37 == 5 else w)
    return " ".join(out)


def _body(rng: random.Random, words: list[str], lang: str, section: str, stems: list[str]
          ) -> str:
    parts = []
    for h in range(3):
        parts.append(f"## {_text(rng, words, 3).capitalize()} {h + 1}\n")
        parts.append(_text(rng, words, 70).capitalize() + ".\n")
        parts.append("\n".join(f"- {_text(rng, words, 6)}" for _ in range(3)) + "\n")
    header = " | ".join(_text(rng, words, 1) for _ in range(2))
    parts.append(f"| # | {header} |\n|---|---|---|")
    parts.append("\n".join(f"| {i} | {rng.randint(1, 999)} | {_text(rng, words, 2)} |"
                           for i in range(4)) + "\n")
    other = rng.choice(stems)
    parts.append(f"[{_text(rng, words, 3)}](../{section}/{other}.{lang}.md) "
                 + _text(rng, words, 40) + ".\n")
    return "\n".join(parts)


def make_corpus(pairs: int, root: Path) -> Path:
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "_data").mkdir(parents=True)
    shutil.copy(REPO / "content/_data/site.yml", content / "_data/site.yml")
    shutil.copy(REPO / "content/_data/screens.yml", content / "_data/screens.yml")
    rng = random.Random(1234)
    stems = [f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}-bench-{i:05d}" for i in range(pairs)]
    for i, stem in enumerate(stems):
        section = SECTIONS[i % len(SECTIONS)]
        folder = content / section
        folder.mkdir(exist_ok=True)
        date = stem[:10]
        same = [s for j, s in enumerate(stems) if j % len(SECTIONS) == i % len(SECTIONS)]
        for lang, words in (("kk", KK_WORDS), ("ru", RU_WORDS)):
            title = _text(rng, words, 6).capitalize()
            (folder / f"{stem}.{lang}.md").write_text(
                f'---\ntitle: "{title}"\ndate: {date}\nsection: {section}\nstatus: approved\n'
                f"---\n\n{_body(rng, words, lang, section, same)}", encoding="utf-8")
    return content


def plain_project(content: Path, root: Path) -> Path:
    """(b): the same 2N pages as one mkdocs-material project with a small nav."""
    proj = root / "plain"
    shutil.rmtree(proj, ignore_errors=True)
    for src in content.rglob("*.md"):
        rel = src.relative_to(content)
        lang = src.name.rsplit(".", 2)[1]
        dst = proj / "docs" / lang / rel.parent / (src.name.rsplit(".", 2)[0] + ".md")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(src.read_text(encoding="utf-8").replace(f".{lang}.md)", ".md)"),
                       encoding="utf-8")
    (proj / "docs/index.md").write_text("# Bench\n", encoding="utf-8")
    (proj / "mkdocs.yml").write_text(
        "site_name: Bench\ntheme:\n  name: material\n  font: false\n"
        "plugins: [search]\nnav:\n  - index.md\n"
        "validation: {nav: {omitted_files: ignore}, links: {unrecognized_links: ignore}}\n",
        encoding="utf-8")
    return proj


def i18n_project(content: Path, root: Path) -> Path:
    """(c): mkdocs-static-i18n with the suffix structure and the default full navigation."""
    proj = root / "i18n"
    shutil.rmtree(proj, ignore_errors=True)
    shutil.copytree(content, proj / "docs", ignore=shutil.ignore_patterns("_data"))
    (proj / "docs/index.kk.md").write_text("# Bench\n", encoding="utf-8")
    (proj / "docs/index.ru.md").write_text("# Bench\n", encoding="utf-8")
    theme = proj / "theme/partials/languages"  # only our Kazakh strings, none of our templates
    theme.mkdir(parents=True)
    shutil.copy(REPO / "themes/partials/languages/kk.html", theme / "kk.html")
    (proj / "mkdocs.yml").write_text(
        "site_name: Bench\ntheme:\n  name: material\n  font: false\n"
        "  custom_dir: theme\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: kk, default: true, name: Қазақша, build: true}\n"
        "        - {locale: ru, name: Русский, build: true}\n", encoding="utf-8")
    return proj


def i18n_python(root: Path) -> Path | None:
    venv = root / "i18n-venv"
    py = venv / "bin/python"
    probe = [str(py), "-c", "import mkdocs_static_i18n"]
    if py.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return py
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(py), "-m", "pip", "install", "-q", *I18N_PIP])
    return py if done.returncode == 0 else None


REPEAT = 3
SPIN = "x = 0\nfor i in range(12_000_000):\n    x += i * i % 7\n"


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its workers
    rss: float  # MB, the largest process


def timed(*cmds: list[str], repeat: int | None = None,
          probe: list[float] | None = None,
          fresh: Sequence[Path] = (), load: list[float] | None = None) -> list[list[Run]]:
    """Every run of each command. The commands take turns (a, b, a, b, …), so a slow spell
    of this shared machine falls on both. With ``probe``, each round starts by measuring
    how much two processes at once get done here (see :func:`parallel_capacity`); with
    ``load``, by noting the machine's 1-minute load average. The folders in ``fresh`` are
    removed before every run (untimed): ``site-gen build`` keeps a cache beside its site and
    would otherwise render only what changed, i.e. nothing."""
    runs: list[list[Run]] = [[] for _ in cmds]
    for _ in range(repeat or REPEAT):
        if load is not None:
            load.append(os.getloadavg()[0])
        if probe is not None:
            probe.append(parallel_capacity())
        for i, cmd in enumerate(cmds):
            for path in fresh:
                shutil.rmtree(path, ignore_errors=True)
            runs[i].append(_timed_once(cmd, REPO))
    return runs


def parallel_capacity() -> float:
    """Work done by two CPU-bound processes at once, relative to one alone (2.0 on two free
    cores). A virtual machine's second core is often shared with other guests; then a
    build that uses both cores gains less than it would on real hardware."""
    def spin(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([PY, "-c", SPIN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start

    return 2 * spin(1) / spin(2)


def _timed_once(cmd: list[str], cwd: Path) -> Run:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JARSHY_TODAY="2026-11-23")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # usage includes the workers it waited for
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


PHASES = """
import json, resource, sys
from pathlib import Path
from site_gen.build import build
content, out, stage = map(Path, sys.argv[1:4])
report = build(content, out, build_dir=stage, parallel=False, incremental=False)
cpu = [sum(getattr(resource.getrusage(who), f) for f in ("ru_utime", "ru_stime"))
       for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({"seconds": report.seconds, "pages": report.pages, "cpu": cpu}))
"""


def phases(content: Path, root: Path) -> dict[str, object]:
    """One full build of (a) in one process, kk then ru (``parallel=False``): the seconds
    of each phase (``BuildReport.seconds``), the pages of each language, and the CPU
    seconds of the process and of its children (Pagefind's binary)."""
    out, stage = root / "site-phases", root / "stage-phases"
    for path in (out, root / f".{out.name}.last-good", stage):
        shutil.rmtree(path, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JARSHY_TODAY="2026-11-23")
    done = subprocess.run([PY, "-c", PHASES, str(content), str(out), str(stage)], cwd=REPO,
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the phase build failed:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def phase_table(measured: dict[str, object], plain: Run, pages: int) -> str:
    """Where (a)'s time goes, beside (b)'s seconds per page."""
    seconds = cast(dict[str, float], measured["seconds"])
    counts = cast(dict[str, int], measured["pages"])
    own, children = cast(list[float], measured["cpu"])
    rows: list[list[object]] = [["check (both languages)", f"{seconds['check']:.2f}", "—", ""]]
    for phase, note in (("stage", "site_gen.stage: the MkDocs projects"),
                        ("render", "ProperDocs + mkdocs-material + themes/"),
                        ("search", "Pagefind")):
        rows.append([phase, *(f"{seconds.get(f'{phase} {lang}', 0.0):.2f}"
                               for lang in ("kk", "ru")), note])
    named = sum(v for k, v in seconds.items() if k.split(" ")[0] in ("stage", "render",
                                                                       "search"))
    rest = seconds["total"] - seconds["check"] - named
    rows.append(["the rest (bundle, root page, last good copies, swap)", f"{rest:.2f}", "—",
                 ""])
    rows.append(["total", f"{seconds['total']:.2f}", "—",
                 f"CPU {own:.1f} s in Python, {children:.1f} s in Pagefind's binary"])
    per_page = [1000 * seconds.get(f"render {lang}", 0.0) / max(1, counts.get(lang, 0))
                for lang in ("kk", "ru")]
    return "\n".join([
        table(["phase", "kk s", "ru s", "what"], rows), "",
        f"Render alone: {per_page[0]:.1f} ms per page in kk ({counts.get('kk', 0)} pages), "
        f"{per_page[1]:.1f} in ru ({counts.get('ru', 0)}); (b) does its whole build, "
        f"Material's search index included, in {1000 * plain.wall / (pages + 1):.1f} ms per "
        "page (its best run above). Both include their fixed costs (the engine's start, "
        "the theme's files), which weigh more the fewer the pages. Wall seconds: compare "
        "them with (b) at a similar load average."])


def best(runs: list[Run]) -> Run:
    """The fastest run, with the largest memory any run needed."""
    fastest = min(runs, key=lambda r: r.wall)
    return Run(fastest.wall, min(r.cpu for r in runs), max(r.rss for r in runs))


def hugo_project(content: Path, root: Path) -> Path:
    """(d): the same pages as a Hugo site (one content folder per language, the smallest
    layouts that print the page), for a feel of a compiled generator's speed."""
    proj = root / "hugo"
    shutil.rmtree(proj, ignore_errors=True)
    for src in content.rglob("*.md"):
        rel = src.relative_to(content)
        if rel.parts[0].startswith("_"):
            continue
        lang = src.name.rsplit(".", 2)[1]
        dst = proj / "content" / lang / rel.parent / (src.name.rsplit(".", 2)[0] + ".md")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(src.read_text(encoding="utf-8").replace(f".{lang}.md)", ".md)"),
                       encoding="utf-8")
    layouts = proj / "layouts/_default"
    layouts.mkdir(parents=True)
    page = ("<!doctype html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\">"
            "<title>{{ .Title }}</title></head><body><nav>{{ range .Site.Menus.main }}"
            "<a href=\"{{ .URL }}\">{{ .Name }}</a>{{ end }}</nav><h1>{{ .Title }}</h1>"
            "{{ .Content }}</body></html>\n")
    (layouts / "single.html").write_text(page, encoding="utf-8")
    (layouts / "list.html").write_text(page.replace("{{ .Content }}", "{{ range .Pages }}"
                                                    "<a href=\"{{ .RelPermalink }}\">"
                                                    "{{ .Title }}</a>{{ end }}"),
                                       encoding="utf-8")
    (proj / "hugo.toml").write_text(
        'baseURL = "http://localhost/"\ntitle = "Bench"\ndefaultContentLanguage = "kk"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\n'
        "unsafe = true\n[languages.kk]\ncontentDir = \"content/kk\"\nweight = 1\n"
        "[languages.ru]\ncontentDir = \"content/ru\"\nweight = 2\n", encoding="utf-8")
    return proj


def edit_latency(content: Path, root: Path, edits: int) -> tuple[list[float], float]:
    from site_gen.serve import Preview

    preview = Preview(content, root / "preview", repo=REPO, build_dir=root / "preview-build",
                      date="2026-11-23")
    t0 = time.perf_counter()
    preview.initial()
    initial = time.perf_counter() - t0
    files = sorted(content.glob("news/*.kk.md"))
    seconds = []
    for n in range(edits):
        f = files[n % len(files)]
        text = f.read_text(encoding="utf-8")
        marker = f"Өңдеу {n}"
        f.write_text(text.replace("\n---\n", f"\n---\n\n{marker}\n", 1), encoding="utf-8")
        t = time.perf_counter()
        done = preview.rebuild()
        page = root / "preview/kk/news" / f.name[: -len(".kk.md")] / "index.html"
        assert marker in page.read_text(encoding="utf-8"), "edit not in the served page"
        seconds.append(time.perf_counter() - t)
        assert not done.full, "an edit should not need a full build"
    return seconds, initial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--skip-i18n", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of (a) and (b), taking turns; the best of each is kept")
    parser.add_argument("--engine", choices=("properdocs", "mkdocs"), default="properdocs",
                        help="the command that builds (b) (default: properdocs, the engine "
                        "of site-gen build)")
    parser.add_argument("--no-phases", action="store_true",
                        help="skip the extra one-process build of (a) that shows where its "
                        "time goes")
    parser.add_argument("--no-write", action="store_true",
                        help="print the results only; leave docs/benchmarks.md as it is "
                        "(for a quick run with few pairs)")
    args = parser.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    root = WORK
    root.mkdir(parents=True, exist_ok=True)
    content = make_corpus(args.pairs, root)
    pages = 2 * args.pairs
    rows: list[list[object]] = []

    def row(name: str, run: Run, note: str = "") -> None:
        rows.append([name, f"{run.wall:.1f}", f"{1000 * run.wall / pages:.1f}",
                     f"{run.cpu:.1f}", f"{run.rss:.0f}", note])
        print(f"{name}: {run.wall:.1f} s, {run.cpu:.1f} CPU s, {run.rss:.0f} MB", flush=True)

    proj = plain_project(content, root)
    capacity: list[float] = []
    load: list[float] = []
    runs_a, runs_b = timed(
        [PY, "-m", "site_gen.cli", "build", "--content", str(content),
         "--out", str(root / "site-jarshy"), "--stage-dir", str(root / "stage")],
        [PY, "-m", args.engine, "build", "-q", "-f", str(proj / "mkdocs.yml")],
        probe=capacity, load=load,
        # every (a) a full build: no last site, no incremental cache, no staged project
        fresh=[root / "site-jarshy", root / ".site-jarshy.last-good", root / "stage"])
    a, b = best(runs_a), best(runs_b)
    row("(a) Jarshy `site-gen build` (kk ‖ ru)", a)
    engine = {"properdocs": "ProperDocs", "mkdocs": "MkDocs 1.6.1"}[args.engine]
    row(f"(b) plain mkdocs-material on {engine}, one project, small nav", b)
    c = None
    if not args.skip_i18n:
        py = i18n_python(root)
        if py is None:
            rows.append(["(c) mkdocs-static-i18n", "—", "—", "—", "—", "could not be installed"])
        else:
            proj = i18n_project(content, root)
            [[c]] = timed([str(py), "-m", "mkdocs", "build", "-q", "-f",
                           str(proj / "mkdocs.yml")], repeat=1)
            row("(c) mkdocs-static-i18n 1.3.1, default full nav", c, "one run")
    hugo = shutil.which("hugo")
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
        proj = hugo_project(content, root)
        [runs_d] = timed([hugo, "--quiet", "-s", str(proj), "-d", str(root / "site-hugo")])
        row("(d) Hugo, bare layouts", best(runs_d),
            version.split()[1].split("-")[0] if version else "")
    else:
        rows.append(["(d) Hugo", "—", "—", "—", "—",
                     "`hugo` not installed on this machine (`apt-get install hugo`)"])
    try:
        latencies, initial = edit_latency(content, root, args.edits)
        failed = ""
    except AssertionError as problem:  # reported in the table; (a) and (b) are kept
        latencies, initial, failed = [], 0.0, str(problem)
    rows.append(["(e) `site-gen serve`: one saved edit → page on disk (median)",
                 f"{statistics.median(latencies):.2f}" if latencies else "—", "—", "—",
                 f"max {max(latencies):.2f} s over {len(latencies)} edits; "
                 f"first full preview build {initial:.1f} s" if latencies
                 else f"failed: {failed}"])
    paired = statistics.median(ra.wall / rb.wall for ra, rb in zip(runs_a, runs_b,
                                                                   strict=True))
    rounds = table(["round", "load average (1 min)", "two processes do (×)", "(a) s",
                    "(b) s", "(a)/(b)", "(a) CPU s", "(b) CPU s"],
                   [[i + 1, f"{avg:.1f}", f"{cap:.2f}", f"{ra.wall:.1f}", f"{rb.wall:.1f}",
                     f"{ra.wall / rb.wall:.2f}", f"{ra.cpu:.1f}", f"{rb.cpu:.1f}"]
                    for i, (avg, cap, ra, rb) in enumerate(zip(load, capacity, runs_a, runs_b,
                                                               strict=True))])
    lines = [table(["build", "wall s", "ms/page", "CPU s", "peak RSS MB", "note"], rows), "",
             f"Corpus: {args.pairs} pairs = {pages} pages (~400 words each). (a) and (b): "
             f"the best of {REPEAT} runs each, taking turns, each in a fresh process; CPU s is "
             "user + system time of the process and its workers.",
             f"**(a)/(b) = {paired:.2f}x** wall, the median of the rounds' ratios (target "
             f"≤ 0.7x); best (a) against best (b): {a.wall / b.wall:.2f}x; CPU "
             f"{a.cpu / b.cpu:.2f}x. Each round times (a) and (b) back to back, so its "
             "ratio is measured under the same conditions; the best runs of each may come "
             "from different moments of this shared machine.",
             "", "Each round first measures how much two CPU-bound processes get done at once "
             "on this machine (2.00 = two free cores). (a) renders kk and ru in two processes "
             "and gains from the second core only as much as the machine gives it; (b) uses "
             "one. The load average is this shared machine's at the start of the round.", "",
             rounds]
    if not args.no_phases:
        lines += ["", "Where (a)'s time goes: one more full build, in one process, kk then ru "
                  f"(`site_gen.build.build(parallel=False, incremental=False)`; load average "
                  f"{os.getloadavg()[0]:.1f} before it):", "",
                  phase_table(phases(content, root), b, pages)]
    if c:
        lines += ["", f"(c)/(a) = {c.wall / a.wall:.1f}x faster (target ≥ 5x)."]
    if latencies:
        lines.append(f"Edit latency target < 1 s: median {statistics.median(latencies):.2f} s.")
    if args.no_write:
        print("\n".join(lines))
    else:
        write_section("site_build", "Site build (kk + ru)", "\n".join(lines),
                      command=" ".join(["bench.site_build", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
