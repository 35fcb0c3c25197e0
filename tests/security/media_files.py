"""Broken and hostile media files, made in the test (no binary fixtures to trust).

``bomb_png`` is the decompression bomb of issue 12: a PNG of 20000×20000 pixels of one
colour, tens of kilobytes on disk (zlib squeezes identical rows to almost nothing), 1.6 GB
once decoded to 32-bit pixels. It is written chunk by chunk with zlib, as Pillow would refuse
to make it.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

BOMB_SIDE = 20_000
REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"
HEAD = "---\ntitle: {title}\ndate: 2026-11-20\nsection: news\nstatus: approved\n"
SCREEN = "signage:\n  screens: [canteen]\n"


def add_item(root: Path, stem: str, fields: str, body: str = "Мәтін.") -> None:
    """A kk/ru pair under ``root/news``; ``fields`` start on line 6, the body right after
    the closing '---'."""
    for lang, title in (("kk", "Жаңалық"), ("ru", "Новость")):
        (root / "news" / f"{stem}.{lang}.md").write_text(
            HEAD.format(title=title) + fields + "---\n" + body + "\n", "utf-8")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    """A valid 1-bit greyscale PNG of ``width`` × ``height`` white pixels."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte 0, then the packed pixels
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body)
            + _chunk(b"IEND", b""))


def photo(size: tuple[int, int] = (640, 480), fmt: str = "JPEG") -> bytes:
    """A noisy picture (so a cut in the middle lands in the pixel data)."""
    buf = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buf, fmt)
    return buf.getvalue()


def truncated_jpeg() -> bytes:
    data = photo()
    return data[: len(data) // 2]


def png_named_jpg() -> bytes:
    """A PNG picture: saved under a .jpg name it is a type that does not match the name."""
    return photo((64, 48), "PNG")


TEXT_AS_PNG = "это не картинка, а текст\n".encode()


def broken_mp4() -> bytes:
    """An MP4 'ftyp' box and then nothing a demuxer can use."""
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(4000)
