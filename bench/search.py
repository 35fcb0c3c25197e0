"""Search benchmark: Pagefind's index at archive scale, cold, in Chromium.

Run: ``.venv/bin/python -m bench.search [--pairs 10000] [--no-write]``.
Builds the corpus of bench/site_build.py (N pairs = 2N pages, ~400 words each) with
``site-gen build`` (no Material search_index.json: the site has none, site_gen/search.py),
serves the site on 127.0.0.1 and, for each query, opens a fresh Chromium context (an empty
cache: cold) and measures two readers:

* "at once": clicks into the search box and types the query straight away (the worst case:
  Pagefind starts loading on the click, so typing waits for it);
* "after reaching": the pointer comes over the box, which starts loading Pagefind (script,
  WebAssembly, every part's metadata; the time is reported), then the query is typed;
* "letter by letter": clicks and types one letter every 120 ms; the time runs from the
  last letter (the searches of the first letters run meanwhile, one at a time).

Times run from the keystroke (the input event, in the page) to the results on screen (the
list's answer attribute set by jarshy-search.js), split by phase from the browser's own
clocks: waiting for Pagefind to load, fetching the index chunks of the query, searching
(WebAssembly, all parts, merged), fetching the first ten results' fragments and showing
them. Bytes are everything the search fetched from the first touch of the box on
(Pagefind's own Web Worker's requests included). Also reports the index's build time per
language: the time between a publish's pages and its search (a full build writes the index
before the site is swapped in, so a reader never sees pages newer than their index).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import threading
import time
from pathlib import Path
from typing import Any

from bench.report import table, write_section
from bench.site_build import WORK, make_corpus

QUERIES = [("kk", "қауіпсіздік"), ("kk", "тұтын"), ("kk", "өндіріс"), ("kk", "жетістік"),
           ("ru", "безопасность"), ("ru", "потребител"), ("ru", "экономия"), ("ru", "опыт")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Injected by Playwright (not a page script: the CSP does not apply): the epoch milliseconds
# of the first and the last keystroke, of Pagefind loaded and of each text's answer.
MARKS = """
window.__jarshy = {};
const now = () => performance.timeOrigin + performance.now();
document.addEventListener("input", () => {
  window.__jarshy.typed ??= now();
  window.__jarshy.last = now();
}, true);
new MutationObserver((changes) => {
  for (const c of changes) {
    if (c.attributeName === "data-jarshy-loaded") window.__jarshy.loaded ??= now();
    if (c.attributeName === "data-jarshy-answered") {
      const text = c.target.getAttribute("data-jarshy-answered");
      (window.__jarshy.answers ??= {})[text] ??= now();
    }
  }
}).observe(document, {subtree: true, attributes: true,
                      attributeFilter: ["data-jarshy-loaded", "data-jarshy-answered"]});
"""
ANSWERED = ("q => document.querySelector('[data-jarshy-search]')"
            ".getAttribute('data-jarshy-answered') === q")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_site(pairs: int, root: Path) -> tuple[Path, dict[str, float]]:
    """Build the corpus as ``site-gen build`` does; return the site and its timings."""
    from site_gen.build import build

    content = make_corpus(pairs, root)
    out = root / "site"
    report = build(content, out, date="2026-11-23", repo=Path.cwd(), build_dir=root / "build")
    return out, dict(report.seconds)


def typed(browser: Any, base: str, lang: str, text: str) -> float:
    """Seconds from the last letter to the results, the query typed letter by letter (120 ms
    a letter) right after a click into the box: every letter starts or queues a search."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MARKS)
    page = context.new_page()
    page.goto(f"{base}{lang}/")
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text, delay=120)
    page.wait_for_function(ANSWERED, arg=text, timeout=60_000)
    marks = page.evaluate("() => window.__jarshy")
    context.close()
    return float(marks["answers"][text] - marks["last"]) / 1000


