"""The site's search index: Pagefind's chunked static index, one per language, in parts.

Where it sits: after ProperDocs has rendered one language into ``<site>/<lang>/``
(``site_gen.build.stage_and_render``, and the live preview in ``site_gen.serve``),
:func:`index_language` runs the Pagefind binary that the PyPI package ``pagefind[bin]``
ships inside its wheel (nothing is downloaded) over that folder. It writes
``<site>/<lang>/pagefind/``: a small entry file, the index split into chunks and the page
fragments; a browser fetches only the chunks a query needs (measured by bench/search.py).
Material's search plugin is not run (site_gen/stage/config.py): its
``search/search_index.json``, the whole text of the site in one file, is not written.

Parts: Pagefind's search of one index takes time that grows with the number of matching
pages times the number of matching (word, page) pairs: at 10,000 pages, a word on every page
took 0.8–0.9 s of WebAssembly in Chromium, before anything was shown. So a language with
more than :data:`PART_PAGES` pages is indexed in parts of about that many pages each (a
page's part is fixed by a hash of its path, so the parts are alike and a page stays in its
part from build to build): ``pagefind/`` holds part 0 with Pagefind's script and
WebAssembly, ``pagefind/part/<n>/`` the others, and ``pagefind/jarshy-parts.json`` lists
them. The readers' script searches all parts and merges their results by score
(Pagefind's ``mergeIndex``); each part's work is a small square, so the whole is about
:data:`PART_PAGES` times smaller.

The readers' side is themes/assets/javascripts/jarshy-search.js: it answers what is typed
into Material's search box and fills Material's result list.

Languages (tests/site/test_search.py):

* kk: forced to ``kk`` so Pagefind does not guess from the text; Pagefind has no Kazakh
  stemmer, so words are indexed as written and found by their beginning (a prefix).
* ru: forced to ``ru``: Pagefind's Russian stemmer.
* both: Pagefind folds diacritics, so ё and е are one letter in the index and the query.

What is not indexed: the site's chrome (header, navigation, sidebars, footer, search box),
the full text of articles printed on an issue's front page (``.jarshy-print-body``, for
the print edition): the front page is found by its own title and summaries, and does not
crowd the articles out of the results; and an article's related items
(``.jarshy-related``): a word of their titles finds those items, not every article that
lists them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .content.model import Lang

OUTPUT = "pagefind"  # <site>/<lang>/pagefind/
PARTS = "part"  # <site>/<lang>/pagefind/part/<n>/: the parts after the first
PARTS_FILE = "jarshy-parts.json"  # <site>/<lang>/pagefind/jarshy-parts.json
PART_PAGES = 1000  # pages per part, about (bench/search.py: 2x10,000 pages)
# The chrome of every Material page, the paper-only copy of an issue's front page (its
# titles and summaries are on the screen part already; its full articles even more so),
# and an article's related items (their titles would make it a result for their words).
EXCLUDE = ", ".join([
    ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-banner",
    ".md-skip", ".md-dialog", ".md-top", ".headerlink", ".jarshy-print-edition",
    ".jarshy-print-body",
    ".jarshy-related",
])
# Where a page's own text is: Material's content column. Pagefind reads only inside it (the
# header, tabs, navigation and footer, a large part of every page, are not even walked),
# which finds the same words on the same pages as the whole page less EXCLUDE: only the
# anchors of the chrome's hidden inputs and config script drop out of the page records
# (tests/site/test_search_scope.py).
ROOT = ".md-content"  # "": the whole page
# Pagefind's own user interfaces (the readers' side is ours), and in the parts after the
# first its script and WebAssembly too (part 0's are loaded once for all parts).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
PART_UNUSED = ("pagefind.js", "pagefind-worker.js")


class SearchIndexFailed(Exception):
    """Pagefind could not index a language; the message holds its output."""


def part_count(pages: int) -> int:
    """How many parts an index of ``pages`` pages is written in (at least one)."""
    return max(1, -(-pages // PART_PAGES))


def part_of(page: str, parts: int) -> int:
    """The part a page (its path under the language folder, with ``/``) belongs to."""
    return int.from_bytes(hashlib.sha256(page.encode("utf-8")).digest()[:8], "big") % parts


def index_language(site_dir: Path, lang: Lang) -> float:
    """Index the rendered pages in ``site_dir`` (one language); return the seconds taken."""
    started = time.perf_counter()
    out = site_dir / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    pages = language_pages(site_dir)
    parts = part_count(len(pages))
    if parts == 1:
        index_part(site_dir, out, lang, 0)
    else:
        # Each part is a folder of hard links to its pages (the same path under the
        # folder, so the results' addresses are the site's); made next to the language
        # and removed at the end.
        with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir.parent) as tmp:
            for page in pages:
                link_page(site_dir / page, Path(tmp) / str(part_of(page, parts)) / page)
            # One after the other: Pagefind uses every core itself, and two at once were
            # slower here (15 s against 10 s for four parts of 1,000 pages).
            for n in range(parts):
                index_part(Path(tmp) / str(n), part_dir(out, n), lang, n)
    write_parts_file(out, parts)
    return time.perf_counter() - started


def language_pages(site_dir: Path) -> list[str]:
    """The pages of one rendered language: paths under ``site_dir`` with ``/``, sorted,
    the search index's own folder left out."""
    pages: list[str] = []
    for folder, dirs, names in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        if rel == ".":
            if OUTPUT in dirs:
                dirs.remove(OUTPUT)
            prefix = ""
        else:
            prefix = rel.replace(os.sep, "/") + "/"
        pages += [prefix + name for name in names if name.endswith(".html")]
    return sorted(pages)


