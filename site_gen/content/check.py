"""Load a content root, report every problem, keep every valid item.

``check(root)`` is the one entry point the CLI, the site build, the bundle writer
and the tests share. It never raises for anything an editor wrote: each problem is
a :class:`Diagnostic`, and each valid file still becomes part of the ContentSet.
"""

from __future__ import annotations

import functools
import gc
import logging
import multiprocessing
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import cast

from ..pictures import svg_problems
from .approval import approval_checks
from .bodymedia import check_body_pictures, find_pictures
from .data import load_issues, load_screens, load_settings, shown_path
from .details import WHAT, find_details
from .diagnostics import Diagnostic, did_you_mean
from .fields import Fields
from .filecache import FileCache, Loaded
from .files import ContentFileError, safe_content_file, scan_content
from .holidays import load_calendar
from .htmlcheck import html_problems
from .model import LANGS, ContentSet, Item, Lang, Settings, Version
from .outside import check_outside_news
from .pairs import cross_checks
from .people import load_people
from .personal import find_personal_data
from .sitewide import sitewide_checks, today_for_check
from .source import find_bidi_controls, read_text, split_front_matter
from .tree import ContentTree
from .validate import Known, build_version
from .yamlread import YamlProblem, read_yaml

log = logging.getLogger(__name__)
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[^./]+)\.md$", re.IGNORECASE)


@dataclass
class Report:
    """What ``check`` found, besides the diagnostics."""

    files: int = 0
    missing: dict[str, list[str]] = field(default_factory=lambda: {"kk": [], "ru": []})

    def summary(self, content: ContentSet, diagnostics: list[Diagnostic]) -> dict[str, object]:
        return {
            "files": self.files,
            "items": len(content.items),
            "errors": sum(d.severity == "error" for d in diagnostics),
            "warnings": sum(d.severity == "warning" for d in diagnostics),
            "missing_kk": len(self.missing["kk"]),
            "missing_ru": len(self.missing["ru"]),
        }


def check(root: Path, *, cache: FileCache | None = None
          ) -> tuple[ContentSet, list[Diagnostic], Report]:
    """Load every file under ``root``, report every problem, keep every valid item.

    ``cache`` (the publish service's and the live preview's) reuses unchanged files' results
    and the checks between files that a change cannot reach: see :class:`FileCache`.
    """
    if cache is None:
        return _check(Path(root), None)
    # Python's cycle collector walks every object a pass reaches, and the cache holds
    # hundreds of thousands (every version of a large site): paused for the few tenths of
    # a second a cached check takes, which make almost no garbage; the next pass after it
    # collects what there is.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(Path(root), cache, collect=enabled)
    finally:
        if enabled:
            gc.enable()


def _check(root: Path, cache: FileCache | None, *, collect: bool = False
           ) -> tuple[ContentSet, list[Diagnostic], Report]:
    tree = ContentTree.walk(root)  # the one walk of content/ for every step below
    if cache is not None:
        cache.start(root, tree)
    out: list[Diagnostic] = []
    report = Report()
    settings = load_settings(root, out)
    screens = load_screens(root, settings, out)
    issues = load_issues(root, settings, out)
    load_calendar(root, out)  # content/_data/holidays/: checked here, read by the letters
    check_outside_news(root, out)  # content/_data/digest/: the digest's outside news
    people = load_people(root, settings, out)  # who may approve: content/_data/people.yml
    known = Known(frozenset(s.id for s in screens), frozenset(i.number for i in issues))
    versions: dict[tuple[str, str], dict[Lang, Version]] = defaultdict(dict)
    # Every file with a valid name, valid or not: a pair partner that has errors is
    # reported for its errors, not as a missing translation.
    present: dict[tuple[str, str, Lang], str] = {}
    found = tree.markdown_files()
    if cache is None:
        loaded = _load_files(root, [root / rel for rel, _ in found], settings, known)
    else:
        loaded = cache.load(found, lambda rels: _read_many(root, rels, settings, known,
                                                           collect), _looks_around)
    for parsed, said in loaded:
        report.files += 1
        out.extend(said)
        if parsed is None:
            continue
        folder, stem, lang, shown, version = parsed
        first = present.get((folder, stem, lang))
        if first is not None:
            # Two names that are equal once normalised to NFC (one saved in NFD).
            out.append(Diagnostic(shown, 1, 1, "error", "duplicate-file",
                                  f"this file has the same name as {first} (the names differ "
                                  "only in how their letters are encoded)",
                                  "keep one of the two files and delete the other"))
            continue
        present[(folder, stem, lang)] = shown
        if version is not None:
            versions[(folder, stem)][lang] = version
    pairs = sorted(versions.items())
    items = tuple(Item(folder, stem, dict(v)) for (folder, stem), v in pairs) \
        if cache is None else tuple(cache.item(folder, stem, v) for (folder, stem), v in pairs)
    if cache is not None:
        cache.forget_items(items)
    content = ContentSet(root, settings, items, screens, issues)
    urls = cross_checks(content, out, report.missing, frozenset(present),
                        None if cache is None else cache.pairs)
    out.extend(sitewide_checks(content, today_for_check(settings.zone), tree=tree,
                               urls=urls.keys(), cache=cache))
    out.extend(approval_checks(content, people))  # people.yml and git: real approvals only
    out.extend(scan_content(root, tree.others))  # links and active files anywhere in content/
    svgs = [(PurePosixPath(rel), st) for rel, st in tree.others if rel[-4:].lower() == ".svg"]
    out.extend(svg_problems(root, svgs))  # every SVG is published as the PNG it draws
    return content, out, report


