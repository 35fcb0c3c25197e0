"""``site-gen letters serve`` on waitress over real HTTP: what a browser or a flood gets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.blog.server import origin_of
from tests.security.letters_harness import LETTER, SITE, Endpoint, running


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[Endpoint]:
    with running(tmp_path / "letters.sqlite3") as served:
        yield served


def test_a_good_letter_gets_its_number_and_is_stored(endpoint: Endpoint) -> None:
    status, headers, body = endpoint.post(LETTER)
    assert status == 201
    assert body["number"] == "2026-0001"
    assert body["reply_by"] == "2026-11-26"
    assert headers["access-control-allow-origin"] == SITE
    status, _headers, body = endpoint.post({**LETTER, "lang": "ru", "text": "Второе письмо тут."})
    assert body["number"] == "2026-0002"
    stored = endpoint.store.letters()
    assert [x.number for x in stored] == ["2026-0001", "2026-0002"]
    assert stored[0].text == LETTER["text"] and stored[0].department == "Ұлытау учаскесі"


def test_too_long_letter_is_refused_with_the_limit(endpoint: Endpoint) -> None:
    status, _h, body = endpoint.post({**LETTER, "text": "ұ" * 4001})
    assert status == 422
    assert body["errors"] == [{"field": "text", "code": "too-long", "limit": 4000}]
    assert endpoint.store.letters() == []


def test_empty_letter_names_every_missing_field(endpoint: Endpoint) -> None:
    status, _h, body = endpoint.post({"name": "", "department": "", "lang": "", "text": ""})
    assert status == 422
    assert {(e["field"], e["code"]) for e in body["errors"]} == {
        ("department", "required"), ("lang", "required"), ("text", "required"),
        ("answer", "required"), ("consent", "consent-required")}
    status, _h, body = endpoint.request("POST", b"", {"Content-Type": "application/json"})
    assert status == 400 and body["errors"][0]["code"] == "bad-json"
    assert endpoint.store.letters() == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "application/json; charset=windows-1251"])
def test_wrong_content_type_is_refused(endpoint: Endpoint, content_type: str) -> None:
    status, _h, body = endpoint.post(LETTER, content_type=content_type)
    assert status == 415 and body["errors"][0]["code"] == "not-json"
    assert endpoint.store.letters() == []


def test_an_oversized_body_is_refused_unread(endpoint: Endpoint) -> None:
    status, _h, body = endpoint.request("POST", b"{" + b" " * 40_000 + b"}",
                                        {"Content-Type": "application/json"})
    assert status == 413 and body["errors"][0] == {"field": "", "code": "too-large",
                                                    "limit": 32768}


def test_a_flood_from_one_address_is_slowed_down(endpoint: Endpoint) -> None:
    statuses = [endpoint.post(LETTER)[0] for _ in range(5)]
    status, headers, body = endpoint.post(LETTER)
    assert statuses == [201] * 5
    assert status == 429 and body["errors"][0]["code"] == "too-many"
    assert 1 <= int(headers["retry-after"]) <= 60
    assert len(endpoint.store.letters()) == 5


def test_only_the_site_origin_may_post_from_a_browser(endpoint: Endpoint) -> None:
    status, headers, body = endpoint.post(LETTER, origin="http://evil.example.com")
    assert status == 403 and body["errors"][0]["code"] == "foreign-origin"
    assert "access-control-allow-origin" not in headers
    status, headers, _ = endpoint.post(LETTER, origin=None)  # curl, scripts: no Origin
    assert status == 201 and "access-control-allow-origin" not in headers


def test_preflight_is_answered_for_the_site_only(endpoint: Endpoint) -> None:
    asked = {"Origin": SITE, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}
    status, headers, _ = endpoint.request("OPTIONS", headers=asked)
    assert status == 204
    assert headers["access-control-allow-origin"] == SITE
    assert "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-headers"].lower() == "content-type"
    status, headers, _ = endpoint.request("OPTIONS", headers={**asked, "Origin": "http://x.kz"})
    assert "access-control-allow-origin" not in headers


def test_unknown_path_is_not_found(endpoint: Endpoint) -> None:
    assert endpoint.request("POST", b"{}", {"Content-Type": "application/json"},
                            path="/admin")[0] == 404


def test_origin_of_a_base_url() -> None:
    assert origin_of("http://Intranet.Zharyq.example.kz/kk/") == "http://intranet.zharyq.example.kz"
    assert origin_of("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert origin_of("") == origin_of("intranet") == ""
