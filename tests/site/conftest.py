"""The site tests' fixtures live in ``tests/conftest.py`` (shared with tests/security); the
names below are re-exported for the modules that import them from here. No fixture is
defined here: a second definition would build the example site a second time."""

from tests.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOST,
    REPO,
    TODAY,
    _QuietHandler,
    _Server,
)

__all__ = ["ARTIFACTS", "CHROMIUM", "CHROMIUM_ARGS", "LOCAL_HOST", "REPO", "TODAY",
           "_QuietHandler", "_Server"]
