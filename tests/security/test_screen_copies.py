"""The screens get screen-sized copies of pictures, so a player never decodes more pixels
than it shows (issue 12, decompression bombs). The copy's longest side is at most the largest
screen's (content/_data/screens.yml: 1920×1080 and 1080×1920 here), the aspect is kept, the
EXIF turn is applied, GIF, WebP and SVG go as PNG, and two builds in two processes give the
same bytes (the same sha256, so players download nothing new). On f24d797 the bundle
carried the 4000×3000 original."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.security.media_files import BAD, REPO, SCREEN, add_item

LONGEST = 1920


def jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    buf = io.BytesIO()
    img = Image.effect_noise(size, 40).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = orientation
    img.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    return buf.getvalue()


def content(root: Path) -> Path:
    shutil.copytree(BAD / "missing-image", root)
    for old in (root / "news").iterdir():
        old.unlink()
    images = root / "images"
    images.mkdir()
    (images / "big.jpg").write_bytes(jpeg((4000, 3000)))
    (images / "turned.jpg").write_bytes(jpeg((400, 200), orientation=6))  # shown 200×400
    Image.new("RGB", (3000, 3000), "navy").save(images / "square.png")
    Image.new("RGB", (320, 200), "green").save(images / "small.png")
    Image.new("P", (2400, 1200), 3).save(images / "anim.gif")
    Image.new("RGB", (1000, 3000), "olive").save(images / "tall.webp", "WEBP")
    (images / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="1000">'
        '<rect width="4000" height="1000" fill="#1a5"/></svg>', "utf-8")
    add_item(root, "2026-11-20-big", SCREEN + "  image: /images/big.jpg\n")
    add_item(root, "2026-11-20-turned", SCREEN + "  image: /images/turned.jpg\n")
    add_item(root, "2026-11-20-square", SCREEN + "  image: /images/square.png\n")
    add_item(root, "2026-11-20-small", SCREEN + "  image: /images/small.png\n")
    add_item(root, "2026-11-20-anim", "image: /images/anim.gif\nimage_alt: Сурет\n" + SCREEN)
    add_item(root, "2026-11-20-tall", "image: /images/tall.webp\nimage_alt: Сурет\n" + SCREEN)
    add_item(root, "2026-11-20-logo", "image: /images/logo.svg\nimage_alt: Белгі\n" + SCREEN)
    return root


def bundle_once(root: Path, out: Path) -> dict[str, tuple[str, bytes]]:
    """``site-gen bundle`` in its own process; item id → (media type, media bytes)."""
    done = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "bundle", "--content", str(root), "--out",
         str(out), "--date", "2026-11-23 12:00", "--quiet"],
        capture_output=True, text=True, check=False, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    raw = json.loads((out / "bundle.json").read_text("utf-8"))
    found = {}
    for entry in raw["items"]:
        media = entry["image"]
        if media is None:  # the slide went without its picture
            found[entry["id"].rsplit("-", 1)[-1]] = ("none", b"")
            continue
        data = (out / media["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == media["sha256"]
        assert len(data) == media["size"]
        found[entry["id"].rsplit("-", 1)[-1]] = (media["type"], data)
    return found


def test_pictures_go_to_the_screens_screen_sized_and_the_same_every_build(
        tmp_path: Path) -> None:
    root = content(tmp_path / "content")
    first = bundle_once(root, tmp_path / "one")
    second = bundle_once(root, tmp_path / "two")
    assert first == second  # byte for byte: the same sha256 from build to build

    sizes = {}
    for name, (kind, data) in first.items():
        img = Image.open(io.BytesIO(data)) if data else None
        sizes[name] = (kind, img.format, img.size) if img else (kind, None, (0, 0))
    assert sizes == {
        "big": ("image/jpeg", "JPEG", (1920, 1440)),  # 4000×3000, aspect kept
        "turned": ("image/jpeg", "JPEG", (200, 400)),  # the EXIF turn applied
        "square": ("image/png", "PNG", (1920, 1920)),
        "small": ("image/png", "PNG", (320, 200)),
        "anim": ("image/png", "PNG", (1920, 960)),  # GIF → PNG, which the player reads
        "tall": ("image/png", "PNG", (640, 1920)),  # WebP → PNG
        "logo": ("image/png", "PNG", (1920, 480)),  # SVG drawn, never sent as SVG
    }
    # A picture that already fits is sent as it is.
    assert first["small"][1] == (root / "images" / "small.png").read_bytes()
    assert all(max(size) <= LONGEST for _, _, size in sizes.values())
