"""Links inside the site: does each Markdown link in a body lead somewhere?

Where it sits: ``check`` (``site_gen.content.check``) runs :func:`broken_links` over every
version once all items are known, and warns at the link's file and line; the
pre-publication checklist (``site_gen.editorial.checklist``) shows the same findings in its
"site links" column. One resolver for both, so they never disagree.

A link leads somewhere when it is an item's address (``/kk/news/<stem>/``), a section
(``/kk/news/``), a page the site generates (``/kk/newspaper/…``, search, tags, archive,
feeds), or a file in ``content/`` (``../news/x.kk.md``, ``/files/plan.pdf``); inline links and
reference definitions (``[ref]: /kk/news/x/``) are both read. Links to other
hosts, ``mailto:``, ``tel:`` and ``#anchors`` are not checked; nor are links inside fenced
code blocks, which are shown as text.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from .model import ALL_SECTIONS, LANGS, Version
from .tree import below_root

# Pages the site generates besides items (``/{lang}/<first part>/``).
GENERATED = ("newspaper", "screens", "search", "tags", "archive", "feed.xml", "rss.xml")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)")  # [ref]: target, a line's start
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

# The messages (English templates with their values; translated at the edge by
# site_gen.editorial.checkmsgs, where they are marked for the catalogs).
NO_PAGE = "link '{target}' leads to no page"
NO_PAGE_CLOSE = "link '{target}' leads to no page; did you mean {close}?"
CUTOFF = 0.6  # how alike an address must be to be suggested
NO_FILE = "link '{target}' leads to no file in content/"


@dataclass(frozen=True, slots=True)
class BrokenLink:
    template: str  # one of the messages above
    values: dict[str, object]
    line: int  # 1-based line in the file
    col: int  # 1-based column of the link

    def english(self) -> str:
        return self.template.format(**self.values)


def broken_links(v: Version, root: Path, site_host: str, urls: AbstractSet[str],
                 real_root: Path | None = None) -> Iterator[BrokenLink]:
    """Each link of ``v``'s body that leads nowhere. ``urls``: every item's address;
    ``site_host``: the intranet's host (from ``base_url``), whose absolute links count as
    inside the site; ``real_root``: ``root.resolve()``, when the caller resolved it once for
    every version."""
    for target, line, col in links_of(v):
        problem = link_problem(v, root, target, urls, site_host, real_root)
        if problem is not None:
            yield BrokenLink(problem[0], problem[1], line, col)


def links_of(v: Version) -> list[tuple[str, int, int]]:
    """Every link target of ``v``'s body outside fenced code, with its line and column."""
    found: list[tuple[str, int, int]] = []
    if "](" not in v.body and "]:" not in v.body:
        return found
    fence = ""
    for offset, line in enumerate(v.body.split("\n")):
        mark = _FENCE.match(line)
        if fence:
            if mark and mark[1][0] == fence[0] and len(mark[1]) >= len(fence):
                fence = ""
            continue
        if mark:
            fence = mark[1]
            continue
        if "](" not in line and "]:" not in line:
            continue  # neither an inline link nor a reference definition on this line
        reference = REFERENCE.match(line)
        for m in [*LINK.finditer(line), *([reference] if reference else [])]:
            found.append((m[1], v.body_line + offset, m.start() + 1))
    return found


# What a link asks of the site (:func:`where`): nothing (fine wherever it points); a fixed
# problem; an item's address (``wanted``, and whether it is an item's address exactly); a
# file (its path below root as written, for a walk's answer, and the path to resolve).
Where = (tuple[Literal["ok"]] | tuple[Literal["bad"], str, dict[str, object]]
         | tuple[Literal["url"], str, bool] | tuple[Literal["file"], str | None, Path])


def where(v: Version, root: Path, target: str, site_host: str) -> Where:
    """What ``target`` (a link in ``v``) needs in order to lead somewhere; the part of
    :func:`link_problem` that depends on the link alone."""
    try:
        parts = urlsplit(target)
    except ValueError:  # "http://[x": an IPv6 host never closed
        values: dict[str, object] = {"target": target}
        return "bad", NO_PAGE, values
    if parts.scheme in ("mailto", "tel") or target.startswith("#"):
        return ("ok",)
    if parts.scheme or parts.netloc:
        if not site_host or parts.netloc != site_host:
            return ("ok",)  # another host: fine in an article (the screens are checked apart)
    path = unquote(parts.path)
    if not path:
        return ("ok",)
    if path.startswith("/"):
        segments = [s for s in path.split("/") if s]
        if segments and segments[0] in LANGS:
            if len(segments) == 1 or segments[1] in GENERATED:
                return ("ok",)
            if len(segments) == 2 and segments[1] in ALL_SECTIONS:
                return ("ok",)
            return "url", "/" + "/".join(segments[:3]) + "/", len(segments) == 3
        rel: str | None = path.lstrip("/")
        file = root / path.lstrip("/")
    else:
        source, top = os.fspath(v.source), os.fspath(root)
        below = source[len(top) + 1:] if source.startswith(top + os.sep) else None
        rel = None if below is None else posixpath.join(posixpath.dirname(below), path)
        file = v.source.parent / path
    return "file", None if rel is None else below_root(rel), file


def link_problem(v: Version, root: Path, target: str, urls: AbstractSet[str],
                 site_host: str, real_root: Path | None = None
                 ) -> tuple[str, dict[str, object]] | None:
    """Why ``target`` (a link in ``v``) leads nowhere, or ``None`` when it leads somewhere.
    Never raises: an address no browser could follow leads nowhere."""
    need = where(v, root, target, site_host)
    if need[0] == "ok":
        return None
    if need[0] == "bad":
        return need[1], need[2]
    if need[0] == "url":
        return url_problem(target, need[1], need[2], urls, closest(need[1], urls))
    return None if file_leads_somewhere(need[2], root, real_root) else (
        NO_FILE, {"target": target})


def url_problem(target: str, wanted: str, exact: bool, urls: AbstractSet[str],
                close: str | None) -> tuple[str, dict[str, object]] | None:
    """The problem of a link to an item's address; ``close``: :func:`closest`."""
    if exact and wanted in urls:
        return None
    if close is not None:
        return NO_PAGE_CLOSE, {"target": target, "close": close}
    return NO_PAGE, {"target": target}


def closest(wanted: str, urls: AbstractSet[str]) -> str | None:
    """The address most like ``wanted`` (difflib's ratio, at least 0.6), or ``None``."""
    close = difflib.get_close_matches(wanted, sorted(urls), n=1, cutoff=CUTOFF)
    return close[0] if close else None


def likeness(wanted: str, url: str) -> float | None:
    """``url``'s score against ``wanted`` exactly as :func:`closest` weighs it, ``None``
    below the cutoff: the best of several is the one with the highest (score, url)."""
    s = difflib.SequenceMatcher()
    s.set_seq2(wanted)
    s.set_seq1(url)
    if s.real_quick_ratio() >= CUTOFF and s.quick_ratio() >= CUTOFF and s.ratio() >= CUTOFF:
        return s.ratio()
    return None


def file_leads_somewhere(file: Path, root: Path, real_root: Path | None = None) -> bool:
    """``file`` exists and its real path is inside the real content root."""
    try:
        resolved = file.resolve()
        inside = real_root if real_root is not None else root.resolve()
        return resolved.is_relative_to(inside) and resolved.exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False
