"""The English templates of the approval and personal-detail messages, for translation.

Where it sits: :mod:`site_gen.editorial.checkmsgs` matches every diagnostic against its
templates and these (the messages of ``site_gen/content/people.py``, ``approval.py``,
``review.py`` and ``details.py``), and fills the Kazakh or Russian translation from the
catalogs. A value named ``problem`` or ``what`` is a message itself, translated the same way.
"""

from __future__ import annotations

from .i18n import N_

APPROVAL_TEMPLATES: tuple[str, ...] = (
    # people.py: content/_data/people.yml
    N_("people.yml must be a group of fields"),
    N_("write 'people:', 'sections:' and 'channels:', one per line"),
    N_("the channel '{name}' names no responsible unit"),
    N_("add under 'channels:' the channel '{name}' with its 'unit:' in kk and ru; the "
       "regulation makes one unit responsible for each channel"),
    N_("list everyone who edits or approves under 'people:'"),
    N_("'people' must be a group of people by id"),
    N_("write each person as an id with 'name' (kk and ru) and 'email' under it"),
    N_("person '{id}' must have fields"),
    N_("person '{id}'"),
    N_("write name and email"),
    N_("'{email}' is not an e-mail address"),
    N_("write the e-mail this person's git commits carry (git config user.email)"),
    # data.py: publish_report_to in site.yml (the same message, this hint)
    N_("write it as name@example.kz; the publish report is not mailed there"),
    N_("the e-mail {email} is also {id}'s"),
    N_("give each person their own e-mail"),
    N_("'{part}' must be a group of fields"),
    N_("write each one with its 'editors' and 'approvers' lists"),
    N_("unknown channel '{name}'"),
    N_("'{name}' must have fields"),
    N_("write editors and approvers"),
    N_("'{id}' is not under 'people'"),
    N_("add them under 'people:' first"),
    # approval.py: who approved, and git
    N_("approved without a decision"),
    N_("add 'decision: publish'"),
    N_("people.yml names no approver for the section '{section}'"),
    N_("add the section '{section}' with its 'approvers' to {path}"),
    N_("approved, but 'approved_by' is missing"),
    N_("write who approved it: {names}"),
    N_("{who} is not an approver of the section '{section}'"),
    N_("'{who}' is not in people.yml"),
    N_("approvers of '{section}': {names}"),
    N_("people.yml says 'example: true': approvals are not checked against the git history"),
    N_("delete 'example: true' in a real content repository"),
    N_("approvals cannot be verified: {problem}"),
    N_("check and publish from a clone of the content repository"),
    N_("git is not installed"),
    N_("{folder}/ is not in a git repository"),
    N_("git status failed"),
    N_("approved, but not verified: {problem}"),
    N_("published before approval, but not verified: {problem}"),
    N_("it is held back until it can be checked in git"),
    N_("approved, but this version is not committed"),
    N_("published before approval, but this version is not committed"),
    N_("commit it as {who}; until then it is held back"),
    N_("approved in the working tree; it counts once committed"),
    N_("published before approval in the working tree; it counts once committed"),
    N_("commit it as {email}"),
    N_("approved by {who}, but the last change to the file is {name} <{email}>'s (commit "
       "{sha})"),
    N_("the approver commits the final version (a commit by {who}); until then it is held "
       "back"),
    N_("published before approval by {name} <{email}> (commit {sha}), who is no editor of "
       "the section '{section}'"),
    N_("an editor of the section commits it: {who}"),
    # review.py: the checklist's answers
    N_("'checklist' must be a group of answers"),
    N_("write one answer per line under it: 'legal: ok', 'ethics: ok', …"),
    N_("checklist"),
    N_("'{block}' must be ok, not-applicable or \"concern: <text>\""),
    N_("write e.g. 'legal: ok' or 'legal: \"concern: the contract is not signed yet\"'"),
    N_("approved, but the checklist does not answer: {blocks}"),
    N_("answer each under 'checklist:' with ok, not-applicable or \"concern: ...\" "
       "(reaction: who watches the reaction)"),
    N_("the reviewer noted a concern ({block}): {text}"),
    N_("the approver reads it before publishing"),
    N_("approved, but the date and time it goes out are not set"),
    N_("add 'publish_at: \"2026-11-23 09:00\"', or 'approved_at' with the time of approval"),
    # details.py: personal details beyond numbers
    N_("an e-mail address"), N_("a home address"), N_("a medical detail"),
    N_("a disciplinary detail"),
)
