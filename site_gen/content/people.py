"""Who may edit and approve what: ``content/_data/people.yml``.

Where it sits: read by :func:`site_gen.content.check` beside ``site.yml`` and ``screens.yml``;
:mod:`site_gen.content.approval` then holds each approved item to it. The file has three
parts::

    people:                       # everyone who edits or approves, by a short id
      seitova:
        name: {kk: "А. Сейітова", ru: "А. Сеитова"}   # as approved_by is written
        email: a.seitova@zharyq.example               # the git author e-mail of their commits
    sections:                     # per section of the site: who edits, who approves
      news: {editors: [kasymova], approvers: [seitova]}
    channels:                     # per channel: the one unit responsible, and its people
      screens: {unit: {kk: "...", ru: "..."}, editors: [...], approvers: [...]}

The channels are ``screens``, ``newspaper``, ``intranet`` and ``stand`` (the information
stand); each must name its unit, since the regulation makes one unit responsible for each.
``example: true`` marks the project's own example content, whose approvals were committed by
the project's developers, not by the people it names: its approvals are not checked against
git, and ``check`` says so on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .data import read_yaml_file, shown_path
from .diagnostics import Diagnostic, did_you_mean
from .fields import Fields
from .model import ALL_SECTIONS, Lang, Settings

CHANNELS: tuple[str, ...] = ("screens", "newspaper", "intranet", "stand")
TOP_KEYS = ("people", "sections", "channels", "example")
PERSON_KEYS = ("name", "email")
ROLE_KEYS = ("editors", "approvers")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    names: dict[Lang, str]
    email: str  # lower case

    def called(self, written: str) -> bool:
        """Whether ``written`` (an ``approved_by``) names this person."""
        norm = " ".join(written.split()).casefold()
        return norm == self.id.casefold() or any(
            norm == " ".join(n.split()).casefold() for n in self.names.values())


@dataclass(frozen=True, slots=True)
class Roles:
    editors: tuple[str, ...] = ()
    approvers: tuple[str, ...] = ()
    unit: dict[Lang, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class People:
    """What people.yml says; ``present`` is False when there is no such file."""

    present: bool = False
    example: bool = False
    people: dict[str, Person] = field(default_factory=dict)
    sections: dict[str, Roles] = field(default_factory=dict)
    channels: dict[str, Roles] = field(default_factory=dict)
    path: str = "content/_data/people.yml"

    def approvers(self, section: str) -> tuple[Person, ...]:
        roles = self.sections.get(section, Roles())
        return tuple(self.people[p] for p in roles.approvers if p in self.people)

    def editors(self, section: str) -> tuple[Person, ...]:
        """Who may publish before approval: the section's editors and approvers."""
        roles = self.sections.get(section, Roles())
        return tuple(self.people[p] for p in (*roles.editors, *roles.approvers)
                     if p in self.people)


def load_people(root: Path, settings: Settings, out: list[Diagnostic]) -> People:
    """Read and validate people.yml; every problem is reported at its line."""
    file = root / "_data" / "people.yml"
    shown = shown_path(root, file)
    if not file.is_file():
        return People(path=shown)
    doc = read_yaml_file(root, file, out)
    if doc is None:
        return People(present=True, path=shown)  # its error holds every approval back
    f = Fields(doc, shown, 1, out, content_root=root, base_dir=PurePosixPath("_data"),
               zone=settings.zone)
    if not isinstance(doc.value, dict):
        f.report((), "wrong-type", "people.yml must be a group of fields",
                 "write 'people:', 'sections:' and 'channels:', one per line")
        return People(present=True, path=shown)
    f.unknown_keys((), TOP_KEYS)
    people = _people(f)
    sections = _roles(f, "sections", ALL_SECTIONS, people, unit=False)
    channels = _roles(f, "channels", CHANNELS, people, unit=True)
    for name in CHANNELS:
        if name not in channels or not channels[name].unit:
            key = ("channels", name) if name in channels else ("channels",)
            f.report(key if f.has(key) else (), "channel-without-unit",
                     f"the channel '{name}' names no responsible unit",
                     f"add under 'channels:' the channel '{name}' with its 'unit:' in kk and "
                     "ru; the regulation makes one unit responsible for each channel")
    return People(True, f.boolean(("example",)), people, sections, channels, shown)


def _people(f: Fields) -> dict[str, Person]:
    value = f.get(("people",))
    if value is None:
        f.report((), "missing-field", "'people' is missing",
                 "list everyone who edits or approves under 'people:'")
        return {}
    if not isinstance(value, dict):
        f.report(("people",), "wrong-type", "'people' must be a group of people by id",
                 "write each person as an id with 'name' (kk and ru) and 'email' under it")
        return {}
    found: dict[str, Person] = {}
    emails: dict[str, str] = {}
    for pid in value:
        key = ("people", pid)
        if not isinstance(value[pid], dict):
            f.report(key, "wrong-type", f"person '{pid}' must have fields",
                     "write name and email")
            continue
        f.unknown_keys(key, PERSON_KEYS, f"person '{pid}'")
        names = f.by_lang((*key, "name"), required=True)
        email = f.text((*key, "email"), required=True).lower()
        if email and ("@" not in email or " " in email):
            f.report((*key, "email"), "bad-email", f"'{email}' is not an e-mail address",
                     "write the e-mail this person's git commits carry (git config user.email)")
            continue
        if email in emails:
            f.report((*key, "email"), "duplicate-email",
                     f"the e-mail {email} is also {emails[email]}'s",
                     "give each person their own e-mail")
            continue
        if names and email:
            emails[email] = str(pid)
            found[str(pid)] = Person(str(pid), names, email)
    return found


def _roles(f: Fields, part: str, allowed: tuple[str, ...], people: dict[str, Person], *,
           unit: bool) -> dict[str, Roles]:
    value = f.get((part,))
    if value is None:
        return {}
    if not isinstance(value, dict):
        f.report((part,), "wrong-type", f"'{part}' must be a group of fields",
                 "write each one with its 'editors' and 'approvers' lists")
        return {}
    out: dict[str, Roles] = {}
    for name in value:
        key = (part, name)
        if name not in allowed:  # its people approve nothing; the items say so as errors
            f.report(key, f"unknown-{part[:-1]}", f"unknown {part[:-1]} '{name}'",
                     did_you_mean(str(name), allowed), severity="warning", at_key=True)
            continue
        if not isinstance(value[name], dict):
            f.report(key, "wrong-type", f"'{name}' must have fields",
                     "write editors and approvers")
            continue
        f.unknown_keys(key, ROLE_KEYS + (("unit",) if unit else ()), str(name))
        lists = []
        for role in ROLE_KEYS:
            ids = f.text_list((*key, role))
            for i, pid in enumerate(ids):
                if pid not in people:
                    at = (*key, role, i) if isinstance(f.get((*key, role)), list) else (*key, role)
                    f.report(at, "unknown-person", f"'{pid}' is not under 'people'",
                             did_you_mean(pid, people) if people else
                             "add them under 'people:' first")
            lists.append(tuple(p for p in ids if p in people))
        out[str(name)] = Roles(lists[0], lists[1],
                               f.by_lang((*key, "unit")) if unit else {})
    return out
