"""Shared by the live benchmarks (``bench.urgent``, ``bench.fleet_scale``): the real pieces as
deployed, on loopback, in one temp folder.

- a content repository: a bare repository (the server editors push to), with the shipped
  ``deploy/git/post-receive`` installed as its hook, and an editor's clone;
- ``site-gen publish`` following it, as ``deploy/systemd/jarshy-publish.service`` runs it;
- nginx with the shipped ``deploy/nginx/jarshy-site.conf`` (``tests/security/nginx_harness``);
- processes' CPU time and RSS read from ``/proc`` (:class:`Usage`);
- :func:`request`: one HTTP request on a new connection, as the player's ``http.client`` and
  ``urllib`` send it, for many simulated screens in one asyncio loop.

Nothing here fetches from the network; every server binds 127.0.0.1; every process started
is stopped by :meth:`Procs.stop_all`.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOOK = REPO / "deploy" / "git" / "post-receive"
HOST = "127.0.0.1"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def git(cwd: Path, *args: str) -> str:
    # The approver of the example content (content/_data/people.yml) commits: an approved
    # item is held back until its approver's commit (site_gen.content.gate).
    env = {"GIT_AUTHOR_NAME": "А. Сейітова", "GIT_AUTHOR_EMAIL": "a.seitova@zharyq.example.kz",
           "GIT_COMMITTER_NAME": "А. Сейітова",
           "GIT_COMMITTER_EMAIL": "a.seitova@zharyq.example.kz",
           "HOME": str(cwd), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def always_on(screens_yml: str) -> str:
    """The screens file with every ``on_hours`` line removed: the benches run at night, and a
    screen outside its on-hours shows nothing (urgent included)."""
    return re.sub(r"(?m)^\s+on_hours:.*\n", "", screens_yml)


@dataclass
class ContentRepo:
    bare: Path
    editor: Path
    wake: Path

    @property
    def content(self) -> Path:
        return self.editor / "content"

    def push(self, message: str) -> None:
        git(self.editor, "add", "-A")
        git(self.editor, "commit", "--quiet", "-m", message)
        git(self.editor, "push", "--quiet", "origin", "main")


def make_content_repo(root: Path, extra: dict[str, str] | None = None) -> ContentRepo:
    """The project's example content (on every screen at all hours) with ``extra`` files
    (path under content/ → text), committed to a bare repository with the post-receive hook
    waking ``root/wake``."""
    editor = root / "editor"
    editor.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", editor / "mkdocs.yml")
    shutil.copytree(REPO / "themes", editor / "themes")
    shutil.copytree(REPO / "content", editor / "content")
    screens = editor / "content" / "_data" / "screens.yml"
    screens.write_text(always_on(screens.read_text("utf-8")), encoding="utf-8")
    for rel, text in (extra or {}).items():
        path = editor / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(editor, "init", "--quiet", "--initial-branch", "main")
    git(editor, "add", "-A")
    git(editor, "commit", "--quiet", "-m", "content")
    bare = root / "content.git"
    git(root, "clone", "--quiet", "--bare", str(editor), str(bare))
    wake = root / "wake"
    shutil.copy(HOOK, bare / "hooks" / "post-receive")
    (bare / "hooks" / "post-receive").chmod(0o755)
    git(bare, "config", "jarshy.wake", str(wake))
    git(editor, "remote", "add", "origin", str(bare))
    git(editor, "fetch", "--quiet", "origin")
    git(editor, "branch", "--quiet", "--set-upstream-to", "origin/main")
    return ContentRepo(bare, editor, wake)


def make_key(root: Path) -> tuple[Path, str]:
    """A signing key pair (``site-gen keys``): the private key file, the public key text."""
    done = subprocess.run([str(BIN / "site-gen"), "keys", "--out", str(root / "keys")],
                          capture_output=True, text=True, check=True, timeout=60)
    public = re.search(r"JARSHY_PUBLIC_KEYS=(\S+)", done.stdout + done.stderr)
    assert public is not None, done.stdout
    return root / "keys" / "bundle-signing.key", public.group(1)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JARSHY_")}
    env.update(TZ="Asia/Almaty", PYTHONUNBUFFERED="1", **extra)
    return env


@dataclass
class Procs:
    """Processes this bench started, by id; each stopped by its own id at the end."""

    started: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def start(self, name: str, args: list[str], log: Path, env: dict[str, str],
              cwd: Path | None = None) -> subprocess.Popen[bytes]:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as out:
            proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env,
                                    cwd=cwd)
        self.started.append((name, proc))
        return proc

    def stop_all(self) -> None:
        # A build's forked workers outlive a publish service stopped in mid-build: their
        # ids are taken before, and each is stopped after its parent.
        forked = [pid for _name, proc in self.started for pid in children(proc.pid)
                  if proc.poll() is None]
        for _name, proc in reversed(self.started):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for _name, proc in reversed(self.started):
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        for pid in forked:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass  # it ended with its parent
        self.started.clear()


def start_publish(procs: Procs, root: Path, repo: ContentRepo, key: Path, *,
                  every: float = 30.0, wake: bool = True) -> Path:
    """``site-gen publish`` as the unit runs it (``--every 30``, the wake file), into
    ``root/site``; returns the site folder once its first bundle is there."""
    site = root / "site"
    args = [str(BIN / "site-gen"), "publish", "--repo", str(repo.bare), "--branch", "main",
            "--every", f"{every:g}", "--work", str(root / "publish" / "work"),
            "--build-dir", str(root / "publish" / "build"), "--out", str(site)]
    if wake:
        args += ["--wake", str(repo.wake)]
    procs.start("publish", args, root / "logs" / "publish.log",
                clean_env(JARSHY_SIGNING_KEY=str(key)), cwd=root)
    wait_for(lambda: (site / "signage" / "bundle.json").is_file(), 300,
             "the publish service's first build", root / "logs" / "publish.log")
    return site


def stop_on_sigterm() -> None:
    """SIGTERM ends the bench like Ctrl-C: its ``finally`` stops every process it started
    (a background job ignores SIGINT)."""
    def leave(_signum: int, _frame: object) -> None:
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, leave)


def wait_for(ready: object, timeout: float, what: str, log: Path | None = None) -> None:
    assert callable(ready)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if ready():
            return
        time.sleep(0.1)
    tail = log.read_text("utf-8", errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not happen within {timeout:g} s\n{tail}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 (nearest rank) and max of ``values``."""
    ordered = sorted(values)
    if not ordered:
        nan = float("nan")
        return nan, nan, nan

    def rank(p: float) -> float:
        k = max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))
        return ordered[k]

    return rank(50), rank(95), ordered[-1]


