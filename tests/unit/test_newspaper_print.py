"""``site-gen print``: clear one-line errors (exit 2) before any work, and a real PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.newspaper.printhead import css_string
from site_gen.newspaper.printing import PrintProblem, find_chromium, print_to_pdf

REPO = Path(__file__).resolve().parents[2]


def test_missing_chromium_is_one_clear_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "no-chromium")
    code = main(["print", "--issue", "12", "--lang", "kk", "--chromium", missing,
                 "--content", str(REPO / "content"), "--site", str(tmp_path / "site")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1
    assert err[0].startswith(f"site-gen print: Chromium is not installed at {missing};")
    assert "apt-get install chromium" in err[0]
    assert not (tmp_path / "site").exists()  # said so before building anything


def test_the_environment_variable_names_chromium_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_CHROMIUM", str(tmp_path / "nowhere"))
    with pytest.raises(PrintProblem, match="JARSHY_CHROMIUM"):
        find_chromium()


def test_an_unknown_issue_lists_the_known_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    code = main(["print", "--issue", "99", "--chromium", str(fake),
                 "--content", str(REPO / "content"), "--site", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 2
    assert "there is no issue 99" in err and "known issues: 11, 12" in err


def test_a_chromium_that_writes_nothing_is_reported(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>")
    with pytest.raises(PrintProblem, match=r"Chromium wrote no PDF .*exit 1: cannot open"):
        print_to_pdf(page, tmp_path / "out.pdf", str(fake))
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_kazakh_letters_survive_into_the_pdf_text(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text('<!doctype html><meta charset="utf-8"><h1>Әріптестер қызметкерлерге '
                    "ғ қ ң ө ұ ү һ і</h1>", encoding="utf-8")
    pdf = print_to_pdf(page, tmp_path / "out" / "p.pdf", find_chromium())
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Әріптестер қызметкерлерге ғ қ ң ө ұ ү һ і" in text


def test_the_pdf_is_readable_by_others(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text('#!/bin/sh\nfor a; do case "$a" in --print-to-pdf=*) '
                    'printf "%%PDF-1.4 fake" > "${a#--print-to-pdf=}";; esac; done\n')
    fake.chmod(0o755)
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>")
    pdf = print_to_pdf(page, tmp_path / "out.pdf", str(fake))
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_mode & 0o044 == 0o044


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_running_head_with_quotes_and_backslashes_prints_as_written(tmp_path: Path) -> None:
    words = 'ТОО "Жарық\\Энерго" }; @top-left { content: "x'
    (tmp_path / "head.css").write_text(
        f"@page {{ margin: 20mm; @top-left {{ content: {css_string(words)}; }} }}",
        encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text('<!doctype html><meta charset="utf-8"><link rel="stylesheet" '
                    'href="head.css"><p>Мәтін</p>', encoding="utf-8")
    pdf = print_to_pdf(page, tmp_path / "p.pdf", find_chromium())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert words in text
