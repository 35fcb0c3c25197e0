"""A branch office: 50 screens behind a caching nginx cost the origin one download per file.

Two real nginx processes on loopback: the origin runs the shipped ``jarshy-site.conf`` over a
site folder, the branch runs the shipped ``jarshy-branch.conf`` in front of it. Fifty
players speak the player's own HTTP code (``signage.fetch.HttpFetcher``: a conditional GET
of ``bundle.json``, then its signature and media). The origin's access log shows each file
sent once per branch, not once per screen; a new build reaches every player through the
branch within the branch's validity; an unchanged bundle is answered 304 without a body.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from signage.fetch import HttpFetcher
from tests.security.branch_harness import BRANCH, bodies_sent, origin_requests, prepare_branch
from tests.security.nginx_harness import HOST, NGINX, Nginx, need_nginx, prepare

pytestmark = [need_nginx, pytest.mark.slow]

PLAYERS = 50
THREADS = 10  # at most this many players ask at the same moment


def validity() -> float:
    """The branch's proxy_cache_valid for the bundle, in seconds, read from the shipped file."""
    block = BRANCH.read_text(encoding="utf-8").split("location ^~ /signage/", 1)[1]
    found = re.search(r"proxy_cache_valid 200 (\d+)s;", block)
    assert found, "no proxy_cache_valid for the bundle in the branch config"
    return float(found[1])


@dataclass
class Build:
    bundle: bytes
    signature: bytes
    media: dict[str, bytes]  # media/<sha256>.<ext> → bytes


def write_build(site: Path, n: int) -> Build:
    """What a build writes into signage/ (the bytes differ per ``n``)."""
    media = {}
    for i in range(2):
        data = f"picture {i} of build {n} ".encode() * 500
        media[f"media/{hashlib.sha256(data).hexdigest()}.png"] = data
    bundle = json.dumps({"format": 1, "build": n, "media": sorted(media)}).encode()
    signature = hashlib.sha512(bundle).digest()  # stands in for the Ed25519 signature
    folder = site / "signage"
    (folder / "media").mkdir(parents=True, exist_ok=True)
    for rel, data in media.items():
        (folder / rel).write_bytes(data)
    (folder / "bundle.json.sig").write_bytes(signature)
    (folder / "bundle.json").write_bytes(bundle)
    return Build(bundle, signature, media)


@dataclass
class Servers:
    origin: Nginx
    branch: Nginx
    site: Path


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    site = tmp_path / "site"
    (site / "kk").mkdir(parents=True)
    (site / "kk" / "404.html").write_text("<!doctype html><title>Жоқ</title>", "utf-8")
    origin = prepare(tmp_path / "origin", site)
    branch = prepare_branch(tmp_path / "branch", origin.port)
    origin.start()
    try:
        branch.start()
        try:
            yield Servers(origin, branch, site)
        finally:
            branch.stop()
    finally:
        origin.stop()


def players(branch: Nginx, tmp_path: Path) -> list[HttpFetcher]:
    url = f"http://{HOST}:{branch.port}/signage/bundle.json"
    return [HttpFetcher(url, tmp_path / f"player-{i}" / "http.json") for i in range(PLAYERS)]


def sync(player: HttpFetcher, folder: Path) -> tuple[bytes | None, bytes | None]:
    """One poll as the player does it: the bundle (conditional), then its signature and
    every media file it names; return (bundle, signature), (None, None) on a 304."""
    raw = player.bundle()
    if raw is None:
        return None, None
    signature = player.signature()
    folder.mkdir(parents=True, exist_ok=True)
    for rel in json.loads(raw)["media"]:
        target = folder / rel.replace("/", "_")
        player.media(rel, target, 1 << 20)
    player.accepted()
    return raw, signature


def poll_all(fleet: list[HttpFetcher], tmp_path: Path
             ) -> list[tuple[bytes | None, bytes | None]]:
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(lambda ip: sync(ip[1], tmp_path / f"media-{ip[0]}"),
                             enumerate(fleet)))


def signage_requests(origin: Nginx) -> dict[tuple[str, int], int]:
    return {k: v for k, v in origin_requests(origin).items() if k[0].startswith("/signage/")}


