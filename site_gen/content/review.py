"""The reviewer's answers to the pre-publication checklist (SM Appendix 1), in front matter.

Where it sits: :func:`site_gen.content.validate.build_version` reads the ``checklist:``
block of each file with :func:`read_checklist`; the answers travel on the Version
(``Version.checklist``) to ``check --checklist`` and the period report. What a machine can
judge (personal data, pictures, the decision, who approved and whether the approver
committed the final version) is checked elsewhere; these are the blocks only a person can
answer (``check --checklist`` shows one column each)::

    checklist:
      legal: ok                        # legal check
      ethics: ok                       # reputation and ethics
      editorial: ok                    # content and editorial check
      visuals: not-applicable          # visuals: consent of the people shown, rights
      consequences: "concern: the outage may draw complaints; the dispatcher is warned"
      reaction: "Ә. Қасымова"          # who watches the reaction after publishing

Each answer is ``ok``, ``not-applicable`` or ``concern: <text>`` (in quotes, because of the
colon; ``{concern: <text>}`` is read too). Where people.yml exists (the approval rules are
on), an approved file with a block unanswered is an error; a concern is a warning, for the
approver to read (:func:`owed`).
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .fields import Fields
from .model import Version

BLOCKS: tuple[str, ...] = ("legal", "ethics", "editorial", "visuals", "consequences")
REACTION = "reaction"
ANSWERS = ("ok", "not-applicable", "concern: <text>")


def read_checklist(f: Fields) -> dict[str, str]:
    """The answers by block (and ``reaction``: a name); a wrong answer is reported to ``f``.
    """
    key = ("checklist",)
    block = f.get(key)
    answers: dict[str, str] = {}
    if block is not None and not isinstance(block, dict):
        f.report(key, "wrong-type", "'checklist' must be a group of answers",
                 "write one answer per line under it: 'legal: ok', 'ethics: ok', …")
        return answers
    if isinstance(block, dict):
        f.unknown_keys(key, (*BLOCKS, REACTION), "checklist")
        for name in BLOCKS:
            answer = _answer(f, (*key, name))
            if answer:
                answers[name] = answer
        reaction = f.text((*key, REACTION), max_len=200)
        if reaction:
            answers[REACTION] = reaction
    return answers


def owed(v: Version) -> list[Diagnostic]:
    """What an approved file still owes the checklist: the blocks unanswered (one error,
    ``checklist-unanswered``), each concern (a warning, ``checklist-concern``), and the
    date and time it goes out (``no-publish-time``: ``publish_at`` or ``approved_at``).
    :mod:`site_gen.content.approval` asks this of each approved file when people.yml
    exists."""
    out: list[Diagnostic] = []
    line = v.lines.get("checklist", v.lines.get("status", 1))
    missing = [name for name in (*BLOCKS, REACTION) if name not in v.checklist]
    if missing:
        out.append(Diagnostic(
            v.path, line, 1, "error", "checklist-unanswered",
            "approved, but the checklist does not answer: " + ", ".join(missing),
            "answer each under 'checklist:' with ok, not-applicable or \"concern: ...\" "
            "(reaction: who watches the reaction)"))
    for name in BLOCKS:
        answer = v.checklist.get(name, "")
        if answer.startswith("concern:"):
            out.append(Diagnostic(
                v.path, line, 1, "warning", "checklist-concern",
                f"the reviewer noted a concern ({name}): {answer[8:].strip()}",
                "the approver reads it before publishing"))
    if v.publish_at is None and v.approved_at is None:
        out.append(Diagnostic(
            v.path, v.lines.get("status", 1), 1, "error", "no-publish-time",
            "approved, but the date and time it goes out are not set",
            "add 'publish_at: \"2026-11-23 09:00\"', or 'approved_at' with the time of approval"))
    return out


def _answer(f: Fields, key: tuple[str, str]) -> str:
    value = f.get(key)
    if value is None:
        return ""
    if isinstance(value, dict) and list(value) == ["concern"]:
        text = f.text((*key, "concern"))
        value = f"concern: {text}" if text else "concern:"
    if isinstance(value, str):
        text = " ".join(value.split())
        if text in ("ok", "not-applicable"):
            return text
        if text.startswith("concern:") and text[8:].strip():
            return text
    f.report(key, "bad-checklist-answer",
             f"'{key[-1]}' must be ok, not-applicable or \"concern: <text>\"",
             "write e.g. 'legal: ok' or 'legal: \"concern: the contract is not signed yet\"'")
    return ""
