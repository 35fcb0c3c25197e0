"""Charts: a ``chart`` block in Markdown becomes an inline SVG at build time."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET

import markdown  # type: ignore[import-untyped]  # ships no types
import pytest

from site_gen.charts import (
    ChartError,
    ChartExtension,
    bar_chart,
    check_markdown,
    line_chart,
    number,
    parse_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def drawn_words(svg: str) -> list[str]:
    """Every label matplotlib drew (it notes each one beside its glyph paths)."""
    return [w.strip() for w in re.findall(r"<!-- (.*?) -->", svg)]


def test_number_uses_the_locale_of_the_page() -> None:
    assert number(12345.5, "kk") == "12\u00a0345,5"
    assert number(12345.5, "ru") == "12\u00a0345,5"
    assert number(3, "kk") == "3"


def test_bar_chart_is_inline_svg_with_kazakh_labels_as_paths() -> None:
    svg = bar_chart(["Қаңтар", "Ақпан", "Наурыз"], {"2025": [12, 15, 9.5], "2026": [10, 11, 8]},
                    lang="kk", title="Ажыратулар саны", x_label="Ай", y_label="Саны")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    # Text is drawn as paths: the browser needs no font and shows every Kazakh letter.
    assert root.find(f".//{SVG}text") is None
    assert root.findtext(f"{SVG}title") == "Ажыратулар саны"
    words = drawn_words(svg)
    for word in ("Қаңтар", "Ақпан", "Наурыз", "Ай", "Саны", "Ажыратулар саны", "9,5", "2025"):
        assert word in words
    assert "9.5" not in words
    assert "http://" not in svg.replace("http://www.w3.org/", "")  # no request leaves the page


def test_thousands_and_decimals_follow_russian_rules_on_the_axis() -> None:
    svg = line_chart(["I", "II", "III", "IV"], [1200.0, 1800.5, 2500.0, 2100.0], lang="ru",
                     y_label="тыс. тенге")
    words = drawn_words(svg)
    assert any(re.fullmatch(r"\d\u00a0\d00", w) for w in words), words
    assert not any(re.fullmatch(r"\d,\d00", w) for w in words)


def test_two_charts_on_one_page_do_not_share_element_ids() -> None:
    one = bar_chart(["a", "b"], [1, 2], lang="kk")
    two = bar_chart(["a", "b"], [1, 3], lang="kk")
    ids_one = set(re.findall(r'id="([^"]+)"', one))
    ids_two = set(re.findall(r'id="([^"]+)"', two))
    assert ids_one and ids_two and not ids_one & ids_two
    # every reference points at an id of its own chart
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', one):
        assert ref in ids_one


def test_the_same_chart_renders_the_same_bytes() -> None:
    assert line_chart(["a", "b"], [1, 2], lang="kk") == line_chart(["a", "b"], [1, 2], lang="kk")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'en'"):
        bar_chart(["a"], [1], lang="en")


BLOCK = """type: bar
title: Жылу шығындары
x: Ай
y: Гкал
data: |
  Ай;2025;2026
  Қазан;1 200;1 100,5
  Қараша;1 500;1 350
"""


def test_csv_block_with_semicolons_and_decimal_commas() -> None:
    spec = parse_chart(BLOCK)
    assert spec.kind == "bar"
    assert spec.categories == ("Қазан", "Қараша")
    assert spec.series == (("2025", (1200.0, 1500.0)), ("2026", (1100.5, 1350.0)))
    assert (spec.x_label, spec.y_label) == ("Ай", "Гкал")


def test_yaml_rows_and_mappings_give_the_same_table() -> None:
    rows = parse_chart("type: line\ndata:\n  - [Ай, 2026]\n  - [Қазан, 3]\n  - [Қараша, 4]\n")
    maps = parse_chart("type: line\ndata:\n  - {Ай: Қазан, 2026: 3}\n  - {Ай: Қараша, 2026: 4}\n")
    assert rows.categories == maps.categories == ("Қазан", "Қараша")
    assert rows.series == maps.series == (("2026", (3.0, 4.0)),)


@pytest.mark.parametrize(("source", "line", "words"), [
    ("type: pie\ndata: |\n  a,b\n  x,1\n", 1, "unknown chart type 'pie'"),
    ("title: x\ndata: |\n  a,b\n  x,1\n", 1, "no type"),
    ("type: bar\ncolour: red\ndata: |\n  a,b\n  x,1\n", 2, "unknown key 'colour'"),
    ("type: bar\ndata: |\n  a;b\n  x;1\n  y;many\n", 5, "'many' in column 'b' is not a number"),
    ("type: bar\n", 1, "no data"),
    ("type: bar\ndata: |\n  a\n  x\n", 3, "at least one number column"),
    ("type: bar\ndata: [unclosed\n", 3, "not valid YAML"),
])
def test_a_bad_block_says_what_and_where(source: str, line: int, words: str) -> None:
    with pytest.raises(ChartError, match=re.escape(words)) as caught:
        parse_chart(source)
    assert caught.value.line == line
    assert caught.value.hint


def test_check_markdown_reports_lines_in_the_body_and_skips_code_examples() -> None:
    body = ("Мәтін\n\n````markdown\n```chart\ntype: nonsense\n```\n````\n\n"
            "```chart\ntype: bar\ndata: |\n  a;b\n  x;бес\n```\n\n```chart\ntype: line\n")
    problems = check_markdown(body)
    assert [(p.line, p.message) for p in problems] == [
        (13, "'бес' in column 'b' is not a number"),
        (16, "the chart block is never closed"),
    ]


def render_page(text: str, lang: str, *extra: str) -> str:
    return str(markdown.markdown(text, extensions=[*extra, ChartExtension(lang=lang)]))


def test_markdown_block_becomes_a_figure_with_the_svg() -> None:
    page = render_page(f"# Есеп\n\n```chart\n{BLOCK}```\n\nСоңы.\n", "kk")
    assert '<figure class="jarshy-chart"' in page
    assert "<title>Жылу шығындары</title>" in page
    assert "1\u00a0100,5" in drawn_words(page)
    assert page.index("<h1>Есеп</h1>") < page.index("<svg") < page.index("<p>Соңы.</p>")


def test_works_next_to_superfences_and_leaves_other_fences_alone() -> None:
    text = f"```python\nprint(1)\n```\n\n```chart\n{BLOCK}```\n"
    page = render_page(text, "ru", "pymdownx.superfences")
    assert page.count("<svg") == 1
    assert "print" in page and "<code" in page


def test_bad_block_shows_an_error_box_and_logs_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        page = render_page("Алдында\n\n```chart\ntype: pie\n```\n", "kk")
    assert 'class="jarshy-chart-error"' in page and "unknown chart type" in page
    assert "<svg" not in page
    assert any("line 4" in r.getMessage() for r in caplog.records)
