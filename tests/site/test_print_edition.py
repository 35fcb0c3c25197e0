"""The print edition of the example's newest issue, printed by headless Chromium, read back
with poppler (pdfinfo, pdftotext): at most 8 A4 pages in kk and ru, every article's whole
text in it, two columns, sections flowing one after another, a running head with the
paper's name, the issue and its date from page 2 on, and "N / M" under every page. The
print CSS, seen by Chromium with print media, scales pictures to their column."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from site_gen.content import check
from site_gen.content.markup import safe_html
from site_gen.content.model import ContentSet, Item, Lang
from site_gen.newspaper import labels
from site_gen.newspaper.printbody import EXTENSIONS
from site_gen.newspaper.printing import find_chromium, issue_page, print_to_pdf

REPO = Path(__file__).resolve().parents[2]
MAX_PAGES = 8

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@cache
def example() -> ContentSet:
    content, _, _ = check(REPO / "content")
    return content


def newest_issue() -> int:
    return max(i.number for i in example().issues)


def issue_items(lang: Lang) -> list[Item]:
    number = newest_issue()
    return [i for i in example().items if i.issue == number and lang in i.versions]


@pytest.fixture(scope="module")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    out = tmp_path_factory.mktemp("print")
    number = newest_issue()
    return {lang: print_to_pdf(issue_page(built_site, lang, number),
                               out / f"issue-{number}-{lang}.pdf", find_chromium())
            for lang in ("kk", "ru")}


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found, info
    return int(found[1])


HEAD_PT = 16 / 25.4 * 72  # print.css: @page margin 16mm at the top, 14mm at the bottom
FOOT_PT = 14 / 25.4 * 72
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")


@dataclass(frozen=True)
class Page:
    """One printed page's words: in the top margin, in the bottom margin, and between."""

    head: str
    body: str  # line by line, "\n" between lines
    foot: str
    lines: list[tuple[float, float, float, str]]  # body lines: left, right, top, text
    width: float


@cache
def read_pdf(pdf: Path) -> list[Page]:
    """The pages of ``pdf`` as poppler reads them (reading order, with word boxes)."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in layout.split("<page ")[1:]:
        size = re.search(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size, chunk[:200]
        width, height = float(size[1]), float(size[2])
        parts: dict[str, list[str]] = {"head": [], "body": [], "foot": []}
        lines: list[tuple[float, float, float, str]] = []
        for line in chunk.split("<line ")[1:]:
            words = _WORD.findall(line)
            if not words:
                continue
            y0, y1 = float(words[0][1]), float(words[0][3])
            where = ("head" if y1 <= HEAD_PT + 2 else  # 2 pt: a word's box has leading
                     "foot" if y0 >= height - FOOT_PT - 2 else "body")
            text = " ".join(html.unescape(w[4]) for w in words)
            parts[where].append(text)
            if where == "body":
                lines.append((float(words[0][0]), max(float(w[2]) for w in words), y0, text))
        pages.append(Page(head="\n".join(parts["head"]), body="\n".join(parts["body"]),
                          foot="\n".join(parts["foot"]), lines=lines, width=width))
    return pages


def squeeze(text: str) -> str:
    """Text without spacing, hyphens and case, to compare across line and column ends
    (a word broken at a line end keeps its hyphen there, and poppler joins the halves)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\s\-\u2010\u2011]+", "", text).casefold()


class _Blocks(HTMLParser):
    """The text of each paragraph, list item, heading and table cell of an HTML body."""

    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
              "figcaption", "blockquote"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.headings: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.BLOCKS:
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self._open:
            text = "".join(self._open.pop())
            if text.strip():
                self.blocks.append(text)
                if tag[0] == "h" and tag[1:].isdigit():
                    self.headings.append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)


def body_blocks(markdown: str) -> list[str]:
    parser = _Blocks()
    parser.feed(safe_html(markdown, EXTENSIONS))
    return parser.blocks


def body_headings(markdown: str) -> list[str]:
    parser = _Blocks()
    parser.feed(safe_html(markdown, EXTENSIONS))
    return parser.headings


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_newest_issue_fits_in_eight_a4_pages(printed: dict[Lang, Path], lang: Lang) -> None:
    pdf = printed[lang]
    assert 1 < pages_of(pdf) <= MAX_PAGES
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.28) < 2 and abs(float(size[2]) - 841.89) < 2


