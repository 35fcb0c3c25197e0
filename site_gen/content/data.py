"""The data files under ``content/_data/``: site settings, screens, newspaper issues."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from signage.timezones import DEFAULT_ZONE, UnknownZone, load_zone

from .diagnostics import Diagnostic
from .fields import IMAGE_TYPES, Fields, describe
from .model import Lang, NewspaperIssue, Screen, Settings
from .source import read_text
from .yamlread import Located, YamlProblem, read_yaml

SITE_KEYS = ("company", "timezone", "bins", "base_url", "letters_endpoint", "blog",
             "meetings", "publish_report_to")
SCREEN_KEYS = ("id", "name", "location", "resolution", "rotation", "on_hours", "off_hours",
               "ticker")
ISSUE_KEYS = ("number", "date", "cover", "note")
DEFAULT_ANNOUNCE_DAYS = 15  # report meetings: the trade union is written to 15 days before
DEFAULT_COMPANY: dict[Lang, str] = {"kk": "Компания", "ru": "Компания"}
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]{0,30}(?:/[A-Za-z0-9_+\-]{1,30}){0,2}$")


def shown_path(root: Path, file: Path) -> str:
    """How a path is shown to editors: ``content/news/x.kk.md``."""
    return (PurePosixPath(root.name) / file.relative_to(root).as_posix()).as_posix()


def read_yaml_file(root: Path, file: Path, out: list[Diagnostic]) -> Located | None:
    shown = shown_path(root, file)
    text = read_text(file, shown, out)
    if text is None:
        return None
    for i, line in enumerate(text.split("\n")):
        if "\t" in line:
            out.append(Diagnostic(shown, i + 1, line.index("\t") + 1, "error", "tab-in-yaml",
                                  "tab character in YAML", "use spaces for indentation"))
            return None
    try:
        return read_yaml(text)
    except YamlProblem as p:
        out.append(Diagnostic(shown, p.line + 1, p.col + 1, "error", "bad-yaml", p.message,
                              p.hint))
        return None


def _fields(root: Path, file: Path, doc: Located, out: list[Diagnostic], zone_name: str
            ) -> Fields:
    return Fields(doc, shown_path(root, file), 1, out, content_root=root,
                  base_dir=PurePosixPath(file.parent.relative_to(root).as_posix()),
                  zone=load_zone(zone_name))


def load_settings(root: Path, out: list[Diagnostic]) -> Settings:
    file = root / "_data" / "site.yml"
    defaults = Settings(DEFAULT_COMPANY, DEFAULT_ZONE, load_zone(), frozenset(), "", "")
    if not file.is_file():
        out.append(Diagnostic(shown_path(root, root) + "/_data/site.yml", 1, 1, "warning",
                              "no-settings", "there is no site settings file",
                              "create content/_data/site.yml with company, timezone and bins"))
        return defaults
    doc = read_yaml_file(root, file, out)
    if doc is None:
        return defaults
    f = _fields(root, file, doc, out, DEFAULT_ZONE)
    if not isinstance(doc.value, dict):
        f.report((), "wrong-type", "site.yml must be a group of fields, not "
                 f"{describe(doc.value) if doc.value is not None else 'empty'}",
                 "write company, timezone and bins, one per line ('timezone: Asia/Almaty')")
        return defaults
    f.unknown_keys((), SITE_KEYS)
    zone_name = f.text(("timezone",)) or DEFAULT_ZONE
    try:
        if not _ZONE_NAME.match(zone_name):  # not a path into the tz database at all
            raise UnknownZone(zone_name)
        zone = load_zone(zone_name)
    except UnknownZone:
        f.report(("timezone",), "unknown-timezone", f"unknown time zone '{zone_name}'",
                 "write e.g. Asia/Almaty")
        zone_name, zone = DEFAULT_ZONE, load_zone()
    bins = f.text_list(("bins",))
    for i, number in enumerate(bins):
        if not (len(number) == 12 and number.isdigit()):
            f.report(("bins", i), "bad-bin", f"BIN '{number}' is not 12 digits",
                     "write the company's 12-digit BIN in quotes")
    company = f.by_lang(("company",), required=True)
    return Settings(
        company={**DEFAULT_COMPANY, **company},
        timezone=zone_name,
        zone=zone,
        bins=frozenset(bins),
        base_url=f.text(("base_url",)),
        letters_endpoint=f.text(("letters_endpoint",)),
        blog_anonymous=_blog_anonymous(f, doc.value.get("blog")),
        announce_days=_announce_days(f, doc.value.get("meetings")),
        publish_report_to=_report_to(f),
    )


def _report_to(f: Fields) -> tuple[str, ...]:
    """``publish_report_to``: the addresses the publish service mails its report to (one,
    a comma-separated line, or a list); a value that is no address is named, and left out."""
    good = []
    listed = isinstance(f.get(("publish_report_to",)), list)
    for i, address in enumerate(f.text_list(("publish_report_to",))):
        name, at, host = address.rpartition("@")
        if not (name and at and "." in host.strip(".") and not any(c.isspace() or c in "<>,;"
                                                                   for c in address)):
            # A warning: a wrong address must not keep the site from being published.
            f.report(("publish_report_to", i) if listed else ("publish_report_to",),
                     "bad-email", f"'{address}' is not an e-mail address",
                     "write it as name@example.kz; the publish report is not mailed there",
                     severity="warning")
            continue
        good.append(address)
    return tuple(good)


def _announce_days(f: Fields, meetings: object) -> int:
    """``meetings: {announce_days: 15}``: a report meeting is announced on every channel at
    least this many days before it (the trade union is written to 15 days before)."""
    if meetings is None:
        return DEFAULT_ANNOUNCE_DAYS
    if not isinstance(meetings, dict):
        f.report(("meetings",), "wrong-type", "'meetings' must be a group of fields",
                 "write 'meetings:' and under it '  announce_days: 15'")
        return DEFAULT_ANNOUNCE_DAYS
    f.unknown_keys(("meetings",), ("announce_days",), "meetings")
    days = f.integer(("meetings", "announce_days"), 1, 365, " days")
    return DEFAULT_ANNOUNCE_DAYS if days is None else days


def _blog_anonymous(f: Fields, blog: object) -> str:
    """``blog: {anonymous: accept | refuse}``: whether letters without a name are taken."""
    if blog is None:
        return "accept"
    if not isinstance(blog, dict):
        f.report(("blog",), "wrong-type", "'blog' must be a group of fields",
                 "write 'blog:' and under it '  anonymous: accept' or '  anonymous: refuse'")
        return "accept"
    f.unknown_keys(("blog",), ("anonymous",), "blog")
    return f.choice(("blog", "anonymous"), ("accept", "refuse"), "accept") or "accept"


def load_screens(root: Path, settings: Settings, out: list[Diagnostic]) -> tuple[Screen, ...]:
    file = root / "_data" / "screens.yml"
    if not file.is_file():
        return ()
    doc = read_yaml_file(root, file, out)
    if doc is None:
        return ()
    f = _fields(root, file, doc, out, settings.timezone)
    if not isinstance(doc.value, list):
        f.report((), "wrong-type", "screens.yml must be a list of screens",
                 "start each screen with '- id: ...'")
        return ()
    screens: list[Screen] = []
    seen: set[str] = set()
    for i, entry in enumerate(doc.value):
        if not isinstance(entry, dict):
            f.report((i,), "wrong-type", f"screen {i + 1} must have fields",
                     "write id, name, resolution …")
            continue
        before = f.errors
        f.unknown_keys((i,), SCREEN_KEYS, "a screen")
        sid = f.text((i, "id"), required=True)
        if sid in seen:
            f.report((i, "id"), "duplicate-screen", f"screen id '{sid}' is used twice",
                     "give each screen its own id")
        seen.add(sid)
        width, height = _resolution(f, (i, "resolution"))
        rotation = f.integer((i, "rotation"), 0, 270)
        if rotation is not None and rotation % 90:
            f.report((i, "rotation"), "bad-rotation", f"rotation {rotation} is not 0, 90, 180 "
                     "or 270", "write 0, 90, 180 or 270")
        off = f.choice((i, "off_hours"), ("dark", "dim"), "dark")
        hours = f.hours((i, "on_hours"))
        if f.errors == before and sid:
            screens.append(Screen(
                id=sid,
                name=f.by_lang((i, "name")) or {"kk": sid, "ru": sid},
                location=f.by_lang((i, "location")),
                width=width,
                height=height,
                rotation=rotation or 0,
                on_hours=hours,
                off_hours=off or "dark",
                ticker=f.by_lang((i, "ticker")),
            ))
    return tuple(screens)


def _resolution(f: Fields, key: tuple[str | int, ...]) -> tuple[int, int]:
    text = f.text(key) or "1920x1080"
    w, sep, h = text.lower().replace("×", "x").replace("х", "x").partition("x")
    if not sep or not (w.isdigit() and h.isdigit()) or not (
            160 <= int(w) <= 16384 and 160 <= int(h) <= 16384):
        f.report(key, "bad-resolution", f"resolution '{text}' is not WIDTHxHEIGHT",
                 "write e.g. 1920x1080 or 1080x1920")
        return 1920, 1080
    return int(w), int(h)


def load_issues(root: Path, settings: Settings, out: list[Diagnostic]
                ) -> tuple[NewspaperIssue, ...]:
    folder = root / "_data" / "issues"
    if not folder.is_dir():
        return ()
    issues: dict[int, NewspaperIssue] = {}
    for file in sorted(folder.glob("*.yml")):
        doc = read_yaml_file(root, file, out)
        if doc is None:
            continue
        f = _fields(root, file, doc, out, settings.timezone)
        if not isinstance(doc.value, dict):
            f.report((), "wrong-type", "an issue file must have fields",
                     "write number, date, cover and note")
            continue
        before = f.errors
        f.unknown_keys((), ISSUE_KEYS, "an issue file")
        number = f.integer(("number",), 1, 100_000)
        if number is None and not f.has(("number",)):
            f.report((), "missing-field", "'number' is missing", "add 'number: 12'")
        day = f.date(("date",), required=True)
        cover = f.media(("cover",), IMAGE_TYPES, "cover")
        note = f.by_lang(("note",))
        if number is not None and file.stem.isdigit() and int(file.stem) != number:
            f.report(("number",), "issue-number-mismatch", f"the file {file.name} describes "
                     f"issue {number}", f"rename the file to {number}.yml or write "
                     f"'number: {int(file.stem)}'", severity="warning")
        if number is not None and number in issues:
            f.report(("number",), "duplicate-issue", f"issue {number} is described twice",
                     f"keep one file for issue {number} ({issues[number].path})")
        elif f.errors == before and number is not None and day is not None:
            issues[number] = NewspaperIssue(number, day, cover, note, f.path)
    return tuple(sorted(issues.values(), key=lambda i: i.number))
