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
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .model import ALL_SECTIONS, LANGS, Version

# Pages the site generates besides items (``/{lang}/<first part>/``).
GENERATED = ("newspaper", "screens", "search", "tags", "archive", "feed.xml", "rss.xml")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)")  # [ref]: target, a line's start
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

# The messages (English templates with their values; translated at the edge by
# site_gen.editorial.checkmsgs, where they are marked for the catalogs).
NO_PAGE = "link '{target}' leads to no page"
NO_PAGE_CLOSE = "link '{target}' leads to no page; did you mean {close}?"
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
    if "](" not in v.body and "]:" not in v.body:
        return
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
            problem = link_problem(v, root, m[1], urls, site_host, real_root)
            if problem is not None:
                yield BrokenLink(problem[0], problem[1], v.body_line + offset, m.start() + 1)


def link_problem(v: Version, root: Path, target: str, urls: AbstractSet[str],
                 site_host: str, real_root: Path | None = None
                 ) -> tuple[str, dict[str, object]] | None:
    """Why ``target`` (a link in ``v``) leads nowhere, or ``None`` when it leads somewhere.
    Never raises: an address no browser could follow leads nowhere."""
    try:
        parts = urlsplit(target)
    except ValueError:  # "http://[x": an IPv6 host never closed
        return NO_PAGE, {"target": target}
    if parts.scheme in ("mailto", "tel") or target.startswith("#"):
        return None
    if parts.scheme or parts.netloc:
        if not site_host or parts.netloc != site_host:
            return None  # another host: fine in an article (the screens are checked apart)
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        segments = [s for s in path.split("/") if s]
        if segments and segments[0] in LANGS:
            if len(segments) == 1 or segments[1] in GENERATED:
                return None
            if len(segments) == 2 and segments[1] in ALL_SECTIONS:
                return None
            wanted = "/" + "/".join(segments[:3]) + "/"
            if wanted in urls and len(segments) == 3:
                return None
            close = difflib.get_close_matches(wanted, sorted(urls), n=1, cutoff=0.6)
            if close:
                return NO_PAGE_CLOSE, {"target": target, "close": close[0]}
            return NO_PAGE, {"target": target}
        file = root / path.lstrip("/")
    else:
        file = v.source.parent / path
    try:
        resolved = file.resolve()
        inside = real_root if real_root is not None else root.resolve()
        if resolved.is_relative_to(inside) and resolved.exists():
            return None
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        pass
    return NO_FILE, {"target": target}
