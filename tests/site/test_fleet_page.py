"""The fleet page and the heartbeats through the real nginx with the shipped config.

``site-gen fleet serve`` (waitress) runs behind nginx as deploy/ sets it up; players post
heartbeats to ``/api/heartbeat``; monitor owners open ``/fleet/`` in Chromium, in kk and ru.
nginx's allow-list lets 127.0.0.1 in and refuses 127.0.0.2 (Linux routes all of 127/8 to lo,
so a second loopback address is a client from another network).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from site_gen.fleet.store import FleetStore
from tests.security.nginx_harness import Nginx, free_port, need_nginx, prepare

pytestmark = [pytest.mark.browser, need_nginx]
REPO = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert("x")</script> slide skipped'


@dataclass
class Deployed:
    nginx: Nginx
    tokens: dict[str, str]
    store: FleetStore

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx.port}"

    def beat(self, screen: str, version: str, token: str | None = None,
             errors: list[dict[str, Any]] | None = None, source: str = "127.0.0.1",
             kind: str = "slide") -> tuple[int, Any]:
        body = {"screen": screen, "version": version, "uptime": 90000.0,
                "current": {"kind": kind, "item": "news/water-off", "lang": "kk"},
                "errors": errors or [], "free_disk": 12_300_000_000,
                "plays": [{"seq": 20261205000001, "play": {
                    "time": "2026-12-05T09:00:00+05:00", "screen": screen,
                    "item": "news/water-off", "lang": "kk", "seconds": 12, "version": version}}]}
        status, heads, data = self.nginx.request(
            "POST", "/api/heartbeat", json.dumps(body).encode(),
            {"Content-Type": "application/json",
             "Authorization": f"Bearer {token or self.tokens[screen]}"}, source=source)
        assert heads.get_content_type() == "application/json", (status, data)
        return status, json.loads(data)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    root = tmp_path_factory.mktemp("jarshy-fleet")
    (root / "site" / "signage").mkdir(parents=True)
    (root / "site" / "signage" / "bundle.json").write_text(
        json.dumps({"format": 1, "version": "v2-new"}), encoding="utf-8")
    fleet_port = free_port()
    nginx = prepare(root / "prefix", root / "site", fleet_port=fleet_port)
    db = root / "var" / "fleet.sqlite3"
    store = FleetStore(db)
    now = datetime.now(ZoneInfo("Asia/Almaty"))
    tokens = {s: store.register(s, now) for s in ("canteen", "lobby")}
    log = root / "fleet.log"
    with log.open("w") as err:
        service = subprocess.Popen(
            [sys.executable, "-m", "site_gen.cli", "fleet", "serve", "--port", str(fleet_port),
             "--db", str(db), "--bundle", str(root / "site" / "signage" / "bundle.json"),
             "--silent-minutes", "0.05", "--content", str(REPO / "content")],
            stdout=subprocess.PIPE, stderr=err, text=True, cwd=REPO)
    try:
        assert service.stdout is not None
        assert "listening on" in service.stdout.readline()
        nginx.start()
        yield Deployed(nginx, tokens, store)
    finally:
        nginx.stop()
        service.terminate()
        service.communicate(timeout=10)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_heartbeats_through_nginx_and_the_page_in_both_languages(
        chromium: Any, deployed: Deployed) -> None:
    # the lobby speaks first, then falls silent (silent after 3 s here); the canteen, from
    # another network (screens are everywhere), is on the current bundle
    assert deployed.beat("lobby", "v1-old", kind="night")[0] == 200
    time.sleep(3.5)
    status, answer = deployed.beat("canteen", "v2-new", source="127.0.0.2",
                                   errors=[{"message": HOSTILE, "count": 2}])
    assert (status, answer["acked"], answer["stored"]) == (200, 20261205000001, 1)

    context = chromium.new_context(locale="kk-KZ")
    outside: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        deployed.url) else (outside.append(r.request.url), r.abort()))
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(deployed.url + "/fleet/")
        assert page.locator("h1").inner_text() == "Экрандардың жай-күйі"
        canteen = page.locator("tr[data-screen=canteen]")
        assert canteen.locator(".state").inner_text() == "Байланыста"
        assert canteen.locator(".bundle").inner_text() == "Соңғы нұсқа"
        assert canteen.locator(".now").inner_text() == "news/water-off (қазақша)"
        assert canteen.locator(".errors li").inner_text() == f"{HOSTILE} × 2"  # text, not code
        assert canteen.locator(".disk").inner_text() == "12,3 ГБ"
        lobby = page.locator("tr[data-screen=lobby]")
        assert lobby.locator(".state").inner_text().startswith("Үнсіз")
        assert lobby.locator(".bundle").inner_text() == "Ескі нұсқа (v1-old)"
        assert lobby.locator(".now").inner_text() == "Түнгі режим"
        assert lobby.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 232, 232)"
        assert page.locator(".summary").inner_text() == "Барлығы: 2, үнсіз: 1"

        page.get_by_role("link", name="Русский язык (РУС)").click()
        page.wait_for_url(deployed.url + "/fleet/ru/")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("h1").inner_text() == "Состояние экранов"
        assert page.locator("tr[data-screen=canteen] .state").inner_text() == "На связи"
        assert page.locator("tr[data-screen=canteen] .now").inner_text() == \
            "news/water-off (на казахском)"
        assert page.locator("tr[data-screen=lobby] .state").inner_text().startswith("Молчит")
        assert page.locator("tr[data-screen=lobby] .now").inner_text() == "Ночной режим"
        page.goto(deployed.url + "/fleet/?lang=ru")
        assert page.locator(".summary").inner_text() == "Всего: 2, молчат: 1"
    finally:
        context.close()
    assert dialogs == [] and outside == []
    assert not [m for m in console if "Content Security Policy" in m], console


def test_the_page_refuses_clients_outside_its_allow_list(deployed: Deployed) -> None:
    status, _, body = deployed.nginx.request("GET", "/fleet/", source="127.0.0.2")
    assert status == 403 and "canteen" not in body.decode("utf-8", "replace")
    assert deployed.nginx.request("GET", "/fleet/fleet.css", source="127.0.0.2")[0] == 403
    assert deployed.nginx.request("GET", "/fleet/ru/", source="127.0.0.1")[0] == 200


def test_a_bad_token_is_refused_through_nginx(deployed: Deployed) -> None:
    before = len(deployed.store.plays())
    status, answer = deployed.beat("canteen", "v2-new", token=deployed.tokens["lobby"])
    assert status == 401 and answer["errors"][0]["code"] == "bad-token"
    status, _, data = deployed.nginx.request("GET", "/api/heartbeat")
    assert status == 403  # heartbeats are POSTs only
    assert len(deployed.store.plays()) == before
