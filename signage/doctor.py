"""``signage doctor``: check a new monitor before it goes live, one line per check.

Where it sits: beside the player, sharing its parts (fonts from ``signage.render``, the
decoder from ``signage.video``, the fetcher from ``signage.sync``) so a check that passes
here means the player will work the same way. Each check returns a :class:`Check`; the
command prints them and exits 1 when any failed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from .bundle import Bundle
from .fetch import Limits

T = TypeVar("T")

SDL_LIBS = ("libSDL2-2", "libSDL2-2.0")


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


def kmsdrm_compiled_in() -> bool | None:
    """Whether the SDL library pygame loaded was built with the KMSDRM video driver
    (to run without X). None when the library file cannot be found to look."""
    import pygame

    libs_dir = Path(pygame.__file__).resolve().parent.parent / "pygame_ce.libs"
    candidates = sorted(libs_dir.glob("libSDL2-2*.so*")) if libs_dir.is_dir() else []
    if not candidates:
        return None
    data = candidates[0].read_bytes()
    return b"KMSDRM_VideoInit" in data or b"kmsdrm" in data


def check_display() -> Check:
    import pygame

    try:
        pygame.display.init()
    except pygame.error as exc:
        hint = ("set DISPLAY (X11) or SDL_VIDEODRIVER=kmsdrm (no X); see docs/screens.md")
        return Check("display", False, f"{exc}; {hint}")
    try:
        driver = pygame.display.get_driver()
        sizes = pygame.display.get_desktop_sizes()
        size = "x".join(str(v) for v in sizes[0]) if sizes else "unknown size"
        kms = kmsdrm_compiled_in()
        kms_text = {True: "kmsdrm built in", False: "no kmsdrm in this SDL",
                    None: "kmsdrm unknown"}[kms]
        if driver in ("dummy", "offscreen"):
            return Check("display", False, f"no real screen: SDL picked the {driver} driver "
                         f"({kms_text}); set DISPLAY for X11 or SDL_VIDEODRIVER=kmsdrm")
        return Check("display", True, f"driver {driver}, {size} ({kms_text})")
    finally:
        pygame.display.quit()


def check_fonts() -> Check:
    from .render import FontError, Fonts

    try:
        fonts = Fonts.find()  # finds only a family whose every file has every Kazakh letter
    except FontError as exc:
        return Check("fonts", False, str(exc))
    files = fonts.files()
    names = ", ".join(f.name for f in files)
    return Check("fonts", True, f"{fonts.family.name} ({names}): every Kazakh letter "
                 "ә ғ қ ң ө ұ ү һ і has its own shape")


def check_video() -> Check:
    import pygame

    from .video import VideoError, make_test_clip, open_video

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    try:
        with tempfile.TemporaryDirectory(prefix="jarshy-doctor-") as tmp:
            clip = make_test_clip(Path(tmp) / "test.mp4", frames=30, size=(320, 180))
            video = open_video(clip, (320, 180))
            try:
                frames = 1
                for _ in range(200):
                    if video.frame_at(10.0) is not None:
                        frames = video.shown + video.dropped + 1
                    if video.ended:
                        break
                    pygame.time.wait(10)
            finally:
                video.close()
    except (VideoError, OSError, ImportError) as exc:
        return Check("video", False, f"a test H.264 clip does not decode: {exc}")
    if video.error:
        return Check("video", False, f"decoding stopped: {video.error}")
    return Check("video", True, f"a test H.264 clip decodes ({frames} of 30 frames)")


def check_writable(name: str, folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-") as fh:
            fh.write(b"ok")
            fh.flush()
    except OSError as exc:
        return Check(name, False, f"{folder} is not writable: {exc.strerror or exc}")
    return Check(name, True, f"{folder} is writable")


def check_keys(keys: tuple[bytes, ...]) -> Check:
    from .signing import ENV_PUBLIC_KEYS, key_name

    if not keys:
        return Check("bundle keys", False, "no public key configured: every bundle will be "
                     f"refused; set {ENV_PUBLIC_KEYS} in /etc/jarshy/player.env to the key "
                     "'site-gen keys' printed (docs/screens.md)")
    names = ", ".join(key_name(k) for k in keys)
    return Check("bundle keys", True, f"installs only bundles signed by {names}")


def check_source(source: str, screen: str | None, keys: tuple[bytes, ...] = (),
                 cache: Path | None = None, limits: Limits | None = None
                 ) -> tuple[Check, Bundle | None]:
    from .sync import Store, Syncer

    installed = Store(cache).load_current() if cache is not None else None
    with tempfile.TemporaryDirectory(prefix="jarshy-doctor-") as tmp:
        syncer = Syncer(source, Store(Path(tmp)), keys=keys, limits=limits)
        if installed is not None:  # the player would refuse a bundle older than its own
            syncer.installed_at = installed[0].generated_at
        result = syncer.sync_once()
        pictures = (unshowable_pictures(result.bundle, Store(Path(tmp)).current)
                    if result.ok and result.bundle is not None else [])
    if not result.ok or result.bundle is None:
        return Check("source", False, result.message), None
    bundle = result.bundle
    if pictures:
        return Check("source", False, "; ".join(pictures[:3])), bundle
    detail = (f"{source} answers; bundle {bundle.version[:12]} with {len(bundle.items)} items, "
              f"its signature and every media file verified (sha256)")
    if screen is not None and bundle.screen(screen) is None:
        known = ", ".join(s.id for s in bundle.screens) or "none"
        return Check("source", False, f"screen '{screen}' is not in the bundle; known: "
                     f"{known}"), bundle
    return Check("source", True, detail), bundle


def check_cached(cache: Path) -> Check:
    from .bundle import BUNDLE_NAME, BundleError, load_bundle, verify_media
    from .sync import Store

    current = Store(cache).current
    if not (current / BUNDLE_NAME).exists():
        return Check("cached bundle", True, "none yet (the first sync will fetch one)")
    try:
        bundle, base = load_bundle(current / BUNDLE_NAME), current.resolve()
    except BundleError as exc:
        return Check("cached bundle", False, f"{exc}; the player cannot show it and fetches "
                     "the bundle again from its source")
    problems = [str(p) for p in verify_media(bundle, base)] or unshowable_pictures(bundle, base)
    if problems:
        return Check("cached bundle", False, "; ".join(problems[:3]))
    return Check("cached bundle", True, f"{bundle.version[:12]} verifies")


def unshowable_pictures(bundle: Bundle, base: Path) -> list[str]:
    """The bundle's pictures the player would skip: read from each header (never decoded),
    with the same pixel budget the player holds them to."""
    from .render.slide import PICTURE_PIXEL_BUDGET, RenderError, picture_size

    found = []
    for m in bundle.media():
        if not m.type.startswith("image/"):
            continue
        try:
            width, height = picture_size(base / m.path)
        except RenderError as exc:  # named by its place in the bundle, not a temporary path
            found.append(str(exc).replace(str(base / m.path), m.path))
            continue
        if width * height > PICTURE_PIXEL_BUDGET:
            found.append(f"{m.path} is {width}x{height} pixels, more than the player's budget "
                         f"of {PICTURE_PIXEL_BUDGET}; its slides would be skipped")
    return found


def check_clock(now: datetime, bundle: Bundle | None) -> Check:
    from .plan import clock_problem

    problem = clock_problem(now, bundle)
    text = now.isoformat(timespec="seconds")
    return Check("clock", not problem, problem or f"{text} is plausible")


def _safely(name: str, check: Callable[[], T]) -> T | Check:
    """``check()``, or a failed :class:`Check` saying what broke: the doctor prints every
    line it can, never a traceback."""
    try:
        return check()
    except Exception as exc:  # noqa: BLE001 - a broken check is one FAIL line, not the end
        text = str(exc).replace("\n", " ")[:300]
        return Check(name, False, f"the check itself failed: {type(exc).__name__}: {text}")


def run_checks(*, source: str | None, cache: Path, screen: str | None,
               now: Callable[[], datetime], keys: tuple[bytes, ...] = (),
               limits: Limits | None = None) -> Iterator[Check]:
    yield _safely("display", check_display)
    yield _safely("fonts", check_fonts)
    yield _safely("video", check_video)
    yield _safely("cache", lambda: check_writable("cache", cache))
    yield _safely("logs", lambda: check_writable("logs", cache / "logs"))
    bundle: Bundle | None = None
    if source:
        yield _safely("bundle keys", lambda: check_keys(keys))
        found = _safely("source", lambda: check_source(source, screen, keys, cache, limits))
        check, bundle = (found, None) if isinstance(found, Check) else found
        yield check
    yield _safely("cached bundle", lambda: check_cached(cache))
    yield _safely("clock", lambda: check_clock(now(), bundle))
