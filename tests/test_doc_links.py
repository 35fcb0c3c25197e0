"""No Markdown file of the repository links outside it, and the docs' links lead somewhere.

A clone has only the repository: the README once pointed at ``../shared/ARCHITECTURE.md``,
which exists only beside the working tree it was written in.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A fence may be indented (inside a list item); it closes with the same mark.
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"(`+)([^\n]+?)\1")
_INLINE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HREF = re.compile(r"""(?:href|src)=["']([^"']+)["']""")
_PATHISH = re.compile(r"(?:\.\./)+[\w./-]+")


def markdown_files() -> list[Path]:
    """The repository's Markdown files (what git tracks, and new ones not yet added)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard", "*.md"], cwd=ROOT, capture_output=True)
    if listed.returncode == 0:
        files = [ROOT / name for name in listed.stdout.decode("utf-8").split("\0") if name]
    else:  # an export without .git: every Markdown file outside what tools make
        made = {".venv", "build", "site", "node_modules", "test-artifacts", ".git"}
        files = [f for f in ROOT.rglob("*.md")
                 if not made & set(f.relative_to(ROOT).parts)]
    # Hostile fixtures hold deliberately bad links: they are test input, not documents.
    return [f for f in files if f.is_file() and "fixtures" not in f.relative_to(ROOT).parts]


def targets(text: str) -> tuple[list[str], list[str]]:
    """(links outside code, relative paths written in inline code)."""
    text = _FENCE.sub("", text)
    code = [m[2] for m in _CODE.finditer(text)]
    prose = _CODE.sub("", text)
    links = _INLINE.findall(prose) + _REFDEF.findall(prose) + _HREF.findall(prose)
    return links, [p for c in code for p in _PATHISH.findall(c)]


def _local(link: str) -> str | None:
    """The file path a link names, or None for a web address, an anchor, a site address."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path or link.startswith("/"):
        return None
    return unquote(parts.path)


def _outside(file: Path, path: str) -> bool:
    return not (file.parent / path).resolve().is_relative_to(ROOT)


FILES = markdown_files()
DOCS = [f for f in FILES if f.relative_to(ROOT).parts[0] not in ("content", "tests")]


def test_the_documents_are_found() -> None:
    names = {f.relative_to(ROOT).as_posix() for f in FILES}
    assert {"README.md", "docs/editors.md", "docs/architecture.md"} <= names


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.relative_to(ROOT).as_posix())
def test_no_link_leaves_the_repository(file: Path) -> None:
    links, code_paths = targets(file.read_text(encoding="utf-8"))
    away = [link for link in links if (p := _local(link)) is not None and _outside(file, p)]
    away += [p for p in code_paths if _outside(file, p)]
    assert away == []


@pytest.mark.parametrize("file", DOCS, ids=lambda f: f.relative_to(ROOT).as_posix())
def test_every_link_of_the_docs_leads_to_a_file(file: Path) -> None:
    links, _ = targets(file.read_text(encoding="utf-8"))
    missing = [link for link in links
               if (p := _local(link)) is not None and not (file.parent / p).exists()]
    assert missing == []


def test_the_readme_links_the_architecture_in_the_repository() -> None:
    links, code_paths = targets((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "docs/architecture.md" in links
    assert not any("shared" in p for p in links + code_paths)


def test_a_link_out_is_caught(tmp_path: Path) -> None:
    """The checks themselves: the old README line and a Markdown link out are both found."""
    readme = ROOT / "README.md"
    links, code_paths = targets("See `../shared/ARCHITECTURE.md` and [x](../../etc/passwd).")
    assert [p for p in code_paths if _outside(readme, p)] == ["../shared/ARCHITECTURE.md"]
    assert [lk for lk in links if (p := _local(lk)) and _outside(readme, p)] == [
        "../../etc/passwd"]
    # A link inside a fenced example is code, also when the fence is indented in a list.
    example = "- item\n\n  ```markdown\n  ![x](../images/x.svg)\n  ```\n\n[y](../../etc/passwd)\n"
    assert targets(example)[0] == ["../../etc/passwd"]
