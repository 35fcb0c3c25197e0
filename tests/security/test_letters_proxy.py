"""The letters service behind the shipped nginx config, as it is deployed.

A real nginx runs deploy/nginx/jarshy-site.conf; ``site-gen letters serve`` (waitress) runs
behind it, as the systemd unit starts it. Writers connect from different loopback
addresses (Linux routes all of 127/8 to lo), so nginx sees different clients.

Attacks closed here: behind a proxy every request came from 127.0.0.1, so one writer's
flood blocked everyone; nginx's own refusals (too large, bad length, service down) were
not the service's JSON; nginx's access log recorded each writer's address and time.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen.blog.store import LetterStore
from tests.security.nginx_harness import Nginx, free_port, need_nginx, prepare, shipped_csp

pytestmark = need_nginx

REPO = Path(__file__).resolve().parents[2]
LETTER = {"name": "", "department": "Жылу желілері", "lang": "kk",
          "text": "Асханада таңғы ас сағат жетіде басталса екен.", "answer": "blog",
          "consent": True}
WRITERS = [f"127.0.0.{i}" for i in range(2, 12)]


@dataclass
class Deployed:
    nginx: Nginx
    service: subprocess.Popen[str]
    db: Path
    service_log: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.nginx.port}"

    def post(self, body: bytes, source: str, headers: dict[str, str] | None = None
             ) -> tuple[int, dict[str, str], dict[str, object]]:
        status, heads, data = self.nginx.request(
            "POST", "/api/letters", body, {"Content-Type": "application/json",
                                           "Origin": self.origin, **(headers or {})},
            source=source)
        assert heads.get_content_type() == "application/json", (status, data)
        assert shipped_csp() in (heads.get_all("Content-Security-Policy") or [])
        assert heads.get_all("X-Content-Type-Options") == ["nosniff"]
        return status, {k.lower(): v for k, v in heads.items()}, json.loads(data)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    root = tmp_path_factory.mktemp("jarshy-letters-proxy")
    (root / "site" / "kk").mkdir(parents=True)
    (root / "site" / "kk" / "index.html").write_text("<!doctype html><title>Басты бет</title>",
                                                      encoding="utf-8")
    letters_port = free_port()
    nginx = prepare(root / "prefix", root / "site", letters_port=letters_port)
    db = root / "var" / "letters.sqlite3"
    log = root / "letters.log"
    with log.open("w") as err:
        service = subprocess.Popen(
            [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--port",
             str(letters_port), "--db", str(db), "--limit", "2", "--threads", "1",
             "--content", str(root / "none"),
             "--origin", f"http://127.0.0.1:{nginx.port}"],
            stdout=subprocess.PIPE, stderr=err, text=True, cwd=REPO)
    try:
        assert service.stdout is not None
        assert "listening on" in service.stdout.readline()
        nginx.start()
        yield Deployed(nginx, service, db, log)
    finally:
        nginx.stop()
        service.terminate()
        service.communicate(timeout=10)


def letter_bytes(text: str = LETTER["text"]) -> bytes:
    return json.dumps({**LETTER, "text": text}).encode("utf-8")


def test_a_letter_is_registered_through_nginx(deployed: Deployed) -> None:
    status, _headers, body = deployed.post(letter_bytes(), WRITERS[0])
    assert status == 201 and re.fullmatch(r"\d{4}-\d{4}", str(body["number"]))
    assert body["number"] in [x.number for x in LetterStore(deployed.db).letters()]


def test_each_writer_has_a_bucket_of_its_own(deployed: Deployed) -> None:
    first, second = WRITERS[1], WRITERS[2]
    assert [deployed.post(letter_bytes(), first)[0] for _ in range(3)] == [201, 201, 429]
    # a writer cannot pose as another: nginx replaces the header it sent
    status, headers, body = deployed.post(letter_bytes(), first,
                                          {"X-Forwarded-For": "127.0.0.99"})
    assert status == 429 and body == {"errors": [{"field": "", "code": "too-many"}]}
    assert 1 <= int(headers["retry-after"]) <= 600
    assert deployed.post(letter_bytes(), second)[0] == 201


def test_slow_writers_hold_no_thread_of_the_service(deployed: Deployed) -> None:
    """The service has one thread here; three writers trickling their bodies hold none of it.

    nginx reads each body whole before passing it on, and waitress also hands a request to a
    thread only once it has all of it: either alone keeps this test green.
    """
    slow = []
    try:
        for source in WRITERS[7:10]:  # three writers that send a head and a trickle of body
            sock = socket.socket()
            sock.bind((source, 0))
            sock.connect(("127.0.0.1", deployed.nginx.port))
            sock.sendall(b"POST /api/letters HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
            slow.append(sock)
        time.sleep(0.3)
        started = time.monotonic()
        status, _headers, body = deployed.post(letter_bytes(), WRITERS[0])
        assert status == 201 and time.monotonic() - started < 3, body
    finally:
        for sock in slow:
            sock.close()


def test_a_body_too_large_gets_nginx_s_413_as_the_services_json(deployed: Deployed) -> None:
    before = len(LetterStore(deployed.db).letters())
    status, _headers, body = deployed.post(letter_bytes("ұ" * 20_000), WRITERS[3])
    assert status == 413
    assert body == {"errors": [{"field": "", "code": "too-large", "limit": 32768}]}
    assert len(LetterStore(deployed.db).letters()) == before
    # nginx refused it: the service never saw the request
    assert "refused" not in deployed.service_log.read_text(encoding="utf-8")


def test_a_bad_content_length_gets_a_json_400(deployed: Deployed) -> None:
    request = (b"POST /api/letters HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\nContent-Length: \xb2\r\n\r\n{}")
    status, headers, body = deployed.nginx.raw(request, WRITERS[4])
    assert status == 400 and headers.get_content_type() == "application/json"
    assert json.loads(body) == {"errors": [{"field": "", "code": "bad-request"}]}
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]


def test_no_log_records_a_writer(deployed: Deployed) -> None:
    writer = WRITERS[5]
    assert deployed.post(letter_bytes(), writer)[0] == 201
    assert deployed.post(letter_bytes("ұ" * 20_000), writer)[0] == 413
    assert deployed.nginx.request("GET", "/kk/", source=writer)[0] == 200  # pages are logged
    access = (deployed.nginx.logs / "access.log").read_text(encoding="utf-8")
    assert f'{writer} - - ' in access and "GET /kk/ " in access
    assert "/api/letters" not in access
    logs = deployed.nginx.error_log() + deployed.service_log.read_text(encoding="utf-8")
    assert "registered" in logs
    assert not any(w in logs for w in WRITERS), logs


def test_the_service_down_gets_a_json_503(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    nginx = prepare(tmp_path / "prefix", tmp_path / "site", letters_port=free_port())
    nginx.start()
    try:
        status, headers, body = nginx.request(
            "POST", "/api/letters", letter_bytes(), {"Content-Type": "application/json"},
            source=WRITERS[6])
    finally:
        nginx.stop()
    assert status == 503 and headers.get_content_type() == "application/json"
    assert json.loads(body) == {"errors": [{"field": "", "code": "unavailable"}]}
    assert headers.get("Retry-After") == "60"
    assert WRITERS[6] not in nginx.error_log()
