"""``site-gen demo --once``: the README's first command, minus the server and the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from signage.signing import verify
from site_gen.bundle.signing import find_signing_key, read_signing_key
from site_gen.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_demo_once_checks_builds_and_renders_every_screen(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23")
    site, previews = tmp_path / "site", tmp_path / "preview"
    code = main(["demo", "--once", "--out", str(site), "--previews", str(previews)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1/4 Checking the content" in out and "3/4 Rendering" in out
    for lang in ("kk", "ru"):
        assert (site / lang / "index.html").is_file()
    assert (site / "signage" / "bundle.json").is_file()
    # signed: by the configured key, else by a development pair made under build/demo-keys/
    key = (find_signing_key(REPO / "content")
           or read_signing_key(REPO / "build" / "demo-keys" / "bundle-signing.key"))
    signed = verify((site / "signage" / "bundle.json").read_bytes(),
                    (site / "signage" / "bundle.json.sig").read_bytes(), [key.public])
    assert signed == key.public
    for screen in ("canteen", "lobby", "workshop"):
        sheet = previews / screen / "contact-sheet.png"
        assert sheet.is_file() and sheet.stat().st_size > 10_000
        assert len(list((previews / screen).glob("[0-9][0-9]-*.png"))) >= 2
