"""Charts for reports: a small table → an inline SVG string, drawn at build time.

Where it sits: Markdown pages (through the ``chart`` fence of the Markdown extension at
the bottom of this module, loaded by MkDocs as ``site_gen.charts``) and the editorial
period report call :func:`bar_chart` / :func:`line_chart`. Matplotlib draws with its
SVG backend; text is written as paths (DejaVu Sans ships with matplotlib and has every
Kazakh letter), so the page needs no font, no script and no network. Numbers on the
axes are formatted for the page's language by Babel (``12 345,5`` in kk and ru).

An editor writes, in ``x.kk.md``::

    ```chart
    type: bar                # bar | line
    title: Ажыратулар саны
    x: Ай                    # axis labels, in the file's language
    y: Ажыратулар
    data: |
      Ай;2025;2026
      Қаңтар;12;9,5
    ```

``data`` is CSV (``,`` or ``;`` between cells; with ``;`` a decimal comma works) or a
YAML list of rows (the first is the header) or of mappings. Column one holds the
categories, every other column is a series.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from babel.numbers import format_decimal
from markdown import Extension, Markdown  # type: ignore[import-untyped]  # ships no types
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from .content.markup import store_trusted

log = logging.getLogger("mkdocs.plugins.site_gen.charts")

KINDS: tuple[str, ...] = ("bar", "line")
LANGS: tuple[str, ...] = ("kk", "ru")
MAX_CATEGORIES = 60
MAX_SERIES = 8
PALETTE: tuple[str, ...] = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828",
                            "#00838f", "#5d4037", "#546e7a")
_RC: dict[Any, Any] = {"svg.fonttype": "path", "svg.hashsalt": "jarshy",
                       "font.family": "DejaVu Sans", "font.size": 10.0}
# rcParams are process-global; kk and ru pages may render in parallel threads.
_LOCK = threading.Lock()


class ChartError(ValueError):
    """A chart block an editor must fix: what, where (line within the block) and how."""

    def __init__(self, message: str, hint: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


@dataclass(frozen=True, slots=True)
class ChartSpec:
    kind: str
    title: str
    x_label: str
    y_label: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]


Series = Mapping[str, Sequence[float]] | Sequence[float]


def bar_chart(categories: Sequence[str], series: Series, *, lang: str, title: str = "",
              x_label: str = "", y_label: str = "", width: float = 640,
              height: float = 360) -> str:
    """A grouped bar chart as an inline ``<svg>`` string (one bar group per category)."""
    spec = ChartSpec("bar", title, x_label, y_label, tuple(categories), _series(series))
    return render_svg(spec, lang, width=width, height=height)


def line_chart(categories: Sequence[str], series: Series, *, lang: str, title: str = "",
               x_label: str = "", y_label: str = "", width: float = 640,
               height: float = 360) -> str:
    """A line chart (one line per series) as an inline ``<svg>`` string."""
    spec = ChartSpec("line", title, x_label, y_label, tuple(categories), _series(series))
    return render_svg(spec, lang, width=width, height=height)


def _series(series: Series) -> tuple[tuple[str, tuple[float, ...]], ...]:
    if isinstance(series, Mapping):
        return tuple((str(k), tuple(float(v) for v in vs)) for k, vs in series.items())
    return (("", tuple(float(v) for v in series)),)


def number(value: float, lang: str) -> str:
    """``value`` written as people write numbers in ``lang`` (CLDR through Babel)."""
    return str(format_decimal(value, locale=lang))


def render_svg(spec: ChartSpec, lang: str, *, width: float = 640, height: float = 360) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}'; expected one of {', '.join(LANGS)}")
    _check_shape(spec)
    # matplotlib takes over half a second to import: only a page with a chart pays for it
    # (every MkDocs worker loads this module as a Markdown extension).
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = Figure(figsize=(width / 100, height / 100), dpi=100)
    ax = fig.add_subplot()
    n = len(spec.categories)
    positions = list(range(n))
    several = len(spec.series) > 1
    if spec.kind == "bar":
        group = 0.8 / len(spec.series)
        for i, (name, values) in enumerate(spec.series):
            xs = [p - 0.4 + group * (i + 0.5) for p in positions]
            bars = ax.bar(xs, values, group * 0.92, label=name or None,
                          color=PALETTE[i % len(PALETTE)])
            if n * len(spec.series) <= 24:
                ax.bar_label(bars, labels=[number(v, lang) for v in values], padding=2,
                             fontsize=8)
        ax.margins(y=0.12)
    else:
        for i, (name, values) in enumerate(spec.series):
            ax.plot(positions, values, marker="o", linewidth=2, label=name or None,
                    color=PALETTE[i % len(PALETTE)])
    ax.set_xticks(positions, list(spec.categories),
                  rotation=30 if n > 6 else 0, ha="right" if n > 6 else "center")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, lang)))
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if spec.x_label:
        ax.set_xlabel(spec.x_label)
    if spec.y_label:
        ax.set_ylabel(spec.y_label)
    if spec.title:
        ax.set_title(spec.title, fontsize=12, fontweight="bold")
    if several:
        ax.legend(frameon=False)
    fig.tight_layout()
    out = io.StringIO()
    with _LOCK, matplotlib.rc_context(_RC):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    key = repr((spec, lang, width, height)).encode()
    return _inline(out.getvalue(), "c" + hashlib.sha1(key).hexdigest()[:8] + "-",
                   spec.title or spec.y_label)


def _check_shape(spec: ChartSpec) -> None:
    if spec.kind not in KINDS:
        raise ChartError(f"unknown chart type '{spec.kind}'", "write type: bar or type: line")
    if not spec.categories:
        raise ChartError("the chart has no rows", "add at least one row under data:")
    if len(spec.categories) > MAX_CATEGORIES:
        raise ChartError(f"{len(spec.categories)} rows is too many for one chart",
                         f"keep it to {MAX_CATEGORIES} or split it")
    if not spec.series:
        raise ChartError("the chart has no number column", "add a column of numbers")
    if len(spec.series) > MAX_SERIES:
        raise ChartError(f"{len(spec.series)} number columns is too many",
                         f"keep it to {MAX_SERIES}")
    for name, values in spec.series:
        if len(values) != len(spec.categories):
            raise ChartError(f"series '{name}' has {len(values)} values for "
                             f"{len(spec.categories)} categories", "give one value per row")


_ID = re.compile(r'(id="|url\(#|href="#)([^")]+)')


def _inline(svg: str, prefix: str, label: str) -> str:
    """Fit matplotlib's SVG document for inlining: no prolog, unique ids, scalable, titled."""
    svg = svg[svg.index("<svg"):]
    # Keep matplotlib's <!-- text --> comments beside each drawn label (view source shows
    # the words); drop its credits and RDF metadata.
    svg = re.sub(r"<!-- Created with .*?-->|<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's stylesheet says "*{...}": inline, that would reach the whole page.
    svg = svg.replace("*{stroke-", ".jarshy-chart-svg *{stroke-")
    ids = set(re.findall(r'id="([^"]+)"', svg))
    svg = _ID.sub(lambda m: m.group(1) + prefix + m.group(2) if m.group(2) in ids
                  else m.group(0), svg)
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                 r'<svg\1 class="jarshy-chart-svg" role="img" '
                 r'width="100%" style="max-width:48rem;height:auto"', svg, count=1)
    head_end = svg.index(">") + 1
    title = f"<title>{html.escape(label)}</title>" if label else ""
    return svg[:head_end] + title + svg[head_end:].strip() + "\n"


