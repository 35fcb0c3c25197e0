"""Outside news for the daily digest (5.2.2), one data file per day, chosen by an editor:
``content/_data/digest/2026-11-23.yml``.

Where it sits: ``site-gen check`` reads every file here (:func:`check_outside_news`) and
reports each problem at its file and line; ``site-gen digest`` reads the day's file
(:func:`load_outside_news`) and puts the news beside the company's own items
(``site_gen.digest``). The problems are warnings: the file feeds the e-mail only, so a
mistake in it never stops the site or the screens; the digest leaves the faulty entry
out and says so on stderr.

A file::

    news:
      - topic: oil-gas              # economy | oil-gas | other (default: other)
        link: "https://example.kz/news/brent"
        kk:
          title: "Brent мұнайының бағасы 80 доллардан асты"
          source: "Kazinform"
          summary: "Бір жолдық қысқаша мазмұны."
        ru:
          title: "Нефть Brent подорожала до 80 долларов"
          source: "Kazinform"
          summary: "Краткое содержание в одну строку."

A news entry without one of the languages is left out of that language's part (a
warning says which); the link is the same for both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .data import _fields, read_yaml_file, shown_path
from .diagnostics import Diagnostic
from .fields import Fields
from .model import LANGS, Lang

FOLDER = ("_data", "digest")
TOPICS: tuple[str, ...] = ("economy", "oil-gas", "other")
NEWS_KEYS = ("topic", "link", *LANGS)
TEXT_KEYS = ("title", "source", "summary")
TITLE_MAX = 150
SUMMARY_MAX = 300
LANG_WORD: dict[Lang, str] = {"kk": "Kazakh", "ru": "Russian"}
_DAY_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yml$")


@dataclass(frozen=True, slots=True)
class OutsideText:
    title: str
    source: str
    summary: str


@dataclass(frozen=True, slots=True)
class OutsideNews:
    """One piece of outside news, in the languages it was written in."""

    topic: str
    link: str
    texts: Mapping[Lang, OutsideText]
    path: str  # content/_data/digest/2026-11-23.yml
    line: int


def digest_file(root: Path, day: date) -> Path:
    return root.joinpath(*FOLDER, f"{day.isoformat()}.yml")


def load_outside_news(root: Path, day: date, out: list[Diagnostic]
                      ) -> tuple[OutsideNews, ...]:
    """The news of ``day`` (none without a file); every problem goes to ``out``."""
    file = digest_file(root, day)
    return _read(root, file, out) if file.is_file() else ()


def check_outside_news(root: Path, out: list[Diagnostic]) -> None:
    """Read every file of ``content/_data/digest/`` for ``check``."""
    folder = root.joinpath(*FOLDER)
    if not folder.is_dir():
        return
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or not file.is_file():
            continue
        _read(root, file, out)


def _day_of(name: str) -> date | None:
    m = _DAY_NAME.match(name)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _read(root: Path, file: Path, out: list[Diagnostic]) -> tuple[OutsideNews, ...]:
    found: list[Diagnostic] = []
    news = _parse(root, file, found)
    # Warnings, never errors: the file feeds only the e-mail (see the module docstring).
    out.extend(replace(d, severity="warning") for d in found)
    return news


def _parse(root: Path, file: Path, out: list[Diagnostic]) -> tuple[OutsideNews, ...]:
    shown = shown_path(root, file)
    if _day_of(file.name) is None:
        out.append(Diagnostic(shown, 1, 1, "error", "bad-digest-file",
                              f"'{file.name}' is not a day's digest file",
                              "name it after its day, e.g. 2026-11-23.yml"))
        return ()
    doc = read_yaml_file(root, file, out)
    if doc is None:
        return ()
    f = _fields(root, file, doc, out, "Asia/Almaty")
    if not isinstance(doc.value, dict):
        f.report((), "wrong-type", "a digest file must have fields",
                 "write 'news:' and under it one '- topic: ...' entry per news")
        return ()
    f.unknown_keys((), ("news",), "a digest file")
    entries = doc.value.get("news")
    if entries is None:
        return ()
    if not isinstance(entries, list):
        f.report(("news",), "wrong-type", "'news' must be a list",
                 "start each news with '- topic: ...'")
        return ()
    kept = []
    for i in range(len(entries)):
        news = _entry(f, i, shown)
        if news is not None:
            kept.append(news)
    return tuple(kept)


def _entry(f: Fields, i: int, shown: str) -> OutsideNews | None:
    key: tuple[str | int, ...] = ("news", i)
    if not isinstance(f.get(key), dict):
        f.report(key, "wrong-type", "each news must have fields",
                 "write 'link:', then 'kk:' and 'ru:' with title, source and summary")
        return None
    errors = f.errors
    f.unknown_keys(key, NEWS_KEYS, "a news entry")
    topic = f.choice((*key, "topic"), TOPICS, "other")
    link = f.text((*key, "link"), required=True)
    if link:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            f.report((*key, "link"), "bad-link", f"'{link}' is not a web address",
                     "write the full address, starting with https://")
    texts: dict[Lang, OutsideText] = {}
    for lang in LANGS:
        where = (*key, lang)
        if not f.has(where):
            f.report(key, "digest-no-language", f"this news has no {LANG_WORD[lang]} text; "
                     "that language's part of the digest leaves it out",
                     f"add '{lang}:' with title, source and summary", severity="warning")
            continue
        if not isinstance(f.get(where), dict):
            f.report(where, "wrong-type", f"'{lang}' must have fields",
                     "write title, source and summary under it")
            continue
        before = f.errors
        f.unknown_keys(where, TEXT_KEYS, f"the '{lang}' text")
        title = f.text((*where, "title"), required=True, max_len=TITLE_MAX)
        source = f.text((*where, "source"), required=True)
        summary = f.text((*where, "summary"), max_len=SUMMARY_MAX)
        if f.errors == before:
            texts[lang] = OutsideText(title, source, summary)
    if f.errors > errors or not texts or topic is None:
        return None
    line, _col = f.line_of(key)
    return OutsideNews(topic, link, texts, shown, line)
