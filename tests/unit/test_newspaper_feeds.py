"""Atom and RSS feeds: valid XML, absolute links, only what is published, in the language."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from test_newspaper_fixture import NOW, Art, write_content

from site_gen.content import ContentSet
from site_gen.newspaper.feeds import (
    FeedProblem,
    absolute,
    atom,
    feed_entries,
    rss,
    write_feeds,
)

A = "{http://www.w3.org/2005/Atom}"
ARTS = [
    Art("2026-11-18-жаңа-станция", lead=True, title_kk="Жаңа қосалқы станция & «жарық»",
        title_ru="Новая подстанция & «свет»"),
    Art("analysis", section="analytics", date="2026-11-19"),
    Art("plain-news", issue=None, date="2026-11-10"),
    Art("not-news", section="announcements", issue=None, date="2026-11-21"),
    Art("draft", section="interviews", status={"kk": "draft", "ru": "draft"}),
]


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    return write_content(tmp_path / "content", ARTS, {12: "2026-11-20"})


def test_atom_parses_with_absolute_links_and_escaped_titles(content: ContentSet) -> None:
    data = atom(content, "kk", feed_entries(content, "kk", NOW), NOW)
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    entries = root.findall(f"{A}entry")
    titles = [e.findtext(f"{A}title") for e in entries]
    assert titles == ["analysis kk", "Жаңа қосалқы станция & «жарық»", "plain-news kk"]
    links = [e.find(f"{A}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert all(link.startswith("http://intranet.example.kz/kk/") for link in links)
    assert "http://intranet.example.kz/kk/news/2026-11-18-%D0%B6%D0%B0%D2%A3%D0%B0-" \
           "%D1%81%D1%82%D0%B0%D0%BD%D1%86%D0%B8%D1%8F/" in links
    for e in entries:
        assert e.findtext(f"{A}id") and e.findtext(f"{A}updated")
    category = entries[1].find(f"{A}category")
    assert category is not None and category.get("label") == "Жаңалықтар · № 12 шығарылым"


def test_rss_in_russian_parses_and_names_the_issue(content: ContentSet) -> None:
    root = ET.fromstring(rss(content, "ru", feed_entries(content, "ru", NOW), NOW))
    channel = root.find("channel")
    assert channel is not None and channel.findtext("language") == "ru"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items][1] == "Новая подстанция & «свет»"
    assert all((i.findtext("link") or "").startswith("http://intranet.example.kz/ru/")
               for i in items)
    assert items[1].findtext("category") == "Новости · Выпуск № 12"
    assert items[1].findtext("pubDate", "").endswith("+0000")


def test_drafts_and_non_news_outside_the_paper_stay_out(content: ContentSet) -> None:
    keys = [e.item.key for e in feed_entries(content, "kk", NOW)]
    assert "interviews/draft" not in keys and "announcements/not-news" not in keys


def test_write_feeds_writes_both_files_atomically(content: ContentSet, tmp_path: Path) -> None:
    out = tmp_path / "site" / "kk"
    paths = write_feeds(content, "kk", NOW, out)
    assert sorted(p.name for p in paths) == ["feed.xml", "rss.xml"]
    for p in paths:
        ET.parse(p)
        assert p.stat().st_mode & 0o044 == 0o044  # the web server can read it
    assert sorted(p.name for p in out.iterdir()) == ["feed.xml", "rss.xml"]  # no temp left


@pytest.mark.parametrize("base", ["", "intranet", "ftp://x/"])
def test_a_missing_base_url_says_where_to_set_it(base: str) -> None:
    with pytest.raises(FeedProblem, match="site.yml: base_url"):
        absolute(base, "/kk/news/x/")


def test_base_url_without_a_slash_still_joins() -> None:
    assert absolute("http://intranet/portal", "/ru/news/x/") == "http://intranet/portal/ru/news/x/"
