"""Text shapes shared by the editorial commands: padded Markdown tables and CSV.

Where it sits: the checklist, the plan and the report return data; the commands turn it
into text with these helpers (a Markdown table reads well in a terminal and pastes into a
document as it is).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


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