# ---- the ``chart`` block: parsing --------------------------------------------------------


def parse_chart(source: str) -> ChartSpec:
    """Read the body of a ``chart`` block; :class:`ChartError` says what and where."""
    try:
        doc = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ChartError("the chart block is not valid YAML",
                         "write key: value lines (type, title, x, y, data)", line) from None
    if not isinstance(doc, dict):
        raise ChartError("the chart block must be key: value lines",
                         "start with type: bar or type: line")
    lines = {k: _line_of(source, str(k)) for k in doc}
    unknown = sorted(str(k) for k in doc if k not in ("type", "title", "x", "y", "data"))
    if unknown:
        raise ChartError(f"unknown key '{unknown[0]}'", "use type, title, x, y and data",
                         lines[unknown[0]])
    kind = str(doc.get("type", "")).strip()
    if kind not in KINDS:
        raise ChartError(f"unknown chart type '{kind}'" if kind else "the chart has no type",
                         "write type: bar or type: line", lines.get("type", 1))
    data = doc.get("data")
    data_line = lines.get("data", 1)
    if isinstance(data, str):
        header, rows = _csv_rows(data, data_line)
    elif isinstance(data, list) and data:
        header, rows = _yaml_rows(data, data_line)
    else:
        raise ChartError("the chart has no data", "add data: with a CSV table or a list of rows",
                         data_line)
    if len(header) < 2:
        raise ChartError("the table needs a category column and at least one number column",
                         "write a header like: Ай;2025;2026", data_line + 1)
    categories = tuple(row[0] for row in rows)
    series: list[tuple[str, tuple[float, ...]]] = []
    for col, name in enumerate(header[1:], start=1):
        values = []
        for r, row in enumerate(rows):
            cell = row[col] if col < len(row) else ""
            values.append(_number(cell, name, data_line + 2 + r))
        series.append((name, tuple(values)))
    spec = ChartSpec(kind, _text(doc.get("title")), _text(doc.get("x")), _text(doc.get("y")),
                     categories, tuple(series))
    try:
        _check_shape(spec)
    except ChartError as exc:
        exc.line = data_line
        raise
    return spec


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _line_of(source: str, key: str) -> int:
    for n, line in enumerate(source.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return n
    return 1


def _csv_rows(text: str, line: int) -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        raise ChartError("the data table is empty", "add a header row and data rows", line)
    delimiter = ";" if ";" in lines[0] else ","
    rows = [[c.strip() for c in row] for row in csv.reader(lines, delimiter=delimiter)]
    return rows[0], rows[1:]


def _yaml_rows(data: list[Any], line: int) -> tuple[list[str], list[list[str]]]:
    if all(isinstance(r, dict) for r in data):
        header = [str(k) for k in data[0]]
        return header, [[_cell(r.get(h, r.get(_maybe_int(h)))) for h in header] for r in data]
    if all(isinstance(r, list) for r in data):
        return [_cell(c) for c in data[0]], [[_cell(c) for c in r] for r in data[1:]]
    raise ChartError("data rows must all be lists or all be mappings",
                     "write - [Қаңтар, 12, 9] or - {Ай: Қаңтар, 2026: 9}", line)


def _maybe_int(key: str) -> object:
    return int(key) if key.isdigit() else key


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _number(cell: str, column: str, line: int) -> float:
    text = cell.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ChartError(f"'{cell}' in column '{column}' is not a number",
                         "write numbers like 12 or 12,5 (use ; between cells)", line) from None


def chart_html(source: str, lang: str) -> str:
    """The HTML for one ``chart`` block: a full-width figure holding the SVG (whose title,
    drawn above the plot, is also its accessible name)."""
    svg = render_svg(parse_chart(source), lang)
    return f'<figure class="jarshy-chart" style="width:100%;margin:1em 0">{svg}</figure>'


# ---- the ``chart`` block: Python-Markdown extension -------------------------------------

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")


def find_charts(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, body)`` of every top-level ``chart`` fence; ``end`` is the closing line
    (``len(lines)`` when the fence is never closed). Other fenced blocks are skipped whole,
    so a chart shown as an example inside a code block stays code."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group("fence")
        info = m.group("info").split()
        j = i + 1
        while j < len(lines):
            close = _FENCE.match(lines[j])
            if (close and close.group("fence")[0] == fence[0]
                    and len(close.group("fence")) >= len(fence) and not close.group("info")):
                break
            j += 1
        if info and info[0].lstrip(".{").rstrip("}") == "chart":
            found.append((i, j, "\n".join(lines[i + 1:j])))
        i = j + 1
    return found


def check_markdown(body: str) -> list[ChartError]:
    """Every problem in the chart blocks of a Markdown body; ``line`` is 1-based in the body
    (for ``site-gen check``: add the file's body offset)."""
    lines = body.splitlines()
    problems: list[ChartError] = []
    for start, end, source in find_charts(lines):
        if end >= len(lines):
            problems.append(ChartError("the chart block is never closed",
                                       "end it with a line of ```", start + 1))
            continue
        try:
            parse_chart(source)
        except ChartError as exc:
            exc.line += start + 1
            problems.append(exc)
    return problems


def mkdocs_language(md: Markdown) -> str:
    """The page's language when MkDocs renders it: ``theme.language`` of the staged config.

    MkDocs registers its link rewriter as the ``relpath`` tree processor with the config on
    it; reading that keeps one ``markdown_extensions`` entry valid for both languages.
    """
    try:
        lang = str(md.treeprocessors["relpath"].config["theme"]["language"])
    except (KeyError, AttributeError, TypeError):
        return ""
    return lang if lang in LANGS else ""


class ChartPreprocessor(Preprocessor):  # type: ignore[misc]  # Markdown's classes are untyped
    def __init__(self, md: Markdown, lang: str, draw: bool = True) -> None:
        super().__init__(md)
        self.lang = lang
        self.draw = draw

    def run(self, lines: list[str]) -> list[str]:
        lang = self.lang if self.lang in LANGS else mkdocs_language(self.md) or "kk"
        out = list(lines)
        for start, end, source in reversed(find_charts(lines)):
            try:
                if end >= len(lines):
                    raise ChartError("the chart block is never closed", "end it with ```", 0)
                block = chart_html(source, lang) if self.draw else ""
            except ChartError as exc:
                log.warning("chart block at line %d: %s", start + 1 + exc.line, exc)
                block = (f'<div class="jarshy-chart-error" role="alert">chart: '
                         f"{html.escape(str(exc))}</div>")
            # Our markup, put back after the sanitizer (site_gen.content.markup).
            placeholder = store_trusted(self.md, block)
            out[start:end + 1] = ["", placeholder, ""]
        return out


class ChartExtension(Extension):  # type: ignore[misc]  # Markdown's classes are untyped
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"lang": ["auto", "language of the page: kk, ru, or auto (MkDocs' "
                                        "theme.language, else kk)"],
                       "draw": [True, "False: leave the charts out (site-gen check, which "
                                      "reports chart problems by itself)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's API name
        lang = str(self.getConfig("lang"))
        if lang not in (*LANGS, "auto"):
            raise ValueError(f"site_gen.charts: lang '{lang}' is not one of kk, ru, auto")
        # Before fenced code (25, also pymdownx.superfences) and raw HTML blocks (20).
        md.preprocessors.register(ChartPreprocessor(md, lang, bool(self.getConfig("draw"))),
                                  "jarshy_chart", 27)


def makeExtension(**kwargs: Any) -> ChartExtension:  # Markdown's API name
    return ChartExtension(**kwargs)
