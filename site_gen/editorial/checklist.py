"""The pre-publication checklist: what an editor verifies before an item goes out.

Where it sits: ``site-gen check --checklist`` calls :func:`run_checklist` on the
ContentSet and the diagnostics that ``site_gen.content.check`` built, for every item
whose status is ``review`` or ``approved`` in at least one language. Each item gets one
:class:`CheckResult` per check, as data (state + an English message template and its
values); ``site_gen/commands/check.py`` formats them as a table or JSON, translated.

One source of severity: ``check``'s. A block is ``fail`` (must be fixed) only when
``check`` has an error for one of the item's files whose code belongs to that block
(:data:`BLOCK_CODES`); a ``check`` warning is ``warn``. What only the checklist looks
at (the screens' shorter title, links in the screen text, tag spellings, the decision
still to come) is never more than ``warn``: a rule that must stop publication belongs in
``check``, which also keeps the item off every channel. So ``check`` and
``check --checklist`` exit alike and say the same things.

The checks (codes are stable, shown in JSON):

``languages``      both the Kazakh and the Russian file exist (check's ``missing-*``)
``lengths``        title and summary fit the newspaper (150 / 300, check's ``too-long``)
                   and, for items on the screens, the screen (title 90: a warning)
``images``         every image has ``image_alt`` and the file exists (check's media codes)
``personal-data``  no IIN or phone number (errors), e-mail or home address, medical or
                   disciplinary word (warnings) without ``personal_data: consent``
``screen-links``   no links to other hosts in the screen text
``links``          links inside the site resolve (check's ``broken-link``)
``spelling``       the section is a known one; no tag that looks like a misspelt tag used
                   elsewhere
``legal``, ``ethics``, ``editorial``, ``visuals``, ``consequences``
                   Appendix 1's blocks only a person can judge: the reviewer's answer in
                   the file's ``checklist:`` (``ok``, ``not-applicable``, ``concern: …``);
                   check's ``checklist-unanswered`` (error, approved files) and
                   ``checklist-concern`` (warning), or a note while under review
``approval``       an allowed approver, committed by the approver (git), the date and time
                   set, and who watches the reaction (``checklist: reaction``)
``decision``       the decision (publish / rework / reject), who took it and when
``other``          any other problem ``check`` found in the item's files
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..content.diagnostics import Diagnostic, Severity
from ..content.model import ALL_SECTIONS, LANGS, ContentSet, Item, Version
from ..content.review import BLOCKS, REACTION
from ..content.validate import SCREEN_TEXT_MAX
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
    # Appendix 1's blocks a reviewer answers in the file's 'checklist:' (content/review.py)
    ("legal", N_("legal")),
    ("ethics", N_("reputation and ethics")),
    ("editorial", N_("content and editorial")),
    ("visuals", N_("visuals: consent and rights")),
    ("consequences", N_("consequences")),
    ("approval", N_("approval")),
    ("decision", N_("decision")),
    ("other", N_("other problems")),
)
# Which of check's diagnostic codes each block shows (their severity is check's). A code
# no block names shows under "other", so no problem of an item's files is left unsaid.
BLOCK_CODES: Mapping[str, frozenset[str]] = {
    "languages": frozenset({"missing-kk", "missing-ru", "pair-differs"}),
    "lengths": frozenset({"too-long"}),
    "images": frozenset({"missing-alt", "missing-file", "external-file", "wrong-file-type",
                         "path-outside", "bad-path", "corrupt-file", "file-too-large",
                         "svg-not-drawn", "external-image", "symlink", "active-file"}),
    "personal-data": frozenset({"personal-data", "personal-details"}),
    "links": frozenset({"broken-link"}),
    "spelling": frozenset({"unknown-section"}),
    "decision": frozenset({"decision-blocks", "approved-without-decision"}),
    # who approved, whether the approver committed the final version, the date and time set
    "approval": frozenset({"approver-not-allowed", "no-approver", "no-approver-for-section",
                           "approval-not-verified", "approval-not-committed",
                           "no-publish-time"}),
    # shown per answer block by _answers (not a column of its own)
    "answers": frozenset({"checklist-unanswered", "checklist-concern"}),
}
SYMBOLS: Mapping[str, str] = {"ok": "✓", "fail": "✗", "warn": "!", "skip": "–"}
REVIEWED = ("review", "approved")
_EXTERNAL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s)>\]]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found: an English template, its values, the file and line;
    or one of ``check``'s diagnostics (``diagnostic``), whose severity it keeps."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    diagnostic: Diagnostic | None = None

    @property
    def severity(self) -> Severity:
        return self.diagnostic.severity if self.diagnostic is not None else "warning"

    def english(self) -> str:
        if self.diagnostic is not None:
            d = self.diagnostic
            return f"{d.message}; {d.hint}" if d.hint else d.message
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


def run_checklist(content: ContentSet, only: Iterable[str] | None = None,
                  diagnostics: Iterable[Diagnostic] = ()) -> list[ItemChecklist]:
    """The checklist of each item under review or approved (``only``: these file paths),
    with ``check``'s ``diagnostics`` about the item's files in their blocks."""
    wanted = set(only) if only is not None else None
    tag_counts = _tag_counts(content)
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for item in content.items:
        if not any(v.status in REVIEWED for v in item.versions.values()):
            continue
        if wanted is not None and not any(v.path in wanted for v in item.versions.values()):
            continue
        told = _told(item, by_path)
        own = {
            "lengths": _lengths(item), "screen-links": _screen_links(item),
            "spelling": _spelling(item, tag_counts), "decision": _decision(item),
            **_answers(item, told.get("answers", []))}
        out.append(ItemChecklist(item, tuple(
            _result(code, told.get(code, []) + own.get(code, [])) for code, _ in CHECKS)))
    return out


def _told(item: Item, by_path: Mapping[str, list[Diagnostic]]) -> dict[str, list[Finding]]:
    """check's diagnostics about the item's two files (loaded or not) and the media its
    front matter names, by block."""
    stem = item.primary.path[: -len(".kk.md")]
    paths = [f"{stem}.{lang}.md" for lang in LANGS]
    for v in item.versions.values():
        media = [v.image, *((v.signage.image, v.signage.video) if v.signage else ())]
        paths += [f"content/{m}" for m in media if m is not None]
    blocks: dict[str, list[Finding]] = {}
    for path in dict.fromkeys(paths):
        for d in by_path.get(path, ()):
            code = next((b for b, codes in BLOCK_CODES.items() if d.code in codes), "other")
            blocks.setdefault(code, []).append(Finding(d.message, {}, d.path, d.line, d))
    return blocks


def _result(code: str, findings: list[Finding]) -> CheckResult:
    if not findings:
        return CheckResult(code, "ok")
    fail = any(f.severity == "error" for f in findings)
    return CheckResult(code, "fail" if fail else "warn", tuple(findings))


def _lengths(item: Item) -> list[Finding]:
    """The screens' shorter title (check holds the newspaper's limits, as errors)."""
    found: list[Finding] = []
    if item.signage is None:
        return found
    for v in item.versions.values():
        for name, text, limit in (("title", v.title, SCREEN_TITLE_MAX),
                                  ("signage.text", _screen_text(v), SCREEN_TEXT_MAX)):
            if len(text) > limit:
                found.append(Finding(N_("{field} has {n} characters; the {where} fit {limit}"),
                                     {"field": name, "n": len(text), "where": N_("screens"),
                                      "limit": limit}, v.path, v.lines.get(name, 1)))
    return found


def _screen_text(v: Version) -> str:
    """What the screens show as text: the signage text, else the summary."""
    return (v.signage.text if v.signage else "") or v.summary


def _screen_links(item: Item) -> list[Finding]:
    found = []
    if item.signage is not None:
        for v in item.versions.values():
            for m in _EXTERNAL.finditer(_screen_text(v)):
                found.append(Finding(N_("the screen text links to another host: {url}"),
                                     {"url": m[0]}, v.path, v.lines.get("signage", 1)))
    return found


def _tag_counts(content: ContentSet) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for item in content.items:
        for v in item.versions.values():
            counts[v.lang].update(t.strip() for t in v.tags)
    return counts


def _spelling(item: Item, tag_counts: Mapping[str, Counter[str]]) -> list[Finding]:
    found = []
    for v in item.versions.values():
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
    return found


def _answers(item: Item, told: list[Finding]) -> dict[str, list[Finding]]:
    """The reviewer's answer blocks (legal … consequences, and who watches the reaction in
    the approval block): check's error for an approved file that leaves one unanswered,
    check's warning for a concern, a note for a file under review not answered yet."""
    columns = {**{b: b for b in BLOCKS}, REACTION: "approval"}
    out: dict[str, list[Finding]] = {}
    for v in item.versions.values():
        line = v.lines.get("checklist", v.lines.get("status", 1))
        mine = [f for f in told if f.path == v.path and f.diagnostic is not None]
        for name, column in columns.items():
            answer = v.checklist.get(name)
            if answer is None:
                said = [f for f in mine if f.diagnostic is not None and f.diagnostic.code ==
                        "checklist-unanswered" and name in f.diagnostic.message.split(": ")[-1]
                        .split(", ")]
                out.setdefault(column, []).extend(said or [Finding(
                    N_("'{block}' is not answered yet"), {"block": name}, v.path, line)])
            elif answer.startswith("concern:"):
                said = [f for f in mine if f.diagnostic is not None and f.diagnostic.code ==
                        "checklist-concern" and f"({name})" in f.diagnostic.message]
                out.setdefault(column, []).extend(said or [Finding(
                    N_("the reviewer noted a concern ({block}): {text}"),
                    {"block": name, "text": answer[8:].strip()}, v.path, line)])
    return out