def _read_many(root: Path, rels: list[str], settings: Settings, known: Known, collect: bool
               ) -> list[tuple[Loaded, list[Diagnostic]]]:
    """The files a cached check must read. Many (the first check, a change under _data/):
    read with the cycle collector on again (``collect``: it was on), as a cold check does."""
    if not collect or len(rels) < PARALLEL_FROM:
        return _load_files(root, [root / rel for rel in rels], settings, known)
    gc.enable()
    try:
        return _load_files(root, [root / rel for rel in rels], settings, known)
    finally:
        gc.disable()


def _looks_around(loaded: Loaded, said: list[Diagnostic]) -> bool:
    """Whether a file's result may change when another Markdown file appears, disappears
    or is emptied (``FileCache``): a file with errors, a missing file (its "did you mean"
    lists the folder's names), a picture address naming a Markdown file."""
    if loaded is None or loaded[4] is None or any(d.code == "missing-file" for d in said):
        return True
    body = loaded[4].body
    return ".md" in body.lower() and any(
        target.split("#", 1)[0].split("?", 1)[0].lower().rstrip("/").endswith(".md")
        for _, target in find_pictures(body))


PARALLEL_FROM = 200  # files; below that a second process costs more than it saves


def _load_files(root: Path, files: list[Path], settings: Settings, known: Known
                ) -> list[tuple[Loaded, list[Diagnostic]]]:
    """Each file's ``_load_file`` result and messages, in order. With many files and a
    second core, a forked process reads the second half meanwhile."""
    def load(part: list[Path]) -> list[tuple[Loaded, list[Diagnostic]]]:
        done = []
        for file in part:
            said: list[Diagnostic] = []
            done.append((_load_file(root, file, settings, known, said), said))
        return done

    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        return load(files)
    half = len(files) // 2
    global _HALF
    _HALF = functools.partial(load, files[half:])
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            second = pool.submit(_load_forked)
            first = load(files[:half])
            try:
                rest = second.result()
            except Exception as problem:  # noqa: BLE001 - a lost helper costs only time
                log.warning("the second check process failed (%s); reading on in one", problem)
                return first + load(files[half:])
    finally:
        _HALF = None
    return first + rest


_HALF: Callable[[], list[tuple[Loaded, list[Diagnostic]]]] | None = None  # while forking


def _load_forked() -> list[tuple[Loaded, list[Diagnostic]]]:
    """In the forked process: read the second half. (The company's time zone pickles as
    its name and comes back as the same object: signage.timezones.load_zone.)"""
    assert _HALF is not None
    return _HALF()


def _load_file(root: Path, file: Path, settings: Settings, known: Known,
               out: list[Diagnostic]) -> tuple[str, str, Lang, str, Version | None] | None:
    """``(folder, stem, lang, shown path, version)``; the version is ``None`` when the
    file has errors. ``None`` when the file name itself is wrong."""
    shown = unicodedata.normalize("NFC", shown_path(root, file))
    m = _NAME.match(unicodedata.normalize("NFC", file.name))
    if m is None or m["lang"] not in LANGS:
        out.append(_language_problem(shown, m["stem"] if m else file.stem,
                                     m["lang"] if m else None))
        return None
    lang = cast(Lang, m["lang"])
    _check_stem(m["stem"], shown, out)
    folder = PurePosixPath(unicodedata.normalize("NFC", file.parent.relative_to(root)
                                                 .as_posix()))
    key = "" if str(folder) == "." else folder.as_posix()
    return key, m["stem"], lang, shown, _load_version(root, file, shown, folder, lang,
                                                      settings, known, out)


