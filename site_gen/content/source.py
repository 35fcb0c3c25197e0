"""Reading files as editors save them: bytes → text → front matter + body.

Tolerates what editors' tools produce (a UTF-8 BOM, CRLF line ends, a name saved in
NFD) and reports what cannot be read with the line it happens on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_LINE = 10_000


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str  # with LF line ends, no BOM
    yaml: str  # the front matter, tabs replaced
    yaml_line: int  # file line (1-based) of the front matter's first line
    body: str
    body_line: int


def read_text(file: Path, shown: str, out: list[Diagnostic]) -> str | None:
    """The file as text, or ``None`` after reporting why it cannot be read."""
    try:
        with file.open("rb") as fh:  # never more than the limit in memory
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.append(Diagnostic(shown, 1, 1, "error", "unreadable-file",
                              f"cannot read the file ({exc.strerror})",
                              "check the file's permissions"))
        return None
    if len(data) > MAX_FILE_BYTES:
        size = _size(file, len(data))
        out.append(Diagnostic(shown, 1, 1, "error", "file-too-large",
                              f"the file is {size // 1024} KB; at most "
                              f"{MAX_FILE_BYTES // 1024} KB are read",
                              "split the text or move media into content/images/"))
        return None
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        out.append(Diagnostic(shown, 1, 1, "error", "empty-file", "the file is empty",
                              "write the front matter and the text, or delete the file"))
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        out.append(Diagnostic(shown, line, col, "error", "nul-byte",
                              "the file contains a NUL byte (it looks like a binary file)",
                              "save it again as plain UTF-8 text"))
        return None
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        line, col = _position(data, offset)
        out.append(Diagnostic(shown, line, col, "error", "not-utf8",
                              f"the file is not UTF-8 (byte 0x{data[offset]:02x})",
                              "save it as UTF-8 in your editor (Save with encoding → UTF-8)"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(file: Path, at_least: int) -> int:
    try:
        return max(file.stat().st_size, at_least)
    except OSError:
        return at_least


# Line breaks for YAML 1.1 but not for editors: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
_YAML_BREAKS = re.compile("[\u0085\u2028\u2029]")

# Characters that reorder text when shown (bidi embeddings, overrides and isolates):
# a line can then read differently from what it says ("Trojan Source").
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_BIDI_REPORTS = 20


def find_bidi_controls(text: str, shown: str) -> list[Diagnostic]:
    """A warning for each text-direction control character in ``text`` (LF line ends)."""
    found: list[Diagnostic] = []
    for m in _BIDI.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        found.append(Diagnostic(shown, line, col, "warning", "bidi-control",
                                f"invisible text-direction character U+{ord(m[0]):04X}",
                                "delete it: it makes the text show in a different order "
                                "from how it is stored"))
        if len(found) >= MAX_BIDI_REPORTS:
            break
    return found


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte; CRLF, LF and a lone CR each end a line."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = head.count(b"\n") + 1
    before = head[head.rfind(b"\n") + 1:]
    if line == 1 and before.startswith(b"\xef\xbb\xbf"):
        before = before[3:]
    # Columns count characters as the editor sees them, not bytes.
    return line, len(before.decode("utf-8", errors="replace")) + 1


def split_front_matter(text: str, shown: str, out: list[Diagnostic]) -> SourceText | None:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        out.append(Diagnostic(shown, 1, 1, "error", "no-front-matter",
                              "the file does not start with front matter",
                              "put a line '---', the fields (title: …), and '---' at the top"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        out.append(Diagnostic(shown, 1, 1, "error", "unclosed-front-matter",
                              "the front matter opened on line 1 is never closed",
                              "add a line '---' after the last field"))
        return None
    yaml_lines = lines[1:end]
    for i, line in enumerate(yaml_lines):
        if len(line) > MAX_FRONT_MATTER_LINE:
            out.append(Diagnostic(shown, i + 2, 1, "error", "line-too-long",
                                  f"front matter line has {len(line)} characters",
                                  "keep fields short; long text belongs in the body"))
            return None
        odd = _YAML_BREAKS.search(line)
        if odd:  # YAML would end the line here; the editor sees one line
            out.append(Diagnostic(shown, i + 2, odd.start() + 1, "warning", "line-separator",
                                  f"invisible line separator U+{ord(odd[0]):04X} in the front "
                                  "matter; it is read as a space",
                                  "delete it (it often comes with text pasted from Word)"))
            line = yaml_lines[i] = _YAML_BREAKS.sub(" ", line)
        tab = line.find("\t")
        if tab >= 0:
            out.append(Diagnostic(shown, i + 2, tab + 1, "error", "tab-in-yaml",
                                  "tab character in the front matter",
                                  "use spaces: YAML does not allow tabs for indentation"))
            yaml_lines[i] = line.replace("\t", "  ")
    return SourceText(
        text=text,
        yaml="\n".join(yaml_lines),
        yaml_line=2,
        body="\n".join(lines[end + 1:]),
        body_line=end + 2,
    )
