"""Typed reading of YAML fields, one diagnostic per bad value.

:class:`Fields` wraps one parsed YAML document of one file. Each reader method
returns a typed value (or ``None`` when the value is missing or wrong) and records
what is wrong, where and how to fix it, so a file reports every problem at once.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..pictures import verify_media
from .dates import DateProblem, HourRange, parse_date, parse_datetime, parse_hours, parse_time
from .diagnostics import Diagnostic, Severity, did_you_mean
from .files import ContentFileError
from .model import LANGS, Lang
from .yamlread import Located, Path_

T = TypeVar("T")

IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
VIDEO_TYPES = {".mp4", ".webm", ".mkv", ".mov", ".m4v"}
DOCUMENT_TYPES = {".pdf", ".pptx", ".odp", ".docx"}


def describe(value: object) -> str:
    """A value's kind in an editor's words, never a Python type name."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text"


class Fields:
    """Reads the fields of one YAML mapping inside one file."""

    def __init__(
        self,
        doc: Located,
        path: str,
        first_line: int,
        out: list[Diagnostic],
        *,
        content_root: Path,
        base_dir: PurePosixPath,
        zone: ZoneInfo,
    ) -> None:
        self.doc = doc
        self.path = path
        self.first_line = first_line  # file line (1-based) of the YAML's first line
        self.out = out
        self.content_root = content_root
        self.base_dir = base_dir  # folder of this file, relative to the content root
        self.zone = zone
        self.errors = 0

    # -- reporting -------------------------------------------------------------------------
    def line_of(self, key: Path_, *, at_key: bool = False) -> tuple[int, int]:
        line, col = self.doc.key_at(key) if at_key else self.doc.at(key)
        return line + self.first_line, col + 1

    def report(
        self,
        key: Path_,
        code: str,
        message: str,
        hint: str = "",
        *,
        severity: Severity = "error",
        at_key: bool = False,
    ) -> None:
        line, col = self.line_of(key, at_key=at_key)
        if severity == "error":
            self.errors += 1
        self.out.append(Diagnostic(self.path, line, col, severity, code, message, hint))

    def get(self, key: Path_) -> Any:
        node: Any = self.doc.value
        for part in key:
            if isinstance(part, int):
                node = node[part] if isinstance(node, list) and part < len(node) else None
            else:
                node = node.get(part) if isinstance(node, dict) else None
        return node

    def has(self, key: Path_) -> bool:
        return self.get(key) is not None

    def unknown_keys(self, key: Path_, allowed: Collection[str], where: str = "") -> None:
        mapping = self.get(key) if key else self.doc.value
        if not isinstance(mapping, dict):
            return
        for name in mapping:
            if name not in allowed:
                place = f" in {where}" if where else ""
                hidden = [c for c in name if unicodedata.category(c) in ("Cf", "Cc", "Zs")]
                if hidden:  # e.g. a zero-width joiner pasted from a chat: show where it is
                    shown = "".join(f"<U+{ord(c):04X}>" if c in hidden else c for c in name)
                    visible = "".join(c for c in name if c not in hidden)
                    close = did_you_mean(visible, allowed)
                    self.report((*key, name), "unknown-key", f"unknown field '{shown}'{place}",
                                f"the name has an invisible character; retype it"
                                f"{'; ' + close if close.startswith('did') else ''}",
                                at_key=True)
                    continue
                self.report((*key, name), "unknown-key", f"unknown field '{name}'{place}",
                            did_you_mean(name, allowed), at_key=True)

    # -- scalar readers --------------------------------------------------------------------
    def text(self, key: Path_, *, required: bool = False, max_len: int | None = None) -> str:
        value = self.get(key)
        name = _name(key)
        if value is None:
            if required:
                self.report(key[:-1] or key, "missing-field", f"'{name}' is missing",
                            f"add a line '{name}: ...'")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(key, "wrong-type", f"'{name}' must be text, not {describe(value)}",
                        "write it on one line, in quotes if it contains ':'")
            return ""
        text = str(value).strip()
        if required and not text:
            self.report(key, "missing-field", f"'{name}' is empty", "write a value")
        if max_len is not None and len(text) > max_len:
            self.report(key, "too-long", f"'{name}' has {len(text)} characters; at most "
                        f"{max_len} fit", "shorten it")
        return text

    def choice(self, key: Path_, choices: Iterable[str], default: str | None) -> str | None:
        options = tuple(choices)
        value = self.get(key)
        if value is None:
            return default
        text = value if isinstance(value, str) else ""
        if text not in options:
            shown = _scalar_text(value)
            self.report(key, f"unknown-{_name(key).replace('_', '-')}",
                        f"unknown {_name(key).replace('_', ' ')} '{shown}'",
                        did_you_mean(str(shown), options))
            return None
        return text

    def integer(self, key: Path_, lo: int, hi: int, unit: str = "") -> int | None:
        value = self.get(key)
        if value is None:
            return None
        name = _name(key)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) or (isinstance(value, str) and _is_number(value)):
                self.report(key, "not-whole", f"'{name}' is {value}, not a whole number",
                            f"write a whole number from {lo} to {hi}")
            else:
                self.report(key, "wrong-type", f"'{name}' must be a whole number, not "
                            f"{describe(value)}", f"write a number from {lo} to {hi}")
            return None
        if not lo <= value <= hi:
            self.report(key, "out-of-range", f"'{name}' is {value}{unit}; it must be from "
                        f"{lo} to {hi}{unit}", f"write a number from {lo} to {hi}")
            return None
        return value

    def boolean(self, key: Path_) -> bool:
        value = self.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(key, "wrong-type", f"'{_name(key)}' must be true or false",
                        "write true or false")
            return False
        return value

    def _parsed(self, key: Path_, parse: Callable[[Any], T], *, required: bool,
                code: str = "bad-date") -> T | None:
        value = self.get(key)
        if value is None:
            if required:
                name = _name(key)
                self.report(key[:-1] or key, "missing-field", f"'{name}' is missing",
                            f"add a line '{name}: 2026-11-20'")
            return None
        try:
            return parse(value)
        except DateProblem as problem:
            name = _name(key)
            message = problem.message if name == "date" else f"{name}: {problem.message}"
            self.report(key, code, message, problem.hint)
            return None

    def date(self, key: Path_, *, required: bool = False) -> date | None:
        return self._parsed(key, parse_date, required=required)

    def datetime(self, key: Path_, *, required: bool = False,
                 end_of_day: bool = False) -> datetime | None:
        return self._parsed(key, lambda v: parse_datetime(v, self.zone, end_of_day=end_of_day),
                            required=required)

    def time(self, key: Path_) -> time | None:
        return self._parsed(key, parse_time, required=False, code="bad-time")

    def hours(self, key: Path_) -> tuple[HourRange, ...]:
        value = self.get(key)
        if value is None:
            return ()
        keys = [(*key, i) for i in range(len(value))] if isinstance(value, list) else [key]
        ranges = [self._parsed(k, parse_hours, required=False, code="bad-hours") for k in keys]
        return tuple(r for r in ranges if r is not None)

    def text_list(self, key: Path_) -> tuple[str, ...]:
        value = self.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(p.strip() for p in value.split(",") if p.strip())
        if not isinstance(value, list):
            self.report(key, "wrong-type", f"'{_name(key)}' must be a list, not "
                        f"{describe(value)}", "write [first, second]")
            return ()
        result: list[str] = []
        for i, entry in enumerate(value):
            if isinstance(entry, bool) or not isinstance(entry, str | int | float):
                self.report((*key, i), "wrong-type", f"'{_name(key)}' entries must be text, not "
                            f"{describe(entry)}", "write each entry as plain text")
            else:
                result.append(str(entry).strip())
        return tuple(result)

    def by_lang(self, key: Path_, *, required: bool = False) -> dict[Lang, str]:
        """A ``{kk: ..., ru: ...}`` pair of texts."""
        value = self.get(key)
        if value is None:
            if required:
                self.report(key[:-1] or key, "missing-field", f"'{_name(key)}' is missing",
                            f"add '{_name(key)}: {{kk: ..., ru: ...}}'")
            return {}
        if not isinstance(value, dict):
            self.report(key, "wrong-type", f"'{_name(key)}' must give kk and ru texts",
                        f"write '{_name(key)}: {{kk: ..., ru: ...}}'")
            return {}
        self.unknown_keys(key, ("kk", "ru"), _name(key))
        return {lang: self.text((*key, lang)) for lang in LANGS if lang in value}

    # -- files -----------------------------------------------------------------------------
    def media(self, key: Path_, allowed: Collection[str], what: str) -> PurePosixPath | None:
        """A path to a file under the content root, checked to exist and to be readable."""
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.report(key, "wrong-type", f"'{_name(key)}' must be a file path",
                        "write e.g. /images/photo.png")
            return None
        raw = value.strip()
        if "://" in raw or raw.startswith("//"):
            self.report(key, "external-file", f"{what} '{raw}' is on another host",
                        "copy the file into content/ and link it by path")
            return None
        rel = PurePosixPath(raw[1:]) if raw.startswith("/") else self.base_dir / raw
        parts: list[str] = []
        for part in rel.parts:
            if part == "..":
                if not parts:
                    self.report(key, "path-outside", f"path '{raw}' leaves content/",
                                "keep media inside content/, e.g. /images/photo.png")
                    return None
                parts.pop()
            elif part not in (".", ""):
                parts.append(part)
        clean = PurePosixPath(*parts) if parts else PurePosixPath(".")
        suffix = clean.suffix.lower()
        if allowed and suffix not in allowed:
            self.report(key, "wrong-file-type", f"{what} '{raw}' has type '{suffix or 'none'}'",
                        "use one of: " + ", ".join(sorted(allowed)))
            return None
        full = self.content_root / clean
        try:
            exists = os.path.lexists(full)  # a link is found here and refused below
        except OSError as exc:  # e.g. a name longer than the file system allows
            self.report(key, "bad-path", f"{what} path '{_clip(raw)}' cannot be used "
                        f"({exc.strerror})", "write a shorter path to a file in content/")
            return None
        if not exists:
            hint = ("write paths with '/', not '\\'" if "\\" in raw else
                    _nearby(full) or "check the file name and folder")
            self.report(key, "missing-file", f"{what} '{_clip(raw)}' does not exist", hint)
            return None
        try:
            # The content boundary (a regular file inside content/, no link on the way) and
            # the decoding check (pixel budget, truncation, type; a video's header).
            verify_media(self.content_root, clean)
        except ContentFileError as problem:
            self.report(key, problem.code, problem.what(f"{what} '{_clip(raw)}'"),
                        problem.hint)
            return None
        return clean


def _scalar_text(value: object) -> str:
    """A value as the editor wrote it (``5``, ``true``), or its kind for a list or group."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return describe(value)


def _name(key: Path_) -> str:
    for part in reversed(key):
        if isinstance(part, str):
            return part
    return "value"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nearby(full: Path) -> str:
    try:
        if not full.parent.is_dir():
            return ""
        names = [n for n in os.listdir(full.parent) if not n.startswith(".")]
    except OSError:
        return ""
    hint = did_you_mean(full.name, names) if names else ""
    return hint if hint.startswith("did you mean") else ""
