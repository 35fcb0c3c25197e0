"""Approvals that mean something: the approver is allowed, and committed the final version.

Where it sits: a step of :func:`site_gen.content.check`, after every file is read, with the
people of ``content/_data/people.yml`` (:mod:`site_gen.content.people`). Its errors go
through the publishing gate (:mod:`site_gen.content.gate`) like any other, so an item whose
approval does not hold is published on no channel.

The rules apply where ``content/_data/people.yml`` exists: a content repository adopts
them by adding it (a content folder without it, such as a test fixture, is not held to them).
For each file with ``status: approved``:

- the checklist blocks are answered and the date and time set (:func:`review.owed`);
- ``decision: publish`` is written, and ``approved_by`` names an approver of the item's
  section in people.yml (otherwise: an error, with the closest allowed name);
- the approval is the approver's own: the last commit that changed the file was authored
  with the approver's e-mail, and the file has no uncommitted changes. (Uncommitted
  changes in the approver's own working tree, where ``git var GIT_AUTHOR_IDENT`` is the
  approver, are a warning, ``approval-pending``: the pre-commit hook lets the approver
  commit, and a preview in the approver's own tree shows the version about to be
  committed. The publish service builds a clean clone, where nothing is uncommitted.)
  Anyone can type a name into ``approved_by``; only the approver can make a commit with
  their e-mail (on the company's git server, which ties a push to an account). An edit
  after the approval by anyone else, even one that leaves ``status`` alone, needs the
  approver to approve the final version again: the regulation asks that the final version
  be approved.

A file published before approval (``published_before_approval: "<reason>"``) is held to the
same git rule with the section's editors and approvers: whoever publishes it is named.

History is read with one ``git log`` for the whole tree, stopped as soon as every file in
question is found, and one ``git status``. Outside a git repository nothing can be verified:
``check`` says so once (a warning) and holds back every approval as unverified.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, did_you_mean
from .model import ContentSet, Item, Version
from .people import People, Person
from .review import owed

GIT_TIMEOUT = 60  # seconds for the whole history; a content repository reads in well under one


@dataclass(frozen=True, slots=True)
class LastCommit:
    sha: str
    email: str
    name: str


@dataclass(frozen=True, slots=True)
class History:
    """What git says about the files in question."""

    available: bool
    why: str = ""  # when not available
    last: dict[str, LastCommit] | None = None  # absolute NFC path → last commit changing it
    dirty: frozenset[str] = frozenset()  # absolute NFC paths with uncommitted changes
    committer: str = ""  # the e-mail the next commit here would carry (git var), lower case


def approval_checks(content: ContentSet, people: People) -> list[Diagnostic]:
    """Every approval and publication before approval, against people.yml and git."""
    out: list[Diagnostic] = []
    if not people.present:
        return out
    approved = [v for item in content.items for v in item.versions.values()
                if v.status == "approved" and v.decision not in ("rework", "reject")]
    early = [v for item in content.items for v in item.versions.values()
             if v.status != "approved" and v.published_before_approval
             and v.decision not in ("rework", "reject")]
    claimed: dict[str, Person] = {}
    for v in approved:
        out.extend(owed(v))
        person = _approver(v, people, out)
        if person is not None:
            claimed[v.path] = person
    if people.example:
        if approved or early:
            out.append(Diagnostic(people.path, 1, 1, "warning", "approvals-not-verified",
                                  "people.yml says 'example: true': approvals are not "
                                  "checked against the git history",
                                  "delete 'example: true' in a real content repository"))
        return out
    checked = [v for v in approved if v.path in claimed] + early
    if not checked:
        return out
    history = read_history(content.root, [v.source for v in checked])
    if not history.available:
        out.append(Diagnostic(people.path, 1, 1, "warning", "no-git-history",
                              f"approvals cannot be verified: {history.why}",
                              "check and publish from a clone of the content repository"))
    for v in approved:
        if v.path in claimed:
            _verify(v, (claimed[v.path],), history, out, approved=True)
    for v in early:
        _verify(v, people.editors(v.section), history, out, approved=False)
    return out


def _approver(v: Version, people: People, out: list[Diagnostic]) -> Person | None:
    line = v.lines.get("approved_by", v.lines.get("status", 1))
    if v.decision != "publish":
        out.append(Diagnostic(v.path, v.lines.get("status", 1), 1, "error",
                              "approved-without-decision",
                              "approved without a decision", "add 'decision: publish'"))
    allowed = people.approvers(v.section)
    names = [p.names.get(v.lang) or next(iter(p.names.values())) for p in allowed]
    if not allowed:
        out.append(Diagnostic(v.path, line, 1, "error", "no-approver-for-section",
                              f"people.yml names no approver for the section '{v.section}'",
                              f"add the section '{v.section}' with its 'approvers' to "
                              f"{people.path}"))
        return None
    if not v.approved_by:
        out.append(Diagnostic(v.path, line, 1, "error", "no-approver",
                              "approved, but 'approved_by' is missing",
                              f"write who approved it: {', '.join(names)}"))
        return None
    found = next((p for p in allowed if p.called(v.approved_by)), None)
    if found is None:
        other = next((p for p in people.people.values() if p.called(v.approved_by)), None)
        why = (f"{v.approved_by} is not an approver of the section '{v.section}'"
               if other is not None else f"'{v.approved_by}' is not in people.yml")
        close = did_you_mean(v.approved_by, names)
        out.append(Diagnostic(v.path, line, 1, "error", "approver-not-allowed", why,
                              close if close.startswith("did") else
                              f"approvers of '{v.section}': {', '.join(names)}"))
    return found


def _verify(v: Version, allowed: tuple[Person, ...], history: History,
            out: list[Diagnostic], approved: bool) -> None:
    line = v.lines.get("approved_by" if approved else "published_before_approval",
                       v.lines.get("status", 1))
    who = ", ".join(f"{p.names.get(v.lang) or p.id} <{p.email}>" for p in allowed) or "nobody"
    key = _key(v.source)
    what = "approved" if approved else "published before approval"
    if not history.available or history.last is None:
        out.append(Diagnostic(v.path, line, 1, "error", "approval-not-verified",
                              f"{what}, but not verified: {history.why}",
                              "it is held back until it can be checked in git"))
        return
    last = history.last.get(key)
    if key in history.dirty or last is None:
        if history.committer and history.committer in {p.email for p in allowed}:
            # The approver's own working tree (a pre-commit hook, a preview): the version
            # about to be committed by the approver; elsewhere it is not there to publish.
            out.append(Diagnostic(v.path, line, 1, "warning", "approval-pending",
                                  f"{what} in the working tree; it counts once committed",
                                  f"commit it as {history.committer}"))
            return
        out.append(Diagnostic(v.path, line, 1, "error", "approval-not-committed",
                              f"{what}, but this version is not committed",
                              f"commit it as {who}; until then it is held back"))
        return
    if last.email.lower() in {p.email for p in allowed}:
        return
    if approved:
        message = (f"approved by {v.approved_by}, but the last change to the file is "
                   f"{last.name} <{last.email}>'s (commit {last.sha[:10]})")
        hint = (f"the approver commits the final version (a commit by {who}); "
                "until then it is held back")
    else:
        message = (f"published before approval by {last.name} <{last.email}> (commit "
                   f"{last.sha[:10]}), who is no editor of the section '{v.section}'")
        hint = f"an editor of the section commits it: {who}"
    out.append(Diagnostic(v.path, line, 1, "error", "approval-not-verified", message, hint))


def _key(path: Path) -> str:
    return unicodedata.normalize("NFC", str(path.resolve()))


def _git(top: Path | None, *args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    prefix = ["git", "-c", "core.quotePath=false", "-c", "log.showSignature=false"]
    return subprocess.Popen([*prefix, *(["-C", str(top)] if top else []), *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _run(top: Path | None, *args: str, cwd: Path) -> tuple[int, bytes]:
    with _git(top, *args, cwd=cwd) as proc:
        try:
            output, _ = proc.communicate(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            return 1, b""
    return proc.returncode, output


def read_history(root: Path, files: Iterable[Path]) -> History:
    """The last commit that changed each of ``files``, and which have uncommitted changes."""
    root = root.resolve()
    try:
        code, top_out = _run(None, "rev-parse", "--show-toplevel", cwd=root)
    except OSError:
        return History(False, "git is not installed")
    if code != 0:
        return History(False, f"{root.name}/ is not in a git repository")
    top = Path(os.fsdecode(top_out.strip())).resolve()
    wanted: dict[str, str] = {}  # path relative to the top, as git writes it → key
    for f in files:
        try:
            wanted[unicodedata.normalize("NFC", f.resolve().relative_to(top).as_posix())] = _key(f)
        except ValueError:
            continue  # outside the repository: never committed

    code, status = _run(top, "status", "--porcelain=v1", "-z", "--untracked-files=all",
                        "--", str(root), cwd=root)
    if code != 0:
        return History(False, "git status failed")
    dirty = {wanted[rel] for entry in status.split(b"\0") if len(entry) > 3
             and entry[2:3] == b" "
             and (rel := unicodedata.normalize("NFC", os.fsdecode(entry[3:]))) in wanted}
    last: dict[str, LastCommit] = {}
    commit: LastCommit | None = None
    with _git(top, "log", "--no-color", "--format=%x01%H%x02%ae%x02%an", "--name-only",
              "--", str(root), cwd=root) as proc:
        assert proc.stdout is not None
        for raw in proc.stdout:
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if text.startswith("\x01"):
                sha, email, name = (text[1:].split("\x02") + ["", ""])[:3]
                commit = LastCommit(sha, email, name)
            elif text and commit is not None:
                key = wanted.get(unicodedata.normalize("NFC", text))
                if key is not None and key not in last:
                    last[key] = commit
                    if len(last) == len(wanted):
                        break  # every file found: the older history is not needed
        proc.kill()
        proc.wait()
    committer = ""
    if dirty or len(last) < len(wanted):
        code, ident = _run(top, "var", "GIT_AUTHOR_IDENT", cwd=root)
        text = os.fsdecode(ident)
        if code == 0 and "<" in text:
            committer = text.split("<", 1)[1].split(">", 1)[0].strip().lower()
    return History(True, last=last, dirty=frozenset(dirty), committer=committer)


def out_before_approval(content: ContentSet) -> list[tuple[Item, Version]]:
    """The files published before approval and not approved yet (SM 6.4: the head is told
    afterwards). The digest and the period report list them until they are approved."""
    return sorted(((item, v) for item in content.items for v in item.versions.values()
                   if v.awaiting_approval), key=lambda p: (p[1].publish_day, p[0].key, p[1].lang))
