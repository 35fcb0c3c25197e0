"""The pre-publication checklist: what an editor verifies before an item goes out.

Where it sits: ``site-gen check --checklist`` calls :func:`run_checklist` on the
ContentSet that ``site_gen.content.check`` built, for every item whose status is
``review`` or ``approved`` in at least one language. Each item gets one
:class:`CheckResult` per check, as data (state + an English message template and its
values); ``site_gen/commands/check.py`` formats them as a table or JSON, translated.

The checks (codes are stable, shown in JSON):

``languages``      both the Kazakh and the Russian file exist
``lengths``        title and summary fit the newspaper (150 / 300) and, for items on the
                   screens, the screen (title 90, screen text 280 characters)
``images``         every image has ``image_alt`` and the file exists
``personal-data``  no IIN or phone number without ``personal_data: consent``
``screen-links``   no links to other hosts in the screen text
``links``          links inside the site resolve (item addresses, sections, files)
``spelling``       the section is a known one; no tag that looks like a misspelt tag used
                   elsewhere
``decision``       the decision (publish / rework / reject), who took it and when
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..content.links import broken_links
from ..content.model import ALL_SECTIONS, LANGS, ContentSet, Item, Version
from ..content.personal import find_personal_data
from ..content.validate import SCREEN_TEXT_MAX, SUMMARY_MAX, TITLE_MAX
from .i18n import N_

State = Literal["ok", "fail", "warn", "skip"]
SCREEN_TITLE_MAX = 90  # a title line the screens show in large type without cutting it
CHECKS: tuple[tuple[str, str], ...] = (
    ("languages", N_("both languages")),
    ("lengths", N_("lengths")),
    ("images", N_("images")),
    ("personal-data", N_("personal data")),
    ("screen-links", N_("screen links")),
    ("links", N_("site links")),
    ("spelling", N_("section and tags")),
    ("decision", N_("decision")),
)
SYMBOLS: Mapping[str, str] = {"ok": "✓", "fail": "✗", "warn": "!", "skip": "–"}
REVIEWED = ("review", "approved")
_EXTERNAL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s)>\]]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found: an English template, its values, the file and line."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)
    path: str = ""
    line: int = 0

    def english(self) -> str:
        return self.message.format(**self.values)


@dataclass(frozen=True, slots=True)
class CheckResult:
    code: str
    state: State
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemChecklist:
    item: Item
    results: tuple[CheckResult, ...]

    @property
    def statuses(self) -> dict[str, str]:
        return {lang: v.status for lang, v in self.item.versions.items()}

    @property
    def passed(self) -> bool:
        return all(r.state != "fail" for r in self.results)

    def result(self, code: str) -> CheckResult:
        return next(r for r in self.results if r.code == code)


def run_checklist(content: ContentSet, only: Iterable[str] | None = None) -> list[ItemChecklist]:
    """The checklist of each item under review or approved (``only``: these file paths)."""
    wanted = set(only) if only is not None else None
    tag_counts = _tag_counts(content)
    urls = {i.url(lang) for i in content.items for lang in i.versions}
    out = []
    for item in content.items:
        if not any(v.status in REVIEWED for v in item.versions.values()):
            continue
        if wanted is not None and not any(v.path in wanted for v in item.versions.values()):
            continue
        out.append(ItemChecklist(item, (
            _languages(item), _lengths(item), _images(content, item),
            _personal(content, item), _screen_links(item), _links(content, item, urls),
            _spelling(item, tag_counts), _decision(item))))
    return out


def _result(code: str, findings: list[Finding], fail: bool = True) -> CheckResult:
    if not findings:
        return CheckResult(code, "ok")
    return CheckResult(code, "fail" if fail else "warn", tuple(findings))


def _languages(item: Item) -> CheckResult:
    return _result("languages", [
        Finding(N_("no {lang} version; add {path}"),
                {"lang": lang, "path": item.primary.path[: -len(".kk.md")] + f".{lang}.md"},
                item.primary.path, 1)
        for lang in item.missing()])


def _lengths(item: Item) -> CheckResult:
    found = []
    for v in item.versions.values():
        limits = [("title", v.title, TITLE_MAX, N_("newspaper")),
                  ("summary", v.summary, SUMMARY_MAX, N_("newspaper"))]
        if item.signage is not None:
            limits += [("title", v.title, SCREEN_TITLE_MAX, N_("screens")),
                       ("signage.text", _screen_text(v), SCREEN_TEXT_MAX, N_("screens"))]
        for name, text, limit, where in limits:
            if len(text) > limit:
                found.append(Finding(
                    N_("{field} has {n} characters; the {where} fit {limit}"),
                    {"field": name, "n": len(text), "where": where, "limit": limit},
                    v.path, v.lines.get(name.split(".")[0], 1)))
    return _result("lengths", found)


def _screen_text(v: Version) -> str:
    """What the screens show as text: the signage text, else the summary."""
    return (v.signage.text if v.signage else "") or v.summary


def _images(content: ContentSet, item: Item) -> CheckResult:
    found = []
    for v in item.versions.values():
        images = [("image", v.image)]
        if v.signage is not None:
            images.append(("signage.image", v.signage.image))
        for name, image in images:
            if image is None:
                continue
            line = v.lines.get(name.split(".")[0], 1)
            if not (content.root / image).is_file():
                found.append(Finding(N_("{field} '{image}' does not exist"),
                                     {"field": name, "image": str(image)}, v.path, line))
            if name == "image" and not v.image_alt:
                found.append(Finding(N_("the image has no image_alt text"), {}, v.path, line))
    return _result("images", found)


def _personal(content: ContentSet, item: Item) -> CheckResult:
    found = []
    for v in item.versions.values():
        if v.personal_data_consent:
            continue
        try:
            text = v.source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # check reports unreadable files itself
        for hit in find_personal_data(text, content.settings.bins):
            what = N_("an IIN") if hit.kind == "iin" else N_("a phone number")
            found.append(Finding(N_("'{text}' looks like {what}; no personal_data: consent"),
                                 {"text": hit.text, "what": what}, v.path, hit.line))
    return _result("personal-data", found)


def _screen_links(item: Item) -> CheckResult:
    found = []
    if item.signage is not None:
        for v in item.versions.values():
            for m in _EXTERNAL.finditer(_screen_text(v)):
                found.append(Finding(N_("the screen text links to another host: {url}"),
                                     {"url": m[0]}, v.path, v.lines.get("signage", 1)))
    return _result("screen-links", found)


def _links(content: ContentSet, item: Item, urls: AbstractSet[str]) -> CheckResult:
    """Links inside the site must lead to a page of ``urls`` (every item's address): the
    very findings plain ``check`` warns about (``site_gen.content.links``)."""
    site_host = urlsplit(content.settings.base_url).netloc
    return _result("links", [
        Finding(link.template, link.values, v.path, link.line)
        for v in item.versions.values()
        for link in broken_links(v, content.root, site_host, urls)])


def _tag_counts(content: ContentSet) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for item in content.items:
        for v in item.versions.values():
            counts[v.lang].update(t.strip() for t in v.tags)
    return counts


def _spelling(item: Item, tag_counts: Mapping[str, Counter[str]]) -> CheckResult:
    found = []
    for v in item.versions.values():
        if v.section not in ALL_SECTIONS:
            found.append(Finding(N_("unknown section '{section}'"), {"section": v.section},
                                 v.path, v.lines.get("section", 1)))
        folder = item.folder.split("/")[0]
        if folder in ALL_SECTIONS and folder != v.section:
            found.append(Finding(N_("the file is in the folder '{folder}' but its section is "
                                    "'{section}'; is one of them misspelt?"),
                                 {"folder": folder, "section": v.section}, v.path,
                                 v.lines.get("section", 1)))
        counts = tag_counts[v.lang]
        for tag in v.tags:
            tag = tag.strip()
            # Of two near-identical tags, flag the rarer (then the later) spelling only.
            others = [t for t in counts if counts[t] > counts[tag]
                      or (counts[t] == counts[tag] and t < tag)]
            close = [t for t in difflib.get_close_matches(tag.lower(), [o.lower() for o in
                     others], n=1, cutoff=0.85)]
            if close:
                match = next(o for o in others if o.lower() == close[0])
                found.append(Finding(N_("tag '{tag}' looks like the tag '{other}' used "
                                        "elsewhere; write it the same way"),
                                     {"tag": tag, "other": match}, v.path,
                                     v.lines.get("tags", 1)))
    return _result("spelling", found, fail=False)


def _decision(item: Item) -> CheckResult:
    """Recorded decision, who and when. Waiting for a decision, or a decision not to
    publish, is a warning; an approval with no decision, person or time is a failure."""
    fails: list[Finding] = []
    notes: list[Finding] = []
    for v in item.versions.values():
        line = v.lines.get("decision", v.lines.get("status", 1))
        if v.status == "review" and v.decision is None:
            notes.append(Finding(N_("waiting for the decision (publish, rework or reject)"),
                                 {}, v.path, line))
            continue
        if v.status == "approved" and v.decision is None:
            fails.append(Finding(N_("approved without a decision; add 'decision: publish'"),
                                 {}, v.path, line))
        if not v.approved_by:
            fails.append(Finding(N_("who took the decision is not recorded; add "
                                    "'approved_by'"), {}, v.path, line))
        if v.approved_at is None:
            fails.append(Finding(N_("when the decision was taken is not recorded; add "
                                    "'approved_at'"), {}, v.path, line))
        if v.decision in ("rework", "reject"):
            notes.append(Finding(N_("decision: {decision} ({who}); it will not be published"),
                                 {"decision": v.decision, "who": v.approved_by or "?"},
                                 v.path, line))
    if fails:
        return CheckResult("decision", "fail", tuple(fails + notes))
    return _result("decision", notes, fail=False)


def as_json(lists: Iterable[ItemChecklist]) -> list[dict[str, object]]:
    """Plain data for ``--format json`` (English messages; the CLI adds translations)."""
    return [{
        "item": c.item.key,
        "files": [v.path for v in c.item.versions.values()],
        "status": c.statuses,
        "passed": c.passed,
        "checks": {r.code: {"state": r.state, "findings": [
            {"path": f.path, "line": f.line, "message": f.english()} for f in r.findings]}
            for r in c.results},
    } for c in lists]
