"""The word tables behind the kk and ru interfaces: complete, and without English.

Material shows its English (``partials/languages/en.html``) for any key its language file
lacks; our Kazakh file (``themes/partials/languages/kk.html``) must have every key, and both
it and Material's Russian file must say each shown word in their language. Our own tables
(``site_gen.stage.strings``, the newspaper's labels, the blog's words, the screens pages')
hold no Latin words either, and the ¶ link after a heading gets its tooltip in the page's
language (the toc extension's own is the English "Permanent link").
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

from site_gen.blog.strings import STRINGS as BLOG
from site_gen.newspaper.labels import STRINGS as LABELS
from site_gen.signage_pages.stage import WORDS as SCREENS
from site_gen.stage import config
from site_gen.stage.strings import STRINGS as STAGE
from tests.site.interface_words import latin_words

REPO = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).resolve().parent / "templates"
KEY = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)
# Keys that are settings, not words a reader meets.
SETTINGS = {"language", "direction", "search.config.lang", "search.config.pipeline",
            "search.config.separator"}
# Words of Material's plugins the site does not run (mkdocs.yml lists none): Material's
# Russian "RSS канал" would show only with its RSS plugin, its blog's "Authors" only with
# its blog plugin.
UNUSED_PLUGINS = re.compile(r"^(blog|rss)\.")


def _keys(path: Path) -> set[str]:
    return set(KEY.findall(path.read_text(encoding="utf-8")))


def _words(lang: str) -> jinja2.runtime.Macro:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([REPO / "themes", MATERIAL]))
    t: jinja2.runtime.Macro = env.get_template(f"partials/languages/{lang}.html").module.t
    return t


def test_the_kazakh_file_has_every_key_material_has() -> None:
    english = _keys(MATERIAL / "partials/languages/en.html")
    missing = english - _keys(REPO / "themes/partials/languages/kk.html") - SETTINGS
    assert {k for k in missing if not UNUSED_PLUGINS.match(k)} == set()
    # The search settings kk.html leaves out belong to Material's search plugin, which the
    # site does not run (its search is Pagefind's: site_gen/search.py).
    assert "search" not in config.read_base(REPO / "mkdocs.yml")["plugins"]
    assert config._plugins(["search"], "kk") == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_materials_words_are_in_the_language(lang: str) -> None:
    t = _words(lang)
    shown = {k for k in _keys(MATERIAL / "partials/languages/en.html") - SETTINGS
             if not UNUSED_PLUGINS.match(k)}
    values = {k: str(t(k)).strip() for k in shown}
    assert all(values.values()), [k for k, v in values.items() if not v]
    english = {k: v for k, v in values.items() if latin_words(v)}
    assert english == {}


@pytest.mark.parametrize(("name", "table"), [
    ("stage", STAGE), ("labels", LABELS), ("blog", BLOG), ("screens", SCREENS)])
def test_our_tables_have_no_english(name: str, table: object) -> None:
    assert isinstance(table, dict)
    assert set(table["kk"]) == set(table["ru"]), name
    english = {(lang, k): v for lang in ("kk", "ru") for k, v in table[lang].items()
               if latin_words(v)}
    assert english == {}, name


@pytest.mark.parametrize("entry", [
    "toc", {"toc": None}, {"toc": {"permalink": True, "permalink_title": "Permanent link"}}])
def test_the_heading_link_tooltip_is_in_the_pages_language(entry: object) -> None:
    for lang, title in (("kk", "Тұрақты сілтеме"), ("ru", "Постоянная ссылка")):
        options = config._toc_in(entry, lang)["toc"]
        assert options["permalink_title"] == title
    assert config._toc_in("tables", "kk") == "tables"
    assert config._toc_in({"toc": {"permalink": True}}, "kk")["toc"]["permalink"] is True


# Words Material's script writes in English whatever the language (no key in any language
# file), with the theme feature that shows them: such a feature stays off.
ENGLISH_ONLY = {"Toggle line selection": "content.code.select"}


def test_no_feature_shows_materials_fixed_english() -> None:
    bundle = next((MATERIAL / "assets/javascripts").glob("bundle.*.min.js"))
    fixed = set(re.findall(r'(?:title|"aria-label"|placeholder):"([^"]+)"',
                           bundle.read_text(encoding="utf-8")))
    assert fixed == set(ENGLISH_ONLY)  # a new one: find the feature that shows it, add it
    features = config.read_base(REPO / "mkdocs.yml")["theme"].get("features") or []
    assert set(ENGLISH_ONLY.values()).isdisjoint(features)
