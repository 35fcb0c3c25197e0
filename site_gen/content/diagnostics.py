"""Problems found in content, kept as data.

Every loader and validator appends :class:`Diagnostic` values to a list instead of
raising, so one run reports every problem. Formatting happens at the edge (the CLI).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file."""

    path: str  # as shown to the editor: content/news/x.kk.md
    line: int  # 1-based line in the file (front-matter offset included)
    col: int  # 1-based column
    severity: Severity
    code: str  # stable machine name, e.g. "unknown-section"
    message: str  # what is wrong, naming the value
    hint: str = ""  # how to fix it

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or the whole set when nothing is close."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "known: " + ", ".join(options)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    return "\n".join(d.format() for d in sorted(diagnostics, key=sort_key))


def format_json(diagnostics: Sequence[Diagnostic], summary: dict[str, object]) -> str:
    rows = [asdict(d) for d in sorted(diagnostics, key=sort_key)]
    return json.dumps({"diagnostics": rows, "summary": summary}, ensure_ascii=False, indent=2)
