"""The site's search index: Pagefind's chunked static index, one per language.

Where it sits: after ProperDocs has rendered one language into ``<site>/<lang>/``
(``site_gen.build.stage_and_render``, and the live preview in ``site_gen.serve``),
:func:`index_language` runs the Pagefind binary that the PyPI package ``pagefind[bin]``
ships inside its wheel (nothing is downloaded) over that folder. It writes
``<site>/<lang>/pagefind/``: a small entry file, the index split into chunks and the page
fragments; a browser fetches only the chunks a query needs (measured by bench/search.py).
Material's own ``search/search_index.json`` (the whole text of the site in one file,
57 MB at 2×4,000 pages) is removed: nothing reads it (themes/partials/search.html).

The readers' side is themes/assets/javascripts/jarshy-search.js: it answers what is typed
into Material's search box and fills Material's result list.

Languages (tests/site/test_search.py):

* kk: forced to ``kk`` so Pagefind does not guess from the text; Pagefind has no Kazakh
  stemmer, so words are indexed as written and found by their beginning (a prefix).
* ru: forced to ``ru``: Pagefind's Russian stemmer.
* both: Pagefind folds diacritics, so ё and е are one letter in the index and the query.

What is not indexed: the site's chrome (header, navigation, sidebars, footer, search box)
and the full text of articles printed on an issue's front page (``.jarshy-print-body``,
for the print edition): the front page is found by its own title and summaries, and does
not crowd the articles out of the results.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .content.model import Lang

OUTPUT = "pagefind"  # <site>/<lang>/pagefind/
# The chrome of every Material page, and the full articles printed on an issue's front page.
EXCLUDE = ", ".join([
    ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-banner",
    ".md-skip", ".md-dialog", ".md-top", ".headerlink", ".jarshy-print-body",
])
# Material's search plugin still runs (it puts the search box in the header); its index,
# the whole site's text in one file, is not published.
MATERIAL_INDEX = ("search/search_index.json", "search/search_index.js")


class SearchIndexFailed(Exception):
    """Pagefind could not index a language; the message holds its output."""


def index_language(site_dir: Path, lang: Lang, *, keep_material: bool = False) -> float:
    """Index the rendered pages in ``site_dir`` (one language); return the seconds taken.
    ``keep_material``: leave Material's index (the live preview updates it page by page)."""
    started = time.perf_counter()
    if not keep_material:
        for name in MATERIAL_INDEX:
            (site_dir / name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: something else is there; keep it
            (site_dir / "search").rmdir()
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", OUTPUT, "--force-language", lang,
               "--exclude-selectors", EXCLUDE, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexFailed(
            f"the search index of {site_dir} failed (Pagefind exit {done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[:2000]}; is pagefind[bin] installed "
            "(.venv/bin/pip install -e .)?")
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                   "pagefind-modular-ui.css", "pagefind-component-ui.js",
                   "pagefind-component-ui.css", "pagefind-highlight.js"):
        (site_dir / OUTPUT / unused).unlink(missing_ok=True)  # Pagefind's own UIs: unused
    return time.perf_counter() - started