class HttpError(Exception):
    pass


def listening(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=0.5).close()
    except OSError:
        return False
    return True


async def request(port: int, method: str, path: str, headers: dict[str, str],
                  body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """One request on a new connection, as http.client and urllib send it."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}",
                "Accept-Encoding: identity", *(f"{k}: {v}" for k, v in headers.items())]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        answer = {k.strip().lower(): v.strip() for k, _, v in
                  (line.partition(":") for line in lines[1:] if line)}
        data = b""
        if status not in (204, 304) and method != "HEAD":
            if "content-length" in answer:
                data = await reader.readexactly(int(answer["content-length"]))
            elif answer.get("transfer-encoding", "").lower() == "chunked":
                while size := int((await reader.readline()).split(b";")[0], 16):
                    data += await reader.readexactly(size)
                    await reader.readline()
                await reader.readline()
            else:
                data = await reader.read()
        return status, answer, data
    finally:
        writer.close()


@dataclass
class Usage:
    pids: dict[str, list[int]]
    cpu0: dict[str, float] = field(default_factory=dict)
    t0: float = 0.0
    rss: dict[str, float] = field(default_factory=dict)

    def cpu(self) -> dict[str, float]:
        out = {}
        for name, pids in self.pids.items():
            total = 0.0
            for pid in pids:
                try:
                    total += cpu_seconds(pid)
                except OSError:
                    pass
            out[name] = total
        return out

    def start(self) -> None:
        self.cpu0, self.t0 = self.cpu(), time.monotonic()

    def share(self) -> dict[str, float]:
        """Per cent of one core each used since :meth:`start`."""
        now, span = self.cpu(), time.monotonic() - self.t0
        return {name: 100 * (now[name] - self.cpu0[name]) / span for name in now}

    def sample_rss(self) -> None:
        for name, pids in self.pids.items():
            total = 0.0
            for pid in pids:
                try:
                    total += rss_mib(pid)
                except OSError:
                    pass
            self.rss[name] = max(self.rss.get(name, 0.0), total)
