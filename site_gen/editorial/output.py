"""Text shapes shared by the editorial commands: padded Markdown tables and CSV.

Where it sits: the checklist, the plan and the report return data; the commands turn it
into text with these helpers (a Markdown table reads well in a terminal and pastes into a
document as it is).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          align_right: Sequence[int] = ()) -> str:
    """A Markdown table with columns padded to line up in a terminal."""
    cells = [[_cell(h) for h in headers]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        padded = [c.rjust(w) if i in align_right else c.ljust(w)
                  for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in align_right else "-" * (w + 2)
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with a header row, comma-separated, UTF-8 text (no BOM), ``\\n`` line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def write_text(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write ``path`` atomically: a temp file in the same folder, then ``os.replace``.

    With ``exclusive`` the temp file is *linked* into place instead, which fails with
    FileExistsError when ``path`` exists: a file is never overwritten, even in a race.
    The file gets the usual permissions (0666 minus the umask), not the temp file's 0600.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if exclusive:
            os.link(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
