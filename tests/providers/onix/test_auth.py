"""Auth through HTTP: the token call, Bearer for tokens and Key (or bare) for company keys, expiry, tenancy."""

from __future__ import annotations

import pytest

from tests.providers.onix.conftest import BASE, FJORD, NORDLYS, Onix, problem

BAD_REQUEST = {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.1", "title": "Bad Request", "status": 400}
STATUSES = "/company/order-statuses"


def test_token_call_answers_a_bare_json_string(onix: Onix) -> None:
    response = onix.client.post(
        f"{BASE}/Account/token", json={"username": NORDLYS["user"], "password": NORDLYS["password"]}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.content.startswith(b'"') and response.content.endswith(b'"')
    assert len(response.json()) >= 32


def test_token_user_name_is_an_email_matched_without_case(onix: Onix) -> None:
    body = {"username": NORDLYS["user"].upper(), "password": NORDLYS["password"]}
    assert onix.client.post(f"{BASE}/Account/token", json=body).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": NORDLYS["user"], "password": "wrong"},
        {"username": "nobody@nordlys.example", "password": NORDLYS["password"]},
        {"username": NORDLYS["user"]},
        {"username": 5, "password": NORDLYS["password"]},
        ["not", "an", "object"],
        "just a string",
    ],
)
def test_token_call_with_wrong_credentials_or_body_is_bad_request(onix: Onix, body: object) -> None:
    response = onix.client.post(f"{BASE}/Account/token", json=body)
    assert problem(response) == BAD_REQUEST


def test_token_call_with_broken_json_is_bad_request(onix: Onix) -> None:
    response = onix.client.post(
        f"{BASE}/Account/token", content=b"{username:", headers={"Content-Type": "application/json"}
    )
    assert problem(response) == BAD_REQUEST


@pytest.mark.parametrize(
    ("header", "status", "challenge"),
    [
        (None, 401, "Bearer"),
        ("", 401, "Bearer"),
        ("Key {key}", 200, None),
        ("key {key}", 200, None),
        ("{key}", 200, None),
        ("Bearer {token}", 200, None),
        ("bearer {token}", 200, None),
        ("Bearer {key}", 401, 'Bearer error="invalid_token", error_description="A long-lived company key goes under'),
        ("Key {token}", 401, 'Key error="invalid_token", error_description="A short-lived token goes under'),
        ("{token}", 401, 'Key error="invalid_token"'),
        ("Bearer not-a-token", 401, 'Bearer error="invalid_token"'),
        ("Key not-a-key", 401, 'Key error="invalid_token"'),
        ("Basic {key}", 401, 'Bearer error="invalid_token"'),
    ],
)
def test_authorization_header_table(onix: Onix, header: str | None, status: int, challenge: str | None) -> None:
    token = onix.login()
    headers = {} if header is None else {"Authorization": header.format(key=NORDLYS["key"], token=token)}
    response = onix.client.get(f"{BASE}{STATUSES}", headers=headers)
    assert response.status_code == status
    if challenge is not None:
        assert response.content == b""
        assert response.headers["www-authenticate"].startswith(challenge)


def test_token_expires_after_60_minutes_of_virtual_time(onix: Onix) -> None:
    onix.login()
    onix.advance(59 * 60 + 59)
    assert onix.get(STATUSES).status_code == 200
    onix.advance(1)
    response = onix.get(STATUSES)
    assert response.status_code == 401 and response.content == b""
    assert response.headers["www-authenticate"].startswith(
        'Bearer error="invalid_token", error_description="The token expired at'
    )
    onix.login()
    assert onix.get(STATUSES).status_code == 200


def test_company_key_never_expires(onix: Onix) -> None:
    onix.advance(400 * 24 * 3600)
    assert onix.get(STATUSES).status_code == 200


def test_expired_token_writes_nothing(onix: Onix) -> None:
    onix.login()
    before = onix.everything()
    onix.advance(3600)
    response = onix.post("/orders", {"orderImportId": "LATE-1"})
    assert response.status_code == 401
    assert onix.everything() == before


def test_key_under_bearer_writes_nothing(onix: Onix) -> None:
    before = onix.everything()
    response = onix.post("/orders", {"orderImportId": "X-1"}, headers={"Authorization": f"Bearer {NORDLYS['key']}"})
    assert response.status_code == 401
    assert onix.everything() == before


def test_the_company_is_the_tenant(onix: Onix) -> None:
    onix.login()
    order_id = onix.ok("/orders", {"orderImportId": "NORDLYS-ONLY"})
    other = Onix(onix.client, FJORD)
    other.login()
    assert [o["orderId"] for o in onix.state("orders") if o["orderImportId"] == "NORDLYS-ONLY"] == [order_id]
    assert not [o for o in other.state("orders", "fjordkontroll") if o["orderImportId"] == "NORDLYS-ONLY"]
    response = other.post("/order-lines", {"orderImportId": "NORDLYS-ONLY", "productNo": "LIFT-100"})
    assert response.json()[0]["memberNames"] == ["orderImportId"]


def test_tokens_are_the_same_on_every_run(onix: Onix) -> None:
    token = onix.login()
    assert (len(token), token) == (43, "sXWPMvzlJH2K05dxihY0MCzP6o5VjEXhh0AltiQSbHD")


def test_a_reset_never_hands_out_a_token_twice(onix: Onix) -> None:
    seen = {onix.login()}
    for _ in range(2):
        assert onix.client.post("/__admin/reset").status_code == 200
        token = onix.login()
        assert token not in seen
        seen.add(token)


def test_reset_forgets_issued_tokens(onix: Onix) -> None:
    onix.login()
    assert onix.client.post("/__admin/reset").status_code == 200
    assert onix.get(STATUSES).status_code == 401


def test_credentials_list_username_password_and_key(onix: Onix) -> None:
    listed = onix.client.get("/__admin/credentials").json()["onix"]
    assert listed == [
        {"tenant": "nordlys", "username": NORDLYS["user"], "password": NORDLYS["password"], "key": NORDLYS["key"]},
        {"tenant": "fjordkontroll", "username": FJORD["user"], "password": FJORD["password"], "key": FJORD["key"]},
    ]
