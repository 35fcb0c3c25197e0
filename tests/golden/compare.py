"""Golden-image comparison shared by every rendering test (slides, previews, player).

``assert_matches_golden("kk_landscape", surface)`` compares a rendered surface with
``tests/golden/expected/kk_landscape.png`` within a tolerance, so a font hinting change
of a pixel here and there passes while a moved block, a wrong letter or a new colour
fails. ``JARSHY_UPDATE_GOLDEN=1`` writes the references instead (look at them before you
commit them). A failure writes ``tests/golden/failed/<name>.png``: expected | actual |
diff side by side, the diff showing changed pixels in red over a dimmed picture.
:func:`assert_pixels_match` is the same comparison for any picture, reference and failure
folder (the site's page screenshots, ``tests/site/test_golden_pages.py``).
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


def load_png(path: Path) -> Pixels:
    """Height x width x RGB array of a PNG file (or of PNG bytes, e.g. a browser's screenshot)."""
    return pixels(pygame.image.load(str(path)))


def assert_pixels_match(name: str, got: Pixels, ref: Path, failed: Path, *,
                        max_share: float, pixel_tol: int, max_mean: float | None = None,
                        update: bool = False) -> None:
    """Fail unless ``got`` looks like the PNG ``ref``: the same size, at most ``max_share``
    of pixels differing by more than ``pixel_tol`` in some channel (and, if given, a mean
    difference of at most ``max_mean``). ``update``: write ``ref`` instead. A failure
    writes ``failed/<name>.png`` (expected | actual | diff) and ``failed/<name>-actual.png``;
    a pass removes both, so no stale picture misleads the next reader."""
    side, alone = failed / f"{name}.png", failed / f"{name}-actual.png"
    if update:
        _save(got, ref)
        return
    how = f"run with {UPDATE_ENV}=1 to write it (look at it before you commit it)"
    if not ref.exists():
        _save(got, alone)
        raise AssertionError(f"no reference image {ref}; see {alone} and {how}")
    want = load_png(ref)
    if want.shape != got.shape:
        _save(_side_by_side(want, got), side)
        _save(got, alone)
        raise AssertionError(f"{name}: size {got.shape[1]}x{got.shape[0]}, expected "
                             f"{want.shape[1]}x{want.shape[0]}; see {side}; if the change is "
                             f"wanted, {how}")
    diff = difference(want, got, pixel_tol)
    if diff.share > max_share or (max_mean is not None and diff.mean > max_mean):
        _save(_side_by_side(want, got), side)
        _save(got, alone)
        limit = f"{max_share:.2%} over {pixel_tol}/255" + \
            (f", mean {max_mean}" if max_mean is not None else "")
        raise AssertionError(f"{name}: {diff} (allowed {limit}); see {side} (expected | "
                             f"actual | diff); if the change is wanted, {how}")
    for stale in (side, alone):
        if stale.exists():
            stale.unlink()


def assert_matches_golden(name: str, actual: pygame.Surface, *, max_mean: float = 1.5,
                          max_share: float = 0.01, pixel_tol: int = 40) -> None:
    """Fail unless ``actual`` looks like ``expected/<name>.png`` within the tolerance."""
    assert_pixels_match(name, pixels(actual), EXPECTED / f"{name}.png", FAILED,
                        max_share=max_share, pixel_tol=pixel_tol, max_mean=max_mean,
                        update=os.environ.get(UPDATE_ENV) == "1")
