"""Ed25519 signatures of ``bundle.json``: what the site signs and what a player trusts.

Where it sits: ``site_gen.bundle`` signs the exact bytes of ``bundle.json`` with the site's
private key (made by ``site-gen keys``) and writes the detached signature beside it as
``bundle.json.sig``; ``signage.sync`` checks that file against the public keys configured on
the player *before* it parses or installs anything. The media are covered by their sha256
inside the signed ``bundle.json``. The cryptography is PyNaCl's (libsodium); this module only
names the files, reads the keys and says in words why a bundle was refused.

The signature file (``docs/bundle.md``) is one small JSON object::

    {"format": 1, "algorithm": "ed25519", "key": "<public key, base64>",
     "signature": "<64 bytes, base64>"}

``key`` only chooses which configured key to try: a signature by a key the player was not
given is refused as "unknown key", whatever the file claims.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

SIGNATURE_NAME = "bundle.json.sig"
SIGNATURE_FORMAT = 1
ENV_PUBLIC_KEYS = "JARSHY_PUBLIC_KEYS"
MAX_SIGNATURE_BYTES = 4096  # a real one is about 170 bytes

# Why a bundle was refused: the code in status.json ("refused") and the words before the
# colon in the message.
NO_KEY = "no-key"
NO_SIGNATURE = "no-signature"
BAD_SIGNATURE = "bad-signature"
UNKNOWN_KEY = "unknown-key"
OLDER = "older"
REASONS: dict[str, str] = {
    NO_KEY: "no public key configured",
    NO_SIGNATURE: "no signature",
    BAD_SIGNATURE: "bad signature",
    UNKNOWN_KEY: "unknown key",
    OLDER: "older than the installed bundle",
}


class Refused(Exception):
    """A bundle the player will not install; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"bundle refused, {REASONS[reason]}: {detail}")


class KeyProblem(ValueError):
    """A configured public key that cannot be read; the message says which and why."""


# ---------------------------------------------------------------- keys


def key_text(key: bytes) -> str:
    """A public key as configured on players: 44 characters of base64."""
    return base64.b64encode(key).decode("ascii")


def key_name(key: bytes) -> str:
    """A short name for messages: the first 10 characters of the key's base64."""
    return key_text(key)[:10] + "…"


def parse_public_key(text: str, where: str = "") -> bytes:
    """``text`` (base64 of 32 bytes, as ``site-gen keys`` prints it) → the key's bytes."""
    value = text.strip()
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise KeyProblem(f"{where or 'public key'}: '{shown}' is not an Ed25519 public key; "
                         "paste the 44-character line that 'site-gen keys' printed")
    return raw


def load_public_keys(values: Iterable[str]) -> tuple[bytes, ...]:
    """Keys from ``--public-key`` options and ``$JARSHY_PUBLIC_KEYS``.

    Each value holds one or more keys separated by spaces or commas; a value that is not a
    key but names a file (one that exists, or ends in ``.pub``) is read, one key per
    non-comment line. Raises :class:`KeyProblem` for the first key that cannot be read.
    """
    keys: list[bytes] = []
    for value in values:
        for token in re.split(r"[\s,]+", value.strip()):
            if not token:
                continue
            try:
                keys.append(parse_public_key(token))  # base64 has '/' too: a key first
            except KeyProblem:
                if not (token.endswith(".pub") or Path(token).expanduser().is_file()):
                    raise
                keys.extend(_read_key_file(Path(token)))
    return tuple(dict.fromkeys(keys))  # each once, in the order given


def keys_from_env() -> list[str]:
    value = os.environ.get(ENV_PUBLIC_KEYS, "").strip()
    return [value] if value else []


def _read_key_file(path: Path) -> list[bytes]:
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not text"
        raise KeyProblem(f"public key file {path}: cannot read it ({why or exc})") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise KeyProblem(f"public key file {path}: no key in it")
    return [parse_public_key(line, f"{path}:{n}") for n, line in lines]


def new_private_key() -> bytes:
    """32 random bytes (the Ed25519 seed) from the system's random source."""
    return bytes(SigningKey.generate().encode())


def public_key_of(private: bytes) -> bytes:
    return bytes(SigningKey(private).verify_key.encode())


# ---------------------------------------------------------------- sign and verify


def sign(data: bytes, private: bytes) -> bytes:
    """The contents of ``bundle.json.sig`` for the exact bytes ``data`` of ``bundle.json``."""
    signing_key = SigningKey(private)
    signature = signing_key.sign(data).signature
    raw = {"format": SIGNATURE_FORMAT, "algorithm": "ed25519",
           "key": key_text(bytes(signing_key.verify_key.encode())),
           "signature": base64.b64encode(signature).decode("ascii")}
    return (json.dumps(raw) + "\n").encode("ascii")


def verify(data: bytes, signature: bytes | None, keys: Sequence[bytes]) -> bytes:
    """Check ``signature`` (the bytes of ``bundle.json.sig``, None if there is none) over
    ``data``; return the key that signed it, or raise :class:`Refused` saying why."""
    if not keys:
        raise Refused(NO_KEY, "this player has no public key configured, so it trusts no "
                      f"bundle; set {ENV_PUBLIC_KEYS} in /etc/jarshy/player.env (or pass "
                      "--public-key) to the key 'site-gen keys' printed; see docs/screens.md")
    if signature is None:
        raise Refused(NO_SIGNATURE, f"{SIGNATURE_NAME} is missing; the site must sign its "
                      "bundles (site-gen keys, then build; docs/bundle.md)")
    key, sig = _parse_signature(signature)
    if key not in keys:
        trusted = ", ".join(key_name(k) for k in keys)
        raise Refused(UNKNOWN_KEY, f"bundle.json is signed by key {key_name(key)}, which this "
                      f"player does not trust (it trusts {trusted}); if the site's key was "
                      "changed, add the new public key to the player (docs/screens.md)")
    try:
        VerifyKey(key).verify(data, sig)
    except BadSignatureError:
        raise Refused(BAD_SIGNATURE, f"bundle.json does not match its signature by key "
                      f"{key_name(key)}: it was changed after signing, or fetched while the "
                      "site was being rebuilt (then the next attempt succeeds)") from None
    return key


def _parse_signature(blob: bytes) -> tuple[bytes, bytes]:
    bad = Refused(BAD_SIGNATURE, f"{SIGNATURE_NAME} is not a Jarshy signature file "
                  "(expected a small JSON object with format 1, algorithm ed25519, key and "
                  "signature)")
    if len(blob) > MAX_SIGNATURE_BYTES:
        raise bad
    try:
        raw = json.loads(blob.decode("utf-8"))
        if (not isinstance(raw, dict) or raw.get("format") != SIGNATURE_FORMAT
                or raw.get("algorithm") != "ed25519"):
            raise bad
        key = base64.b64decode(str(raw["key"]), validate=True)
        sig = base64.b64decode(str(raw["signature"]), validate=True)
    except (ValueError, KeyError, RecursionError, binascii.Error):
        raise bad from None
    if len(key) != 32 or len(sig) != 64:
        raise bad
    return key, sig
