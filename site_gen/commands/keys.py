"""``site-gen keys [--out keys] [--name bundle-signing] [--force] [--show]``: the key pair
the site signs the signage bundle with.

Writes ``keys/bundle-signing.key`` (private, 0600; the build finds it there) and
``keys/bundle-signing.pub``, and prints the public key for ``JARSHY_PUBLIC_KEYS`` on every
screen. ``--show`` prints the public key of the key the build would use. The key pair never
goes inside ``content/`` or ``site/`` (both are published). See ``docs/screens.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from signage.signing import ENV_PUBLIC_KEYS, key_text

from ..bundle.signing import (
    ENV_SIGNING_KEY,
    KEY_NAME,
    KEYS_DIR,
    SigningKeyProblem,
    find_signing_key,
    write_key_pair,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("keys", help="make the key pair that signs the screens' bundle")
    p.add_argument("--out", type=Path, default=Path(KEYS_DIR),
                   help=f"folder for the two key files (default {KEYS_DIR}/, beside content/)")
    p.add_argument("--name", default=KEY_NAME,
                   help=f"file name without suffix (default {KEY_NAME}: .key and .pub)")
    p.add_argument("--force", action="store_true", help="replace an existing private key")
    p.add_argument("--show", action="store_true",
                   help="only print the public key of the key the build signs with")
    p.add_argument("--content", type=Path, default=Path("content"),
                   help="the content folder (the key must stay outside it)")
    p.add_argument("--site", type=Path, default=Path("site"),
                   help="the built site (the key must stay outside it)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except SigningKeyProblem as problem:
        print(f"site-gen keys: {problem}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.show:
        key = find_signing_key(args.content)
        if key is None:
            print("site-gen keys: no signing key yet; make one with 'site-gen keys'",
                  file=sys.stderr)
            return 2
        print(f"{key.path}: public key {key_text(key.public)}")
        return 0
    out = args.out.resolve()
    for published in (args.content, args.site):
        if out.is_relative_to(published.resolve()):
            print(f"site-gen keys: {args.out} is inside {published}/, which is published; "
                  f"keep the keys outside it (default {KEYS_DIR}/)", file=sys.stderr)
            return 2
    private, public_path, public = write_key_pair(args.out, args.name, args.force)
    print(f"private key: {private} (mode 0600; keep it secret, never commit it)")
    print(f"public key:  {public_path}")
    print("On every screen, in /etc/jarshy/player.env (docs/screens.md):")
    print(f"{ENV_PUBLIC_KEYS}={key_text(public)}")
    return 0



def add_signing_option(p: argparse.ArgumentParser) -> None:
    """``--signing-key PATH`` for the commands that write the bundle (build, bundle)."""
    p.add_argument("--signing-key", type=Path, metavar="PATH", default=None,
                   help=f"the private key that signs the bundle (default ${ENV_SIGNING_KEY}, "
                        f"else {KEYS_DIR}/{KEY_NAME}.key beside content/; made by "
                        "'site-gen keys'); without one the bundle is unsigned and screens "
                        "refuse it")


def use_signing_key(path: Path | None, content: Path) -> str:
    """Check now, before anything is written, the key the bundle will be signed with, and
    pass ``--signing-key`` on as ``$JARSHY_SIGNING_KEY`` (the writer's rule, which the forked
    language workers inherit). Returns the problem's line, or "" when the key is usable."""
    if path is not None:
        os.environ[ENV_SIGNING_KEY] = str(path.expanduser().resolve())
    try:
        find_signing_key(content)
    except SigningKeyProblem as problem:
        return str(problem)
    return ""
