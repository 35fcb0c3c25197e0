"""What Pagefind reads of a page: only Material's content column (site_gen.search.ROOT).

Reading the whole page less the chrome (site_gen.search.EXCLUDE) finds the same words on the
same pages: the index's word chunks are the same bytes, every page is in it, and each page's
record (title, text, excerpt source, headings) is the same; only the anchors Pagefind took
from the chrome (Material's hidden inputs and its config script, no text) are gone. Every
kind of page of the example site is checked: home, sections, issues, articles, screens,
letters, 404.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from site_gen import search

# Material's hidden inputs (drawer, search) and its config script: outside the column.
CHROME_ANCHORS = {"__drawer", "__search", "__config"}


def _records(index: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for fragment in index.glob("**/fragment/*.pf_fragment"):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record
    return found


def _chunks(index: Path) -> dict[str, bytes]:
    return {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*.pf_index")}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_content_column_gives_what_the_whole_page_gave(
        built_site: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    indexes = {}
    content = search.ROOT
    for root in (content, ""):
        site = tmp_path / (root or "whole") / lang
        shutil.copytree(built_site / lang, site, ignore=shutil.ignore_patterns(search.OUTPUT))
        monkeypatch.setattr(search, "ROOT", root)
        search.index_language(site, lang)  # type: ignore[arg-type]  # "kk" or "ru"
        indexes[root] = site / search.OUTPUT
    column, whole = indexes[content], indexes[""]
    assert content == ".md-content"
    assert _chunks(column) == _chunks(whole)  # the same words on the same pages, same scores
    pages = search.language_pages(column.parent)
    records, before = _records(column), _records(whole)
    assert len(records) == len(pages) > 20  # every page, none lost for want of a column
    assert records.keys() == before.keys()
    for url, record in before.items():
        kept = [a for a in record["anchors"] if a["id"] not in CHROME_ANCHORS]
        assert records[url] == {**record, "anchors": kept}, url