def test_fifty_players_cost_the_origin_one_download_per_file(servers: Servers,
                                                             tmp_path: Path) -> None:
    first = write_build(servers.site, 1)
    fleet = players(servers.branch, tmp_path)

    got = poll_all(fleet, tmp_path)
    assert got == [(first.bundle, first.signature)] * PLAYERS
    files = ["/signage/bundle.json", "/signage/bundle.json.sig",
             *(f"/signage/{rel}" for rel in first.media)]
    for path in files:
        assert bodies_sent(servers.origin, path) == 1, (path, signage_requests(servers.origin))
    # Anything else the origin answered was a revalidation (304, no body), and few of them.
    requests = signage_requests(servers.origin)
    assert {status for _path, status in requests} <= {200, 304}, requests
    assert sum(requests.values()) <= 3 * len(files), requests

    # Polls while nothing changes: every player is answered 304 (HttpFetcher returns None).
    assert poll_all(fleet, tmp_path) == [(None, None)] * PLAYERS
    for path in files:
        assert bodies_sent(servers.origin, path) == 1, path


def test_a_304_from_the_branch_has_no_body(servers: Servers) -> None:
    write_build(servers.site, 1)
    status, headers, body = servers.branch.request("GET", "/signage/bundle.json")
    assert status == 200 and body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    for conditional in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        status, headers, body = servers.branch.request("GET", "/signage/bundle.json",
                                                       headers=conditional)
        assert (status, body) == (304, b""), conditional
        assert headers.get("Content-Length") in (None, "0")
    # The same with the raw socket: nothing follows the headers of the 304.
    conn = http.client.HTTPConnection(HOST, servers.branch.port, timeout=10)
    try:
        conn.request("GET", "/signage/bundle.json", headers={"If-None-Match": etag})
        response = conn.getresponse()
        assert response.status == 304 and response.read() == b""
    finally:
        conn.close()


def test_a_new_build_reaches_every_player_through_the_branch_within_its_validity(
        servers: Servers, tmp_path: Path) -> None:
    write_build(servers.site, 1)
    fleet = players(servers.branch, tmp_path)
    poll_all(fleet, tmp_path)
    time.sleep(1.1)  # a new second: nginx's Last-Modified has a one-second grain
    second = write_build(servers.site, 2)
    published = time.monotonic()
    arrived: dict[int, float] = {}
    pairs_mismatched = 0
    while len(arrived) < PLAYERS and time.monotonic() - published < validity() + 10:
        for i, (raw, signature) in enumerate(poll_all(fleet, tmp_path)):
            if raw == second.bundle and i not in arrived:
                if signature != second.signature:
                    pairs_mismatched += 1  # the player refuses the pair and asks again
                    fleet[i].forget()
                    continue
                arrived[i] = time.monotonic() - published
        time.sleep(0.5)
    assert len(arrived) == PLAYERS, f"{PLAYERS - len(arrived)} players never got the new build"
    # Measured when a round of 50 polls ends: the round itself takes a moment on a busy
    # machine, so a few seconds on top of the branch's validity.
    assert max(arrived.values()) <= validity() + 5, max(arrived.values())
    assert pairs_mismatched <= PLAYERS
    # The new bundle, its signature and its media crossed to the branch once each.
    for path in ("/signage/bundle.json", "/signage/bundle.json.sig"):
        assert bodies_sent(servers.origin, path) == 2, signage_requests(servers.origin)
    for rel in second.media:
        assert bodies_sent(servers.origin, f"/signage/{rel}") == 1, rel


def test_while_nothing_changes_the_origin_sees_one_revalidation_per_validity(
        servers: Servers, tmp_path: Path) -> None:
    write_build(servers.site, 1)
    fleet = players(servers.branch, tmp_path)
    poll_all(fleet, tmp_path)
    started = time.monotonic()
    while time.monotonic() - started < validity() + 3:
        assert poll_all(fleet, tmp_path) == [(None, None)] * PLAYERS
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    requests = signage_requests(servers.origin)
    bundle = {status: n for (path, status), n in requests.items()
              if path == "/signage/bundle.json"}
    assert bundle.get(200) == 1, requests
    assert bundle.get(304, 0) <= elapsed / validity() + 1, (requests, elapsed)
    assert bundle.get(304, 0) >= 1, "the branch never asked the origin again"


def test_fifty_players_asking_at_once_for_a_new_file_cost_one_download(
        servers: Servers) -> None:
    write_build(servers.site, 1)
    data = b"video " * 800_000  # a few MB: the first download is still running when the rest ask
    rel = f"media/{hashlib.sha256(data).hexdigest()}.webm"
    (servers.site / "signage" / rel).write_bytes(data)
    start = threading.Barrier(PLAYERS)

    def fetch(_: int) -> tuple[int, int]:
        start.wait()
        status, _headers, body = servers.branch.request("GET", f"/signage/{rel}")
        return status, len(body)

    with ThreadPoolExecutor(max_workers=PLAYERS) as pool:
        answers = list(pool.map(fetch, range(PLAYERS)))
    assert answers == [(200, len(data))] * PLAYERS
    assert bodies_sent(servers.origin, f"/signage/{rel}") == 1, signage_requests(servers.origin)


