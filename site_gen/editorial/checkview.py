"""What ``site-gen check`` prints, in the editor's language: the summary lines and the
pre-publication checklist (a table, then what to fix), or the checklist as JSON.

Where it sits: ``site_gen/commands/check.py`` calls these with the data from
``site_gen.content.check`` and :func:`site_gen.editorial.checklist.run_checklist`.
In English the summary lines are exactly those ``check`` always printed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from ..content import Diagnostic
from ..content.diagnostics import sort_key
from .checklist import CHECKS, SYMBOLS, Finding, ItemChecklist, as_json
from .checkmsgs import SEVERITY, translate
from .i18n import N_, Messages
from .output import table

LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian")}
STATUS_NAMES = {"draft": N_("draft"), "review": N_("review"), "approved": N_("approved")}


def summary_lines(summary: Mapping[str, object], missing: Mapping[str, Sequence[str]],
                  tr: Messages) -> list[str]:
    """``checked 2 files: 1 item, 1 error, 0 warnings`` and the missing-language lines."""
    def n(key: str) -> int:
        value = summary[key]
        return value if isinstance(value, int) else 0

    lines = [tr._("checked {files}: {items}, {errors}, {warnings}",
                  files=tr.ngettext("{n} file", "{n} files", n("files")),
                  items=tr.ngettext("{n} item", "{n} items", n("items")),
                  errors=tr.ngettext("{n} error", "{n} errors", n("errors")),
                  warnings=tr.ngettext("{n} warning", "{n} warnings", n("warnings")))]
    for lang, keys in missing.items():
        if keys:
            lines.append(tr.ngettext(
                "{n} item has no {lang} ({name}) version: {keys}",
                "{n} items have no {lang} ({name}) version: {keys}", len(keys),
                lang=lang, name=tr._(LANGUAGE_NAMES[lang]), keys=", ".join(keys)))
    return lines


def errors_note(diagnostics: Sequence[Diagnostic], tr: Messages) -> str | None:
    """For plan and report: files with errors are left out of the numbers; say so."""
    errors = sum(d.severity == "error" for d in diagnostics)
    if not errors:
        return None
    return tr.ngettext(
        "the content has {n} error; files with errors are left out (run site-gen check)",
        "the content has {n} errors; files with errors are left out (run site-gen check)",
        errors)


def checklist_text(lists: Sequence[ItemChecklist], tr: Messages) -> str:
    """A table (one row per item, one column per check), then each finding to fix."""
    if not lists:
        return tr._("no item is in review or approved: nothing to check before publishing")
    headers = [tr._("item"), tr._("status")] + [tr._(label) for _, label in CHECKS]
    rows = []
    for c in lists:
        status = ", ".join(f"{lang} {tr._(STATUS_NAMES[s])}" for lang, s in c.statuses.items())
        rows.append([c.item.key, status] + [SYMBOLS[c.result(code).state]
                                            for code, _ in CHECKS])
    out = [table(headers, rows), "",
           tr._("✓ passed   ✗ must be fixed before publishing   ! check by eye")]
    for c in lists:
        findings = [(code, label, r) for code, label in CHECKS
                    if (r := c.result(code)).findings]
        if not findings:
            continue
        out += ["", f"{c.item.key}:"]
        for _code, label, r in findings:
            for f in r.findings:
                where = f"{f.path}:{f.line}: " if f.path else ""
                out.append(f"  {SYMBOLS[r.state]} {tr._(label)}: {where}{_text(f, tr)}")
    failed = sum(not c.passed for c in lists)
    out += ["", tr.ngettext("{n} item checked", "{n} items checked", len(lists)) + "; "
            + tr.ngettext("{n} must be fixed before publishing",
                          "{n} must be fixed before publishing", failed)]
    return "\n".join(out)


def _text(f: Finding, tr: Messages) -> str:
    """A finding in ``tr``'s language; one of check's with its hint, as check says it."""
    d = f.diagnostic
    if d is None:
        return tr._(f.message, **_values(f.values, tr))
    return translate(d.message, tr) + (f"; {translate(d.hint, tr)}" if d.hint else "")


def _values(values: Mapping[str, object], tr: Messages) -> dict[str, object]:
    """Values that are marked strings themselves (``newspaper``, ``an IIN``) translated."""
    return {k: tr._(v) if isinstance(v, str) and k in ("where", "what") else v
            for k, v in values.items()}


def checklist_json(lists: Sequence[ItemChecklist], diagnostics: Sequence[Diagnostic],
                   summary: Mapping[str, object], tr: Messages) -> str:
    rows = as_json(lists)
    if tr.lang != "en":
        for row, c in zip(rows, lists, strict=True):
            checks = row["checks"]
            assert isinstance(checks, dict)
            for r in c.results:
                for data, f in zip(checks[r.code]["findings"], r.findings, strict=True):
                    data["text"] = _text(f, tr)
    diags = []
    for d in sorted(diagnostics, key=sort_key):
        entry: dict[str, object] = {"path": d.path, "line": d.line, "col": d.col,
                                    "severity": d.severity, "code": d.code,
                                    "message": d.message, "hint": d.hint}
        if tr.lang != "en":
            entry["text"] = (f"{tr._(SEVERITY[d.severity])}: {translate(d.message, tr)}"
                             + (f"; {translate(d.hint, tr)}" if d.hint else ""))
        diags.append(entry)
    return json.dumps({"checklist": rows, "diagnostics": diags, "summary": dict(summary),
                       "lang": tr.lang}, ensure_ascii=False, indent=2)