def part_dir(out: Path, n: int) -> Path:
    """Where part ``n`` of the index in ``out`` (``<lang>/pagefind/``) is written."""
    return out / PARTS / str(n) if n else out


def index_part(pages: Path, out: Path, lang: Lang, n: int) -> None:
    """Write part ``n`` of an index into ``out`` from the folder ``pages`` (that part's
    pages only, at their paths under the language); the parts after the first keep
    neither Pagefind's script nor its WebAssembly (part 0's are loaded once for all)."""
    _pagefind(pages, out, lang)
    if n:
        for unused in PART_UNUSED:
            (out / unused).unlink(missing_ok=True)
        for wasm in out.glob("wasm.*.pagefind"):
            wasm.unlink()


def write_parts_file(out: Path, parts: int) -> None:
    """The list of the parts after the first, which the readers' script merges."""
    names = [f"{PARTS}/{n}/" for n in range(1, parts)]
    (out / PARTS_FILE).write_text(json.dumps({"parts": names}) + "\n", encoding="utf-8")


def parts_listed(out: Path) -> int | None:
    """How many parts the index in ``out`` has, from its part list; None without one."""
    try:
        listed = json.loads((out / PARTS_FILE).read_text(encoding="utf-8"))
        return 1 + len(listed["parts"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def indexed_pages(site_dir: Path) -> dict[str, str]:
    """What the index of one language holds: each page's address (from the language
    folder, as the results show it: ``news/x/``) and title, read back from Pagefind's page
    fragments (gzip, then Pagefind's signature, then JSON). For tests and checks."""
    pages: dict[str, str] = {}
    for fragment in sorted((site_dir / OUTPUT).glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        pages[str(record["url"]).lstrip("/")] = str(record.get("meta", {}).get("title", ""))
    return pages


def link_page(source: Path, target: Path) -> None:
    """A hard link to ``source`` at ``target`` (its folders made), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: a copy does as well
        shutil.copyfile(source, target)


def _binary() -> list[str]:
    """Pagefind's binary from its wheel, run directly (each part saves the start of a
    Python that would only look it up); else ``python -m pagefind``, which finds it too."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]  # no types
        return [str(get_executable())]
    except (ImportError, OSError):
        return [sys.executable, "-m", "pagefind"]


def _pagefind(site: Path, out: Path, lang: Lang) -> None:
    command = [*_binary(), "--site", str(site), "--output-path", str(out),
               "--force-language", lang, *(["--root-selector", ROOT] if ROOT else []),
               "--exclude-selectors", EXCLUDE, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexFailed(
            f"the search index of {site} failed (Pagefind exit {done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[:2000]}; is pagefind[bin] installed "
            "(.venv/bin/pip install -e .)?")
    for unused in UNUSED:
        (out / unused).unlink(missing_ok=True)
