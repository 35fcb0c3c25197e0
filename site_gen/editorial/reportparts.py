"""The period report's Appendix 2 parts as Markdown, in the editor's language: the main
topics, the checklist's answers, the decisions not to publish, the letters, and the headed
blanks the editor fills in (audience, moderation, risks, plans, the overall assessment).

Where it sits: :func:`site_gen.editorial.reportview.report_markdown` puts
:func:`middle_parts` after the counts and :func:`end_parts` after the screens' plays;
the facts come from :mod:`.reportfacts` through the :class:`~.report.Report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.model import LANGS
from .i18n import N_, Messages
from .output import table

if TYPE_CHECKING:  # report imports reportfacts; this module is imported by reportview only
    from .report import Report

BLANKS: tuple[tuple[str, str], ...] = (
    (N_("Audience and reach"),
     N_("Page views, readers of the newspaper, subscribers, the reach of the screens.")),
    (N_("Moderation of comments"),
     N_("Comments removed or answered, constructive criticism and what was done about it.")),
    (N_("Risks"), N_("What could go wrong next period, and what is done about it.")),
    (N_("Plans for the next period"), N_("Topics, campaigns, changes to the channels.")),
    (N_("Overall assessment"), N_("The editor's conclusion on the period.")),
)
TO_FILL = N_("To be filled in by the editor:")
DECISION_NAMES = {"rework": N_("rework"), "reject": N_("reject")}


def middle_parts(r: Report, tr: Messages) -> list[str]:
    """Topics, checklist compliance, items sent to rework or rejected."""
    out = ["## " + tr._("Main topics"), ""]
    rows = []
    for lang in LANGS:
        rows += [[lang, tag, n] for tag, n in r.topics.get(lang, [])]
    out += [table([tr._("language"), tr._("tag"), tr._("versions")], rows, (2,))
            if rows else tr._("no tags in the period"), ""]
    c = r.compliance
    out += ["## " + tr._("Pre-publication checklist"), "",
            table([tr._("items published in the period"), tr._("items")], [
                [tr._("every block answered ok (or not applicable)"), len(c.ok)],
                [tr._("with a concern noted"), len(c.concern)],
                [tr._("answers not recorded"), len(c.not_recorded)]], (1,)), ""]
    if c.concern:
        out += [tr._("With a concern: {items}", items=", ".join(c.concern)), ""]
    out += ["## " + tr._("Sent to rework or rejected"), ""]
    if r.decisions:
        out.append(table([tr._("item"), tr._("title"), tr._("decision"), tr._("who"),
                          tr._("day")],
                         [[d.item, d.title, tr._(DECISION_NAMES[d.decision]), d.who or "—",
                           d.day.isoformat()] for d in r.decisions]))
    else:
        out.append(tr._("no item was sent to rework or rejected in the period"))
    return [*out, ""]


def end_parts(r: Report, tr: Messages, more: str = "") -> list[str]:
    """The letters (when a register was given), ``more`` (Markdown of other parts), then
    the headed blanks, last."""
    out: list[str] = []
    if r.letters is not None:
        x = r.letters
        out += ["## " + tr._("Letters to the head's blog"), "",
                tr.ngettext("{n} letter received in the period",
                            "{n} letters received in the period", x.received), "",
                "### " + tr._("By outcome"), "",
                table([tr._("outcome"), tr._("letters")], [
                    [tr._("a first reply given"), x.replied],
                    [tr._("the official answer given"), x.answered],
                    [tr._("of those, answered in the blog"), x.published],
                    [tr._("forwarded to official correspondence"), x.forwarded],
                    [tr._("still waiting"), x.waiting],
                    [tr._("first reply later than 3 working days"), len(x.late_reply)],
                    [tr._("official answer later than 15 working days"),
                     len(x.late_answer)]], (1,)), ""]
        if x.late_reply or x.late_answer:
            late = sorted(set(x.late_reply) | set(x.late_answer))
            out += [tr._("Deadlines missed: {numbers}", numbers=", ".join(late)), ""]
        rows = [[topic, n] for topic, n in x.topics.items()]
        rows += [[tr._("questions for the report meeting {id}", id=m), n]
                 for m, n in x.meetings.items()]
        if x.no_topic:
            rows.append([tr._("no topic yet (no answer published)"), x.no_topic])
        out += ["### " + tr._("By topic"), "",
                table([tr._("topic"), tr._("letters")], rows, (1,)) if rows
                else tr._("no letters in the period"), ""]
    if more.strip():
        out += [more.strip(), ""]
    for title, what in BLANKS:
        out += ["## " + tr._(title), "", f"_{tr._(TO_FILL)} {tr._(what)}_", ""]
    return out


def appendix_rows(r: Report) -> list[list[object]]:
    """The same facts as CSV rows: table, key, screen, language, count, minutes."""
    rows: list[list[object]] = []
    for lang in LANGS:
        rows += [["tag", tag, "", lang, n, ""] for tag, n in r.topics.get(lang, [])]
    c = r.compliance
    rows += [["checklist", key, "", "", len(keys), ""] for key, keys in
             (("ok", c.ok), ("concern", c.concern), ("not-recorded", c.not_recorded))]
    rows += [["decision", d.item, "", "", d.decision, ""] for d in r.decisions]
    if r.letters is not None:
        x = r.letters
        rows += [["letters", key, "", "", n, ""] for key, n in (
            ("received", x.received), ("replied", x.replied), ("answered", x.answered),
            ("answered-in-blog", x.published), ("forwarded", x.forwarded),
            ("waiting", x.waiting), ("late-reply", len(x.late_reply)),
            ("late-answer", len(x.late_answer)))]
        rows += [["letters-topic", topic, "", "", n, ""] for topic, n in x.topics.items()]
        rows += [["letters-meeting", m, "", "", n, ""] for m, n in x.meetings.items()]
        if x.no_topic:
            rows.append(["letters-topic", "", "", "", x.no_topic, ""])
    return rows
