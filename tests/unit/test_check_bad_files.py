"""`check` on one tiny content root per mistake an editor can make.

Each case in ``tests/fixtures/bad/<case>/`` is a minimal content root (site.yml, screens
canteen and lobby, issue 12, one news item in kk and ru) plus the bad file(s). It is
copied to ``tmp_path/content`` so the paths read as an editor sees them
(``content/news/…``), and the test asserts the exact list of problems: path, line,
severity and code, plus the words of the message and the hint that tell how to fix it.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen.content import ContentSet, Diagnostic, Report, check

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
KK = "content/news/2026-11-20-spartakiada.kk.md"
RU = "content/news/2026-11-20-spartakiada.ru.md"
IIN = "850714300127"  # 14 July 1985, century digit 3, check digit 7


@dataclass(frozen=True)
class Want:
    path: str
    line: int
    severity: str
    code: str
    words: tuple[str, ...] = ()  # each must be in the message
    hint: tuple[str, ...] = ()  # each must be in the hint
    col: int | None = None


def E(path: str, line: int, code: str, words: tuple[str, ...] = (), hint: tuple[str, ...] = (),
      col: int | None = None) -> Want:
    return Want(path, line, "error", code, words, hint, col)


def W(path: str, line: int, code: str, words: tuple[str, ...] = (), hint: tuple[str, ...] = (),
      col: int | None = None) -> Want:
    return Want(path, line, "warning", code, words, hint, col)


CASES: dict[str, list[Want]] = {
    "unclosed-front-matter": [
        E(KK, 1, "unclosed-front-matter", ("never closed",), ("'---'",)),
    ],
    "invalid-yaml": [  # line 6: summary: Жиналыс: сағат 10:00-де …
        E(KK, 6, "bad-yaml", ("invalid YAML", "mapping values"), ("quotes",), col=17),
    ],
    "unclosed-quote": [  # the quote opens on line 2; PyYAML notices at the end, line 5
        E(KK, 2, "bad-yaml", ("quote", "never closed"), ("closing",), col=8),
    ],
    "quote-runs-on": [  # the quote opens on line 5; PyYAML trips over line 7's quotes
        E(KK, 5, "bad-yaml", ("quote", "never closed"), ("closing",), col=10),
    ],
    "unclosed-list": [  # the '[' opens on line 5; PyYAML notices on line 6
        E(KK, 5, "bad-yaml", ("'['", "not closed"), ("']'",), col=7),
    ],
    "tab-in-yaml": [
        E(RU, 7, "tab-in-yaml", ("tab",), ("spaces",), col=1),
    ],
    "impossible-date": [
        E(KK, 3, "bad-date", ("31.02.2026", "does not exist"), ("28 days", "2026-02-28"), col=7),
        E(RU, 3, "bad-date", ("31.02.2026", "does not exist"), ("28 days",), col=7),
    ],
    "until-before-from": [
        E(KK, 8, "until-before-from", ("2026-11-10", "2026-11-20"), ("swap",)),
    ],
    "unknown-section": [
        E(KK, 4, "unknown-section", ("newz",), ("did you mean 'news'",), col=10),
    ],
    "unknown-screen": [
        E(KK, 7, "unknown-screen", ("kitchen-9", "content/_data/screens.yml"),
          ("known: canteen, lobby",), col=22),
    ],
    "missing-image": [
        E(KK, 6, "missing-file", ("image", "/images/жарыс.png", "does not exist")),
    ],
    "corrupt-image": [
        E(KK, 6, "corrupt-file", ("марапаттау.png", "not a valid png"), ("export",)),
    ],
    "missing-video": [
        E(KK, 8, "missing-file", ("video", "/video/ролик.mp4", "does not exist")),
    ],
    "path-outside": [
        E(KK, 6, "path-outside", ("../../etc/passwd", "leaves content/"), ("inside content/",)),
    ],
    "not-utf8": [  # cp1251: the first Cyrillic letter of the title, line 2 column 8
        E(RU, 2, "not-utf8", ("not UTF-8",), ("UTF-8",), col=8),
    ],
    "bom-and-crlf-fine": [],
    "empty-file": [
        E(RU, 1, "empty-file", ("empty",)),
    ],
    "kz-suffix": [
        E("content/news/2026-11-21-zhinalys.kz.md", 1, "unknown-language", ("'.kz.md'",),
          ("'.kk.md'", "2026-11-21-zhinalys.kk.md")),
    ],
    "duplicate-url": [
        E(KK, 1, "duplicate-url", ("/kk/news/2026-11-20-spartakiada/",
                                   "content/archive/2026-11-20-spartakiada.kk.md"), ("rename",)),
        E(RU, 1, "duplicate-url", ("/ru/news/2026-11-20-spartakiada/",), ("rename",)),
    ],
    "pair-differs": [
        W(RU, 3, "pair-differs", ("date", "2026-11-21", "2026-11-20")),
        W(RU, 4, "pair-differs", ("section", "sports-culture", "news")),
    ],
    "negative-duration": [
        E(KK, 7, "out-of-range", ("duration", "-5"), ("3 to 120",)),
    ],
    "absurd-duration": [
        E(KK, 7, "out-of-range", ("duration", "86400"), ("3 to 120",)),
    ],
    "hour-25": [
        E(KK, 7, "bad-hours", ("25:00", "does not exist"), ("00:00 to 23:59",)),
    ],
    "alias-bomb": [
        E(KK, 6, "bad-yaml", ("anchor", "'&a'", "not allowed"), ("in full",)),
    ],
    "yaml-alias": [
        E(KK, 6, "bad-yaml", ("alias", "'*author'", "not allowed"), ("in full",), col=9),
    ],
    "unknown-key": [
        E(KK, 6, "unknown-key", ("'sumary'",), ("did you mean 'summary'",), col=1),
        E(RU, 7, "unknown-key", ("'scren'", "signage"), ("did you mean 'screens'",), col=3),
    ],
    "iin-approved": [
        E(KK, 7, "personal-data", (IIN, "IIN"), ("personal_data: consent",)),
    ],
    "iin-draft": [
        W(KK, 7, "personal-data", (IIN, "IIN"), ("personal_data: consent",)),
    ],
    "iin-consent": [],
    "phone": [
        E(RU, 7, "personal-data", ("+7 701 234 56 78", "phone"), col=28),
        E(RU, 9, "personal-data", ("8 (727) 250-50-50", "phone"), col=29),
    ],
    "company-bin": [],
    "missing-translation": [
        W(KK, 1, "missing-ru", ("no Russian version",), (RU,)),
    ],
    "kazakh-file-name": [],
    "yaml11-traps": [],
    "summary-too-long": [
        E(KK, 6, "too-long", ("'summary'", "359 characters", "300"), ("shorten",)),
    ],
    "site-yml-not-fields": [
        E("content/_data/site.yml", 1, "wrong-type", ("site.yml", "not a list"), ("timezone",)),
    ],
    "issue-number-mismatch": [
        W("content/_data/issues/12.yml", 1, "issue-number-mismatch", ("12.yml", "issue 13"),
          ("13.yml", "number: 12")),
    ],
    "section-number": [
        E(KK, 4, "unknown-section", ("'5'",), ("known: analytics",)),
    ],
    "backslash-path": [
        E(KK, 6, "missing-file", ("сурет.png",), ("'/'",)),
    ],
    "unicode-line-separators": [  # U+2028/U+2029/U+0085 end a YAML line, not an editor's
        W(KK, 6, "line-separator", ("U+2028", "read as a space"), ("delete",), col=14),
        E(KK, 7, "unknown-key", ("'sumary'",), ("did you mean 'summary'",), col=1),
        E(KK, 9, "personal-data", (IIN,)),
    ],
    "file-name-with-space": [
        W("content/news/жаңа жыл.kk.md", 1, "bad-file-name", ("spaces",), ("жаңа-жыл.kk.md",)),
        W("content/news/жаңа жыл.ru.md", 1, "bad-file-name", ("spaces",)),
    ],
    "file-name-with-hash": [
        E("content/news/жиналыс#2.kk.md", 1, "bad-file-name", ("'#'", "address")),
        E("content/news/жиналыс#2.ru.md", 1, "bad-file-name", ("'#'",)),
    ],
    "python-tag": [
        E(KK, 6, "bad-yaml", ("'!!python/object/apply:os.system'", "not allowed"),
          ("plain value",), col=9),
    ],
}


def run_case(case: str, tmp_path: Path) -> tuple[ContentSet, list[Diagnostic], Report]:
    root = tmp_path / "content"
    shutil.copytree(BAD / case, root)
    return check(root)


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file(case: str, tmp_path: Path) -> None:
    _, diagnostics, _ = run_case(case, tmp_path)
    wanted = CASES[case]
    got = sorted((d.path, d.line, d.severity, d.code) for d in diagnostics)
    assert got == sorted((w.path, w.line, w.severity, w.code) for w in wanted), "\n".join(
        d.format() for d in diagnostics)
    for want in wanted:
        d = next(d for d in diagnostics if (d.path, d.line, d.code) ==
                 (want.path, want.line, want.code))
        for word in want.words:
            assert word in d.message, d.format()
        for word in want.hint:
            assert word in d.hint, d.format()
        if want.col is not None:
            assert d.col == want.col, d.format()
        assert d.format().startswith(f"{want.path}:{want.line}:{d.col}: {want.severity}: ")


def test_bad_file_keeps_its_valid_partner(tmp_path: Path) -> None:
    """A broken Kazakh file does not drop the valid Russian one, nor call it untranslated."""
    content, diagnostics, report = run_case("unknown-section", tmp_path)
    [item] = content.items
    assert set(item.versions) == {"ru"}
    assert report.missing == {"kk": [], "ru": []}
    assert not any(d.code.startswith("missing-") for d in diagnostics)


def test_an_error_in_any_field_keeps_the_file_out(tmp_path: Path) -> None:
    """A too-long summary is an error: the Kazakh file must not be published anyway."""
    content, _, _ = run_case("summary-too-long", tmp_path)
    [item] = content.items
    assert set(item.versions) == {"ru"}


def test_markdown_link_out_of_content_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "kazakh-file-name", root)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Құпия\ndate: 2026-11-20\nsection: news\n---\nҚұпия мәтін\n",
                      "utf-8")
    (root / "news" / "жаңалық.ru.md").unlink()
    (root / "news" / "жаңалық.ru.md").symlink_to(secret)
    content, diagnostics, _ = check(root)
    assert [(d.path, d.line, d.severity, d.code) for d in diagnostics] == [
        ("content/news/жаңалық.ru.md", 1, "error", "symlink")]
    assert set(content.items[0].versions) == {"kk"}


def test_media_link_out_of_content_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "missing-image", root)
    outside = tmp_path / "outside.png"
    outside.write_bytes((BAD / "missing-video" / "images" / "ok.png").read_bytes())
    (root / "images").mkdir()
    (root / "images" / "жарыс.png").symlink_to(outside)
    _, diagnostics, _ = check(root)
    assert sorted((d.path, d.line, d.severity, d.code) for d in diagnostics) == [
        ("content/images/жарыс.png", 1, "error", "symlink"), (KK, 6, "error", "symlink")]


def test_missing_translation_is_counted(tmp_path: Path) -> None:
    content, diagnostics, report = run_case("missing-translation", tmp_path)
    assert report.missing == {"kk": [], "ru": ["news/2026-11-20-spartakiada"]}
    summary = report.summary(content, diagnostics)
    assert summary["missing_ru"] == 1 and summary["errors"] == 0


def test_yaml_11_words_stay_text(tmp_path: Path) -> None:
    content, _, _ = run_case("yaml11-traps", tmp_path)
    [item] = content.items
    kk = item.versions["kk"]
    assert kk.author == "12:30"  # not 750 (sexagesimal)
    assert kk.summary == "no"  # not False
    assert kk.title == "on"  # not True
    assert kk.tags == ("on", "off", "yes")


def test_bom_and_crlf_read_cleanly(tmp_path: Path) -> None:
    content, _, _ = run_case("bom-and-crlf-fine", tmp_path)
    [item] = content.items
    assert item.versions["kk"].title == "Спартакиада жеңімпаздары"
    assert "\r" not in item.versions["ru"].body and item.versions["ru"].title.endswith("ады")


def test_kazakh_file_name_pairs_and_gets_its_url(tmp_path: Path) -> None:
    content, _, _ = run_case("kazakh-file-name", tmp_path)
    [item] = content.items
    assert set(item.versions) == {"kk", "ru"}
    assert item.url("kk") == "/kk/news/жаңалық/"
    assert item.url("ru") == "/ru/news/жаңалық/"


def test_nfd_file_name_pairs_with_its_nfc_partner(tmp_path: Path) -> None:
    """macOS and some archivers save 'й' as 'и' + U+0306; the pair must still meet."""
    root = tmp_path / "content"
    shutil.copytree(BAD / "kazakh-file-name", root)
    for old in (root / "news").iterdir():
        old.unlink()
    stem = "мерекелік-той"
    nfd = unicodedata.normalize("NFD", stem)
    assert nfd != stem  # the test means something only if the forms differ
    src = BAD / "kazakh-file-name" / "news"
    (root / "news" / f"{nfd}.kk.md").write_bytes((src / "жаңалық.kk.md").read_bytes())
    (root / "news" / f"{stem}.ru.md").write_bytes((src / "жаңалық.ru.md").read_bytes())
    if len(os.listdir(root / "news")) != 2:
        pytest.skip("this file system normalises names itself")
    content, diagnostics, report = check(root)
    assert diagnostics == []
    [item] = content.items
    assert set(item.versions) == {"kk", "ru"}
    assert item.stem == stem
    assert item.url("kk") == f"/kk/news/{stem}/"
    assert item.versions["kk"].path == f"content/news/{stem}.kk.md"


def test_nfd_and_nfc_twins_are_reported_not_dropped(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "kazakh-file-name", root)
    src = root / "news" / "жаңалық.kk.md"
    stem = "мерекелік-той"
    (root / "news" / f"{stem}.kk.md").write_bytes(src.read_bytes())
    (root / "news" / f"{unicodedata.normalize('NFD', stem)}.kk.md").write_bytes(src.read_bytes())
    (root / "news" / f"{stem}.ru.md").write_bytes((root / "news" / "жаңалық.ru.md").read_bytes())
    if len(os.listdir(root / "news")) != 5:
        pytest.skip("this file system normalises names itself")
    _, diagnostics, _ = check(root)
    [d] = diagnostics
    assert (d.path, d.line, d.severity, d.code) == (
        f"content/news/{stem}.kk.md", 1, "error", "duplicate-file")


def test_company_bin_is_flagged_without_the_setting(tmp_path: Path) -> None:
    """The BIN case passes because of site.yml, not because the number is harmless."""
    root = tmp_path / "content"
    shutil.copytree(BAD / "company-bin", root)
    shutil.copy(BAD / "iin-approved" / "_data" / "site.yml", root / "_data" / "site.yml")
    _, diagnostics, _ = check(root)
    assert sorted((d.path, d.code, d.severity) for d in diagnostics) == [
        (KK, "personal-data", "error"), (RU, "personal-data", "error")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_image(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BAD / "corrupt-image", root)
    image = root / "images" / "марапаттау.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    image.chmod(0)
    try:
        _, diagnostics, _ = check(root)
    finally:
        image.chmod(0o644)
    [d] = diagnostics
    assert (d.path, d.line, d.severity, d.code) == (KK, 6, "error", "unreadable-file")
