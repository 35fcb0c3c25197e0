"""The newspaper model: what goes in an issue, in which order, and how long it takes to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_newspaper_fixture import NOW, Art, write_content

from site_gen.content.model import SECTIONS
from site_gen.newspaper.model import Newspaper, count_words, reading_minutes


def paper(tmp_path: Path, arts: list[Art], issues: dict[int, str] | None = None,
          lang: str = "kk") -> Newspaper:
    content = write_content(tmp_path / "content", arts, issues or {12: "2026-11-20"})
    return Newspaper.build(content, lang, NOW)  # type: ignore[arg-type]


def test_front_page_has_the_lead_then_sections_in_the_regulations_order(tmp_path: Path) -> None:
    arts = [
        Art("congrats", section="congratulations"),
        Art("sport", section="sports-culture"),
        Art("lead-story", section="innovations", lead=True),
        Art("interview", section="interviews"),
        Art("news-a", section="news", date="2026-11-17"),
        Art("news-b", section="news", date="2026-11-19"),
    ]
    view = paper(tmp_path, arts).issue(12)
    assert view is not None
    assert view.lead is not None and view.lead.item.stem == "lead-story"
    assert [s for s, _ in view.sections] == list(SECTIONS)  # all eleven, in order
    filled = [s for s, _ in view.filled_sections()]
    assert filled == ["news", "interviews", "sports-culture", "congratulations"]
    order = [a.item.stem for a in view.articles]
    assert order == ["lead-story", "news-a", "news-b", "interview", "sport", "congrats"]
    assert "lead-story" not in [a.item.stem for _, arts in view.sections for a in arts]


def test_previous_and_next_follow_the_reading_order(tmp_path: Path) -> None:
    arts = [Art("a", lead=True), Art("b", section="analytics"), Art("c", section="new-staff")]
    view = paper(tmp_path, arts).issue(12)
    assert view is not None
    first, middle, last = (a.key for a in view.articles)
    assert view.neighbours(first)[0] is None
    prev, nxt = view.neighbours(middle)
    assert prev is not None and prev.key == first and nxt is not None and nxt.key == last
    assert view.neighbours(last)[1] is None


def test_issues_newest_first_and_archive_by_year(tmp_path: Path) -> None:
    arts = [Art("dec", issue=1, date="2025-12-20"), Art("oct", issue=11, date="2026-10-28"),
            Art("nov", issue=12)]
    np = paper(tmp_path, arts, {1: "2025-12-25", 11: "2026-10-30", 12: "2026-11-20"})
    assert [v.number for v in np.issues] == [12, 11, 1]
    assert np.current is not None and np.current.number == 12
    assert [(year, [v.number for v in views]) for year, views in np.archive()] == [
        (2026, [12, 11]), (2025, [1])]


def test_a_section_page_gathers_the_section_across_issues_lead_included(
        tmp_path: Path) -> None:
    arts = [Art("n12", issue=12, lead=True), Art("n11", issue=11, date="2026-10-28"),
            Art("i11", issue=11, section="interviews", date="2026-10-28")]
    np = paper(tmp_path, arts, {11: "2026-10-30", 12: "2026-11-20"})
    news = np.section("news")
    assert [(v.number, [a.item.stem for a in arts]) for v, arts in news] == [
        (12, ["n12"]), (11, ["n11"])]
    assert [v.number for v, _ in np.section("interviews")] == [11]
    assert np.section("congratulations") == []


def test_only_what_is_published_in_the_language_is_in_its_issue(tmp_path: Path) -> None:
    arts = [Art("both"), Art("kk-only", langs=("kk",), section="analytics"),
            Art("ru-draft", section="interviews", status={"ru": "draft"}),
            Art("no-issue", issue=None, section="analytics")]
    kk = paper(tmp_path, arts).issue(12)
    ru = Newspaper.build(write_content(tmp_path / "c2", arts, {12: "2026-11-20"}), "ru",
                         NOW).issue(12)
    assert kk is not None and ru is not None
    assert sorted(a.item.stem for a in kk.articles) == ["both", "kk-only", "ru-draft"]
    assert sorted(a.item.stem for a in ru.articles) == ["both"]


def test_an_issue_without_published_articles_is_not_listed(tmp_path: Path) -> None:
    np = paper(tmp_path, [Art("a", issue=12)], {11: "2026-10-30", 12: "2026-11-20"})
    assert [v.number for v in np.issues] == [12]


def test_two_leads_the_newest_leads_and_the_editor_is_told(tmp_path: Path) -> None:
    arts = [Art("old", lead=True, date="2026-11-10"), Art("new", lead=True, date="2026-11-19")]
    np = paper(tmp_path, arts)
    view = np.issue(12)
    assert view is not None and view.lead is not None and view.lead.item.stem == "new"
    assert [a.item.stem for a in view.articles] == ["new", "old"]  # the other stays in news
    assert len(np.notes) == 1 and "2 lead stories" in np.notes[0]
    assert "content/news/old.kk.md" in np.notes[0]


def test_find_gives_the_issue_and_article_of_an_item(tmp_path: Path) -> None:
    np = paper(tmp_path, [Art("a"), Art("b", issue=None)])
    found = np.find("news/a")
    assert found is not None and found[0].number == 12 and found[1].item.stem == "a"
    assert np.find("news/b") is None


@pytest.mark.parametrize("lang, words, minutes", [
    ("kk", 1, 1), ("kk", 150, 1), ("kk", 151, 2), ("kk", 450, 3),
    ("ru", 180, 1), ("ru", 181, 2), ("ru", 900, 5),
])
def test_reading_time_rounds_up_whole_minutes(lang: str, words: int, minutes: int) -> None:
    word = "қызметкерлерге" if lang == "kk" else "сотрудникам"
    assert reading_minutes(" ".join([word] * words), lang) == minutes  # type: ignore[arg-type]


def test_kazakh_text_reads_slower_than_the_same_number_of_russian_words() -> None:
    text = " ".join(["сөз"] * 900)
    assert reading_minutes(text, "kk") > reading_minutes(text, "ru")


def test_words_are_counted_as_a_reader_sees_them() -> None:
    md = ("## Құрылыс бір жарым жылға созылды\n\n"
          "Іске қосу [рәсіміне](../news/x.md) «Шығыс-110» қатысты, 25 МВ·А.\n\n"
          "```\ncode is not read aloud\n```\n<span class=\"x\">ұжым</span>")
    # Heading 5 + «Іске қосу рәсіміне Шығыс-110 қатысты 25 МВ А» 8 + ұжым 1; no URL, no code.
    assert count_words(md) == 14