class Printed:
    """A PDF's body text, squeezed, with the offsets where its lines end."""

    def __init__(self, lines: list[str]) -> None:
        self.text = ""
        self.ends: set[int] = {0}
        for line in lines:
            self.text += squeeze(line)
            self.ends.add(len(self.text))

    def _at(self, part: str, *, ending: bool) -> bool:
        start = self.text.find(part)
        while start >= 0:
            if (start + len(part) if ending else start) in self.ends:
                return True
            start = self.text.find(part, start + 1)
        return False

    def has(self, block: str) -> bool:
        """``block`` is printed in one run, or broken once at a line end (a column or page
        end, where poppler may read a spanning table or section title in between): its
        first part ends a line, the rest starts one."""
        if squeeze(block) in self.text:
            return True
        words = block.split()
        return any(self._at(squeeze(" ".join(words[:k])), ending=True)
                   and self._at(squeeze(" ".join(words[k:])), ending=False)
                   for k in range(1, len(words)))

    def has_words(self, cell: str) -> bool:
        """Every word of a table ``cell``: poppler reads a table in its own order (rows
        line by line across cells, a repeated header between), so order is not checked."""
        return all(squeeze(word) in self.text
                   for word in re.split(r"[\s\-]+", cell) if word)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_article_is_printed_whole(printed: dict[Lang, Path], lang: Lang) -> None:
    printed_text = Printed([line for p in read_pdf(printed[lang])
                            for line in p.body.split("\n")])
    items = issue_items(lang)
    assert len(items) >= 10
    missing = []
    for item in items:
        v = item.versions[lang]
        wanted = [v.title, v.summary or "", *body_blocks(v.body)]
        missing += [f"{item.key}: {w[:60]!r}" for w in wanted
                    if w.strip() and not printed_text.has(w)]
        event = v.event or item.event
        if event is not None:  # the meeting's action plan prints under its article
            missing += [f"{item.key}: plan row {row.task!r}" for row in event.action_plan
                        if not printed_text.has_words(f"{row.task} {row.responsible}")]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_page_is_numbered_n_of_m(printed: dict[Lang, Path], lang: Lang) -> None:
    pages = read_pdf(printed[lang])
    assert len(pages) == pages_of(printed[lang])
    for n, page in enumerate(pages, start=1):
        assert re.fullmatch(rf"{n}\s*/\s*{len(pages)}", page.foot.strip()), (n, page.foot)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_running_head_names_the_paper_the_issue_and_the_date(
        printed: dict[Lang, Path], lang: Lang) -> None:
    number = newest_issue()
    meta = example().issue(number)
    assert meta is not None
    company = example().settings.company[lang]
    wanted = (labels.word("newspaper", lang), company, labels.issue_title(number, lang),
              labels.long_date(meta.date, lang))
    pages = read_pdf(printed[lang])
    assert squeeze(pages[0].head) == ""  # page 1 has the masthead instead
    for n, page in enumerate(pages[1:], start=2):
        for words in wanted:
            assert squeeze(words) in squeeze(page.head), (n, words, page.head)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_sections_flow_without_a_page_each(printed: dict[Lang, Path], lang: Lang) -> None:
    texts = [squeeze(p.body) for p in read_pdf(printed[lang])]
    sections = {i.section for i in issue_items(lang)}
    names = [squeeze(labels.section_name(s, lang)) for s in sections]
    assert len(texts) < len(sections)  # a page per section would need more
    shared = [n for n, text in enumerate(texts, 1) if sum(name in text for name in names) >= 2]
    assert shared, "no page holds the end of one section and the start of the next"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pages_after_the_first_are_set_in_two_columns(
        printed: dict[Lang, Path], lang: Lang) -> None:
    for n, page in enumerate(read_pdf(printed[lang])[1:], start=2):
        left = sum(1 for x0, x1, _, _ in page.lines if x1 < page.width / 2)
        right = sum(1 for x0, x1, _, _ in page.lines if x0 > page.width / 2)
        assert left >= 5 and right >= 5, (n, left, right)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_column_ends_with_a_headline(printed: dict[Lang, Path], lang: Lang) -> None:
    """A headline (an article's title, a subheading, a section title) is kept with the text
    under it: the last line of a column is never the end of one."""
    heads = [squeeze(labels.section_name(s, lang)) for s in {i.section for i in issue_items(lang)}]
    for item in issue_items(lang):
        v = item.versions[lang]
        heads += [squeeze(h) for h in (v.title, *body_headings(v.body))]
    pages = read_pdf(printed[lang])
    for n, page in enumerate(pages[:-1], start=1):  # the last page may end anywhere
        for side in ("left", "right"):
            column = [(y0, text) for x0, x1, y0, text in page.lines
                      if (x1 < page.width / 2 if side == "left" else x0 > page.width / 2)]
            if not column:
                continue
            last = squeeze(max(column)[1])
            assert not any(h.endswith(last) for h in heads if len(last) > 3), (
                n, side, max(column)[1])


def test_pictures_are_scaled_to_their_column(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 px per inch
    page.emulate_media(media="print")
    page.goto(f"{site_url}kk/newspaper/{newest_issue()}/")
    page.wait_for_load_state("load")
    columns = page.eval_on_selector_all(
        ".jarshy-section__articles", "els => els.map(e => getComputedStyle(e).columnCount)")
    assert columns and set(columns) == {"2"}
    assert page.eval_on_selector_all(
        ".jarshy-section", "els => els.map(e => getComputedStyle(e).breakBefore)") \
        == ["auto"] * len(columns)
    sizes = page.eval_on_selector_all(
        ".jarshy-section__articles img",
        "els => els.map(e => [e.getBoundingClientRect().width,"
        " e.closest('.jarshy-card').getBoundingClientRect().width, e.naturalWidth])")
    assert len(sizes) >= 3
    for width, column, _ in sizes:
        assert 0 < width <= column + 0.5, (width, column)
    assert any(natural > column for _, column, natural in sizes)  # so scaling was needed
