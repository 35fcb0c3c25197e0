"""Search follows a push: the whole index written again against only the parts that changed.

Run: ``.venv/bin/python -m bench.search_follow [--pairs 2000] [--keep] [--no-write]``.
Builds the corpus of bench/site_build.py (N pairs) with ``site-gen build`` (its report gives
Pagefind's share of the full build: each language's index is written in the language's
worker, after its pages), then, one language at a time, on the live site:

* **edit**: one article page written again with a new paragraph, and the section page that
  lists its card (what a push of one changed item writes: measured with ``site-gen build``
  at 2,000 pairs, the item and its section page are the only pages whose bytes change);
* **addition**: a new article page, the last page of its section (the card is added there)
  and one article that lists it among its related items;
* both followed with ``site_gen.incremental_search.follow_language`` (only the parts
  holding those pages are indexed again);
* **whole**: the language indexed again as a full push did before (``follow`` without the
  changes: a linked copy of the language, every part), timed, and its index compared file
  by file with the one the part-by-part follows left: they must be the same bytes.

``--keep`` reuses the site of the last run at the same size (build/bench/search-follow-N).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import time
from pathlib import Path

from bench.report import table, write_section
from bench.site_build import WORK, make_corpus
from site_gen import incremental_search, search
from site_gen.content.model import Lang

LANGS: tuple[Lang, ...] = ("kk", "ru")
WORD = {"kk": "жаңалықбелгісі", "ru": "новаяотметка"}  # edit
ADDED = {"kk": "қосылғанбелгі", "ru": "добавленнаяметка"}  # addition


def build_site(pairs: int, root: Path, keep: bool) -> tuple[Path, dict[str, float], float]:
    """The corpus built as ``site-gen build`` does; its report's seconds and wall time."""
    from site_gen.build import build

    site = root / "site"
    if keep and (site / "kk" / search.OUTPUT / "pagefind-entry.json").is_file():
        return site, {}, 0.0
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    content = make_corpus(pairs, root)
    started = time.perf_counter()
    report = build(content, site, date="2026-11-23", repo=Path.cwd(), build_dir=root / "build")
    return site, dict(report.seconds), time.perf_counter() - started


def _rewrite(page: Path, word: str) -> None:
    """The page written anew (a new file, as a render writes), with ``word`` in it."""
    html = page.read_text(encoding="utf-8")
    page.unlink()
    page.write_text(html.replace("</h1>", f"</h1><p>{word}</p>", 1), encoding="utf-8")


def _lister(live: Path, section: str, page: str) -> str:
    """The section page whose cards link to ``page``."""
    slug = page.split("/")[1]
    for candidate in search.language_pages(live):
        if candidate.startswith(f"{section}/") and candidate.count("/") in (1, 3) and \
                f"{slug}/" in (live / candidate).read_text(encoding="utf-8"):
            return candidate
    return f"{section}/index.html"


def follow_one(site: Path, lang: Lang) -> dict[str, object]:
    live = site / lang
    pages = search.language_pages(live)
    articles = [p for p in pages if p.count("/") == 2 and "/page/" not in p
                and p.split("/")[0] != "newspaper"]
    section = articles[0].split("/")[0]
    edited = articles[len(articles) // 2]
    lister = _lister(live, edited.split("/")[0], edited)
    _rewrite(live / edited, WORD[lang])
    _rewrite(live / lister, "")
    edit = incremental_search.follow_language(site, lang, {edited, lister}, set())
    added = f"{section}/2026-11-23-bench-follow/index.html"
    (live / added).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(live / articles[0], live / added)
    _rewrite(live / added, ADDED[lang])
    lasts = sorted((p for p in pages if p.startswith(f"{section}/page/")),
                   key=lambda p: int(p.split("/")[2]))
    last = lasts[-1] if lasts else f"{section}/index.html"
    _rewrite(live / last, "")
    _rewrite(live / articles[1], "")
    addition = incremental_search.follow_language(site, lang, {added, last, articles[1]}, set())
    followed = live / search.OUTPUT
    kept = site.with_name(f".{site.name}.followed-{lang}")
    shutil.rmtree(kept, ignore_errors=True)
    incremental_search.link_tree(followed, kept)
    started = time.perf_counter()
    incremental_search.follow(site, [lang])
    whole = time.perf_counter() - started
    same = _same(kept, followed)
    shutil.rmtree(kept, ignore_errors=True)
    return {"pages": len(pages) + 1, "parts": edit.of, "whole": whole,
            "edit": edit, "addition": addition, "same": same}


def _same(a: Path, b: Path) -> bool:
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    left, right = files(a), files(b)
    return left.keys() == right.keys() and all(
        filecmp.cmp(left[k], right[k], shallow=False) for k in left)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    root = WORK / f"search-follow-{args.pairs}"
    load_before = os.getloadavg()[0]
    site, seconds, wall = build_site(args.pairs, root, args.keep)
    results = {}
    loads = []
    for lang in LANGS:
        results[lang] = follow_one(site, lang)
        loads.append(os.getloadavg()[0])
    rows = []
    for lang, r in results.items():
        edit, addition = r["edit"], r["addition"]
        assert isinstance(edit, incremental_search.Followed)
        assert isinstance(addition, incremental_search.Followed)
        rows.append((lang, r["pages"], r["parts"], f"{r['whole']:.1f}",
                     f"{len(edit.parts)}", f"{edit.seconds:.2f}",
                     addition.whole or f"{len(addition.parts)}", f"{addition.seconds:.2f}",
                     "yes" if r["same"] else "**NO**"))
    body = table(["lang", "pages", "parts", "whole index s", "edit: parts", "edit s",
                  "addition: parts", "addition s", "same bytes as whole"], rows)
    body += (f"\n\nCorpus: {args.pairs:,} pairs (bench/site_build.py's generator). \"whole "
             "index\" is what every push paid before (`follow` without the changes: a linked "
             "copy of the language, Pagefind over every part); \"edit\" and \"addition\" are "
             "`follow_language` given the pages that push writes (see the module docstring): "
             "Pagefind over the parts holding them only, then the new files moved in. A "
             "language is followed on its own here; a build follows kk and ru at once (two "
             "Pagefind processes on the 2 cores). Load average (1 min) on this shared 2-core "
             f"machine: {load_before:.1f} before, {min(loads):.1f}–{max(loads):.1f} during "
             "the follows.")
    if seconds:
        share = (seconds.get("search kk", 0) + seconds.get("search ru", 0)) / (
            seconds.get("render kk", 0) + seconds.get("render ru", 0)
            + seconds.get("stage kk", 0) + seconds.get("stage ru", 0)
            + seconds.get("search kk", 0) + seconds.get("search ru", 0))
        body += (f"\n\nThe full build of the corpus: {wall:.0f} s wall; Pagefind "
                 f"{seconds.get('search kk', 0):.1f} s (kk) and "
                 f"{seconds.get('search ru', 0):.1f} s (ru) in the two language workers, "
                 f"{share:.0%} of the workers' stage + render + search time.")
    body += "\n"
    if args.no_write:
        print(body)
    else:
        write_section(f"search-follow-{args.pairs}",
                      f"Search follows a push: whole index against changed parts, "
                      f"{args.pairs:,} pairs", body,
                      command=f"bench.search_follow --pairs {args.pairs}")


if __name__ == "__main__":
    main()
