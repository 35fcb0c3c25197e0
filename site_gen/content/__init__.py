"""The content model and its checks. Pure Python: imports nothing from MkDocs or pygame.

Flow: ``check(root)`` reads ``content/**/*.kk.md``/``*.ru.md`` and ``content/_data``,
validates every field and returns the :class:`ContentSet` with every problem found.
"""

from .check import Report, check
from .diagnostics import Diagnostic, format_json, format_text, has_errors
from .filecache import FileCache
from .gate import Gated, LeftOut, publishable
from .model import (
    ALL_SECTIONS,
    LANGS,
    SECTIONS,
    ContentSet,
    Event,
    Item,
    Lang,
    NewspaperIssue,
    PlanRow,
    Screen,
    Settings,
    Signage,
    Version,
)

__all__ = [
    "ALL_SECTIONS", "LANGS", "SECTIONS", "ContentSet", "Diagnostic", "Event", "FileCache", "Gated",
    "Item", "Lang", "LeftOut",
    "NewspaperIssue", "PlanRow", "Report", "Screen", "Settings", "Signage", "Version", "check",
    "format_json", "format_text", "has_errors", "publishable",
]
