"""``signage preview`` and the site's "On the screens today" pages, on the example content."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from signage.bundle import load_bundle  # noqa: E402
from signage.cli import main  # noqa: E402
from signage.preview import URGENT_MARK  # noqa: E402
from signage.schedule import playlist  # noqa: E402
from signage.timezones import load_zone  # noqa: E402
from site_gen.bundle import write_bundle  # noqa: E402
from site_gen.content import ContentSet, check  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
Z = load_zone("Asia/Almaty")
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=Z)


@pytest.fixture(scope="module")
def example() -> ContentSet:
    return check(ROOT / "content")[0]


@pytest.fixture(scope="module")
def bundle_dir(example: ContentSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signage")
    write_bundle(example, out, NOON)
    return out


def run(*args: str) -> int:
    return main(list(args))


def test_preview_writes_a_png_per_slide_a_sheet_and_a_table(
        bundle_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "canteen"
    assert run("preview", "--screen", "canteen", "--date", "2026-11-23", "--at", "12:00",
               "--bundle", str(bundle_dir), "--out", str(out)) == 0
    expected = playlist(load_bundle(bundle_dir / "bundle.json"), "canteen", NOON).slides
    pngs = sorted(p for p in out.glob("[0-9]*.png"))
    assert len(pngs) == len(expected) > 2
    first = pygame.image.load(str(pngs[0]))
    assert first.get_size() == (1920, 1080)
    assert len({first.get_at((x, y))[:3] for x in range(0, 1920, 40)
                for y in range(0, 1080, 40)}) > 5, "the slide is blank"
    printed = capsys.readouterr().out
    rows = [line for line in printed.splitlines() if line[:2].isdigit() and ":" in line[:3]]
    assert len(rows) == len(expected)
    assert rows[0].startswith("12:00:00") and "(urgent)" in rows[0] and " kk " in rows[0]
    assert " ru " in rows[1]
    sheet = pygame.image.load(str(out / "contact-sheet.png"))
    assert sheet.get_at((14, 14))[:3] == URGENT_MARK  # the urgent slide is framed in red


def test_preview_keeps_a_portrait_screen_upright(bundle_dir: Path, tmp_path: Path) -> None:
    assert run("preview", "--screen", "lobby", "--date", "2026-11-23", "--bundle",
               str(bundle_dir), "--out", str(tmp_path)) == 0
    first = sorted(tmp_path.glob("01-*.png"))[0]
    assert pygame.image.load(str(first)).get_size() == (1080, 1920)


def test_preview_at_night_says_so(bundle_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run("preview", "--screen", "canteen", "--date", "2026-11-23", "--at", "23:30",
               "--bundle", str(bundle_dir), "--out", str(tmp_path)) == 0
    assert "night" in capsys.readouterr().out
    assert list(tmp_path.glob("*.png")) == []


def test_preview_builds_the_bundle_from_content(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run("preview", "--screen", "workshop", "--date", "2026-11-23", "--content",
               str(ROOT / "content"), "--out", str(tmp_path)) == 0
    assert "kk" in capsys.readouterr().out and list(tmp_path.glob("01-kk-*.png"))


@pytest.mark.parametrize(("args", "message"), [
    (("--screen", "hall"), "screen 'hall' is not in the bundle; known screens: canteen, "
                           "lobby, workshop"),
    (("--screen", "canteen", "--date", "31.02.2026"), "--date '31.02.2026' is not a date"),
    (("--screen", "canteen", "--at", "noon"), "--at 'noon' is not a time"),
])
def test_cli_mistakes_are_one_line_and_exit_2(
        bundle_dir: Path, args: tuple[str, ...], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run("preview", *args, "--bundle", str(bundle_dir)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize(("content", "message"), [
    (b'{"format": 7}', "unknown bundle format 7"),
    (b'{"format": 1, "items": [', "truncated"),
    (b"\x89PNG\r\n", "not UTF-8"),
])
def test_bad_bundle_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bundle.json"
    path.write_bytes(content)
    assert run("preview", "--screen", "canteen", "--bundle", str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_screens_today_page_per_language(example: ContentSet, tmp_path: Path) -> None:
    from site_gen.signage_pages.stage import PAGE, make_pages
    from site_gen.stage.extensions import StageContext

    for lang, title, urgent in (("kk", "Бүгін экрандарда", "Шұғыл"),
                                ("ru", "Сегодня на экранах", "Срочно")):
        ctx = StageContext(example, lang, NOON, tmp_path / lang / "docs", tmp_path / lang)
        files = {f.path: f.data for f in make_pages(ctx)}
        page = files[PAGE]
        assert isinstance(page, str) and f"# {title}" in page
        for screen in example.screens:
            assert f"## {screen.name[lang]}" in page
        assert urgent in page
        thumbs = [p for p in files if p.endswith(".png")]
        assert thumbs and all(f"({p})" in page or p in page for p in thumbs)
        for p in thumbs[:3]:
            data = files[p]
            assert isinstance(data, bytes) and data.startswith(b"\x89PNG")
            assert len(data) < 120_000


def test_preview_of_every_screen(bundle_dir: Path, tmp_path: Path) -> None:
    assert run("preview", "--screen", "all", "--date", "2026-11-23", "--bundle",
               str(bundle_dir), "--out", str(tmp_path)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["canteen", "lobby", "workshop"]
    assert all((tmp_path / s / "contact-sheet.png").is_file() for s in ("canteen", "lobby"))
