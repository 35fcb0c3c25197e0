"""Fixtures of the accessibility tests: the site tests' own (the example built once, served on
127.0.0.1, a Playwright page in Debian's Chromium that may not leave 127.0.0.1), reused
rather than copied, and axe-core from the npm registry, installed here on first use with
``npm ci --prefix tests/a11y`` from the committed package-lock.json (./dev.sh installs nodejs
and npm on a fresh Debian machine)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import (  # noqa: F401  (shared fixtures and the trace-on-failure hook)
    _browser,
    built_site,
    page,
    pytest_runtest_makereport,
    site_url,
)

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js (installed with npm on first use)."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: install the Debian packages nodejs and npm "
                        "(./dev.sh does it when run as root)")
        done = subprocess.run([npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not AXE.is_file():
            pytest.fail(f"npm ci --prefix {HERE} failed:\n{done.stderr[-2000:]}")
    return AXE.read_text(encoding="utf-8")
