"""Odd requests to the letters endpoint, sent to the real waitress server over a socket.

Attacks closed here: a non-ASCII Content-Length, a 32 KB JSON nest, lone surrogates and a
full disk each crashed ``site-gen letters serve`` with a traceback and no answer. Each must
now get a JSON error (400, 413 or 503) and exactly one log line, with no traceback.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.blog.letters import LetterIn
from site_gen.blog.store import LetterStore, StoredLetter
from tests.security.letters_harness import LETTER, SITE, Endpoint, running


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[Endpoint]:
    with running(tmp_path / "letters.sqlite3") as served:
        yield served


def one_line_logged(caplog: pytest.LogCaptureFixture) -> str:
    """The one warning or error the request left in the service's log; no traceback anywhere.

    (waitress may add "Task queue depth is 1" when both test threads are busy: load, not
    this request.)
    """
    lines = [r for r in caplog.records
             if r.levelno >= logging.WARNING and r.name.startswith("site_gen")]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert "\n" not in lines[0].getMessage()
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in caplog.text
    return lines[0].getMessage()


def head(length: bytes) -> bytes:
    return (b"POST /letters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + length + b"\r\n\r\n")


# "²" passes str.isdigit() but not int(): the old server died on it.
@pytest.mark.parametrize("length", [b"\xb2", "٣٢".encode(), b"12 3", b"-1", b"0x10"],
                         ids=["superscript-two", "arabic-digits", "space", "negative", "hex"])
def test_a_bad_content_length_gets_a_json_400(endpoint: Endpoint, length: bytes,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    status, headers, body = endpoint.raw(head(length) + b'{"text": "x"}')
    assert status == 400
    assert headers["content-type"].startswith("application/json")
    assert body == {"errors": [{"field": "", "code": "bad-request"}]}
    assert "Content-Length" in one_line_logged(caplog)
    assert endpoint.store.letters() == []


def test_a_body_over_the_limit_gets_a_json_413_unread(endpoint: Endpoint,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    status, _headers, body = endpoint.raw(head(b"40000"))  # the body is never sent
    assert status == 413
    assert body == {"errors": [{"field": "", "code": "too-large", "limit": 32768}]}
    one_line_logged(caplog)


def test_a_32_kb_json_nest_gets_a_json_400(endpoint: Endpoint,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    nest = b'{"text": ' + b"[" * 16_000 + b"]" * 16_000 + b"}"
    assert len(nest) <= 32 * 1024
    status, _headers, body = endpoint.request("POST", nest, {"Content-Type": "application/json",
                                                             "Origin": SITE})
    assert status == 400 and body == {"errors": [{"field": "", "code": "too-deep"}]}
    assert "nested" in one_line_logged(caplog)
    # and the server goes on answering
    assert endpoint.post(LETTER)[0] == 201


@pytest.mark.parametrize("payload", [
    b'{"name": "", "department": "\\ud800", "lang": "kk", "text": "\\udfff\\udfff\\udfff\\udfff'
    b'\\udfff\\udfff\\udfff\\udfff\\udfff\\udfff"}',
    '{"\\udc80": "x", "department": "Ц", "lang": "kk", "text": "Он екі таңбалы хат."}'
    .encode(),
], ids=["in-values", "in-a-key"])
def test_lone_surrogates_get_a_json_400(endpoint: Endpoint, payload: bytes,
                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    status, _headers, body = endpoint.request("POST", payload,
                                              {"Content-Type": "application/json"})
    assert status == 400 and body == {"errors": [{"field": "", "code": "bad-text"}]}
    assert "surrogate" in one_line_logged(caplog)
    assert endpoint.store.letters() == []


class FullDisk(LetterStore):
    def __init__(self, path: Path, problem: Exception) -> None:
        super().__init__(path)
        self.problem = problem

    def add_with_code(self, letter: LetterIn, received: object) -> tuple[StoredLetter, str]:
        raise self.problem


@pytest.mark.parametrize("problem", [sqlite3.OperationalError("database or disk is full"),
                                     OSError(errno.ENOSPC, "No space left on device")],
                         ids=["sqlite-full", "enospc"])
def test_a_full_disk_gets_a_json_503(tmp_path: Path, problem: Exception,
                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    store = FullDisk(tmp_path / "letters.sqlite3", problem)
    with running(tmp_path / "letters.sqlite3", store=store) as endpoint:
        status, headers, body = endpoint.post(LETTER)
    assert status == 503 and body == {"errors": [{"field": "", "code": "unavailable"}]}
    assert headers["retry-after"] == "60"
    assert "cannot store a letter" in one_line_logged(caplog)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs (root only), unmounted after the test."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the simulated full disk is tested above")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs",
                              str(where)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk_gets_a_json_503_and_recovers(tiny_disk: Path,
                                                         caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    caplog.set_level(logging.INFO)
    with running(tiny_disk / "letters.sqlite3", limit=100) as endpoint:
        assert endpoint.post(LETTER)[0] == 201
        filler = tiny_disk / "filler"
        with filler.open("wb", buffering=0) as out:  # fill every free block
            try:
                while True:
                    out.write(b"\0" * 4096)
            except OSError as full:
                assert full.errno == errno.ENOSPC
        caplog.clear()
        big = {**LETTER, "text": "Жаңа хат. " * 400}
        status, _headers, body = endpoint.post(big)
        assert status == 503 and body["errors"][0]["code"] == "unavailable"
        assert "cannot store a letter" in one_line_logged(caplog)  # SQLite: "disk I/O error"
        filler.unlink()
        status, _headers, body = endpoint.post(big)
        assert status == 201 and body["number"] == "2026-0002"
    assert json.dumps([x.number for x in LetterStore(tiny_disk / "letters.sqlite3").letters()]) \
        == '["2026-0001", "2026-0002"]'
