"""Decompression bombs and broken media: ``check`` decodes every file an item shows, and
every command reports a bad file as one located line (file, line, what, how to fix).

On f24d797 ``check`` looked at a file's first bytes only: a 20000×20000 PNG, a cut-short
JPEG, a text file named .png shown as a Markdown picture and a broken MP4 all passed, and
``signage preview`` then died with a traceback (or took 2 GB of memory for the bomb).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from site_gen.cli import main
from site_gen.content import check
from tests.security.media_files import (
    BAD,
    REPO,
    SCREEN,
    TEXT_AS_PNG,
    add_item,
    bomb_png,
    broken_mp4,
    png_named_jpg,
    truncated_jpeg,
)


def broken_content(root: Path) -> Path:
    shutil.copytree(BAD / "missing-image", root)
    for old in (root / "news").iterdir():
        old.unlink()
    images = root / "images"
    images.mkdir()
    (images / "bomb.png").write_bytes(bomb_png())
    # 45 million pixels: over our budget, under the 89 million where Pillow only warns.
    (images / "wide.png").write_bytes(bomb_png(7500, 6000))
    (images / "cut.jpg").write_bytes(truncated_jpeg())
    (images / "text.png").write_bytes(TEXT_AS_PNG)
    (images / "photo.jpg").write_bytes(png_named_jpg())
    (root / "video").mkdir()
    (root / "video" / "clip.mp4").write_bytes(broken_mp4())
    Image.new("RGB", (64, 48), "green").save(images / "good.png")
    add_item(root, "2026-11-20-bomb", "image: /images/bomb.png\nimage_alt: Сурет\n")
    add_item(root, "2026-11-20-wide", "image: /images/wide.png\nimage_alt: Сурет\n")
    add_item(root, "2026-11-20-cut", SCREEN + "  image: /images/cut.jpg\n")
    add_item(root, "2026-11-20-text", "", "Мәтін.\n\n![Сурет](../images/text.png)")
    add_item(root, "2026-11-20-photo", "image: /images/photo.jpg\nimage_alt: Сурет\n")
    add_item(root, "2026-11-20-clip", SCREEN + "  video: /video/clip.mp4\n")
    add_item(root, "2026-11-20-good", SCREEN + "  image: /images/good.png\n")
    return root


EXPECTED = {  # stem → (line, code, words in the message, words in the hint)
    "bomb": (6, "picture-too-large", ("/images/bomb.png", "million pixels"), ("scale it down",)),
    "wide": (6, "picture-too-large", ("7500×6000 pixels", "40 million"), ("scale it down",)),
    "cut": (8, "corrupt-file", ("/images/cut.jpg", "cut short"), ("export",)),
    "text": (9, "corrupt-file", ("../images/text.png", "not a valid png"), ("export",)),
    "photo": (6, "wrong-picture-type", ("PNG picture, not JPEG",), ("rename it to photo.png",)),
    "clip": (8, "corrupt-file", ("/video/clip.mp4", "cannot be opened as a video"),
             ("MP4",)),
}


def test_check_decodes_every_picture_and_video_an_item_shows(tmp_path: Path) -> None:
    content, diagnostics, _ = check(broken_content(tmp_path / "content"))
    found = {(d.path, d.line, d.code): d for d in diagnostics if d.severity == "error"}
    want = {(f"content/news/2026-11-20-{stem}.{lang}.md", line, code)
            for stem, (line, code, _, _) in EXPECTED.items() for lang in ("kk", "ru")}
    assert set(found) == want
    for (path, _, _), d in found.items():
        _, _, words, hint = EXPECTED[path.split("2026-11-20-")[1].split(".")[0]]
        assert all(w in d.message for w in words), d.message
        assert all(w in d.hint for w in hint), d.hint
    # Every item with a bad file is left out; the good one stays.
    assert [i.stem for i in content.items] == ["2026-11-20-good"]


def test_check_and_build_print_located_lines_and_no_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = broken_content(tmp_path / "content")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    for stem, (line, _, _, _) in EXPECTED.items():
        assert f"content/news/2026-11-20-{stem}.kk.md:{line}:" in text, stem

    code = main(["build", "--content", str(root), "--out", str(tmp_path / "site"),
                 "--stage-dir", str(tmp_path / "build"), "--date", "2026-11-23"])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code != 0 and "Traceback" not in text
    assert "content/news/2026-11-20-bomb.kk.md:6:" in text
    # The rest is published: the good item's page exists; no bad picture was copied as such
    # into the screens' bundle.
    assert (tmp_path / "site" / "kk" / "news" / "2026-11-20-good" / "index.html").is_file()
    media = list((tmp_path / "site" / "signage" / "media").iterdir())
    assert len(media) == 1 and Image.open(media[0]).size == (64, 48)


def test_signage_preview_from_content_with_a_bomb_stays_small(
        tmp_path: Path) -> None:
    root = broken_content(tmp_path / "content")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "signage.cli", "preview", "--content", str(root), "--screen",
         "canteen", "--date", "2026-11-23", "--at", "12:00", "--out", str(tmp_path / "out")],
        capture_output=True, text=True, check=False, timeout=300, cwd=REPO,
        env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
             "HOME": str(tmp_path)})
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert peak_mb < 600, f"the preview took {peak_mb:.0f} MB"
    drawn = sorted(p.name for p in (tmp_path / "out").glob("[0-9]*.png"))
    assert drawn == ["01-kk-2026-11-20-good.png", "02-ru-2026-11-20-good.png"]


def test_signage_preview_of_a_bundle_with_a_broken_picture_goes_on(
        tmp_path: Path) -> None:
    from tests.player.helpers import item, media_entry, png_bytes, write_bundle

    good = png_bytes(tmp=tmp_path)
    folder = tmp_path / "bundle"
    write_bundle(folder, [
        item("bad", image=media_entry("media/bad.png", TEXT_AS_PNG, "image/png")),
        item("good", image=media_entry("media/good.png", good, "image/png"))],
        media={"media/bad.png": TEXT_AS_PNG, "media/good.png": good})
    done = subprocess.run(
        [sys.executable, "-m", "signage.cli", "preview", "--bundle", str(folder), "--screen",
         "canteen", "--date", "2026-11-23", "--out", str(tmp_path / "out")],
        capture_output=True, text=True, check=False, timeout=120, cwd=REPO,
        env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
             "HOME": str(tmp_path)})
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("signage preview:")]
    assert len(lines) == 2 and all("media/bad.png" in line and "skip" in line
                                   for line in lines), done.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("[0-9]*.png")) == [
        "01-kk-good.png", "02-ru-good.png"]
