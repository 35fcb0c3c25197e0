"""Pictures and lead paragraphs of article pages, decided at staging (no browser).

The figure rule (site_gen/stage/figures.py, docs/editors.md "Pictures and captions"): a
picture alone in its paragraph becomes a figure whose caption is its title, else its alt
text; a picture inside a sentence stays inline. The lead-paragraph rule
(site_gen/stage/items.py): without a summary, the body's first block is the lead when it
is a plain paragraph.
"""

from __future__ import annotations

import pytest

from site_gen.content.markup import safe_html
from site_gen.stage import figures
from site_gen.stage.items import STANDFIRST, standfirst

EXT = ["attr_list", figures.NAME]


def test_lone_picture_with_a_title_gets_the_title_as_caption() -> None:
    html = safe_html('Мәтін.\n\n![Қосалқы станция](sub.png "«Шығыс-110» іске қосылды")\n',
                     EXT)
    assert '<figure class="jarshy-figure">' in html
    assert "<figcaption>«Шығыс-110» іске қосылды</figcaption>" in html
    assert 'alt="Қосалқы станция"' in html
    assert "<p><img" not in html


def test_lone_picture_without_a_title_gets_its_alt_as_caption() -> None:
    html = safe_html("![Подстанция ночью](sub.png)\n", EXT)
    assert "<figcaption>Подстанция ночью</figcaption>" in html


def test_lone_picture_with_neither_is_a_figure_without_caption() -> None:
    html = safe_html("![](sub.png)\n", EXT)
    assert '<figure class="jarshy-figure">' in html and "figcaption" not in html


def test_picture_inside_a_sentence_stays_inline() -> None:
    html = safe_html('Белгі ![ескерту](warn.png "Ескерту") мәтін ішінде.\n', EXT)
    assert "figure" not in html and "<p>Белгі <img" in html


def test_editors_html_in_a_caption_stays_text() -> None:
    html = safe_html('![a](x.png "<b onclick=alert(1)>қалың</b>")\n', EXT)
    assert "<b" not in html  # shown as the text the editor typed, never as markup
    assert "<figcaption>&lt;b onclick=alert(1)&gt;қалың&lt;/b&gt;</figcaption>" in html


@pytest.mark.parametrize(("body", "marked"), [
    ("Бірінші абзац\nекінші жолы.\n\nКелесі абзац.", True),
    ("\n\nПервый абзац.\n", True),
    ("## Тақырып\n\nАбзац.", False),
    ("- тізім\n- тағы", False),
    ("> дәйексөз", False),
    ("Setext heading\n==============\n\nАбзац.", False),
    ("![сурет](x.png)\n\nАбзац.", False),
    ("", False),
])
def test_standfirst_marks_only_a_plain_first_paragraph(body: str, marked: bool) -> None:
    out = standfirst(body)
    html = safe_html(out, EXT)
    assert (f'class="{STANDFIRST}"' in html) is marked, html
    if marked:
        assert html.count(STANDFIRST) == 1
        assert html.index(STANDFIRST) < html.index("</p>")


def test_the_print_edition_captions_lone_pictures_too() -> None:
    from site_gen.newspaper.printbody import EXTENSIONS as PRINT

    html = safe_html('![Дулыға](safety.svg "Маска мен қолғап — міндетті қорғаныс")\n', PRINT)
    assert "<figcaption>Маска мен қолғап — міндетті қорғаныс</figcaption>" in html
    assert 'src="safety.svg.png"' in html  # and the SVG is the PNG the build draws
