"""Atom and RSS feeds per language: the news and the newspaper's articles.

Sits beside the site pages: ``feed_entries(content, lang, now)`` picks what a feed
carries (published ``news`` items and every article of an issue, newest first);
``atom(...)``/``rss(...)`` turn that into XML bytes with absolute links built from
``base_url`` in ``content/_data/site.yml``; ``write_feeds(...)`` puts both files under
``site/<lang>/`` atomically. XML is made with ElementTree, so escaping is never by hand.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit
from xml.etree import ElementTree as ET

from ..content.model import ContentSet, Item, Lang, Version
from ..stage.memo import StageMemo, reuse
from .labels import issue_title, labels, section_name

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_FILE = "feed.xml"
RSS_FILE = "rss.xml"
LIMIT = 50


class FeedProblem(ValueError):
    """A setting the feeds cannot do without; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Entry:
    item: Item
    version: Version
    link: str  # absolute
    published: datetime  # aware
    updated: datetime  # aware, not before ``published``
    category: str  # the section's name in the feed's language


def absolute(base_url: str, site_path: str) -> str:
    """``http://host/`` + ``/kk/news/stem/`` → absolute URL, non-ASCII letters escaped."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedProblem(
            f"content/_data/site.yml: base_url '{base_url}' is not an address; feeds need "
            "absolute links: write the intranet address, e.g. base_url: \"http://intranet/\"")
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, quote(site_path.lstrip("/"), safe="/-._~"))


def feed_entries(content: ContentSet, lang: Lang, now: datetime, limit: int = LIMIT,
                 rows: Sequence[tuple[Item, Version]] | None = None,
                 memo: StageMemo | None = None) -> list[Entry]:
    """News items and newspaper articles on the site in ``lang`` at ``now``, newest first
    (``rows``: ``content.published(lang, now)`` when the caller has it already; ``memo``:
    the staging's, which keeps each item's entry while the item stays the same)."""
    entries: list[Entry] = []
    for item, version in rows if rows is not None else content.published(lang, now):
        if item.section != "news" and item.issue is None:
            continue
        entries.append(reuse(memo, "feeds", item.key, (item, version),
                             partial(_entry, content, lang, item, version)))
    entries.sort(key=lambda e: (e.published, e.item.key), reverse=True)
    return entries[:limit]


def _entry(content: ContentSet, lang: Lang, item: Item, version: Version) -> Entry:
    zone = content.settings.zone
    published = version.publish_at or datetime.combine(item.date, time(0, 0), zone)
    updated = max(published, version.approved_at or published)
    category = section_name(item.section, lang)
    if item.issue is not None:
        category = f"{category} · {issue_title(item.issue, lang)}"
    link = absolute(content.settings.base_url, item.url(lang))
    return Entry(item, version, link, published, updated, category)


def _title(content: ContentSet, lang: Lang) -> str:
    company = content.settings.company.get(lang, "")
    return labels(lang)["feed_title"].format(company=company).lstrip(": ")


def atom(content: ContentSet, lang: Lang, entries: Sequence[Entry], now: datetime) -> bytes:
    """An Atom 1.0 document (RFC 4287)."""
    def sub(parent: ET.Element, tag: str, text: str | None = None,
            **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, tag, attrs)
        if text is not None:
            el.text = text
        return el

    home = absolute(content.settings.base_url, f"/{lang}/")
    # Unprefixed tags under a default xmlns: what feed readers expect to see.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    sub(feed, "id", home)
    sub(feed, "title", _title(content, lang))
    newest = max((e.updated for e in entries), default=now)
    sub(feed, "updated", _iso(newest))
    sub(feed, "link", rel="alternate", type="text/html", href=home)
    sub(feed, "link", rel="self", type="application/atom+xml",
        href=absolute(content.settings.base_url, f"/{lang}/{ATOM_FILE}"))
    sub(sub(feed, "author"), "name", content.settings.company.get(lang, "") or "Jarshy")
    sub(feed, "generator", "Jarshy")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", e.link)
        sub(entry, "title", e.version.title)
        sub(entry, "link", rel="alternate", type="text/html", href=e.link)
        sub(entry, "published", _iso(e.published))
        sub(entry, "updated", _iso(e.updated))
        if e.version.author:
            sub(sub(entry, "author"), "name", e.version.author)
        sub(entry, "category", term=e.item.section, label=e.category)
        if e.version.summary:
            sub(entry, "summary", e.version.summary, type="text")
    return _serialize(feed)


def rss(content: ContentSet, lang: Lang, entries: Sequence[Entry], now: datetime) -> bytes:
    """An RSS 2.0 document, for mail clients that read only RSS."""
    root = ET.Element("rss", {"version": "2.0"})
    ET.register_namespace("atom", ATOM_NS)  # global in ElementTree; same value every time
    channel = ET.SubElement(root, "channel")
    home = absolute(content.settings.base_url, f"/{lang}/")
    ET.SubElement(channel, "title").text = _title(content, lang)
    ET.SubElement(channel, "link").text = home
    ET.SubElement(channel, "description").text = _title(content, lang)
    ET.SubElement(channel, "language").text = lang
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {
        "rel": "self", "type": "application/rss+xml",
        "href": absolute(content.settings.base_url, f"/{lang}/{RSS_FILE}")})
    newest = max((e.updated for e in entries), default=now)
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(newest.astimezone(UTC))
    for e in entries:
        it = ET.SubElement(channel, "item")
        ET.SubElement(it, "title").text = e.version.title
        ET.SubElement(it, "link").text = e.link
        ET.SubElement(it, "guid", {"isPermaLink": "true"}).text = e.link
        ET.SubElement(it, "pubDate").text = format_datetime(e.published.astimezone(UTC))
        ET.SubElement(it, "category").text = e.category
        if e.version.summary:
            ET.SubElement(it, "description").text = e.version.summary
    return _serialize(root)


def write_feeds(content: ContentSet, lang: Lang, now: datetime, site_lang_dir: Path
                ) -> list[Path]:
    """Write ``feed.xml`` (Atom) and ``rss.xml`` into ``site/<lang>/``; return the paths."""
    entries = feed_entries(content, lang, now)
    written = []
    for name, data in ((ATOM_FILE, atom(content, lang, entries, now)),
                       (RSS_FILE, rss(content, lang, entries, now))):
        target = site_lang_dir / name
        write_atomic(target, data)
        written.append(target)
    return written


def write_atomic(target: Path, data: bytes) -> None:
    """Temp file in the same folder, then ``os.replace``: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the web server must read the feed
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
