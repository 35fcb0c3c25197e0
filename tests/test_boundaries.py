"""The one-way data flow, enforced: content → site_gen → bundle → signage.

The player knows only the bundle format, and the content model knows nothing of
MkDocs, pygame or the player, so each can be replaced or run on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for file in package.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[file.relative_to(ROOT).as_posix()] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("signage", ("site_gen", "mkdocs", "material")),
        ("site_gen/content", ("mkdocs", "material", "pygame", "av")),
    ],
)
def test_package_does_not_import(package: str, forbidden: tuple[str, ...]) -> None:
    bad = [
        f"{file} imports {name}"
        for file, names in imported_modules(ROOT / package).items()
        for name in names
        if name.split(".")[0] in forbidden
    ]
    assert bad == []


def test_content_model_imports_only_stdlib_zone_helper_from_signage() -> None:
    uses = {
        name
        for names in imported_modules(ROOT / "site_gen" / "content").values()
        for name in names
        if name.startswith("signage")
    }
    assert uses <= {"signage.timezones"}
