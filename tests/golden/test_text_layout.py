"""Line breaking as a reader sees it: glued words stay on one line, Kazakh words break
after a syllable before a title is shrunk (signage/render/text.py, glue.py, kazakh.py)."""

from __future__ import annotations

import pytest

from signage.render import Fonts
from signage.render.glue import joins
from signage.render.text import Block, Run, fit, parse_markdown, wrap


def _lines(blocks: list[Block], fonts: Fonts, size: int, width: int, lang: str) -> list[str]:
    layout = wrap(blocks, fonts, size, width, lang)
    out = []
    for line in layout.lines:
        text, end = "", 0
        for p in line.pieces:
            text += (" " if text and p.x > end else "") + p.text
            end = p.x + p.width
        out.append(text)
    return out


@pytest.mark.parametrize(("lang", "text", "pair"), [
    ("kk", "Сұрақтарыңызды жіберіңіз 10 желтоқсанға дейін", "10 желтоқсанға"),
    ("kk", "Кездесу басталады сағат 18:00-ге дейін", "18:00-ге дейін"),
    ("kk", "Жауапты маман А. Сейітова", "А. Сейітова"),
    ("ru", "Вопросы присылайте в столовую", "в столовую"),
    ("ru", "Скидка для сотрудников 15 %", "15 %"),
    ("ru", "Собрание перенесено — завтра", "перенесено —"),
])
def test_glued_words_never_split_across_lines(lang: str, text: str, pair: str,
                                              fonts: Fonts) -> None:
    blocks = [Block((Run(text),))]
    first, second = pair.split(" ")
    narrowest = fonts.get(14).size(pair)[0] + 1  # below that the pair cannot share a line
    for width in range(narrowest, 400, 3):  # every width that splits the sentence somewhere
        lines = _lines(blocks, fonts, 14, width, lang)
        for line in lines:
            words = line.split(" ")
            if words[-1] == first:
                pytest.fail(f"{pair!r} split at width {width}: {lines}")
            if words[0] == second and second != words[-1] or (second == "—" and
                                                               words[0] == "—"):
                pytest.fail(f"{pair!r} split at width {width}: {lines}")


def test_without_a_language_the_old_breaks_stay(fonts: Fonts) -> None:
    """The table slide's cells (no language given) break at every space as before."""
    assert joins(["10", "желтоқсан"], "kk") == [True]
    blocks = [Block((Run("ааааааааааааааа 10 желтоқсан"),))]
    width = fonts.get(14).size("ааааааааааааааа 10")[0] + 2
    assert _lines(blocks, fonts, 14, width, "")[0] == "ааааааааааааааа 10"
    assert _lines(blocks, fonts, 14, width, "kk") == ["ааааааааааааааа", "10 желтоқсан"]


def test_a_long_kazakh_word_breaks_at_a_syllable_before_the_title_shrinks(
        fonts: Fonts) -> None:
    title = "Нұсқаулықтарымыздың талаптары"
    width = fonts.get(40, bold=True).size("Нұсқаулықтарымыз-")[0] + 4
    kk = fit(title, parse_markdown("Мәтін."), fonts, (width, 600),
             title_max=40, body_max=20, min_size=10, lang="kk")
    plain = fit(title, parse_markdown("Мәтін."), fonts, (width, 600),
                title_max=40, body_max=20, min_size=10)
    assert kk.title.size == 40 and plain.title.size < 40
    heads = [line.pieces[-1].text for line in kk.title.lines if line.pieces]
    assert heads[0] == "Нұсқаулықтарымыз-", heads
    assert not kk.title.broken_words


def test_a_word_with_no_syllable_break_that_fits_is_still_cut_between_letters(
        fonts: Fonts) -> None:
    layout = wrap([Block((Run("Ммммммммммммм"),))], fonts, 20, 60, "kk")
    assert layout.broken_words and len(layout.lines) > 1


def test_a_chain_wider_than_the_line_breaks_at_its_spaces(fonts: Fonts) -> None:
    """Glue never pushes text out of the box: a chain no line can hold breaks as usual."""
    blocks = [Block((Run("в на по до из за столовую"),))]
    width = fonts.get(14).size("в на по до")[0] + 2
    lines = _lines(blocks, fonts, 14, width, "ru")
    assert len(lines) > 1 and " ".join(lines) == "в на по до из за столовую"
    assert all(fonts.get(14).size(line)[0] <= width for line in lines)
