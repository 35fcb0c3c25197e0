"""``site-gen demo``: what the README's first command runs on the example content.

Steps: check the content, build the site (both languages and the signage bundle),
render each screen's playlist for today to PNG files, then serve the site on
http://127.0.0.1:8000 and start the player in a window where there is a display.
``--once`` does the first three steps and exits (CI and the fresh-clone run use it).

The bundle is signed with the key the build finds (``site_gen.bundle.signing``); where none
is configured, with a development key pair made once under ``build/demo-keys/`` (gitignored),
whose public key is handed to the player the demo starts.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from signage import cli as signage_cli
from signage.signing import key_text

from .. import cli
from ..bundle.signing import (
    ENV_SIGNING_KEY,
    SigningKeyProblem,
    find_signing_key,
    read_signing_key,
    write_key_pair,
)
from ..content import check, format_text, has_errors

DEMO_KEYS = Path("build/demo-keys")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="check, build and show the example content")
    p.add_argument("--once", action="store_true",
                   help="check, build and render the screen previews, then exit")
    p.add_argument("--content", type=Path, default=Path("content"))
    p.add_argument("--out", type=Path, default=Path("site"), help="where the site goes")
    p.add_argument("--previews", type=Path, default=Path("build/preview"),
                   help="where the screens' PNG previews go")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--screen", default="canteen", help="the screen the player shows")
    p.set_defaults(func=run)


def _step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run(args: argparse.Namespace) -> int:
    _step("1/4 Checking the content")
    if not args.content.is_dir():
        print(f"site-gen demo: no content folder at '{args.content}'", file=sys.stderr)
        return 2
    content, diagnostics, _ = check(args.content)
    if diagnostics:
        print(format_text(diagnostics))
    print(f"{len(content.items)} items, {len(content.screens)} screens, "
          f"{len(content.issues)} newspaper issues")
    if has_errors(diagnostics):
        print("site-gen demo: fix the errors above first", file=sys.stderr)
        return 1

    _step("2/4 Building the site (kk and ru) and the signage bundle")
    before = os.environ.get(ENV_SIGNING_KEY)
    try:
        args.signing_key, args.public_key = _signing_key(args.content)
        code = cli.main(["build", "--content", str(args.content), "--out", str(args.out)])
    except SigningKeyProblem as problem:
        print(f"site-gen demo: {problem}", file=sys.stderr)
        return 2
    finally:  # the development key is for this build only
        if before is None:
            os.environ.pop(ENV_SIGNING_KEY, None)
        else:
            os.environ[ENV_SIGNING_KEY] = before
    if code != 0:
        return code

    _step("3/4 Rendering today's playlist of each screen to PNG files")
    for screen in content.screens:
        out = args.previews / screen.id
        code = signage_cli.main(["preview", "--screen", screen.id, "--bundle",
                                 str(args.out / "signage"), "--out", str(out)])
        if code != 0:
            return code
    print(f"previews: {args.previews.resolve()}/<screen>/ (contact sheet and one PNG per slide)")
    if args.once:
        _step("Done: the site is in " + str(args.out.resolve()))
        return 0
    return _show(args)


def _signing_key(content: Path) -> tuple[Path, str]:
    """The key the build will sign with and its public key (a development pair under
    build/demo-keys/ when none is configured, passed on as $JARSHY_SIGNING_KEY)."""
    key = find_signing_key(content)
    if key is None:
        folder = DEMO_KEYS
        if not (folder / "bundle-signing.key").exists():
            write_key_pair(folder)
            print(f"made a development key pair in {folder}/ to sign the demo's bundle")
        private = (folder / "bundle-signing.key").resolve()
        key = read_signing_key(private)
    os.environ[ENV_SIGNING_KEY] = str(key.path.resolve())
    return key.path.resolve(), key_text(key.public)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _show(args: argparse.Namespace) -> int:
    _step("4/4 Serving the site and starting the player (Ctrl+C stops both)")
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop ends the children too
    children: list[subprocess.Popen[bytes]] = []
    children.append(subprocess.Popen([
        sys.executable, "-m", "site_gen.cli", "serve", "--content", str(args.content),
        "--out", str(args.out), "--port", str(args.port)],
        env={**os.environ, ENV_SIGNING_KEY: str(args.signing_key)}))
    print(f"site: http://127.0.0.1:{args.port}/")
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        children.append(subprocess.Popen([
            sys.executable, "-m", "signage.cli", "play", "--screen", args.screen,
            "--source", str(args.out / "signage"), "--cache", "build/player",
            "--public-key", args.public_key,
            "--window", "1280x720", "--allow-quit"]))
        print(f"player: a 1280x720 window showing screen '{args.screen}' (Esc closes it)")
    else:
        print(f"player: no display here; today's slides are in {args.previews.resolve()}/")
    try:
        while all(child.poll() is None for child in children[:1]):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=10)
    return 0
