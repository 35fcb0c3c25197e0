"""``site-gen serve`` in a real browser: a saved edit shows up without touching the page."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from site_gen.serve import Preview, make_server

REPO = Path(__file__).resolve().parents[2]
ITEM = "news/2026-11-16-kabel-zhelisi"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_saved_edit_reloads_the_open_page(page: Any, tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    preview = Preview(tmp_path / "content", tmp_path / "out", repo=REPO,
                      build_dir=tmp_path / "build", date="2026-11-23")
    assert preview.initial().errors == 0
    port = _free_port()
    server = make_server(preview, "127.0.0.1", port, [tmp_path / "content"])
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        page.goto(f"http://127.0.0.1:{port}/kk/{ITEM}/")
        assert "Тірі түзету" not in page.content()
        source = tmp_path / "content" / f"{ITEM}.kk.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.rstrip() + "\n\nТірі түзету: жаңа сөйлем.\n", encoding="utf-8")
        # No reload from the test: the page's live-reload script must bring the edit.
        page.get_by_text("Тірі түзету: жаңа сөйлем.").wait_for(timeout=20_000)
        assert page.locator("html").get_attribute("lang") == "kk"
    finally:
        server.shutdown()
        thread.join(timeout=10)
