"""Golden-image comparison shared by every rendering test (slides, previews, player).

``assert_matches_golden("kk_landscape", surface)`` compares a rendered surface with
``tests/golden/expected/kk_landscape.png`` within a tolerance, so a font hinting change
of a pixel here and there passes while a moved block, a wrong letter or a new colour
fails. ``JARSHY_UPDATE_GOLDEN=1`` writes the references instead (look at them before you
commit them). A failure writes ``tests/golden/failed/<name>.png``: expected | actual |
diff side by side, the diff showing changed pixels in red over a dimmed picture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pygame

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
FAILED = HERE / "failed"
UPDATE_ENV = "JARSHY_UPDATE_GOLDEN"

Pixels = npt.NDArray[np.int16]


@dataclass(frozen=True)
class Difference:
    """How far two pictures are apart."""

    mean: float  # mean absolute difference over every channel of every pixel (0..255)
    share: float  # share of pixels where some channel differs by more than ``pixel_tol``

    def __str__(self) -> str:
        return f"mean abs diff {self.mean:.2f}, {self.share:.2%} of pixels differ"


def pixels(surface: pygame.Surface) -> Pixels:
    """Height x width x RGB array of ``surface``."""
    return np.asarray(pygame.surfarray.array3d(surface), dtype=np.int16).transpose(1, 0, 2)


def difference(expected: Pixels, actual: Pixels, pixel_tol: int = 40) -> Difference:
    delta = np.abs(expected - actual)
    return Difference(float(delta.mean()), float((delta.max(axis=2) > pixel_tol).mean()))


def _side_by_side(expected: Pixels, actual: Pixels) -> Pixels:
    h = max(expected.shape[0], actual.shape[0])
    w = max(expected.shape[1], actual.shape[1])

    def pad(a: Pixels) -> Pixels:
        out = np.zeros((h, w, 3), dtype=np.int16)
        out[: a.shape[0], : a.shape[1]] = a
        return out

    e, a = pad(expected), pad(actual)
    changed = np.abs(e - a).max(axis=2) > 0
    diff = (e + a) // 6  # dimmed picture behind the marks
    diff[changed] = (255, 40, 40)
    gap = np.full((h, 4, 3), 255, dtype=np.int16)
    return np.concatenate([e, gap, a, gap, diff], axis=1)


def _save(arr: Pixels, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    surf = pygame.surfarray.make_surface(arr.transpose(1, 0, 2).astype(np.uint8))
    tmp = path.with_name(path.stem + ".tmp.png")
    pygame.image.save(surf, str(tmp))
    os.replace(tmp, path)


def assert_matches_golden(name: str, actual: pygame.Surface, *, max_mean: float = 1.5,
                          max_share: float = 0.01, pixel_tol: int = 40) -> None:
    """Fail unless ``actual`` looks like ``expected/<name>.png`` within the tolerance."""
    ref = EXPECTED / f"{name}.png"
    got = pixels(actual)
    if os.environ.get(UPDATE_ENV) == "1":
        _save(got, ref)
        return
    if not ref.exists():
        _save(got, FAILED / f"{name}.png")
        raise AssertionError(f"no reference image {ref}; check tests/golden/failed/{name}.png "
                             f"and run with {UPDATE_ENV}=1 to create it")
    want = pixels(pygame.image.load(str(ref)))
    if want.shape != got.shape:
        _save(_side_by_side(want, got), FAILED / f"{name}.png")
        raise AssertionError(f"{name}: size {got.shape[1]}x{got.shape[0]}, expected "
                             f"{want.shape[1]}x{want.shape[0]}; see tests/golden/failed/{name}.png")
    diff = difference(want, got, pixel_tol)
    if diff.mean > max_mean or diff.share > max_share:
        _save(_side_by_side(want, got), FAILED / f"{name}.png")
        raise AssertionError(f"{name}: {diff} (allowed {max_mean}, {max_share:.2%}); "
                             f"see tests/golden/failed/{name}.png (expected | actual | diff)")
    failed = FAILED / f"{name}.png"
    if failed.exists():
        failed.unlink()  # a stale failure picture would mislead the next reader
