"""Site build benchmark: Jarshy against plain mkdocs-material, mkdocs-static-i18n and Hugo.

Run: ``.venv/bin/python -m bench.site_build [--pairs 1000] [--edits 5] [--skip-i18n]``.
Generates a bilingual corpus (N pairs, ~400 words each, headings, lists, tables, links,
« » quotes) under ``build/bench/``, then builds it, each in a fresh process, with:

(a) ``site-gen build`` (kk and ru in parallel processes);
(b) plain mkdocs-material: the same 2N pages in one project with a small nav;
(c) mkdocs-static-i18n 1.3.1 with its documented default setup (suffix structure, the
    theme's default full navigation), installed only in a throw-away venv under
    ``build/bench/i18n-venv`` (created here when missing; its custom_dir holds
    only our ``partials/languages/kk.html``: Material crashes on ``language: kk``
    without it);
(d) Hugo, when ``hugo`` is on the PATH;
(e) the live preview: an edit of one item saved, ``Preview.rebuild()`` timed until the
    page on disk has it (median of ``--edits`` edits).

Reports wall time, ms per page and the peak RSS of the largest process of each run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def timed(*cmds: list[str], repeat: int | None = None) -> list[tuple[float, float]]:
    """For each command: best wall seconds of ``repeat`` runs and the peak RSS (MB) of its
    largest process. The commands take turns (a, b, a, b, …), so a slow spell of this
    shared machine falls on both and their ratio stays fair."""
    runs: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(repeat or REPEAT):
        for i, cmd in enumerate(cmds):
            runs[i].append(_timed_once(cmd, REPO))
    return [(min(w for w, _ in r), max(m for _, m in r)) for r in runs]


def _timed_once(cmd: list[str], cwd: Path) -> tuple[float, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JARSHY_TODAY="2026-11-23")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


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
    args = parser.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    root = WORK
    root.mkdir(parents=True, exist_ok=True)
    content = make_corpus(args.pairs, root)
    pages = 2 * args.pairs
    rows: list[list[object]] = []

    def row(name: str, wall: float, rss: float, note: str = "") -> None:
        rows.append([name, f"{wall:.1f}", f"{1000 * wall / pages:.1f}", f"{rss:.0f}", note])
        print(f"{name}: {wall:.1f} s, {rss:.0f} MB", flush=True)

    proj = plain_project(content, root)
    (wall_a, rss_a), (wall_b, rss_b) = timed(
        [PY, "-m", "site_gen.cli", "build", "--content", str(content),
         "--out", str(root / "site-jarshy"), "--stage-dir", str(root / "stage")],
        [PY, "-m", "mkdocs", "build", "-q", "-f", str(proj / "mkdocs.yml")])
    row("(a) Jarshy `site-gen build` (kk ‖ ru)", wall_a, rss_a)
    row("(b) plain mkdocs-material, one project, small nav", wall_b, rss_b)
    wall_c = None
    if not args.skip_i18n:
        py = i18n_python(root)
        if py is None:
            rows.append(["(c) mkdocs-static-i18n", "—", "—", "—", "could not be installed"])
        else:
            proj = i18n_project(content, root)
            [(wall_c, rss_c)] = timed([str(py), "-m", "mkdocs", "build", "-q", "-f",
                                       str(proj / "mkdocs.yml")], repeat=1)
            row("(c) mkdocs-static-i18n 1.3.1, default full nav", wall_c, rss_c)
    if shutil.which("hugo"):
        rows.append(["(d) Hugo", "—", "—", "—", "present but not wired in this version"])
    else:
        rows.append(["(d) Hugo", "—", "—", "—", "`hugo` not installed on this machine"])
    latencies, initial = edit_latency(content, root, args.edits)
    rows.append(["(e) `site-gen serve`: one saved edit → page on disk (median)",
                 f"{statistics.median(latencies):.2f}", "—", "—",
                 f"max {max(latencies):.2f} s over {len(latencies)} edits; "
                 f"first full preview build {initial:.1f} s"])
    ratio_b = wall_a / wall_b
    lines = [table(["build", "wall s", "ms/page", "peak RSS MB", "note"], rows), "",
             f"Corpus: {args.pairs} pairs = {pages} pages (~400 words each); (a) and (b): best "
             f"of {REPEAT} runs each, taking turns, each in a fresh process; (c): one run. "
             "The machine's 2 cores are shared with other work, so treat ratios as "
             "indicative.",
             f"(a)/(b) = {ratio_b:.2f}x (target ≤ 0.7x)."]
    if wall_c:
        lines.append(f"(c)/(a) = {wall_c / wall_a:.1f}x faster (target ≥ 5x).")
    lines.append(f"Edit latency target < 1 s: median {statistics.median(latencies):.2f} s.")
    write_section("site_build", "Site build (kk + ru)", "\n".join(lines))


if __name__ == "__main__":
    main()