def _decision(item: Item) -> list[Finding]:
    """Recorded decision, who and when: notes to check by eye (``check`` has the rules
    an approval must meet; its errors show in this block as failures)."""
    notes: list[Finding] = []
    for v in item.versions.values():
        line = v.lines.get("decision", v.lines.get("status", 1))
        if v.status == "review" and v.decision is None:
            notes.append(Finding(N_("waiting for the decision (publish, rework or reject)"),
                                 {}, v.path, line))
            continue
        if v.status == "approved" and v.decision is None:
            notes.append(Finding(N_("approved without a decision; add 'decision: publish'"),
                                 {}, v.path, line))
        if not v.approved_by:
            notes.append(Finding(N_("who took the decision is not recorded; add "
                                    "'approved_by'"), {}, v.path, line))
        if v.approved_at is None:
            notes.append(Finding(N_("when the decision was taken is not recorded; add "
                                    "'approved_at'"), {}, v.path, line))
        if v.decision in ("rework", "reject"):
            notes.append(Finding(N_("decision: {decision} ({who}); it will not be published"),
                                 {"decision": v.decision, "who": v.approved_by or "?"},
                                 v.path, line))
    return notes


def as_json(lists: Iterable[ItemChecklist]) -> list[dict[str, object]]:
    """Plain data for ``--format json`` (English messages; the CLI adds translations)."""
    return [{
        "item": c.item.key,
        "files": [v.path for v in c.item.versions.values()],
        "status": c.statuses,
        "passed": c.passed,
        "checks": {r.code: {"state": r.state, "findings": [
            {"path": f.path, "line": f.line, "severity": f.severity, "message": f.english()}
            for f in r.findings]}
            for r in c.results},
    } for c in lists]
