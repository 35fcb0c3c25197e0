"""Font files for the slides, found in a Debian font package and checked for Kazakh shapes.

Sits under every other ``signage.render`` module: they ask a :class:`Fonts` for a
``pygame.font.Font`` of a size and style. The files come from a package the project
installs (``fonts-noto-core``, then ``fonts-dejavu-core``), never from a download, and
never from pygame's built-in default font: that one draws қ as к and ү as v, which is
not a box a reader notices but a wrong word. :func:`check_kazakh_shapes` renders each
Kazakh letter and the letters it could be mistaken for and compares the pixels, so a
font that silently substitutes a look-alike is refused (``signage doctor`` prints it).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True, slots=True)
class FontFamily:
    """Four files of one family; a missing italic falls back to the regular file."""

    name: str
    regular: Path
    bold: Path
    italic: Path | None = None
    bold_italic: Path | None = None

    def files(self) -> list[Path]:
        return [p for p in (self.regular, self.bold, self.italic, self.bold_italic) if p]


# In order of preference. Noto Sans is calmer at large sizes; DejaVu Sans is the fallback
# that every Debian desktop has (fonts-dejavu-core).
CANDIDATES: tuple[FontFamily, ...] = (
    FontFamily("Noto Sans", NOTO_DIR / "NotoSans-Regular.ttf", NOTO_DIR / "NotoSans-Bold.ttf",
               NOTO_DIR / "NotoSans-Italic.ttf", NOTO_DIR / "NotoSans-BoldItalic.ttf"),
    FontFamily("DejaVu Sans", DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf",
               DEJAVU_DIR / "DejaVuSans-Oblique.ttf", DEJAVU_DIR / "DejaVuSans-BoldOblique.ttf"),
)

# Each Kazakh letter and the letters a wrong font draws in its place. і and һ (and І, Һ)
# are designed to look exactly like Latin i and h in every correct font, so for them the
# check compares with the Russian letters they must not turn into (и, н) and with the
# dotless ı instead; the missing-glyph box and a blank glyph are checked for every letter.
KAZAKH_LOOKALIKES: tuple[tuple[str, str], ...] = (
    ("ә", "аae"), ("ғ", "г"), ("қ", "кk"), ("ң", "н"), ("ө", "оo"),
    ("ұ", "уvү"), ("ү", "уv"), ("һ", "н"), ("і", "иı"),
    ("Ә", "АA"), ("Ғ", "Г"), ("Қ", "КK"), ("Ң", "Н"), ("Ө", "ОO"),
    ("Ұ", "УVҮ"), ("Ү", "УV"), ("Һ", "Н"), ("І", "И"),
)
KAZAKH_LETTERS = "".join(letter for letter, _ in KAZAKH_LOOKALIKES)
_NOTDEF_PROBE = "\ue000"  # a private-use code point: no text font has it, so it draws .notdef


class FontError(RuntimeError):
    """No usable font file: the message says which files were tried and what to install."""


@dataclass(frozen=True, slots=True)
class ShapeProblem:
    """One Kazakh letter that would be read wrongly in a font."""

    font: str
    letter: str
    message: str

    def __str__(self) -> str:
        return f"{self.font}: {self.message}"


def init_font() -> None:
    """Initialise ``pygame.font`` once, lazily (never at import)."""
    if not pygame.font.get_init():
        pygame.font.init()


def _shape(font: pygame.font.Font, text: str) -> tuple[tuple[int, int], bytes]:
    surf = font.render(text, True, (255, 255, 255), (0, 0, 0))
    return surf.get_size(), pygame.image.tobytes(surf, "RGB")


def check_kazakh_shapes(font: Path | str | pygame.font.Font | None,
                        size: int = 48) -> list[ShapeProblem]:
    """Return one problem per Kazakh letter that is missing or drawn like a look-alike.

    ``font`` is a font file, an open ``pygame.font.Font`` or ``None`` (pygame's default
    font, which fails: it is what the check exists to catch). An empty list means every
    letter of ә ғ қ ң ө ұ ү һ і and their capitals has a shape of its own.
    """
    init_font()
    if isinstance(font, pygame.font.Font):
        face, label = font, "given font"
    else:
        label = str(font) if font is not None else "pygame default font"
        try:
            face = pygame.font.Font(str(font) if font is not None else None, size)
        except (OSError, pygame.error) as exc:
            return [ShapeProblem(label, "", f"cannot open the font file ({exc})")]
    try:
        return _compare_shapes(face, label)
    except pygame.error as exc:  # a damaged file can open and then fail on first render
        return [ShapeProblem(label, "", f"cannot draw text with this font ({exc})")]


def _compare_shapes(face: pygame.font.Font, label: str) -> list[ShapeProblem]:
    notdef = _shape(face, _NOTDEF_PROBE)
    problems: list[ShapeProblem] = []
    for letter, lookalikes in KAZAKH_LOOKALIKES:
        shape = _shape(face, letter)
        if shape == notdef:
            problems.append(ShapeProblem(label, letter, f"{letter} is missing (drawn as a box)"))
            continue
        if not any(shape[1]):
            problems.append(ShapeProblem(label, letter, f"{letter} is drawn blank"))
            continue
        same = [other for other in lookalikes if _shape(face, other) == shape]
        if same:
            problems.append(ShapeProblem(
                label, letter,
                f"{letter} is drawn exactly like {', '.join(same)} (a wrong word, not a box)"))
    return problems


@functools.lru_cache(maxsize=16)
def _cached_check(path: str) -> tuple[ShapeProblem, ...]:
    return tuple(check_kazakh_shapes(Path(path)))


def family_problems(family: FontFamily) -> list[ShapeProblem]:
    """Problems of every file of ``family`` (a missing file is one problem)."""
    problems: list[ShapeProblem] = []
    for path in family.files():
        if not path.is_file():
            problems.append(ShapeProblem(str(path), "", "file not found"))
        else:
            problems.extend(_cached_check(str(path)))
    return problems


@dataclass(eq=False)
class Fonts:
    """Fonts of one family at any size, cached; the only way slides get a font.

    ``Fonts.find()`` picks the first installed family whose files pass the Kazakh shape
    check; ``Fonts(family)`` uses a given family (tests pass one by path).
    """

    family: FontFamily
    _cache: dict[tuple[int, bool, bool], pygame.font.Font] = field(default_factory=dict)

    @classmethod
    def find(cls, candidates: Sequence[FontFamily] = CANDIDATES) -> Fonts:
        """Return the first family that is installed and draws every Kazakh letter."""
        reasons: list[str] = []
        for family in candidates:
            problems = family_problems(family)
            if not problems:
                return cls(family)
            reasons.append(f"{family.name}: {problems[0]}")
        raise FontError("no slide font with every Kazakh letter; tried "
                        + "; ".join(reasons)
                        + ". Install the Debian package fonts-noto-core (or fonts-dejavu-core)")

    @classmethod
    def from_files(cls, regular: Path, bold: Path | None = None) -> Fonts:
        """A family from explicit files (bold falls back to the regular file)."""
        return cls(FontFamily(regular.stem, regular, bold or regular))

    def get(self, size: int, *, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """A font of ``size`` pixels (at least 6) in the asked style."""
        size = max(6, int(size))
        key = (size, bold, italic)
        font = self._cache.get(key)
        if font is None:
            init_font()
            fam = self.family
            path = ((fam.bold_italic if bold else fam.italic) if italic else None) or (
                fam.bold if bold else fam.regular)
            font = pygame.font.Font(str(path), size)
            if italic and path in (fam.regular, fam.bold):
                font.italic = True  # no italic file: let SDL_ttf slant the upright one
            while len(self._cache) >= 128:  # sizes come from auto-fit: keep memory flat
                del self._cache[next(iter(self._cache))]  # oldest first (dicts keep order)
            self._cache[key] = font
        return font

    def files(self) -> list[Path]:
        return self.family.files()


_default: Fonts | None = None


def default_fonts() -> Fonts:
    """The process-wide :class:`Fonts` found once (``FontError`` when none is usable)."""
    global _default
    if _default is None:
        _default = Fonts.find()
    return _default


@dataclass(frozen=True, slots=True)
class FontCheck:
    """The result ``signage doctor`` prints: which files slides use and whether they pass."""

    ok: bool
    family: str
    files: tuple[Path, ...]
    problems: tuple[ShapeProblem, ...]

    def line(self) -> str:
        """One line: "fonts: Noto Sans (NotoSans-Regular.ttf, …): every Kazakh letter …"."""
        names = ", ".join(str(p) for p in self.files)
        if self.ok:
            return (f"fonts: {self.family} ({names}): each of {' '.join(KAZAKH_LETTERS)} "
                    "has its own shape")
        first = "; ".join(str(p) for p in self.problems[:3])
        return f"fonts: no usable slide font: {first}"


def check_fonts(candidates: Sequence[FontFamily] = CANDIDATES) -> FontCheck:
    """Check the fonts slides would use (the first family that passes) for ``signage doctor``."""
    try:
        fonts = Fonts.find(candidates)
    except FontError:
        problems = tuple(p for fam in candidates for p in family_problems(fam))
        return FontCheck(False, "", (), problems)
    return FontCheck(True, fonts.family.name, tuple(fonts.files()), ())