def test_when_the_origin_is_down_the_branch_keeps_serving_the_last_bundle(
        servers: Servers) -> None:
    first = write_build(servers.site, 1)
    status, headers, body = servers.branch.request("GET", "/signage/bundle.json")
    assert (status, body, headers["X-Cache-Status"]) == (200, first.bundle, "MISS")
    status, headers, _ = servers.branch.request("GET", "/signage/bundle.json")
    assert headers["X-Cache-Status"] == "HIT"
    servers.origin.stop()
    time.sleep(validity() + 1)
    status, headers, body = servers.branch.request("GET", "/signage/bundle.json")
    assert (status, body, headers["X-Cache-Status"]) == (200, first.bundle, "STALE")


def test_a_gzip_copy_never_reaches_a_player_that_did_not_ask_for_it(servers: Servers) -> None:
    first = write_build(servers.site, 1)
    padded = first.bundle[:-1] + b', "pad": "' + b"x" * 4000 + b'"}'  # worth compressing
    (servers.site / "signage" / "bundle.json").write_bytes(padded)
    status, headers, zipped = servers.branch.request(
        "GET", "/signage/bundle.json", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == padded
    status, headers, body = servers.branch.request("GET", "/signage/bundle.json")
    assert status == 200 and "Content-Encoding" not in headers and body == padded


def test_the_fleet_page_is_not_offered_at_a_branch(servers: Servers) -> None:
    assert servers.branch.request("GET", "/fleet/")[0] == 403


def test_a_heartbeat_passes_through_the_branch_and_is_never_stored(tmp_path: Path) -> None:
    received: list[bytes] = []

    class Fleet(http.server.BaseHTTPRequestHandler):  # stands in for `site-gen fleet serve`
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            answer = json.dumps({"acknowledged": len(received)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    fleet = http.server.ThreadingHTTPServer((HOST, 0), Fleet)
    thread = threading.Thread(target=fleet.serve_forever, daemon=True)
    thread.start()
    (tmp_path / "site").mkdir()
    origin = prepare(tmp_path / "origin", tmp_path / "site", fleet_port=fleet.server_port)
    branch = prepare_branch(tmp_path / "branch", origin.port)
    try:
        origin.start()
        branch.start()
        for n in (1, 2):
            status, _, body = branch.request("POST", "/api/heartbeat",
                                             body=b'{"screen": "lobby", "n": %d}' % n,
                                             headers={"Content-Type": "application/json"})
            assert (status, json.loads(body)) == (200, {"acknowledged": n})
        assert received == [b'{"screen": "lobby", "n": 1}', b'{"screen": "lobby", "n": 2}']
    finally:
        branch.stop()
        origin.stop()
        fleet.shutdown()
        fleet.server_close()
        thread.join(5)


def test_pages_follow_the_origins_cache_control(servers: Servers) -> None:
    (servers.site / "kk" / "index.html").write_text("<!doctype html><title>Басты</title>",
                                                    "utf-8")
    (servers.site / "kk" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    for _ in range(3):
        assert servers.branch.request("GET", "/kk/index.html")[0] == 200
        assert servers.branch.request("GET", "/kk/logo.png")[0] == 200
    # A page ("no-cache" from the origin) is asked for each time; a picture (max-age) once.
    assert bodies_sent(servers.origin, "/kk/index.html") == 3
    assert bodies_sent(servers.origin, "/kk/logo.png") == 1


def test_the_shipped_branch_config_loads_as_it_is(tmp_path: Path) -> None:
    """`nginx -t` on the file as shipped, included in a bare http { }: its origin is an
    address, not a name nginx would have to resolve when it loads (only the cache folder is
    moved into the test's own)."""
    import subprocess

    conf = tmp_path / "jarshy-branch.conf"
    conf.write_text(BRANCH.read_text(encoding="utf-8").replace(
        "/var/cache/jarshy-branch", str(tmp_path / "cache")), encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(f"events {{}}\nhttp {{ include {conf}; }}\n",
                                         encoding="utf-8")
    result = subprocess.run([str(NGINX), "-t", "-p", str(tmp_path), "-c",
                             str(tmp_path / "nginx.conf")], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
