"""The writer's status lookup and a meeting's question count, on waitress and behind nginx.

The code is shown once, kept only as a salted hash; a wrong code and an unknown number get
the same answer; the answer holds no personal data; lookups are rate-limited on their own
counter. Also: ``blog.anonymous: refuse`` and an answer in person, enforced by the server.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from site_gen.blog.store import LetterStore
from tests.security.letters_harness import LETTER, SITE, Endpoint, running
from tests.security.nginx_harness import free_port, need_nginx, prepare

REPO = Path(__file__).resolve().parents[2]
CODE = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5}")  # 24 base32 letters: 120 bits
PERSONAL = {**LETTER, "name": "Айгүл Сапарова", "contact": "+7 701 555 12 34",
            "department": "Жылу желілері", "answer": "personal", "meeting": "2026-12-18-kezdesu"}


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[Endpoint]:
    with running(tmp_path / "letters.sqlite3", limit=4) as found:
        yield found


def lookup(endpoint: Endpoint, number: str, code: str) -> tuple[int, object]:
    status, _headers, body = endpoint.request(
        "POST", json.dumps({"number": number, "code": code}).encode(),
        {"Content-Type": "application/json", "Origin": SITE}, path="/letters/status")
    return status, body


def test_a_writer_sees_the_status_with_number_and_code_and_nothing_personal(
        endpoint: Endpoint, tmp_path: Path) -> None:
    status, _h, sent = endpoint.post(PERSONAL)
    assert status == 201 and CODE.fullmatch(sent["code"]), sent
    assert sent["answer_by"] == "2026-12-14"  # 15 working days after Monday 23.11.2026
    status, body = lookup(endpoint, sent["number"], sent["code"])
    assert status == 200
    assert body == {"number": sent["number"], "status": "registered", "received": "2026-11-23",
                    "reply_by": "2026-11-26", "answer_by": "2026-12-14", "replied": None,
                    "answered": None, "forwarded": None, "answer_url": None}
    shown = json.dumps(body, ensure_ascii=False)
    for value in ("Айгүл", "+7 701", "Жылу", "Вахталық", "personal", "kezdesu"):
        assert value not in shown
    # typed by hand: lower case, spaces instead of dashes
    assert lookup(endpoint, sent["number"], sent["code"].lower().replace("-", " "))[0] == 200
    # the office records the first reply, then the official answer: the writer sees both
    endpoint.store.mark_replied(sent["number"], date(2026, 11, 25))
    assert lookup(endpoint, sent["number"], sent["code"])[1]["status"] == "replied"  # type: ignore[index]
    endpoint.store.mark_answered(sent["number"], date(2026, 12, 2), "/kk/page/zhauap/")
    body = lookup(endpoint, sent["number"], sent["code"])[1]
    assert body["status"] == "answered" and body["answered"] == "2026-12-02"  # type: ignore[index]
    assert body["answer_url"] == "/kk/page/zhauap/"  # type: ignore[index]
    # the code is nowhere on disk, only its hash
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("letters.sqlite3*"))
    assert sent["code"].encode() not in raw and sent["code"].replace("-", "").encode() not in raw


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(endpoint: Endpoint) -> None:
    _s, _h, sent = endpoint.post(LETTER)
    wrong = "A" * 4 + sent["code"][4:] if not sent["code"].startswith("AAAA") else "B" * 24
    answers = [lookup(endpoint, sent["number"], wrong), lookup(endpoint, "2026-9999", sent["code"]),
               lookup(endpoint, "бөтен", "x")]
    assert answers == [(404, {"errors": [{"field": "", "code": "not-found"}]})] * 3


def test_lookups_are_rate_limited_on_their_own_counter(endpoint: Endpoint) -> None:
    _s, _h, sent = endpoint.post(LETTER)
    results = [lookup(endpoint, sent["number"], "WRONG")[0] for _ in range(5)]
    assert results == [404, 404, 404, 404, 429]
    status, headers, body = endpoint.request(
        "POST", b'{"number": "1", "code": "2"}', {"Content-Type": "application/json"},
        path="/letters/status")
    assert status == 429 and body == {"errors": [{"field": "", "code": "too-many"}]}
    assert int(headers["retry-after"]) >= 1
    assert endpoint.post(LETTER)[0] == 201  # letters have a counter of their own


def test_a_meeting_counts_its_questions_and_nothing_else(endpoint: Endpoint) -> None:
    assert endpoint.post(PERSONAL)[0] == 201
    assert endpoint.post({**LETTER, "meeting": PERSONAL["meeting"]})[0] == 201
    assert endpoint.post(LETTER)[0] == 201
    status, _h, body = endpoint.request("GET", path="/letters/questions/2026-12-18-kezdesu")
    assert (status, body) == (200, {"meeting": "2026-12-18-kezdesu", "questions": 2})
    status, _h, body = endpoint.request("GET", path="/letters/questions/other-meeting")
    assert (status, body) == (200, {"meeting": "other-meeting", "questions": 0})
    assert endpoint.request("GET", path="/letters/questions/a%20b/../x")[0] == 404
    assert [x.meeting for x in endpoint.store.letters("2026-12-18-kezdesu")] == \
        ["2026-12-18-kezdesu"] * 2


def test_a_personal_answer_needs_a_contact_and_consent_is_required(endpoint: Endpoint) -> None:
    status, _h, body = endpoint.post({**LETTER, "answer": "personal", "consent": False})
    assert status == 422
    assert {(e["field"], e["code"]) for e in body["errors"]} == {
        ("contact", "required"), ("consent", "consent-required")}
    assert endpoint.store.letters() == []


def test_with_anonymous_refuse_the_server_wants_a_name_and_a_contact(tmp_path: Path) -> None:
    with running(tmp_path / "l.sqlite3", anonymous="refuse") as endpoint:
        status, _h, body = endpoint.post(LETTER)  # no name, no contact
        assert status == 422
        assert {(e["field"], e["code"]) for e in body["errors"]} == {
            ("name", "required"), ("contact", "required")}
        assert endpoint.post({**LETTER, "name": "Айгүл", "contact": "ішкі 1234"})[0] == 201


def test_serve_reads_blog_anonymous_from_site_yml(tmp_path: Path) -> None:
    content = tmp_path / "content" / "_data"
    content.mkdir(parents=True)
    (content / "site.yml").write_text(
        "company: {kk: К, ru: К}\ntimezone: Asia/Almaty\nblog:\n  anonymous: refuse\n",
        encoding="utf-8")
    port = free_port()
    service = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--port", str(port),
         "--db", str(tmp_path / "var" / "l.sqlite3"), "--content", str(tmp_path / "content")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert service.stdout is not None
        line = service.stdout.readline()
        assert "anonymous letters: refuse" in line, line
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/letters", json.dumps(LETTER).encode(),
                     {"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 422
        assert {e["field"] for e in json.loads(response.read())["errors"]} == {"name", "contact"}
        conn.close()
    finally:
        service.terminate()
        _out, err = service.communicate(timeout=10)
    # no content/_data/holidays/ here: the deadlines are rough, and the service says so
    assert "warning: no holiday file for 2026" in err, err


def test_question_counts_have_a_generous_limit_of_their_own(endpoint: Endpoint) -> None:
    answers = [endpoint.request("GET", path="/letters/questions/m")[0] for _ in range(121)]
    assert answers == [200] * 120 + [429]
    assert endpoint.post(LETTER)[0] == 201


@need_nginx
def test_lookup_and_count_through_nginx(tmp_path: Path) -> None:
    (tmp_path / "site" / "kk").mkdir(parents=True)
    letters_port = free_port()
    nginx = prepare(tmp_path / "prefix", tmp_path / "site", letters_port=letters_port)
    origin = f"http://127.0.0.1:{nginx.port}"
    service = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--port", str(letters_port),
         "--db", str(tmp_path / "var" / "l.sqlite3"), "--content", str(tmp_path / "none"),
         "--origin", origin, "--threads", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert service.stdout is not None
        assert "listening on" in service.stdout.readline()
        nginx.start()
        head = {"Content-Type": "application/json", "Origin": origin}
        status, _m, data = nginx.request("POST", "/api/letters", json.dumps(PERSONAL).encode(),
                                         head)
        sent = json.loads(data)
        assert status == 201, sent
        status, _m, data = nginx.request(
            "POST", "/api/letters/status",
            json.dumps({"number": sent["number"], "code": sent["code"]}).encode(), head)
        assert status == 200 and json.loads(data)["status"] == "registered"
        status, _m, data = nginx.request(
            "POST", "/api/letters/status",
            json.dumps({"number": sent["number"], "code": "X" * 24}).encode(), head)
        assert (status, json.loads(data)) == (404, {"errors": [{"field": "", "code": "not-found"}]})
        status, _m, data = nginx.request("GET", "/api/letters/questions/2026-12-18-kezdesu")
        assert (status, json.loads(data)["questions"]) == (200, 1)
        assert nginx.request("GET", "/api/letters/status")[0] == 403  # POST only
        # nothing of the writer reaches a log
        logs = nginx.error_log() + "".join(
            p.read_text("utf-8", "replace") for p in (tmp_path / "prefix" / "logs").glob("*"))
        assert sent["code"] not in logs
    finally:
        nginx.stop()
        service.terminate()
        service.communicate(timeout=10)
    assert LetterStore(tmp_path / "var" / "l.sqlite3").letters()[0].contact == PERSONAL["contact"]
