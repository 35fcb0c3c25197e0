"""The quick YAML path (libyaml) reads exactly what the careful path reads.

``read_yaml`` sends short, plain front matter to libyaml and everything else to the
pure-Python loader that names anchors, aliases and tags. Whichever path a text takes,
the editor must get the same values, the same line and column of every value and key,
and the same message for a mistake.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_check_hypothesis import TRAPS, emit, keys, values

from site_gen.content import yamlread

REPO = Path(__file__).resolve().parents[2]
FRONT = re.compile(r"---\n(.*?\n)---", re.S)


def outcome(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(yamlread, "_fast_ok", lambda _text: False)
        try:
            got = yamlread.read_yaml(text)
        except yamlread.YamlProblem as problem:
            return ("problem", problem.message, problem.line, problem.col, problem.hint)
        return ("value", got.value, got.marks, got.key_marks)


def sources() -> list[tuple[str, str]]:
    found = []
    for path in sorted([*REPO.glob("content/**/*.md"), *REPO.glob("content/**/*.yml"),
                        *REPO.glob("tests/fixtures/**/*.md"),
                        *REPO.glob("tests/fixtures/**/*.yml")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = FRONT.match(text) if path.suffix == ".md" else None
        found.append((str(path.relative_to(REPO)), match.group(1) if match else text))
    return found


def test_every_file_in_the_repo_reads_the_same_both_ways(
        monkeypatch: pytest.MonkeyPatch) -> None:
    quick = 0
    for name, text in sources():
        if not yamlread._fast_ok(text):
            continue
        quick += 1
        assert outcome(text, True, monkeypatch) == outcome(text, False, monkeypatch), name
    assert quick > 100, "the quick path should take the usual front matter"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=6), st.booleans())
def test_random_front_matter_reads_the_same_both_ways(fields: dict[str, Any],
                                                      flow: bool) -> None:
    text = emit(fields, 0, flow).lstrip("\n") + "\n"
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, careful = outcome(text, True, monkeypatch), outcome(text, False, monkeypatch)
    if quick[0] == careful[0] == "value":
        # libyaml places an empty value inside {…} one column later; the line is the same
        quick, careful = (quick[:2] + tuple(lines(m) for m in quick[2:]),
                          careful[:2] + tuple(lines(m) for m in careful[2:]))
    assert quick == careful


def lines(marks: dict[Any, tuple[int, int]]) -> dict[Any, int]:
    return {path: line for path, (line, _col) in marks.items()}


@pytest.mark.parametrize(("text", "says"), [
    ("author: &a Әлия\nreviewer: *a\n", "anchor '&a' is not allowed"),
    ("title: !!python/object/apply:os.system [ls]\n", "tag '!!python/object"),
    ("- " * 20000 + "x\n", "nested"),  # libyaml would crash on this one, not raise
])
def test_yaml_features_and_deep_nesting_take_the_careful_path(text: str, says: str) -> None:
    assert not yamlread._fast_ok(text)
    with pytest.raises(yamlread.YamlProblem, match=re.escape(says)):
        yamlread.read_yaml(text)


def test_odd_line_breaks_take_the_careful_path() -> None:
    text = "title: Сәлем\u2028әлем\nsummary: ok\n"  # PyYAML ends a line at U+2028
    assert not yamlread._fast_ok(text)
    with pytest.raises(yamlread.YamlProblem, match="expected ':'"):
        yamlread.read_yaml(text)


def test_traps_read_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    for trap in TRAPS:
        text = f"title: {trap}\n"
        assert outcome(text, True, monkeypatch) == outcome(text, False, monkeypatch), trap


@pytest.mark.parametrize(("text", "value"), [
    ("tags: [неге?]\n", {"tags": ["неге?"]}),  # found by --hypothesis-seed=2
    ("{0?: []}\n", {"0?": []}),
    ("tags: [қашан?, неге?]\nsummary: Неге? Себебі…\n",
     {"tags": ["қашан?", "неге?"], "summary": "Неге? Себебі…"}),
    ("signage: {text: Келесіз бе?}\n", {"signage": {"text": "Келесіз бе?"}}),
])
def test_a_question_mark_inside_a_flow_list_is_text_both_ways(
        text: str, value: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    quick, careful = outcome(text, True, monkeypatch), outcome(text, False, monkeypatch)
    assert quick[:2] == careful[:2] == ("value", value)
    assert quick == careful
