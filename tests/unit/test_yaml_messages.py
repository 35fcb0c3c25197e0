"""YAML mistakes are told wholly in Kazakh or Russian, PyYAML's own texts included.

Before, `check --lang kk` said "YAML қатесі: mapping values are not allowed here": the
outer message was translated, PyYAML's problem text was not.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from site_gen.content import Diagnostic, check
from site_gen.editorial import checkmsgs
from site_gen.editorial.i18n import Messages

REPO = Path(__file__).resolve().parent.parent.parent
BAD = REPO / "tests" / "fixtures" / "bad"
YAML_CODES = {"bad-yaml", "tab-in-yaml"}
# What may stay in Latin letters: the editor's own text and code (in quotes), the names of
# the format and of the block it is written in, of an encoding and a language (PyYAML's
# constructor texts), a character's code.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»")
_NAMES = re.compile(r"YAML|front matter|base64|Python|U\+[0-9A-F]{4,6}")
_LATIN = re.compile(r"[A-Za-z]+")


def latin_words(text: str) -> list[str]:
    return _LATIN.findall(_NAMES.sub("", _QUOTED.sub("", text)))


def _yaml_diagnostics(root: Path) -> list[Diagnostic]:
    _, diagnostics, _ = check(root)
    return [d for d in diagnostics if d.code in YAML_CODES]


BAD_YAML_FIXTURES = sorted(p for p in BAD.iterdir() if p.is_dir() and _yaml_diagnostics(p))


def test_the_bad_yaml_fixtures_are_found() -> None:
    names = {p.name for p in BAD_YAML_FIXTURES}
    assert {"invalid-yaml", "unclosed-quote", "unclosed-list", "tab-in-yaml"} <= names


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("fixture", BAD_YAML_FIXTURES, ids=lambda p: p.name)
def test_every_bad_yaml_fixture_speaks_one_language(fixture: Path, lang: str) -> None:
    tr = Messages(lang)
    for d in _yaml_diagnostics(fixture):
        text = checkmsgs.format_diagnostic(d, tr).split(": ", 1)[1]  # after the path
        assert latin_words(text) == [], text


def test_the_reported_case_in_kazakh() -> None:
    (d,) = _yaml_diagnostics(BAD / "invalid-yaml")
    assert d.message == "invalid YAML: mapping values are not allowed here"
    kk = checkmsgs.format_diagnostic(d, Messages("kk"))
    assert "YAML қатесі: мұнда 'кілт: мән' жұбы жазылмайды" in kk
    ru = checkmsgs.format_diagnostic(d, Messages("ru"))
    assert "ошибка YAML: здесь не может быть пары «ключ: значение»" in ru


# Front matters that make PyYAML say a wide range of its texts (one field each).
CASES = {
    "at-sign": "title: @Жаршы",
    "backtick": "title: `Жаршы`",
    "bad-escape": 'title: "Жаршы \\q"',
    "bad-hex-escape": 'title: "\\xZZ"',
    "block-indicator": "title: |x\n  мәтін",
    "indent-zero": "title: |0\n  мәтін",
    "key-in-value": "title: Жаршы: газет",
    "nested-key": "title: Жаршы\n  date: 2026-11-20",
    "list-after-field": "title: Жаршы\n- бір",
    "unclosed-map": "signage: {screens: all\ndate: 2026-11-20",
    "flow-map-junk": "signage: {screens: all] }",
    "flow-list-junk": "tags: [бір } ]",
    "anchor-nothing": "title: &\n",
    "alias-nothing": "title: *\n",
    "tag-junk": "title: !<x y\n",
    "question-key": "? title\n: Жаршы\n? [a\n",
    "bad-directive-place": "title: x\n%YAML 1.1\n",
    "document-end": "title: Жаршы\n...\ndate: 2026-11-20",
    "two-documents": "title: Жаршы\n--- \ndate: 2026-11-20",
}
PAGE = "---\n{front}\nsection: news\n---\n\nМәтін.\n"


@pytest.fixture(scope="module")
def case_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("yamlcases") / "content"
    shutil.copytree(BAD / "invalid-yaml" / "_data", root / "_data")
    (root / "news").mkdir()
    for name, front in CASES.items():
        (root / "news" / f"2026-11-20-{name}.kk.md").write_text(
            PAGE.format(front=front), encoding="utf-8")
    return root


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_many_pyyaml_problems_in_one_language(case_root: Path, lang: str) -> None:
    found = [d for d in _yaml_diagnostics(case_root) if d.code == "bad-yaml"]
    english = {d.message for d in found}
    assert len(english) >= 10  # distinct texts of PyYAML's, not one repeated
    tr = Messages(lang)
    for d in found:
        text = checkmsgs.format_diagnostic(d, tr).split(": ", 1)[1]
        assert latin_words(text) == [], (d.path, d.message, text)


def _pyyaml_texts() -> list[str]:
    """Every problem and context text of PyYAML's scanner, parser, composer, constructor and
    reader, read from its sources, with a sample for each %r / %s / %d."""
    folder = Path(yaml.__file__).parent
    texts: set[str] = set()
    for module in ("scanner", "parser", "composer", "constructor", "reader"):
        source = (folder / f"{module}.py").read_text(encoding="utf-8")
        for literal in re.findall(r'"((?:while|expected|found|could|mapping|sequence|invalid|'
                                  r'but|second|special|duplicate|failed|cannot|module|'
                                  r'blacklisted)[^"]*)"', source):
            texts.add(literal)
    samples = []
    for text in sorted(texts):
        if text.startswith("while scanning an %s"):
            samples += ["while scanning an alias", "while scanning an anchor"]
        elif text.startswith(("while scanning a %s", "while parsing a %s")) \
                and "node" not in text:
            samples += [text.replace("%s", "tag"), text.replace("%s", "directive")]
        elif "%s node" in text:
            samples += [text.replace("%s", "block"), text.replace("%s", "flow")]
        elif "but found %r" in text and ("<" in text or "node content" in text):
            samples += [text.replace("%r", "'<scalar>'"), text.replace("%r", "'<block end>'")]
        elif "but got %r" in text:
            samples.append(text.replace("%r", "'<block mapping start>'"))
        else:
            samples.append(text.replace("%r", "'@'").replace("%d", "2")
                           .replace("'%s'", "'x'").replace("%s", "'x'"))
    return samples


PYYAML_TEXTS = _pyyaml_texts()


def test_pyyaml_texts_are_read_from_its_sources() -> None:
    assert "mapping values are not allowed here" in PYYAML_TEXTS
    assert len(PYYAML_TEXTS) > 60


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_pyyaml_text_has_its_own_wording(lang: str) -> None:
    tr = Messages(lang)
    untold = []
    for text in PYYAML_TEXTS:
        said = checkmsgs.translate(f"invalid YAML: {text}", tr)
        if latin_words(said) or text in said:
            untold.append((text, said))
    assert untold == [], "\n".join(f"{t!r} -> {s!r}" for t, s in untold)


def test_english_is_unchanged() -> None:
    (d,) = _yaml_diagnostics(BAD / "invalid-yaml")
    assert checkmsgs.format_diagnostic(d, Messages("en")).endswith(
        "error: invalid YAML: mapping values are not allowed here; put text that contains ': ' "
        "in quotes")
