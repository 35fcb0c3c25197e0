"""The print edition: an issue's built page → an A4 PDF through headless Chromium.

Sits after the site build: the issue front page (``site/<lang>/newspaper/<N>/``) carries
``themes/assets/stylesheets/print.css`` (two columns, no navigation, sections flowing on,
a running head and "N / M" in the page margin boxes, with the words of the head from
:mod:`.printhead`), and Chromium's own ``--print-to-pdf`` lays it out. Nothing here reaches the
network: the page is opened from disk and Chromium is told not to phone home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
ENV_CHROMIUM = "JARSHY_CHROMIUM"
TIMEOUT = 120  # seconds; a 20-page issue prints in a few

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--no-pdf-header-footer",  # the page's own running heads, not Chromium's URL and date
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=10000",  # let images and fonts finish before printing
)


class PrintProblem(RuntimeError):
    """Something the person printing can fix; the message says what and how."""


def find_chromium(explicit: str | None = None) -> str:
    """``--chromium``, else ``$JARSHY_CHROMIUM``, else ``/usr/bin/chromium`` (or on PATH)."""
    wanted = explicit or os.environ.get(ENV_CHROMIUM, "").strip() or DEFAULT_CHROMIUM
    if Path(wanted).is_file() and os.access(wanted, os.X_OK):
        return wanted
    if not explicit and not os.environ.get(ENV_CHROMIUM):
        for name in ("chromium", "chromium-browser"):
            found = shutil.which(name)
            if found:
                return found
    raise PrintProblem(
        f"Chromium is not installed at {wanted}; the print edition is made by headless "
        "Chromium: install it (Debian: apt-get install chromium; ./dev.sh does it as root) "
        f"or name another one with --chromium PATH or ${ENV_CHROMIUM}")


def issue_page(site_dir: Path, lang: str, number: int) -> Path:
    """The built front page of issue ``number`` in ``lang``."""
    return site_dir / lang / "newspaper" / str(number) / "index.html"


def print_to_pdf(page: Path, pdf: Path, chromium: str, timeout: int = TIMEOUT) -> Path:
    """Print ``page`` (an HTML file) to ``pdf``; write atomically; return ``pdf``."""
    if not page.is_file():
        raise PrintProblem(f"no page to print at {page}")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jarshy-print-") as work:
        tmp_pdf = Path(work) / "out.pdf"
        command = [
            chromium, *_FLAGS,
            f"--user-data-dir={Path(work) / 'profile'}",  # never the user's own profile
            f"--print-to-pdf={tmp_pdf}",
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PrintProblem(f"Chromium did not finish printing {page} in {timeout} s; "
                               "try again, or close other Chromium windows") from None
        except OSError as problem:
            raise PrintProblem(f"could not start Chromium ({chromium}): "
                               f"{problem.strerror}") from None
        if not tmp_pdf.is_file() or tmp_pdf.read_bytes()[:5] != b"%PDF-":
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise PrintProblem(f"Chromium wrote no PDF for {page} (exit {done.returncode}: "
                               f"{last})")
        fd, staged = tempfile.mkstemp(prefix=f".{pdf.name}.", dir=pdf.parent)
        os.close(fd)
        shutil.copyfile(tmp_pdf, staged)
        os.chmod(staged, 0o644)  # mkstemp makes 0600; a PDF is for others to read
        os.replace(staged, pdf)
    return pdf
