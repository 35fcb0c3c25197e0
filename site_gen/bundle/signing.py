"""The site's private key: where the build finds it, how it is stored, how a pair is made.

Where it sits: ``site-gen keys`` writes a pair (:func:`write_key_pair`); the bundle writer
(:mod:`site_gen.bundle.writer`) asks :func:`find_signing_key` and signs ``bundle.json`` with
:func:`signage.signing.sign`. The build looks, in order, at ``--signing-key PATH`` (which
``site-gen build`` and ``site-gen bundle`` pass on as ``$JARSHY_SIGNING_KEY``), at
``$JARSHY_SIGNING_KEY``, then at ``keys/bundle-signing.key`` beside ``content/``. A key that
is named but cannot be used is an error; no key at all writes an unsigned bundle, with a
warning, which players refuse (``docs/bundle.md``).

Key files are one line of base64 after ``#`` comment lines: the private one holds the
32-byte Ed25519 seed and is written 0600; the public one holds the 32-byte public key.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from signage.signing import key_text, new_private_key, public_key_of

ENV_SIGNING_KEY = "JARSHY_SIGNING_KEY"
KEYS_DIR = "keys"
KEY_NAME = "bundle-signing"
PRIVATE_SUFFIX = ".key"
PUBLIC_SUFFIX = ".pub"


class SigningKeyProblem(Exception):
    """A signing key that is named but cannot be used: the message says which and how to fix."""


@dataclass(frozen=True, slots=True)
class SiteKey:
    path: Path
    private: bytes  # the 32-byte seed

    @property
    def public(self) -> bytes:
        return public_key_of(self.private)


def default_key_path(content_root: Path) -> Path:
    """``keys/bundle-signing.key`` in the folder that holds ``content/``."""
    return Path(content_root).resolve().parent / KEYS_DIR / (KEY_NAME + PRIVATE_SUFFIX)


def find_signing_key(content_root: Path, explicit: Path | None = None) -> SiteKey | None:
    """The key the build signs with, or None when none is configured and the default file
    does not exist. Raises :class:`SigningKeyProblem` for a named key that cannot be used."""
    named = explicit or (Path(v) if (v := os.environ.get(ENV_SIGNING_KEY, "").strip())
                         else None)
    if named is not None:
        return read_signing_key(named.expanduser())
    default = default_key_path(content_root)
    if not default.exists():
        return None
    return read_signing_key(default)


def read_signing_key(path: Path) -> SiteKey:
    try:
        st = path.stat()
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise SigningKeyProblem(f"signing key {path}: no such file; make one with "
                                "'site-gen keys' (docs/screens.md)") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not a key file"
        raise SigningKeyProblem(f"signing key {path}: cannot read it ({why})") from None
    if stat.S_IMODE(st.st_mode) & 0o077:
        raise SigningKeyProblem(f"signing key {path}: readable by other users "
                                f"(mode {stat.S_IMODE(st.st_mode):04o}); whoever reads it can "
                                f"sign bundles for every screen; run: chmod 600 {path}")
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    try:
        private = base64.b64decode(lines[0], validate=True) if len(lines) == 1 else b""
    except (binascii.Error, ValueError):
        private = b""
    if len(private) != 32:
        raise SigningKeyProblem(f"signing key {path}: not a private key written by "
                                "'site-gen keys' (one line of base64, 32 bytes)")
    return SiteKey(path, private)


def write_key_pair(folder: Path, name: str = KEY_NAME,
                   force: bool = False) -> tuple[Path, Path, bytes]:
    """Write ``folder/name.key`` (0600) and ``folder/name.pub``; return both and the public
    key. Refuses to replace an existing private key unless ``force``."""
    private_path = folder / (name + PRIVATE_SUFFIX)
    public_path = folder / (name + PUBLIC_SUFFIX)
    if private_path.exists() and not force:
        raise SigningKeyProblem(f"{private_path} exists; every screen trusts its public key. "
                                "To change keys without a dark screen see docs/screens.md "
                                "('Change the signing key'); --force replaces it")
    folder.mkdir(parents=True, exist_ok=True)
    private = new_private_key()
    public = public_key_of(private)
    tmp = private_path.with_name(private_path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        os.fchmod(fh.fileno(), 0o600)  # whatever the umask says
        fh.write("# Jarshy bundle signing key (Ed25519, private). Keep it secret: whoever has\n"
                 "# it can put anything on every screen. Never commit it or copy it to site/.\n"
                 + base64.b64encode(private).decode("ascii") + "\n")
    os.replace(tmp, private_path)
    public_path.write_text(key_text(public) + "\n", encoding="ascii")
    return private_path, public_path, public