def query(browser: Any, base: str, lang: str, text: str, *, reach: bool) -> dict[str, float]:
    """One cold search; seconds of each phase, bytes, results (see the module docstring)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MARKS)
    page = context.new_page()
    page.goto(f"{base}{lang}/")
    page.wait_for_load_state("networkidle")
    done: list[Any] = []
    page.on("requestfinished", lambda r: done.append(r))
    box = page.locator("input.md-search__input")
    touched = page.evaluate("() => performance.timeOrigin + performance.now()")
    if reach:
        box.hover()
        page.wait_for_selector("[data-jarshy-loaded]", state="attached", timeout=60_000)
        box.click()
    else:
        box.click()
    box.fill(text)
    page.wait_for_function(ANSWERED, arg=text, timeout=60_000)
    marks = page.evaluate("() => window.__jarshy")
    found = page.locator(".md-search-result__item").count()
    meta = page.locator(".md-search-result__meta").text_content() or ""
    transferred = 0
    chunks = fragments = 0.0
    for request in done:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        timing = request.timing
        if request.url.endswith(".pf_index"):
            chunks = max(chunks, timing["startTime"] + timing["responseEnd"])
        elif request.url.endswith(".pf_fragment"):
            fragments = min(fragments or timing["startTime"], timing["startTime"])
    context.close()
    typed, loaded, answered = marks["typed"], marks["loaded"], marks["answers"][text]
    digits = "".join(c for c in meta if c.isdigit())  # "Табылған сәйкестіктер: 812"
    ready = max(typed, loaded)
    return {"first": (answered - typed) / 1000, "load": (ready - typed) / 1000,
            "preload": (loaded - touched) / 1000 if reach else 0.0,
            "chunks": max(0.0, chunks - ready) / 1000,
            "search": max(0.0, fragments - max(chunks, ready)) / 1000,
            "show": (answered - fragments) / 1000, "bytes": transferred,
            "results": int(digits) if digits else found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    root = WORK / "search"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    started = time.perf_counter()
    load_before = os.getloadavg()
    site, seconds = build_site(args.pairs, root)
    build_wall = time.perf_counter() - started
    pagefind = {lang: sum(f.stat().st_size for f in (site / lang / "pagefind").rglob("*")
                          if f.is_file()) for lang in ("kk", "ru")}
    parts = {lang: 1 + len(list((site / lang / "pagefind" / "part").glob("*")))
             for lang in ("kk", "ru")}
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    runs: dict[bool, list[tuple[str, str, dict[str, float]]]] = {False: [], True: []}
    letters: list[tuple[str, str, str]] = []
    loads = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=CHROMIUM_ARGS, headless=True)
            for lang, text in QUERIES:
                for reach in (False, True):
                    runs[reach].append((lang, text, query(browser, base, lang, text,
                                                          reach=reach)))
                letters.append((lang, text, f"{typed(browser, base, lang, text):.2f}"))
                loads.append(os.getloadavg()[0])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    body = ""
    for reach, title in ((False, "Typed at once (click, type)"),
                         (True, "Typed after reaching the box (pointer over it, then type)")):
        rows = [(lang, text, f"{m['first']:.2f}", f"{m['load']:.2f}", f"{m['chunks']:.2f}",
                 f"{m['search']:.2f}", f"{m['show']:.2f}", f"{m['bytes'] / 1e6:.2f}",
                 int(m["results"])) for lang, text, m in runs[reach]]
        firsts = [m["first"] for _, _, m in runs[reach]]
        sizes = [m["bytes"] / 1e6 for _, _, m in runs[reach]]
        body += f"**{title}**, a fresh browser context each (cold):\n\n"
        body += table(["lang", "query", "first results s", "waiting for Pagefind s",
                       "index chunks s", "search s", "fragments + list s", "MB", "results"],
                      rows)
        body += (f"\n\nMedian first results {statistics.median(firsts):.2f} s, slowest "
                 f"{max(firsts):.2f} s; median {statistics.median(sizes):.2f} MB per query, "
                 f"most {max(sizes):.2f} MB (targets: under 1 s, under 1 MB).")
        if reach:
            preload = [m["preload"] for _, _, m in runs[reach]]
            body += (f" Loading Pagefind when the pointer came over the box took "
                     f"{statistics.median(preload):.2f} s (median; slowest "
                     f"{max(preload):.2f} s): a reader who types sooner waits for the rest.")
        body += "\n\n"
    body += ("**Typed letter by letter** (120 ms a letter, right after a click into the "
             "box; each letter searches, or waits for the search under way), seconds from "
             "the last letter to the results:\n\n")
    body += table(["lang", "query", "first results s"], letters) + "\n\n"
    body += (f"Corpus: {args.pairs} pairs = {2 * args.pairs} pages (bench/site_build.py's "
             "generator). Times run from the keystroke to the results on screen; the phases "
             "are read from the browser's clocks, \"search\" is Pagefind's WebAssembly over "
             "all parts of the index and the merge.\n\n")
    body += table(["", "kk", "ru"], [
        ("Pagefind index build, s (after the pages; before the site is swapped in)",
         f"{seconds.get('search kk', 0):.1f}", f"{seconds.get('search ru', 0):.1f}"),
        ("Pages rendered by ProperDocs, s", f"{seconds.get('render kk', 0):.1f}",
         f"{seconds.get('render ru', 0):.1f}"),
        ("Parts of the index (site_gen.search.PART_PAGES pages each)", parts["kk"],
         parts["ru"]),
        ("Pagefind folder on disk, MB (a query fetches only some chunks)",
         f"{pagefind['kk'] / 1e6:.1f}", f"{pagefind['ru'] / 1e6:.1f}"),
    ])
    body += ("\n\nEvery query word is on nearly every page (the generator draws from 30 words), "
             "so each query ranks ~10,000 hits per 10,000 pages: the worst case. Load average "
             f"(1 min) on this shared 2-core machine: {load_before[0]:.1f} before the build, "
             f"{min(loads):.1f}–{max(loads):.1f} during the queries.")
    body += (f"\n\nWhole build {build_wall:.0f} s wall (corpus generation included). Material's "
             "search_index.json is no longer built (it was 143 MB for kk and 170 MB for ru at "
             "2×10,000 pages); the old Material search, measured by issue 14 on 2×4,000 "
             "pages: 58.6 MB transferred and 3.4 s to the first results.\n")
    if args.no_write:
        print(body)
    elif args.pairs == 10_000:
        write_section("search", "Search: Pagefind at archive scale", body)
    else:
        write_section(f"search-{args.pairs}", f"Search: Pagefind at 2×{args.pairs:,} pages",
                      body, command=f"bench.search --pairs {args.pairs}")


if __name__ == "__main__":
    main()
