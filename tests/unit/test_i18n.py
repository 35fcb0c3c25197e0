"""Messages in Kazakh and Russian: complete catalogs, compiled, and used by the commands."""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial import checkmsgs
from site_gen.editorial.i18n import (
    CATALOG_LANGS,
    LOCALE_DIR,
    SOURCES,
    Messages,
    choose_lang,
    normalise_lang,
)

REPO = Path(__file__).resolve().parent.parent.parent
BAD = REPO / "tests" / "fixtures" / "bad"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIELD = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def marked_strings() -> set[str | tuple[str, str]]:
    """Every string the sources mark, extracted the way Babel's extract does it."""
    files: list[Path] = []
    for source in SOURCES:
        path = REPO / source
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    found: set[str | tuple[str, str]] = set()
    for file in files:
        for _line, message, _comments, _context in extract_from_file(
                "python", str(file), keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else tuple(message))  # type: ignore[arg-type]
    return found


def catalog(lang: str):  # type: ignore[no-untyped-def]  # babel's Catalog is untyped
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_every_marked_string_is_translated(lang: str) -> None:
    cat = catalog(lang)
    translated = {}
    for m in cat:
        if m.id and "fuzzy" not in m.flags:
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if all(strings):
                translated[m.id if isinstance(m.id, str) else tuple(m.id)] = strings
    missing = sorted(str(s) for s in marked_strings() if s not in translated)
    assert missing == [], f"{lang} catalog lacks: {missing}; run python -m site_gen.editorial.i18n"


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_translations_keep_every_placeholder(lang: str) -> None:
    for m in catalog(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set(FIELD.findall(ids[-1])) | ({"n"} if isinstance(m.id, tuple) else set())
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in strings:
            assert set(FIELD.findall(text)) <= wanted, (m.id, text)
            assert set(FIELD.findall(text)) >= set(FIELD.findall(ids[0])), (m.id, text)


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_compiled_catalog_matches_the_po_file(lang: str) -> None:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    for m in catalog(lang):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            assert mo.ngettext(m.id[0], m.id[1], 1) == m.string[0], m.id
        else:
            assert mo.gettext(m.id) == m.string, f"{m.id!r}: recompile the catalogs"


def test_kazakh_words_use_kazakh_letters_not_latin_look_alikes() -> None:
    mixed = re.compile(r"\b(?=\w*[а-яёәғқңөұүһі])(?=\w*[a-z])\w+\b", re.IGNORECASE)
    for m in catalog("kk"):
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in strings:
            assert not mixed.search(FIELD.sub("", text)), text
    texts = " ".join(m.string for m in catalog("kk") if isinstance(m.string, str))
    assert set("әғқңөұүі") <= set(texts)


def diagnostics_of_every_fixture() -> list:  # type: ignore[type-arg]
    out = []
    for case in sorted(BAD.iterdir()):
        out += check(case)[1]
    return out


def test_every_check_message_has_a_template() -> None:
    """A new or reworded message in site_gen/content needs its template in checkmsgs."""
    missing = checkmsgs.unmatched(diagnostics_of_every_fixture())
    assert missing == [], ("add these to TEMPLATES in site_gen/editorial/checkmsgs.py, then "
                           "run python -m site_gen.editorial.i18n and translate them: "
                           f"{missing}")


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_every_check_message_comes_out_translated(lang: str) -> None:
    tr = Messages(lang)
    for d in diagnostics_of_every_fixture():
        for text in (d.message, d.hint):
            if text:
                translated = checkmsgs.translate(text, tr)
                assert translated != text or not re.search(r"[a-z]{3}", text), text


def test_nested_values_are_translated_too() -> None:
    kk, ru = Messages("kk"), Messages("ru")
    text = "hours: hour '25:00' does not exist"
    assert checkmsgs.translate(text, kk) == "hours: '25:00' деген сағат жоқ"
    assert checkmsgs.translate("did you mean 'news'? known: a, b", ru) == (
        "возможно, имелось в виду 'news'? известные значения: a, b")
    assert checkmsgs.translate("something new and unknown", kk) == "something new and unknown"


@pytest.mark.parametrize(("option", "env", "lang"), [
    ("ru", {"LANG": "kk_KZ.UTF-8"}, "ru"),
    (None, {"LANG": "kk_KZ.UTF-8"}, "kk"),
    (None, {"LANGUAGE": "de:ru", "LANG": "kk_KZ.UTF-8"}, "ru"),
    (None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {}, "en"),
])
def test_lang_option_then_locale(option: str | None, env: dict[str, str], lang: str) -> None:
    assert choose_lang(option, env) == lang


def test_language_names_people_write() -> None:
    assert normalise_lang("kz") == "kk" and normalise_lang("ru-RU") == "ru"
    assert normalise_lang("fr") is None


def test_check_speaks_kazakh_and_russian(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "unknown-section", root)
    kk_file = "content/news/2026-11-20-spartakiada.kk.md"
    assert main(["check", "--lang", "kk", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{kk_file}:4:10: қате: 'section' өрісінің мәні белгісіз: 'newz'; "
        "'news' деп жазғыңыз келді ме?",
        "2 файл тексерілді: 1 материал, 1 қате, 0 ескерту"]
    assert main(["check", "--lang", "ru", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "проверено 2 файла: 1 материал, 1 ошибка, 0 предупреждений"
    assert main(["check", "--lang", "en", str(root)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "checked 2 files: 1 item, 1 error, 0 warnings")


def test_russian_plural_forms() -> None:
    ru = Messages("ru")
    assert [ru.ngettext("{n} file", "{n} files", n) for n in (1, 2, 5, 11, 21, 22)] == [
        "1 файл", "2 файла", "5 файлов", "11 файлов", "21 файл", "22 файла"]


def test_html_and_invisible_character_messages_have_templates(tmp_path: Path) -> None:
    """Messages no bad-input fixture produces: raw HTML, an external image, a bidi mark."""
    root = tmp_path / "content"
    shutil.copytree(BAD / "unknown-key", root)
    kk = root / "news" / "2026-11-20-spartakiada.kk.md"
    kk.write_text(kk.read_text(encoding="utf-8") + (
        '\n<script>alert(1)</script> <a onclick="x()" href="javascript:alert(1)">x</a>\n'
        '\n<img src="https://example.com/a.png"> мәтін \u202e жасырын\n'
        '\n<p id="__config" data-x="1">x</p>\n\n[x](file:///etc/passwd)\n'),
        encoding="utf-8")
    ru = kk.with_name("2026-11-20-spartakiada.ru.md")
    ru.write_text(ru.read_text(encoding="utf-8") + "\n" + "> " * 60 + "глубоко\n", "utf-8")
    diagnostics = check(root)[1]
    assert {d.code for d in diagnostics} >= {"raw-html", "external-image", "bidi-control",
                                             "too-deep"}
    assert checkmsgs.unmatched(diagnostics) == []
