"""``site-gen new``: a new item pair with today's date, a slug and commented front matter.

Where it sits: called by ``site_gen/commands/new.py``; writes files an editor then opens
and fills in. The files pass ``site-gen check`` as they are (status ``draft``), every
optional field is present as a comment in the file's language, and nothing is ever
overwritten: each file is written to a temp file and *linked* into place, which fails
when the name exists, so even two editors running ``new`` at once cannot lose a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..content.diagnostics import did_you_mean
from ..content.model import ALL_SECTIONS, LANGS, PAGE_SECTION
from .i18n import N_, Messages
from .output import write_text
from .translit import slugify

KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
PAGE_FOLDER = "pages"  # plain pages live in content/pages/, as in the example content


class NewProblem(ValueError):
    """Something the editor asked for that cannot be done; ``message`` is one clear line."""


@dataclass(frozen=True, slots=True)
class NewItem:
    folder: Path
    stem: str
    files: tuple[Path, ...]


def folder_for(section: str) -> str:
    return PAGE_FOLDER if section == PAGE_SECTION else section


def parse_langs(value: str, tr: Messages) -> tuple[str, ...]:
    """``kk,ru`` → ``("kk", "ru")`` (Kazakh first, whatever the order written)."""
    wanted = [p.strip().lower() for p in value.split(",") if p.strip()]
    for lang in wanted:
        if lang not in LANGS:
            raise NewProblem(tr._("unknown language '{lang}'; write kk, ru or kk,ru",
                                  lang=lang))
    if not wanted:
        raise NewProblem(tr._("unknown language '{lang}'; write kk, ru or kk,ru", lang=value))
    return tuple(lang for lang in LANGS if lang in wanted)


def check_section(section: str, tr: Messages) -> None:
    if section not in ALL_SECTIONS:
        hint = did_you_mean(section, ALL_SECTIONS)
        close = hint.split("'")[1] if hint.startswith("did") else ""
        if close:
            raise NewProblem(tr._("unknown section '{section}'; did you mean '{close}'?",
                                  section=section, close=close))
        raise NewProblem(tr._("unknown section '{section}'; known sections: {known}",
                              section=section, known=", ".join(ALL_SECTIONS)))


def title_lang(title: str) -> str | None:
    """The title's language as far as its letters tell: ``kk`` with a Kazakh-only letter,
    ``ru`` with other Cyrillic letters, ``None`` otherwise."""
    if any(ch in KAZAKH_ONLY for ch in title):
        return "kk"
    if any("\u0400" <= ch <= "\u04ff" for ch in title):
        return "ru"
    return None


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# (YAML line, comment) pairs; the comment is translated into the file's language.
_HEAD: tuple[tuple[str, str], ...] = (
    ("---", ""),
    ("", N_("New item, created by site-gen new on {day}.")),
    ("", N_("Fill in the fields, delete the comments you no longer need.")),
)
_FIELDS: tuple[tuple[str, str], ...] = (
    ("date: {day}", ""),
    ("section: {section}", ""),
    ("kind: {kind}  # article | page | event | answer", ""),
    ("content_kind: information  # information | legal | social | education | image | "
     "interactive", ""),
    ("# issue: 12", N_("newspaper issue number; content/_data/issues/12.yml must exist")),
    ('author: ""', ""),
    ('summary: ""', N_("at most 300 characters; shown on the screens when there is no text")),
    ("# image: /images/photo.png", N_("a picture from content/images/")),
    ('# image_alt: ""', N_("what the picture shows, for readers who cannot see it")),
    ("tags: []", ""),
    ("status: draft  # draft → review → approved;", N_("only approved items are published")),
    ('# approved_by: ""', N_("who took the decision")),
    ("# approved_at: {day} 10:00", N_("when the decision was taken")),
    ("# decision: publish  # publish | rework | reject", ""),
    ("# checklist:", N_("the reviewer's answers: ok, not-applicable or \"concern: ...\"")),
    ("#   legal: ok", ""),
    ("#   ethics: ok", ""),
    ("#   editorial: ok", ""),
    ("#   visuals: not-applicable", ""),
    ("#   consequences: ok", ""),
    ('#   reaction: ""', N_("who watches the reaction after publishing")),
    ('# published_before_approval: ""', N_("urgent: out before approval, for this reason")),
    ("# publish_at: {day} 09:00", N_("not published before this moment")),
    ("# expires: {day}", N_("not published from the end of this day")),
    ("# personal_data: consent", N_("only when the people named agreed in writing")),
)
_SIGNAGE: tuple[tuple[str, str], ...] = (
    ("signage:", N_("the item goes to the screens")),
    ("  screens: all", N_("or a list of ids from content/_data/screens.yml")),
    ("  from: {day}", ""),
    ("  until: {week_end}", N_("last day on the screens (inclusive)")),
    ("  # days: [mon, tue, wed, thu, fri]", ""),
    ('  # hours: "08:00-18:00"', ""),
    ("  # duration: 15", N_("seconds on screen, 3 to 120")),
    ("  priority: normal  # normal | urgent", ""),
    ('  text: ""', N_("short screen text, at most 280 characters")),
)
TRANSLATE_TITLE = N_("Translate the title into this file’s language.")
BODY = N_("Write the text of the item here.")


def front_matter(*, lang: str, title: str, section: str, today: date, signage: bool,
                 translate_title: bool) -> str:
    """The text of one new file: front matter with defaults and comments, then a body."""
    c = Messages(lang)  # comments in the file's own language
    values = {"day": today.isoformat(), "week_end": (today + timedelta(days=6)).isoformat(),
              "section": section, "kind": "page" if section == PAGE_SECTION else "article"}

    def render(rows: tuple[tuple[str, str], ...]) -> list[str]:
        out = []
        for yaml_line, comment in rows:
            line = yaml_line.format(**values)
            note = c._(comment, **values) if comment else ""
            if not line:
                out.append(f"# {note}")
            elif note:
                out.append(f"{line} {note}" if line.endswith(";") else f"{line}  # {note}")
            else:
                out.append(line)
        return out

    lines = render(_HEAD) + [f"title: {_q(title)}"]
    if translate_title:
        lines.append(f"# {c._(TRANSLATE_TITLE)}")
    lines += render(_FIELDS)
    if signage:
        lines += render(_SIGNAGE)
    lines += ["---", "", c._(BODY), ""]
    return "\n".join(lines)


def create_item(root: Path, section: str, title: str, today: date, *,
                langs: Sequence[str] = LANGS, signage: bool = False,
                tr: Messages | None = None) -> NewItem:
    """Create ``content/<section>/<date>-<slug>.<lang>.md`` for each language."""
    tr = tr or Messages()
    check_section(section, tr)
    if not title.strip():
        raise NewProblem(tr._("the title is empty; write it in quotes: site-gen new news "
                              "\"Title\""))
    if not root.is_dir():
        raise NewProblem(tr._("no content folder at '{root}'; run it from the project folder "
                              "or give --content", root=root))
    folder = root / folder_for(section)
    stem = f"{today.isoformat()}-{slugify(title)}"
    files = tuple(folder / f"{stem}.{lang}.md" for lang in langs)
    taken = [f for f in files if f.exists()]
    if taken:
        raise NewProblem(tr._("'{path}' already exists; nothing was written (choose another "
                              "title, or edit the existing file)", path=taken[0]))
    folder.mkdir(parents=True, exist_ok=True)
    origin = title_lang(title)
    written: list[Path] = []
    try:
        for lang, path in zip(langs, files, strict=True):
            text = front_matter(lang=lang, title=title.strip(), section=section, today=today,
                                signage=signage,
                                translate_title=origin != lang)
            write_text(path, text, exclusive=True)
            written.append(path)
    except FileExistsError:
        for path in written:  # leave no half pair behind
            path.unlink(missing_ok=True)
        raise NewProblem(tr._("'{path}' already exists; nothing was written (choose another "
                              "title, or edit the existing file)",
                              path=files[len(written)])) from None
    return NewItem(folder, stem, tuple(written))