def _load_version(root: Path, file: Path, shown: str, folder: PurePosixPath, lang: Lang,
                  settings: Settings, known: Known, out: list[Diagnostic]) -> Version | None:
    try:  # the content boundary: a link (even to a file inside content/) is never read
        safe_content_file(root, PurePosixPath(file.relative_to(root).as_posix()))
    except ContentFileError as problem:
        out.append(problem.diagnostic(shown, 1, 1, "this file"))
        return None
    text = read_text(file, shown, out)
    if text is None:
        return None
    out.extend(find_bidi_controls(text, shown))
    source = split_front_matter(text, shown, out)
    if source is None:
        return None
    out.extend(html_problems(source.body, shown, source.body_line))
    try:
        doc = read_yaml(source.yaml)
    except YamlProblem as p:
        out.append(Diagnostic(shown, p.line + source.yaml_line, p.col + 1, "error", "bad-yaml",
                              p.message, p.hint))
        return None
    if not isinstance(doc.value, dict):
        out.append(Diagnostic(shown, source.yaml_line, 1, "error", "front-matter-not-fields",
                              "the front matter has no fields",
                              "write fields as 'title: ...', one per line"))
        return None
    f = Fields(doc, shown, source.yaml_line, out, content_root=root,
               base_dir=folder, zone=settings.zone)
    version = build_version(f, lang, shown, file, source.body, source.body_line, known)
    if check_body_pictures(root, folder, source.body, source.body_line, shown, out):
        version = None  # a picture no channel may show keeps the file out, as a field does
    _check_personal_data(f, source.text, settings.bins, out)
    return version


_URL_BREAKING = re.compile(r"[#?%\\\"<>^`{|}\x00-\x1f\x7f]")


def _check_stem(stem: str, shown: str, out: list[Diagnostic]) -> None:
    """The stem becomes the address (``/kk/news/<stem>/``): no characters that break it."""
    bad = _URL_BREAKING.search(stem)
    if bad:
        out.append(Diagnostic(shown, 1, 1, "error", "bad-file-name",
                              f"the file name has '{bad[0]}', which breaks the page's address",
                              "use letters, digits and '-' in file names"))
    elif any(c.isspace() for c in stem):
        out.append(Diagnostic(shown, 1, 1, "warning", "bad-file-name",
                              "the file name has spaces, which become %20 in the address",
                              "write '-' instead of spaces, e.g. "
                              + "-".join(stem.split()) + ".kk.md"))


_LANG_ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "қаз": "kk", "каз": "kk",
                 "rus": "ru", "рус": "ru", "ру": "ru"}


def _language_problem(shown: str, stem: str, suffix: str | None) -> Diagnostic:
    if suffix is None:
        return Diagnostic(shown, 1, 1, "error", "unknown-language",
                          "the file name has no language",
                          f"name the pair {stem}.kk.md and {stem}.ru.md")
    lang = suffix.lower()
    lang = _LANG_ALIASES.get(lang, lang)
    if lang not in LANGS:
        close = did_you_mean(lang, LANGS)
        lang = close.split("'")[1] if close.startswith("did") else ""
    fix = (f"did you mean '.{lang}.md'? rename it to {stem}.{lang}.md" if lang else
           f"name the pair {stem}.kk.md and {stem}.ru.md")
    return Diagnostic(shown, 1, 1, "error", "unknown-language",
                      f"unknown language suffix '.{suffix}.md'", fix)


def _check_personal_data(f: Fields, text: str, bins: frozenset[str],
                         out: list[Diagnostic]) -> None:
    """IINs and phone numbers: an error in an approved item without consent. E-mail and
    home addresses, medical and disciplinary words: a warning (``site_gen.content.details``)."""
    if f.get(("personal_data",)) == "consent":
        return
    published = f.get(("status",)) == "approved" or bool(f.get(("published_before_approval",)))
    for detail in find_details(text):
        out.append(Diagnostic(
            f.path, detail.line, detail.col, "warning", "personal-details",
            f"'{detail.text}' looks like {WHAT[detail.kind]} (personal data)",
            "remove it, or add 'personal_data: consent' when the person agreed in writing"))
    for finding in find_personal_data(text, bins):
        what = "an IIN" if finding.kind == "iin" else "a phone number"
        out.append(Diagnostic(
            f.path, finding.line, finding.col, "error" if published else "warning",
            "personal-data", f"'{finding.text}' looks like {what} (personal data)",
            "remove it, or add 'personal_data: consent' when the person agreed in writing"))


def load_items(root: Path, files: list[Path], like: ContentSet
               ) -> tuple[tuple[Item, ...], list[Diagnostic]]:
    """Read ``files`` (Markdown files under ``root``) with the very loader ``check`` uses,
    against ``like``'s settings, screens and issues; return the items read and every problem.

    The site build reads the kept last good copy of an item through this (``site_gen.lastgood``),
    so a copy is held to today's rules like any file an editor saves; the caller passes the
    result through :func:`site_gen.content.gate.publishable` as it does ``check``'s.
    """
    known = Known(frozenset(s.id for s in like.screens), frozenset(i.number for i in like.issues))
    out: list[Diagnostic] = []
    versions: dict[tuple[str, str], dict[Lang, Version]] = defaultdict(dict)
    for file in files:
        parsed = _load_file(root, file, like.settings, known, out)
        if parsed is not None and parsed[4] is not None:
            versions[(parsed[0], parsed[1])][parsed[2]] = parsed[4]
    items = tuple(Item(folder, stem, dict(v)) for (folder, stem), v in sorted(versions.items()))
    return items, out
