"""The publishing gate's answer, said plainly by the commands that publish outside the site
build: ``site-gen digest``, ``poster``, ``bundle`` and ``print``.

Where it sits: after ``check`` and :func:`site_gen.content.gate.publishable`, before a
channel reads the content. Errors that concern no one item (``_data/``) stop the command,
as they stop ``site-gen build``; each item left out is named with its errors, so nothing an
editor wrote disappears without a word.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from ..content import Diagnostic, LeftOut, format_text


def refuse_general(command: str, general: Iterable[Diagnostic]) -> bool:
    """Print the errors about no one item and say the command stops; True when there are."""
    found = list(general)
    if not found:
        return False
    print(format_text(found), file=sys.stderr)
    print(f"site-gen {command}: {len(found)} errors in the data files (above), which every "
          "channel needs; fix them and run it again", file=sys.stderr)
    return True


def name_left_out(command: str, what: str, entries: Iterable[LeftOut]) -> None:
    """Each item the gate left out of this command's output, with its errors (stderr)."""
    for entry in entries:
        print(f"site-gen {command}: left out {entry.key} ({what}); it has errors:",
              file=sys.stderr)
        for d in entry.errors:
            print(f"  {d.format()}", file=sys.stderr)


def errors_text(entry: LeftOut) -> str:
    return "\n".join(f"  {d.format()}" for d in entry.errors)


def left_out_item(wanted: str, entries: Iterable[LeftOut]) -> LeftOut | None:
    """The left-out item ``wanted`` names, as ``site-gen poster`` takes it: its key
    (``news/2026-11-18-x``), its stem, or one of its files (``content/news/x.kk.md``)."""
    text = wanted.strip().replace("\\", "/")
    for suffix in (".kk.md", ".ru.md", ".md"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    items = [e for e in entries if e.is_item]
    exact = [e for e in items if text == e.key or text.endswith("/" + e.key)]
    by_stem = [e for e in items if e.key.rsplit("/", 1)[-1] == text]
    found = exact or by_stem
    return found[0] if len(found) == 1 else None
