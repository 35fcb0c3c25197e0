"""Symbolic links in content/ are never published: check names each one, no channel copies one.

The attack: an editor (or a compromised account) commits a link in content/ that points at a
file of the build machine (a private SSH key, the letters database, /etc/passwd) under an
innocent name (``images/photo.png``, ``files/report.pdf``), or links a whole folder, or an
item's Markdown file. On f24d797 the site copied the linked files into the published site
and ``check`` said nothing about links nobody's front matter named.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from site_gen.bundle import write_bundle
from site_gen.content import check
from site_gen.poster import PosterProblem, poster_html

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"
KK = "content/news/2026-11-20-spartakiada.kk.md"
SECRET = b"-----BEGIN OPENSSH PRIVATE KEY----- jarshy-test-secret-7f3a"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    """A folder outside content/ with a 'private key' and a 'letters database'."""
    folder = tmp_path / "home" / ".ssh"
    folder.mkdir(parents=True)
    (folder / "id_ed25519").write_bytes(SECRET)
    (folder / "letters.sqlite3").write_bytes(b"SQLite format 3\x00" + SECRET)
    return folder


def content_with_links(tmp_path: Path, secrets: Path) -> Path:
    """The one-item fixture; its image: is a link to the key; more links lie around."""
    root = tmp_path / "content"
    shutil.copytree(BAD / "missing-image", root)
    (root / "images").mkdir()
    (root / "images" / "жарыс.png").symlink_to(secrets / "id_ed25519")
    (root / "files").mkdir()
    (root / "files" / "report.pdf").symlink_to(secrets / "letters.sqlite3")
    (root / "keys").symlink_to(secrets, target_is_directory=True)
    (root / "images" / "passwd.png").symlink_to("/etc/passwd")
    return root


def test_check_names_every_link_with_its_path_and_the_field_line(
        tmp_path: Path, secrets: Path) -> None:
    root = content_with_links(tmp_path, secrets)
    content, diagnostics, _ = check(root)
    found = sorted((d.path, d.line, d.severity, d.code) for d in diagnostics)
    assert found == [
        ("content/files/report.pdf", 1, "error", "symlink"),
        ("content/images/passwd.png", 1, "error", "symlink"),
        ("content/images/жарыс.png", 1, "error", "symlink"),
        ("content/keys", 1, "error", "symlink"),
        (KK, 6, "error", "symlink"),  # the image: field that names the link
    ]
    field = next(d for d in diagnostics if d.path == KK)
    assert "symbolic link" in field.message and "copy the file itself" in field.hint
    # The Kazakh file (whose picture is a link) is kept out; the Russian one is fine.
    assert set(content.items[0].versions) == {"ru"}


def test_a_markdown_file_that_is_a_link_is_an_error_and_not_read(
        tmp_path: Path, secrets: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "missing-image", root)
    ru = root / "news" / "2026-11-20-spartakiada.ru.md"
    inside = root / "news" / "kept.txt"  # a link to a file inside content/ is refused too
    inside.write_text(ru.read_text("utf-8"), "utf-8")
    ru.unlink()
    ru.symlink_to(inside)
    (root / "images").mkdir()
    Image.new("RGB", (8, 8), "red").save(root / "images" / "жарыс.png")
    content, diagnostics, _ = check(root)
    assert [(d.path, d.line, d.code) for d in diagnostics
            if d.severity == "error"] == [(ru.relative_to(tmp_path).as_posix(), 1, "symlink")]
    assert set(content.items[0].versions) == {"kk"}


def _everything(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*")]


def test_the_site_and_the_bundle_publish_no_link_and_no_linked_bytes(
        tmp_path: Path, secrets: Path) -> None:
    from site_gen.build import build

    root = content_with_links(tmp_path, secrets)
    # The item's own picture is a real one: the links are files no front matter names.
    (root / "images" / "жарыс.png").unlink()
    Image.new("RGB", (64, 48), "red").save(root / "images" / "жарыс.png")
    site = tmp_path / "site"
    build(root, site, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build")
    published = _everything(site)
    assert published, "the build wrote nothing"
    assert not [p for p in published if p.is_symlink()]
    leaked = [p for p in published if p.is_file() and SECRET in p.read_bytes()]
    assert leaked == []
    names = {p.name for p in published}
    assert "report.pdf" not in names and "passwd.png" not in names
    assert "жарыс.png" in names  # the real picture is published
    assert not (site / "kk" / "keys").exists()


def test_a_picture_swapped_for_a_link_after_check_is_refused_by_bundle_and_poster(
        tmp_path: Path, secrets: Path) -> None:
    """Every channel reads through the boundary, not only check: a file replaced by a link
    between check and writing (or any path check never saw) is refused when it is read."""
    root = tmp_path / "content"
    shutil.copytree(BAD / "missing-image", root)
    kk = root / "news" / "2026-11-20-spartakiada.kk.md"
    kk.write_text(kk.read_text("utf-8").replace(
        "status: approved\n",
        "status: approved\nsignage:\n  screens: [canteen]\n  image: /images/жарыс.png\n"),
        "utf-8")
    (root / "images").mkdir()
    picture = root / "images" / "жарыс.png"
    Image.new("RGB", (64, 48), "red").save(picture)
    (root / "_data" / "site.yml").write_text(
        (root / "_data" / "site.yml").read_text("utf-8") + 'base_url: "http://intranet/"\n',
        "utf-8")
    content, diagnostics, _ = check(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    picture.unlink()
    picture.symlink_to(secrets / "id_ed25519")

    out = tmp_path / "bundle"
    write_bundle(content, out, NOW)
    assert not [p for p in out.rglob("*") if p.is_file() and SECRET in p.read_bytes()]
    assert not (out / "media").exists() or not any((out / "media").iterdir())

    with pytest.raises(PosterProblem) as caught:
        poster_html(content, content.items[0], NOW, use_summary=False)
    message = str(caught.value)
    assert message.startswith(f"{KK}:") and "symbolic link" in message
