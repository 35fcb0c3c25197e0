"""``site-gen check`` diagnostics in Kazakh and Russian, translated at the edge.

Where it sits: ``site_gen.content`` builds each :class:`Diagnostic` with an English
message and hint (the reference, asserted by the content tests) and knows nothing of
languages. Here, when the CLI formats a diagnostic for an editor who reads Kazakh or
Russian, the English text is matched against the English templates below (the same
wording as the f-strings in ``site_gen/content/*.py``, with ``{name}`` where a value
goes), the values are taken out, and the template's translation from the catalog is
filled with them. Values that are themselves messages (a date problem inside a field
message, "did you mean …" inside a hint, "a list" inside "must be text, not …") are
translated the same way.

This keeps ``site_gen/content`` untouched. A message that matches no template is shown
in English, never dropped; ``tests/unit/test_i18n.py`` runs check over every bad-input
fixture and fails when a message has no template here or a template has no translation,
so a new or reworded message in ``site_gen/content`` is noticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..content.diagnostics import Diagnostic, sort_key
from .approvalmsgs import APPROVAL_TEMPLATES
from .i18n import N_, Messages
from .yamlmsgs import YAML_TEMPLATES

# Values that are messages themselves, translated the same way. A STRICT value must be one
# (so "hours: hour '25:00' does not exist" is "{name}: {problem}", not "{what} '{path}' …").
STRICT = frozenset({"kind", "problem", "hint", "what", "language", "month"})
# "detail" is PyYAML's own text, "token" a PyYAML token name (site_gen/editorial/yamlmsgs.py).
NESTED = STRICT | {"where", "detail", "token"}

TEMPLATES: tuple[str, ...] = (
    # diagnostics.py: hints that name a close match or the known values
    N_("did you mean '{value}'?"),
    N_("known: {values}"),
    N_("{hint} known: {values}"),
    # fields.describe(): what kind of value an editor wrote
    N_("empty"), N_("true/false"), N_("a number"), N_("a list"), N_("a group of fields"),
    N_("text"),
    # what a file is, and where a field is
    N_("image"), N_("video"), N_("report"), N_("a screen"), N_("an issue file"),
    N_("action plan row {n}"),
    N_("Kazakh"), N_("Russian"),
    N_("an IIN"), N_("a phone number"),
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
    N_("December"),
    # check.py
    N_("this file has the same name as {path} (the names differ only in how their letters "
       "are encoded)"),
    N_("keep one of the two files and delete the other"),
    N_("this file is a link to a file outside content/"),
    N_("the front matter has no fields"),
    N_("write fields as 'title: ...', one per line"),
    N_("the file name has no language"),
    N_("name the pair {stem}.kk.md and {same}.ru.md"),
    N_("unknown language suffix '.{suffix}.md'"),
    N_("did you mean '.{lang}.md'? rename it to {file}"),
    N_("no {language} version"),
    N_("orders and directives go on the monitors, but this one has no 'signage:' block"),
    N_("add a signage: block with its dates (from, until)"),
    # outside.py: content/_data/digest/<day>.yml, the digest's outside news
    N_("'{file}' is not a day's digest file"),
    N_("name it after its day, e.g. 2026-11-23.yml"),
    N_("a digest file must have fields"),
    N_("write 'news:' and under it one '- topic: ...' entry per news"),
    N_("a digest file"), N_("a news entry"), N_("the '{lang}' text"),
    N_("start each news with '- topic: ...'"),
    N_("each news must have fields"),
    N_("write 'link:', then 'kk:' and 'ru:' with title, source and summary"),
    N_("'{link}' is not a web address"),
    N_("write the full address, starting with https://"),
    N_("this news has no {language} text; that language's part of the digest leaves it out"),
    N_("add '{lang}:' with title, source and summary"),
    N_("'{lang}' must have fields"),
    N_("write title, source and summary under it"),
    N_("add {path}"),
    N_("{name} '{value}' differs from the Kazakh file's '{kk}'"),
    N_("make both files say the same {name}"),
    N_("this item gets the same address {url} as {path}"),
    N_("rename one of the files"),
    N_("'{text}' looks like {what} (personal data)"),
    # sitewide.py and links.py: links between pages, dates far ahead
    N_("link '{target}' leads to no page"),
    N_("link '{target}' leads to no page; did you mean {close}?"),
    N_("link '{target}' leads to no file in content/"),
    N_("correct the address; link another item by its file, e.g. "
       "[text](../news/2026-11-20-x.kk.md)"),
    N_("the date {date} is {days} days after today, yet the approved item is published at "
       "once"),
    N_("to publish it on that day, add 'publish_at: {date}'; if the date is a typo, correct it"),
    N_("remove it, or add 'personal_data: consent' when the person agreed in writing"),
    # validate.py
    N_("'{name}' is only for events"),
    N_("add 'kind: event' or remove the field"),
    N_("add a line 'section: news' (or another section, or 'page')"),
    N_("newspaper issue {issue} has no file content/_data/issues/{number}.yml"),
    N_("create it, or use a known issue ({listed})"),
    N_("the image has no 'image_alt' text"),
    N_("describe the picture for readers who cannot see it"),
    N_("'expires' is not after 'publish_at'"),
    N_("move the expiry later or the publish date earlier"),
    N_("status is approved but the decision is '{decision}', so it is not published"),
    N_("set 'decision: publish' or change the status"),
    N_("'ends' is not after 'starts'"),
    N_("check the two times"),
    N_("'questions_until' is after the event starts"),
    N_("questions are collected before the meeting; pick an earlier day"),
    N_("'action_plan' must be a list of rows"),
    N_("write each row as '- task: ...' with responsible, due and status"),
    N_("action plan row {n} must have fields"),
    N_("write task, responsible, due and status"),
    N_("'signage' must be a group of fields"),
    N_("indent 'screens:', 'from:' … under 'signage:'"),
    N_("screen '{screen}' is not in content/_data/screens.yml"),
    N_("'until' ({until}) is before 'from' ({start})"),
    N_("swap the dates or correct one of them"),
    N_("unknown weekday '{value}'"),
    # validate.py, data.py, meetings.py and sitewide.py: report meetings (clause 5.1.1)
    N_("questions close {days} days before the meeting; the regulation collects them from at "
       "least {n} days before"),
    N_("move 'questions_until' to {day} or earlier, or explain why in "
       "'questions_deadline_reason: \"...\"'"),
    N_("'{key}' ({day}) is before the meeting ({date})"),
    N_("write the day the head signed it, on or after the meeting"),
    N_("'meetings' must be a group of fields"),
    N_("write 'meetings:' and under it '  announce_days: 15'"),
    N_("'until' ({until}) is after the meeting ({day}), but an announcement leaves the "
       "screens when the meeting starts"),
    N_("to show the results afterwards, set 'from' to a day after the meeting and write a "
       "'text' about the results; else set 'until' to the meeting's day"),
    N_("the screens never announce this meeting: the window {start} – {until} is empty"),
    N_("move 'until' after 'from', or remove 'until' (the announcement then runs until the "
       "meeting)"),
    N_("no day from {start} to {until} is one of its 'days', so it is never shown"),
    N_("add a weekday of that window to 'days', or widen 'from'/'until'"),
    N_("'until' ({until}) is before the item's date ({date}), where its window starts, so "
       "it is never shown"),
    N_("correct 'until', or set 'from' to the first day it should be shown"),
    N_("its hours ({hours}) are outside the on-hours of every screen it is for, so it is "
       "never shown"),
    N_("choose hours when the screens are on (on_hours in content/_data/screens.yml)"),
    N_("{problem}; a meeting is announced on every channel at least {days} days before"),
    N_("the {lang} page appears on {day}, less than {days} days before the meeting"),
    N_("publish it by {day} (its 'date' or 'publish_at')"),
    N_("the screens announce it from {day}, less than {days} days before"),
    N_("the screens do not announce it"),
    N_("set 'announce_from: {days}' or more (or signage 'from' by {day})"),
    N_("no poster on the notice boards is recorded"),
    N_("print it ('site-gen poster {key}') by {day} and add 'poster_printed: <the day it "
       "went up>'"),
    N_("the poster went up on {day}, less than {days} days before"),
    N_("put posters up by {day}"),
    N_("no newspaper issue announces it"),
    N_("put it in an issue dated by {day} ('issue: N'), or say why not in "
       "'no_newspaper_issue: \"...\"'"),
    N_("newspaper issue {n} comes out on {day}, less than {days} days before"),
    N_("use an issue dated by {day}, or say why not in 'no_newspaper_issue: \"...\"'"),
    # fields.py
    N_("unknown field '{name}'"),
    N_("unknown field '{name}' in {where}"),
    N_("'{name}' is missing"),
    N_("add a line '{name}: ...'"),
    N_("add a line '{name}: 2026-11-20'"),
    N_("'{name}' must be text, not {kind}"),
    N_("write it on one line, in quotes if it contains ':'"),
    N_("'{name}' is empty"),
    N_("write a value"),
    N_("'{name}' has {n} characters; at most {max} fit"),
    N_("shorten it"),
    N_("unknown {field} '{value}'"),
    N_("'{name}' is {value}, not a whole number"),
    N_("write a whole number from {lo} to {hi}"),
    N_("'{name}' must be a whole number, not {kind}"),
    N_("write a number from {lo} to {hi}"),
    N_("'{name}' is {value}; it must be from {lo} to {hi}"),
    N_("'{name}' is {value} s; it must be from {lo} to {hi} s"),
    N_("'{name}' is {value} days; it must be from {lo} to {hi} days"),
    N_("'{name}' must be true or false"),
    N_("write true or false"),
    N_("{name}: {problem}"),
    N_("'{name}' must be a list, not {kind}"),
    N_("write [first, second]"),
    N_("'{name}' entries must be text, not {kind}"),
    N_("write each entry as plain text"),
    N_("add '{name}: {{kk: ..., ru: ...}}'"),
    N_("'{name}' must give kk and ru texts"),
    N_("write '{name}: {{kk: ..., ru: ...}}'"),
    N_("'{name}' must be a file path"),
    N_("write e.g. /images/photo.png"),
    N_("{what} '{path}' is on another host"),
    N_("copy the file into content/ and link it by path"),
    N_("path '{path}' leaves content/"),
    N_("keep media inside content/, e.g. /images/photo.png"),
    N_("{what} '{path}' has type '{suffix}'"),
    N_("use one of: {types}"),
    N_("{what} path '{path}' cannot be used ({reason})"),
    N_("write a shorter path to a file in content/"),
    N_("{what} '{path}' does not exist"),
    N_("check the file name and folder"),
    N_("write paths with '/', not '\\'"),
    N_("{what} '{path}' is a link to a file outside content/"),
    N_("copy the file itself into content/"),
    N_("{what} '{path}' cannot be read ({reason})"),
    N_("check the file's permissions"),
    N_("{what} '{path}' is not a valid {type} file"),
    N_("export the file again"),
    # dates.py
    N_("'{value}' is not a date"),
    N_("write 2026-11-20 or 20.11.2026"),
    N_("date '{value}' does not exist"),
    N_("the year {year} is not possible; write 2026-11-20 or 20.11.2026"),
    N_("{month} {year} has {days} days; write e.g. {example}"),
    N_("months run from 01 to 12; write 2026-11-20 or 20.11.2026"),
    N_("'{value}' is not a time"),
    N_("write hours and minutes, e.g. 09:30"),
    N_("hour '{value}' does not exist"),
    N_("hours run from 00:00 to 23:59 (24:00 as an end)"),
    N_("time '{value}' does not exist"),
    N_("minutes run from 00 to 59"),
    N_("date '{value}' is too far away"),
    N_("write a real date, or leave the field out"),
    N_("'{value}' is not an hour range"),
    N_("write it as \"08:00-18:00\" in quotes"),
    N_("hour range '{value}' is empty"),
    N_("make the end differ from the start"),
    # source.py
    N_("cannot read the file ({reason})"),
    N_("the file is {size} KB; at most {max} KB are read"),
    N_("split the text or move media into content/images/"),
    N_("the file is empty"),
    N_("write the front matter and the text, or delete the file"),
    N_("the file contains a NUL byte (it looks like a binary file)"),
    N_("save it again as plain UTF-8 text"),
    N_("the file is not UTF-8 (byte {byte})"),
    N_("save it as UTF-8 in your editor (Save with encoding → UTF-8)"),
    N_("the file does not start with front matter"),
    N_("put a line '---', the fields (title: …), and '---' at the top"),
    N_("the front matter opened on line {line} is never closed"),
    N_("add a line '---' after the last field"),
    N_("front matter line has {n} characters"),
    N_("keep fields short; long text belongs in the body"),
    N_("tab character in the front matter"),
    N_("use spaces: YAML does not allow tabs for indentation"),
    # data.py
    N_("there is no site settings file"),
    N_("create content/_data/site.yml with company, timezone and bins"),
    N_("unknown time zone '{value}'"),
    N_("write e.g. Asia/Almaty"),
    N_("BIN '{value}' is not 12 digits"),
    N_("write the company's 12-digit BIN in quotes"),
    N_("screens.yml must be a list of screens"),
    N_("start each screen with '- id: ...'"),
    N_("screen {n} must have fields"),
    N_("write id, name, resolution …"),
    N_("screen id '{value}' is used twice"),
    N_("give each screen its own id"),
    N_("rotation {value} is not 0, 90, 180 or 270"),
    N_("write 0, 90, 180 or 270"),
    N_("resolution '{value}' is not WIDTHxHEIGHT"),
    N_("write e.g. 1920x1080 or 1080x1920"),
    N_("an issue file must have fields"),
    N_("write number, date, cover and note"),
    N_("add 'number: 12'"),
    N_("issue {number} is described twice"),
    N_("keep one file for issue {number} ({path})"),
    N_("site.yml must be a group of fields, not {kind}"),
    N_("write company, timezone and bins, one per line ('timezone: Asia/Almaty')"),
    N_("the file {file} describes issue {number}"),
    N_("rename the file to {number}.yml or write 'number: {other}'"),
    N_("blog"), N_("'blog' must be a group of fields"),
    N_("write 'blog:' and under it '  anonymous: accept' or '  anonymous: refuse'"),
    # holidays.py: content/_data/holidays/YYYY.yml
    N_("'{file}' is not a year's holiday file"),
    N_("name it after its year, e.g. 2026.yml"),
    N_("a holiday file"), N_("an entry of '{key}'"),
    N_("a holiday file must have fields"),
    N_("write holidays, days_off and working_days"),
    N_("'{key}' must be a list"),
    N_("start each day with '- date: ...'"),
    N_("each entry of '{key}' must have fields"),
    N_("write '- date: {year}-01-01' and '{name}: ...'"),
    N_("{date} is not in {year}"),
    N_("move it to {other}.yml or correct the year"),
    N_("{date} is listed twice (also in '{key}')"),
    N_("keep it once"),
    N_("{date} is a weekday, a working day already"),
    N_("list only a Saturday or Sunday made a working day"),
    N_("{date} is a weekend day, a day off already"),
    N_("list the weekday that is off instead"),
    N_("tab character in YAML"),
    N_("use spaces for indentation"),
    # yamlread.py
    N_("YAML alias '*{name}' is not allowed"),
    N_("YAML anchor '&{name}' is not allowed"),
    N_("write the value out in full"),
    N_("YAML tag '{tag}' is not allowed"),
    N_("YAML tag '{tag}' does not fit a plain value"),
    N_("remove the tag and write a plain value"),
    N_("values are nested more than {n} levels deep"),
    N_("values are nested too deeply"),
    N_("flatten the structure"),
    N_("the number has {n} digits; that is too long"),
    N_("write a shorter number, or put it in quotes"),
    N_("'{value}' is not a valid {type}"),
    N_("a key must be a plain word"),
    N_("write keys such as 'title:'"),
    N_("key '{key}' is written twice"),
    N_("keep one of them"),
    N_("invalid YAML: {detail}"),
    N_("invalid YAML: control character U+{code} is not allowed"),
    N_("invalid YAML: the quote opened here is never closed"),
    N_("add the closing quote at the end of the text, or write the text without quotes"),
    N_("invalid YAML: the '{bracket}' opened here is not closed ({detail})"),
    N_("close it with '{bracket}' at the end of the line"),
    N_("delete the invisible character (retype the line)"),
    N_("put text that contains ': ' in quotes"),
    N_("indent with spaces, not tabs"),
    N_("write each field as 'key: value' on its own line"),
    N_("check the quotes, colons and indentation on this line"),
    # htmlcheck.py and source.py: what the sanitizer removes, nesting, invisible characters
    N_("the address '{target}' is not a web, e-mail or phone address; the site leaves it out"),
    N_("the attribute '{attr}=' on <{name}> is not allowed; the site leaves it out"),
    N_("keep to the tags and attributes listed in docs/editors.md"),
    N_("the id '{value}' is kept for the site's own pages; the site leaves it out"),
    N_("choose another id"),
    N_("{problem} (and {n} more in the same block)"),
    N_("the text is nested {depth} levels deep (quotes, lists or HTML elements); the site "
       "shows at most {limit}"),
    N_("write fewer '>' or list levels; the item is left out until then"),
    N_("{n} more raw HTML problems in this file"),
    N_("remove the HTML and write the text in Markdown"),
    N_("<{name}> is not allowed in content; the site leaves it out"),
    N_("remove it; scripts, frames and embedded objects cannot run from the intranet"),
    N_("the event handler '{attr}=' on <{name}> is not allowed; the site leaves it out"),
    N_("remove the attribute; scripts cannot run from content"),
    N_("the address '{target}' runs code or embeds a document; the site leaves it out"),
    N_("link to an http(s) page or to a file in content/"),
    N_("the image '{target}' is on another host and will not show"),
    N_("copy the picture into content/images/ and link it as /images/NAME.png"),
    N_("invisible text-direction character U+{code}"),
    N_("delete it: it makes the text show in a different order from how it is stored"),
    N_("invisible line separator U+{code} in the front matter; it is read as a space"),
    N_("delete it (it often comes with text pasted from Word)"),
    # check.py: file names that break addresses
    N_("the file name has '{char}', which breaks the page's address"),
    N_("use letters, digits and '-' in file names"),
    N_("the file name has spaces, which become %20 in the address"),
    N_("write '-' instead of spaces, e.g. {file}"),
    N_("the name has an invisible character; retype it"),
    N_("the name has an invisible character; retype it; {hint}"),
    # signage/playlog.py: a proof-of-play line the period report skips
    N_("not a JSON object (a truncated or corrupt line)"),
    N_("not a JSON object"),
    N_("missing {fields}"),
    N_("time '{value}' is not an ISO date-time"),
    N_("time '{value}' has no UTC offset"),
    N_("seconds must be a number of seconds, 0 or more"),
    N_("{fields} must be non-empty text"),
    # site_gen/commands/check.py: paths on the command line
    N_("no such file or folder: '{path}'"),
    N_("'{path}' is not inside a content folder; name the folder: site-gen check content/"),
    N_("'{path}' is not inside the content folder '{root}'"),
    N_("no content folder at '{root}'; run it from the project folder or name the folder: "
       "site-gen check content/"),
    # files.py, pictures.py, bodymedia.py: the content boundary and pictures that decode
    N_("picture"),
    N_("this file is a symbolic link"),
    N_("this file is in a folder that is a symbolic link ('{folder}')"),
    N_("{what} '{path}' is a symbolic link"),
    N_("{what} '{path}' is in a folder that is a symbolic link ('{folder}')"),
    N_("copy the file itself into content/ (a link is never published)"),
    N_("this is a symbolic link (to '{target}'); links are never published"),
    N_("{what} '{path}' is not a regular file"),
    N_("put an ordinary file there"),
    N_("{what} '{path}' leaves content/"),
    N_("{what} '{path}' is a {suffix} file, which a browser would run as part of the intranet"),
    N_("a {suffix} file would run as part of the intranet; it is not published"),
    N_("write the page as Markdown (.kk.md and .ru.md) instead"),
    N_("remove it from content/; only pictures, videos and documents are published"),
    N_("{what} '{path}' is larger than {size} MB"),
    N_("make the file smaller"),
    N_("{what} '{path}' is empty (0 bytes)"),
    N_("{what} '{path}' has more than {budget} million pixels"),
    N_("{what} '{path}' is {width}×{height} pixels, more than the {budget} million allowed"),
    N_("scale it down to at most {budget} million pixels (e.g. 6000×4000) and save it again"),
    N_("{what} '{path}' is a {real} picture, not {expected} as its name says"),
    N_("rename it to {name}"),
    N_("save it again as {format}"),
    N_("{what} '{path}' is cut short (the file is truncated)"),
    N_("{what} '{path}' has no video stream"),
    N_("{what} '{path}' cannot be opened as a video ({reason})"),
    N_("export it again as MP4 (H.264)"),
    N_("{what} '{path}' cannot be drawn ({reason})"),
    N_("open it in a drawing program, save it as plain SVG or as PNG, and try again"),
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(template, regex) pairs, the most specific (most literal text) first."""
    compiled = []
    for template in TEMPLATES + YAML_TEMPLATES + APPROVAL_TEMPLATES:
        parts = re.split(r"(?<!\{)\{(\w+)\}(?!\})", template)
        regex = "".join(re.escape(p.replace("{{", "{").replace("}}", "}")) if i % 2 == 0
                        else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        literal = sum(len(p) for p in parts[::2])
        compiled.append((literal, template, re.compile(regex, re.DOTALL)))
    compiled.sort(key=lambda t: -t[0])
    return tuple((t, r) for _, t, r in compiled)


def match(text: str, depth: int = 0) -> tuple[str, dict[str, str]] | None:
    """The template ``text`` was made from, and the values; ``None`` when none fits."""
    if depth > 3:
        return None
    for template, regex in _patterns():
        m = regex.fullmatch(text)
        if m is not None and all(match(v, depth + 1) is not None
                                 for k, v in m.groupdict().items() if k in STRICT):
            return template, m.groupdict()
    return None


def translate(text: str, tr: Messages, depth: int = 0) -> str:
    """``text`` (an English check message or hint) in ``tr``'s language."""
    if tr.lang == "en" or not text:
        return text
    found = match(text)
    if found is None or depth > 3:
        return text
    template, values = found
    filled = {k: translate(v, tr, depth + 1) if k in NESTED else v for k, v in values.items()}
    return tr._(template, **filled)


SEVERITY = {"error": N_("error"), "warning": N_("warning")}


def format_diagnostic(d: Diagnostic, tr: Messages) -> str:
    """``path:line:col: severity: message; hint`` in ``tr``'s language."""
    if tr.lang == "en":
        return d.format()
    text = (f"{d.path}:{d.line}:{d.col}: {tr._(SEVERITY[d.severity])}: "
            f"{translate(d.message, tr)}")
    return f"{text}; {translate(d.hint, tr)}" if d.hint else text


def format_text(diagnostics: Sequence[Diagnostic], tr: Messages) -> str:
    return "\n".join(format_diagnostic(d, tr) for d in sorted(diagnostics, key=sort_key))


def unmatched(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Messages and hints no template covers (for the tests)."""
    out = []
    for d in diagnostics:
        for text in (d.message, d.hint):
            if text and match(text) is None:
                out.append(text)
    return out
