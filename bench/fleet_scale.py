"""500 screens through one nginx: bundle polls, 304s, a change reaching all, and heartbeats.

Run: ``.venv/bin/python -m bench.fleet_scale [--players 500] [--quiet 120] [--after 100]
[--no-write]`` (about 5 minutes, under 8 with its setup).

The real servers as deployed, on loopback (``bench.live``): nginx with the shipped
``deploy/nginx/jarshy-site.conf`` in Debian's main configuration (``worker_processes auto``,
``worker_connections 768``), the site published by ``site-gen publish`` from a content
repository (the example content), and the heartbeat service ``site-gen fleet serve`` on
waitress as ``deploy/systemd/jarshy-fleet.service`` starts it, behind nginx's
``/api/heartbeat``. The screens are simulated in one asyncio process speaking the player's
protocol byte for byte as ``signage.download`` and ``signage.heartbeat`` do:

- a poll is one new connection and ``GET /signage/bundle.json`` with ``If-None-Match`` and
  ``If-Modified-Since`` (the validators of the last bundle taken), 3 s after the previous poll
  ended (the player's default), ±10 % jitter, each screen starting at a random moment;
  a 200 with a new version is followed by ``bundle.json.sig`` and any media not held yet;
- a heartbeat is a ``POST /api/heartbeat`` every 60 s (first at a random second), with the
  screen's own token (each of the 500 registered in the service's database), what it shows,
  and the proof-of-play lines since the last acknowledged one (five a minute, as a screen
  rotating 12 s slides writes); the acknowledged number moves the screen's cursor.

Phases: every screen takes the current bundle; ``--quiet`` seconds with nothing changing
(the share of polls answered 304 without a body); then an urgent notice is pushed (the
post-receive hook wakes the publish service), and the time from the new ``bundle.json`` on
the site until the last of the screens has it is measured; then ``--after`` seconds more.
CPU (share of one core) and the largest RSS are read from ``/proc`` for nginx's workers, the
heartbeat service and this client process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.live import (
    BIN,
    HOST,
    HttpError,
    Procs,
    Usage,
    children,
    clean_env,
    listening,
    load_average,
    make_content_repo,
    make_key,
    percentiles,
    request,
    start_publish,
    stop_on_sigterm,
    wait_for,
)
from bench.report import table, write_section
from bench.urgent import files, notice

ZONE = ZoneInfo("Asia/Almaty")
POLL = 3.0  # signage play's default --poll
BEAT = 60.0  # signage.heartbeat.EVERY
CLIENT = "the simulated screens (this process)"
DEBIAN_MAIN = """{user}daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 768; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include mime.types;
    default_type application/octet-stream;
    access_log off;
    include jarshy-site.conf;
}}
"""


@dataclass
class Stats:
    phase: str = "start"
    polls: dict[str, dict[int, int]] = field(default_factory=dict)  # phase → status → count
    bodies_304: int = 0  # bytes in bodies of 304 answers (must stay 0)
    poll_ms: list[float] = field(default_factory=list)
    beat_ms: list[float] = field(default_factory=list)
    beats: dict[int, int] = field(default_factory=dict)
    acked_lines: int = 0
    failures: list[str] = field(default_factory=list)
    got: dict[int, tuple[str, float]] = field(default_factory=dict)  # the last bundle taken

    def having(self, version: str) -> list[float]:
        """When each screen that has ``version`` took it."""
        return [at for v, at in self.got.values() if v == version]

    def count(self, status: int) -> None:
        by = self.polls.setdefault(self.phase, {})
        by[status] = by.get(status, 0) + 1


@dataclass
class Screen:
    number: int
    token: str
    version: str = ""
    etag: str = ""
    modified: str = ""
    media: set[str] = field(default_factory=set)
    seq: int = 0
    acked: int = 0

    @property
    def id(self) -> str:
        return f"bench-{self.number:03d}"


async def poll_once(screen: Screen, port: int, stats: Stats) -> None:
    headers = {}
    if screen.etag:
        headers["If-None-Match"] = screen.etag
    if screen.modified:
        headers["If-Modified-Since"] = screen.modified
    started = time.monotonic()
    status, answer, body = await request(port, "GET", "/signage/bundle.json", headers)
    stats.poll_ms.append((time.monotonic() - started) * 1000)
    stats.count(status)
    if status == 304:
        stats.bodies_304 += len(body)
        return
    if status != 200:
        raise HttpError(f"bundle.json: HTTP {status}")
    bundle = json.loads(body)
    if bundle["version"] != screen.version:
        sig_status, _, _ = await request(port, "GET", "/signage/bundle.json.sig", {})
        if sig_status != 200:
            raise HttpError(f"bundle.json.sig: HTTP {sig_status}")
        for item in bundle["items"]:
            for media in (item.get("image"), item.get("video")):
                if media and media["path"] not in screen.media:
                    got, _, data = await request(port, "GET", f"/signage/{media['path']}", {})
                    if got != 200 or len(data) != media["size"]:
                        raise HttpError(f"{media['path']}: HTTP {got}, {len(data)} bytes")
                    screen.media.add(media["path"])
        screen.version = bundle["version"]
        stats.got[screen.number] = (screen.version, time.time())
    screen.etag, screen.modified = answer.get("etag", ""), answer.get("last-modified", "")


async def poller(screen: Screen, port: int, stats: Stats, stop: asyncio.Event) -> None:
    await asyncio.sleep(random.uniform(0, POLL))
    while not stop.is_set():
        try:
            await poll_once(screen, port, stats)
        except (OSError, HttpError, ValueError, asyncio.IncompleteReadError) as exc:
            stats.failures.append(f"poll {screen.id}: {exc}")
            screen.etag = screen.modified = ""  # the player forgets its validators
        await asyncio.sleep(POLL * random.uniform(0.9, 1.1))


def play_lines(screen: Screen, day: date, n: int) -> list[dict[str, object]]:
    lines = []
    now = datetime.now(ZONE)
    for k in range(n):
        screen.seq += 1
        at = now - timedelta(seconds=12 * (n - k))
        lines.append({"seq": (day.year * 10_000 + day.month * 100 + day.day) * 1_000_000
                      + screen.seq,
                      "play": {"time": at.isoformat(timespec="seconds"), "screen": screen.id,
                               "item": "announcements/2026-11-19-balalar-shyrshasy",
                               "lang": "kk", "seconds": 12.0,
                               "version": screen.version or "none"}})
    return lines


async def beater(screen: Screen, port: int, stats: Stats, stop: asyncio.Event,
                 started: float) -> None:
    await asyncio.sleep(random.uniform(0, BEAT))
    pending: list[dict[str, object]] = []
    while not stop.is_set():
        pending += play_lines(screen, datetime.now(ZONE).date(), 5)
        body = json.dumps({
            "screen": screen.id, "version": screen.version,
            "current": {"kind": "slide", "item": "announcements/2026-11-19-balalar-shyrshasy",
                        "lang": "kk", "since": datetime.now(ZONE).isoformat(timespec="seconds")},
            "uptime": round(time.monotonic() - started, 1), "errors": [],
            "free_disk": 20_000_000_000, "plays": pending}, ensure_ascii=False).encode()
        t0 = time.monotonic()
        try:
            status, _, data = await request(port, "POST", "/api/heartbeat", {
                "Content-Type": "application/json", "Authorization": f"Bearer {screen.token}",
                "Connection": "close"}, body)
            stats.beat_ms.append((time.monotonic() - t0) * 1000)
            stats.beats[status] = stats.beats.get(status, 0) + 1
            acked = json.loads(data).get("acked") if status == 200 else None
            if isinstance(acked, int):
                kept = [p for p in pending if int(str(p["seq"])) > acked]
                stats.acked_lines += len(pending) - len(kept)
                pending = kept
        except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
            stats.failures.append(f"heartbeat {screen.id}: {exc}")
        await asyncio.sleep(BEAT)


async def run_fleet(args: argparse.Namespace, port: int, screens: list[Screen], site: Path,
                    push: object, usage: Usage) -> tuple[Stats, dict[str, object]]:
    stats, stop = Stats(), asyncio.Event()
    started = time.monotonic()
    tasks = [asyncio.create_task(poller(s, port, stats, stop)) for s in screens]
    tasks += [asyncio.create_task(beater(s, port, stats, stop, started)) for s in screens]
    result: dict[str, object] = {}

    async def sample(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            usage.sample_rss()
            await asyncio.sleep(min(2.0, max(0.0, end - time.monotonic())))

    first = json.loads((site / "signage" / "bundle.json").read_bytes())["version"]
    while not all(s.version == first for s in screens):  # every screen has the bundle
        await asyncio.sleep(0.2)
    result["warm"] = time.monotonic() - started
    stats.phase = "quiet"
    usage.start()
    await sample(args.quiet)
    result["cpu quiet"] = usage.share()
    stats.phase = "change"
    usage.start()
    pushed = time.time()
    await asyncio.get_running_loop().run_in_executor(None, push)  # type: ignore[arg-type]
    while True:
        found = json.loads((site / "signage" / "bundle.json").read_bytes())["version"]
        if found != first:
            break
        await asyncio.sleep(0.1)
    seen = time.time()
    deadline = time.monotonic() + args.after
    while time.monotonic() < deadline and len(stats.having(found)) < len(screens):
        usage.sample_rss()
        await asyncio.sleep(0.2)
    result["push to site"] = seen - pushed
    having = stats.having(found)
    result["all updated"] = max(having) - seen if len(having) == len(screens) else None
    result["updated"] = len(having)
    await sample(max(0.0, deadline - time.monotonic()))
    result["cpu change"] = usage.share()
    result["seconds"] = time.monotonic() - started
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return stats, result


def run_bench(args: argparse.Namespace, root: Path) -> tuple[Stats, dict[str, object], Usage]:
    from site_gen.fleet.store import FleetStore
    from tests.security.nginx_harness import free_port, prepare

    repo = make_content_repo(root)
    key, _public = make_key(root)
    procs = Procs()
    server = None
    try:
        site = start_publish(procs, root, repo, key)
        (root / "fleet").mkdir(mode=0o700)
        db = root / "fleet" / "fleet.sqlite3"
        store = FleetStore(db)
        now = datetime.now(ZONE)
        # Each screen starts with the live bundle's media, as a player with its cache does.
        live = json.loads((site / "signage" / "bundle.json").read_bytes())
        held = {m["path"] for i in live["items"] for m in (i.get("image"), i.get("video"))
                if m}
        screens = [Screen(n, "", media=set(held)) for n in range(1, args.players + 1)]
        for s in screens:
            s.token = store.register(s.id, now)
        fleet_port = free_port()
        fleet = procs.start("fleet", [
            str(BIN / "site-gen"), "fleet", "serve", "--host", HOST, "--port", str(fleet_port),
            "--trusted-proxy", HOST, "--db", str(db), "--bundle",
            str(site / "signage" / "bundle.json"), "--silent-minutes", "10",
            "--content", str(repo.content)], root / "logs" / "fleet.log", clean_env())
        server = prepare(root / "nginx", site, fleet_port=fleet_port)
        server.conf.write_text(DEBIAN_MAIN.format(
            user="user root root;\n" if os.geteuid() == 0 else "", prefix=server.prefix),
            encoding="utf-8")
        server.start()
        wait_for(lambda: listening(fleet_port), 30, "the fleet service to listen",
                 root / "logs" / "fleet.log")
        assert server.process is not None
        usage = Usage({"nginx workers": children(server.process.pid), "heartbeat service":
                       [fleet.pid], CLIENT: []})
        today = datetime.now(ZONE).date()

        def push() -> None:
            approved = datetime.now(ZONE).strftime("%Y-%m-%d %H:%M")
            for rel, text in files(f"announcements/{today}-scale", notice(
                    "масштаб", str(today), str(today + timedelta(days=1)), approved)).items():
                (repo.content / rel).write_text(text, encoding="utf-8")
            repo.push("urgent notice for the scale bench")

        rusage0 = resource.getrusage(resource.RUSAGE_SELF)
        stats, result = asyncio.run(run_fleet(args, server.port, screens, site, push, usage))
        rusage1 = resource.getrusage(resource.RUSAGE_SELF)
        result["client cpu"] = 100 * ((rusage1.ru_utime + rusage1.ru_stime)
                                      - (rusage0.ru_utime + rusage0.ru_stime)) / float(
            str(result["seconds"]))
        usage.rss[CLIENT] = rusage1.ru_maxrss / 1024
        with sqlite3.connect(db) as conn:
            result["stored plays"] = conn.execute("SELECT COUNT(*) FROM plays").fetchone()[0]
        return stats, result, usage
    finally:
        procs.stop_all()
        if server is not None:
            server.stop()


def report(args: argparse.Namespace, stats: Stats, result: dict[str, object], usage: Usage,
           load: tuple[str, str]) -> str:
    quiet = stats.polls.get("quiet", {})
    total = sum(quiet.values())
    share = 100 * quiet.get(304, 0) / total if total else 0.0
    polls = percentiles(stats.poll_ms)
    beats = percentiles(stats.beat_ms)
    cpu_q = result["cpu quiet"]
    cpu_c = result["cpu change"]
    assert isinstance(cpu_q, dict) and isinstance(cpu_c, dict)
    rows = [[name, f"{cpu_q.get(name, 0):.1f}", f"{cpu_c.get(name, 0):.1f}",
             f"{usage.rss.get(name, 0):.0f}"] for name in usage.pids]
    rows[-1][1] = rows[-1][2] = "—"
    updated = result["all updated"]
    done = (f"**{updated:.1f} s**" if isinstance(updated, float)
            else f"not all: {result['updated']} of {args.players} within {args.after} s")
    failures = "; ".join(sorted(set(f.split(':')[0] for f in stats.failures))[:5])
    return (
        f"{args.players} simulated screens (one asyncio process, the player's own requests: "
        f"a new connection per poll, 3 s ±10 % after the previous one, conditional GET with "
        f"`If-None-Match` and `If-Modified-Since`; a heartbeat a minute with five "
        f"proof-of-play lines) through nginx (shipped site config, Debian's "
        f"`worker_processes auto`, `worker_connections 768`) and the heartbeat service "
        f"(`site-gen fleet serve`, waitress, 4 threads, as the unit runs it). Run of "
        f"{float(str(result['seconds'])):.0f} s after {float(str(result['warm'])):.0f} s for "
        f"every screen to take the first bundle.\n\n"
        + table(["measure", "result"], [
            ["polls while nothing changed (" + f"{args.quiet:g} s)", f"{total}"],
            ["answered 304", f"{share:.2f} % ({quiet.get(304, 0)}; other: "
             + (", ".join(f"{k}: {v}" for k, v in sorted(quiet.items()) if k != 304) or "none")
             + ")"],
            ["bytes in the bodies of 304 answers", f"{stats.bodies_304}"],
            ["poll answer time p50 / p95 / max (ms)", " / ".join(f"{v:.1f}" for v in polls)],
            ["push → new bundle.json on the site", f"{float(str(result['push to site'])):.1f} s"],
            ["new bundle.json on the site → the last of the screens has it", done],
            ["heartbeats sent (by answer)", ", ".join(f"{k}: {v}" for k, v in
                                                     sorted(stats.beats.items()))],
            ["heartbeat answer time p50 / p95 / max (ms)", " / ".join(f"{v:.1f}"
                                                                     for v in beats)],
            ["proof-of-play lines acknowledged / in the service's database",
             f"{stats.acked_lines} / {result['stored plays']}"],
            ["failed requests", f"{len(stats.failures)}" + (f" ({failures})" if failures
                                                           else "")],
        ])
        + "\n\nCPU (per cent of one core, averaged over the phase) and the largest RSS:\n\n"
        + table(["process", "CPU, quiet", "CPU, change and after", "RSS MiB"], rows)
        + f"\n\nThe simulated screens' process used {float(str(result['client cpu'])):.1f} % "
        f"of a core over the run. Targets: 304 without a body while nothing changes; every "
        f"screen has a new bundle within 2 minutes. Load average (1, 5, 15 min) before: "
        f"{load[0]}; after: {load[1]}.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=500)
    parser.add_argument("--quiet", type=float, default=120.0, help="seconds with no change")
    parser.add_argument("--after", type=float, default=100.0,
                        help="seconds after the change (at most; the run goes on to this)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (logs)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    stop_on_sigterm()
    before = load_average()
    root = Path(tempfile.mkdtemp(prefix="jarshy-fleet-"))
    try:
        stats, result, usage = run_bench(args, root)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    body = report(args, stats, result, usage, (before, load_average()))
    if args.no_write:
        print(body)
    else:
        write_section("fleet_scale", f"Fleet scale: {args.players} screens through nginx",
                      body)


if __name__ == "__main__":
    main()
