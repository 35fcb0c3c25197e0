"""Shared by the benchmarks: print a table and store it in its own section of docs/benchmarks.md.

Each benchmark owns the block between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``;
running it again replaces only that block, so the file keeps every benchmark's last run.
"""

from __future__ import annotations

import os
import platform
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nEach section is written by its script in `bench/`; rerun it to refresh.\n"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in row] for row in rows]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def machine() -> str:
    return (f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} cores, {platform.machine()}, "
            f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}")


def write_section(name: str, title: str, body: str, doc: Path = DOC,
                  command: str = "") -> None:
    """Print ``body`` and replace the benchmark's own block in docs/benchmarks.md;
    ``command``: what follows ``python -m`` when it is not ``bench.<name>``."""
    print(body)
    block = (f"<!-- bench:{name} -->\n## {title}\n\nMeasured on {machine()}; "
             f"command: `.venv/bin/python -m {command or 'bench.' + name}`.\n\n{body.strip()}\n"
             f"<!-- /bench:{name} -->")
    text = doc.read_text(encoding="utf-8") if doc.exists() else HEADER
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->",
                         re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else (
        text.rstrip() + "\n\n" + block + "\n")
    tmp = doc.with_suffix(".md.tmp")
    doc.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, doc)
