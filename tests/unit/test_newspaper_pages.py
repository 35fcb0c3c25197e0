"""The staged newspaper pages and home blocks, without MkDocs: links, escaping, labels."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from test_newspaper_fixture import NOW, Art, write_content

from site_gen.newspaper import labels, stage
from site_gen.stage.extensions import Registry, StageContext, StagedFile, page_url


def staged(tmp_path: Path, arts: list[Art], lang: str = "kk") -> tuple[StageContext, Registry]:
    content = write_content(tmp_path / "content", arts, {11: "2026-10-30", 12: "2026-11-20"})
    ctx = StageContext(content, lang, NOW, tmp_path / "docs", tmp_path / "site")  # type: ignore[arg-type]
    registry = Registry()
    stage.extend(registry)
    return ctx, registry


def files(ctx: StageContext, registry: Registry) -> dict[str, StagedFile]:
    return {f.path: f for _, make in registry.page_makers for f in make(ctx)}


def front(text: str) -> dict[str, object]:
    _, head, _ = text.split("---\n", 2)
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


ARTS = [
    Art("lead", lead=True, title_kk="<script>alert(1)</script> & «Жаңалық»"),
    Art("interview", section="interviews", date="2026-11-19"),
    Art("old", issue=11, date="2026-10-28", section="analytics"),
]


def test_every_link_on_the_issue_page_resolves_to_a_staged_page(tmp_path: Path) -> None:
    ctx, registry = staged(tmp_path, ARTS)
    out = files(ctx, registry)
    assert {"newspaper/index.md", "newspaper/12.md", "newspaper/11.md", "newspaper/news.md",
            "feed.xml", "rss.xml"} <= set(out)
    body = str(out["newspaper/12.md"].data)
    items = {page_url(f"{i.section}/{i.stem}.md") for i in ctx.content.items}
    pages = {page_url(p) for p in out} | items | {"news/", "interviews/", "analytics/"}
    for link in hrefs(body):
        if link.startswith("#"):
            continue
        target = relative_url_back(link, "newspaper/12/")
        assert target in pages or target.startswith("assets/"), link


def relative_url_back(link: str, base_dir: str) -> str:
    joined = posixpath.normpath(posixpath.join("/" + base_dir, link)).lstrip("/")
    return joined + "/" if link.endswith("/") and joined else joined


def test_titles_are_escaped_once(tmp_path: Path) -> None:
    ctx, registry = staged(tmp_path, ARTS)
    body = str(files(ctx, registry)["newspaper/12.md"].data)
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Жаңалық»" in body


def test_issue_page_meta_and_words_in_the_language(tmp_path: Path) -> None:
    for lang, title in (("kk", "№ 12 шығарылым"), ("ru", "Выпуск № 12")):
        ctx, registry = staged(tmp_path / lang, ARTS, lang)
        text = str(files(ctx, registry)["newspaper/12.md"].data)
        meta = front(text)
        assert meta["jarshy"] == {"type": "newspaper-issue", "issue": 12, "lang": lang,
                                  "date": "2026-11-20"}
        # The masthead: the paper's name is the heading, the issue's number under it.
        assert f'>{labels.word("newspaper", lang)}</span></h1>' in text  # type: ignore[arg-type]
        assert f'data-jarshy="issue-number">{title}</span>' in text
        assert meta["hide"] == ["navigation", "toc", "footer"]  # the front page: full width
        assert labels.section_name("interviews", lang) in text  # type: ignore[arg-type]


def test_item_pages_get_their_own_headers_and_footers(tmp_path: Path) -> None:
    ctx, registry = staged(tmp_path, ARTS)
    [(name, make)] = registry.item_meta
    assert name == "newspaper"
    items = make(ctx)
    assert set(items) == {"news/lead", "interviews/interview", "analytics/old"}
    lead = items["news/lead"]
    assert isinstance(lead, dict)
    assert 'data-jarshy="issue">№ 12 шығарылым' in lead["header"]
    assert "Оқу уақыты:</span> 1 мин" in lead["header"]
    assert 'data-jarshy="prev"' not in lead["footer"]
    assert 'rel="next" href="../../interviews/interview/"' in lead["footer"]
    # The archive page no longer carries every item's HTML (templates scanned it per page).
    archive = front(str(files(ctx, registry)["newspaper/index.md"].data))
    assert "items" not in archive["jarshy"]  # type: ignore[operator]


def test_home_blocks_in_order_and_say_when_there_is_nothing(tmp_path: Path) -> None:
    ctx, registry = staged(tmp_path, ARTS)
    blocks = registry.sorted_home_blocks()
    # the order a phone shows them in (one column)
    assert [b.name for b in blocks] == ["lead", "latest-cards", "upcoming-events",
                                        "newspaper-issue", "on-screens-today"]
    rendered = {b.name: b.render(ctx) or "" for b in blocks}
    assert 'href="newspaper/12/"' in rendered["newspaper-issue"]
    assert "Бүгін экрандарда хабарландыру жоқ." in rendered["on-screens-today"]
    assert "Алдағы іс-шаралар жоқ." in rendered["upcoming-events"]
    # the item marked lead: true leads, escaped, and is not repeated among the cards
    assert 'href="news/lead/"' in rendered["lead"]
    assert "&lt;script&gt;" in rendered["lead"] and "<script>" not in rendered["lead"]
    assert "news/lead/" not in rendered["latest-cards"]
    assert 'href="interviews/interview/"' in rendered["latest-cards"]


def test_every_label_exists_in_both_languages() -> None:
    assert set(labels.STRINGS["kk"]) == set(labels.STRINGS["ru"])


def test_russian_day_counts_agree_with_the_number() -> None:
    assert [labels.days_left(n, "ru") for n in (1, 2, 5, 11, 21)] == [
        "остался 1 день", "осталось 2 дня", "осталось 5 дней", "осталось 11 дней",
        "остался 21 день"]
    assert labels.days_left(25, "kk") == "25 күн қалды"


def test_print_body_is_safe_and_its_addresses_work_from_the_issue_page(tmp_path: Path) -> None:
    from site_gen.newspaper.printbody import print_body

    body = ('## Кіріспе\n\nМәтін ![сурет](../images/a.png) және [басқа](../news/lead.kk.md#x) '
            'мен [сыртқы](http://intranet/x).\n\n<script>alert(1)</script>\n')
    ctx, _ = staged(tmp_path, ARTS)
    item = next(i for i in ctx.content.items if i.stem == "interview")
    version = item.versions["kk"]
    html = print_body(ctx, item, dataclasses.replace(version, body=body), "newspaper/12.md")
    assert "<h4>Кіріспе</h4>" in html  # under the article's own h3
    assert "id=" not in html and "<script" not in html
    assert 'src="../../images/a.png"' in html
    assert 'href="../../news/lead/#x"' in html  # another item's file → its page
    assert 'href="http://intranet/x"' in html


def test_print_body_shows_a_picture_drawn_from_svg_as_its_png(tmp_path: Path) -> None:
    from site_gen.newspaper.printbody import print_body

    ctx, _ = staged(tmp_path, ARTS)
    item = next(i for i in ctx.content.items if i.stem == "interview")
    version = dataclasses.replace(item.versions["kk"], body="![Белгі](../images/logo.svg)\n")
    html = print_body(ctx, item, version, "newspaper/12.md")
    assert 'src="../../images/logo.svg.png"' in html and '.svg"' not in html


def test_without_base_url_the_pages_are_staged_and_the_feeds_are_explained(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = write_content(tmp_path / "content", ARTS, {11: "2026-10-30", 12: "2026-11-20"},
                            base_url="")
    ctx = StageContext(content, "ru", NOW, tmp_path / "docs", tmp_path / "site")
    with caplog.at_level("WARNING"):
        paths = {f.path for f in stage.make_pages(ctx)}
    assert "newspaper/12.md" in paths and "feed.xml" not in paths
    assert any("feeds for ru not written" in r.message and "base_url" in r.message
               for r in caplog.records)
