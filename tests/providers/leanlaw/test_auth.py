"""Bearer API keys: 401 without one, 403 for another scheme or an unknown key, and the permission matrix."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.providers.leanlaw.auth import authorize
from mockserver.providers.leanlaw.config import ApiKey
from mockserver.providers.leanlaw.errors import NotAuthorized
from mockserver.settings import Settings
from tests.providers.leanlaw.conftest import BASE, FULL, NO_RATES, OTHER_FIRM, READ_ONLY, Api, first


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": ""}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer   "}, 401),
        ({"Authorization": f"Basic {FULL}"}, 403),
        ({"Authorization": FULL}, 403),
        ({"Authorization": "Bearer ll-unknown-key-9999"}, 403),
        ({"X-Api-Key": FULL}, 401),
        ({"Authorization": f"Bearer {FULL}"}, 200),
        ({"Authorization": f"bearer {FULL}"}, 200),
        ({"Authorization": f"BEARER  {FULL} "}, 200),
    ],
)
def test_list_clients_authorization_header_decides(client: TestClient, headers: dict[str, str], status: int) -> None:
    response = client.get(f"{BASE}/clients", headers=headers)
    assert response.status_code == status
    if status != 200:
        assert response.json()["status"] == status
        assert list(response.json()["errors"]) == ["authorization"]


def test_missing_key_message_says_what_to_send(client: TestClient) -> None:
    body = client.get(f"{BASE}/clients").json()
    assert body["title"] == "Unauthorized"
    assert body["errors"]["authorization"] == ["No API key was provided. Send 'Authorization: Bearer <api key>'."]


# The permission matrix: each of the three kinds of key, for a read, a write and the rates.
KEYS = {FULL: ("read", "write", "read.rates"), READ_ONLY: ("read",), NO_RATES: ("read", "write")}


@pytest.mark.parametrize("key", list(KEYS))
def test_read_is_allowed_for_every_key(client: TestClient, key: str) -> None:
    assert Api(client, key).get("/matters", limit=1).status_code == 200


@pytest.mark.parametrize("key", list(KEYS))
def test_write_needs_the_write_permission(client: TestClient, key: str) -> None:
    api = Api(client, key)
    before = api.data("/practice-areas")
    response = api.post("/practice-areas", {"label": "Appeals"})
    if "write" in KEYS[key]:
        assert response.status_code == 201
        assert len(api.data("/practice-areas")) == len(before) + 1
    else:
        assert response.status_code == 403
        assert response.json()["errors"]["authorization"] == [
            "The API key does not have the 'write' permission (it has: read)."
        ]
        assert api.data("/practice-areas") == before


@pytest.mark.parametrize("key", list(KEYS))
@pytest.mark.parametrize("path", ["/time-entries?billingType=billable&limit=5", "/time-entries/{id}"])
def test_rate_and_amount_need_read_rates(client: TestClient, key: str, path: str) -> None:
    api = Api(client, key)
    entry = first(Api(client), "/time-entries", billingType="billable")
    response = client.get(BASE + path.format(id=entry["timeEntryId"]), headers=api.headers())
    data = response.json()["data"]
    for item in data if isinstance(data, list) else [data]:
        assert ("rate" in item and "amount" in item) == ("read.rates" in KEYS[key])
        assert "hours" in item


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_read_only_key_changes_nothing(client: TestClient, method: str) -> None:
    full, reader = Api(client), Api(client, READ_ONLY)
    area = reader.data("/practice-areas")[-1]
    url = f"{BASE}/practice-areas/{area['practiceAreaId']}"
    response = client.request(method, url, json={"label": "Renamed"}, headers=reader.headers())
    assert response.status_code == 403
    assert area in full.data("/practice-areas")


def test_acting_user_header_fills_in_the_time_entry_user(client: TestClient) -> None:
    api = Api(client)
    user = api.data("/users", role="paralegal")[0]["userId"]
    matter = first(api, "/matters", archived="false")["matterId"]
    body = {"matterId": matter, "date": "2026-03-02", "description": "Index exhibits", "hours": 0.5}
    created = api.post("/time-entries", body, headers={"x-leanlaw-userid": user})
    assert created.status_code == 201
    assert created.json()["data"]["userId"] == user
    missing = api.post("/time-entries", body)
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["userId"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-guid", "The value 'not-a-guid' is not a valid GUID."),
        (
            "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
            "No user with id 3f2504e0-4f89-41d3-9a0c-0305e82c3301 was found in this firm.",
        ),
    ],
)
def test_unknown_acting_user_is_400(client: TestClient, value: str, message: str) -> None:
    response = Api(client).get("/clients", headers={"x-leanlaw-userid": value}, limit=1)
    assert response.status_code == 400
    assert response.json()["errors"] == {"x-leanlaw-userid": [message]}


@pytest.mark.parametrize(("permissions", "granted"), [((), "none"), (("read", "read.rates"), "read, read.rates")])
def test_missing_permission_message_lists_what_the_key_has(permissions: tuple[str, ...], granted: str) -> None:
    with pytest.raises(NotAuthorized) as caught:
        authorize(ApiKey(key="ll-test-key-0000", permissions=permissions), "write")
    assert caught.value.errors == {
        "authorization": [f"The API key does not have the 'write' permission (it has: {granted})."]
    }


def test_partner_id_header_is_accepted(client: TestClient) -> None:
    response = Api(client).get("/clients", headers={"x-leanlaw-partnerid": "partner-123"}, limit=1)
    assert response.status_code == 200


def test_keys_of_another_firm_see_other_data(client: TestClient) -> None:
    ours, theirs = Api(client), Api(client, OTHER_FIRM)
    client_id = first(ours, "/clients")["clientId"]
    assert client_id not in {c["clientId"] for c in theirs.data("/clients")}
    assert theirs.get(f"/clients/{client_id}").status_code == 404
    created = ours.post("/clients", {"name": "Only Ours LLC"}).json()["data"]["clientId"]
    assert theirs.get(f"/clients/{created}").status_code == 404


def test_admin_credentials_list_every_key_with_firm_and_permissions(client: TestClient) -> None:
    listed = client.get("/__admin/credentials").json()["leanlaw"]
    by_key = {item["api_key"]: item for item in listed}
    assert len(by_key) == 6
    assert by_key[FULL]["tenant"] == "hartwell"
    assert by_key[FULL]["permissions"] == ["read", "write", "read.rates"]
    assert by_key[READ_ONLY]["permissions"] == ["read"]
    assert by_key[NO_RATES]["permissions"] == ["read", "write"]
    assert by_key[OTHER_FIRM]["tenant"] == "cascade"


def test_journal_names_the_firm_and_hides_the_key(client: TestClient) -> None:
    Api(client).get("/clients", limit=1)
    entry = client.get("/__admin/requests", params={"provider": "leanlaw"}).json()["requests"][0]
    assert entry["tenant"] == "hartwell"
    assert entry["operation"] == "ListClients"
    assert FULL not in str(entry.get("headers"))


@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        (f"Basic {FULL}", "Unsupported authorization scheme 'Basic'. Send 'Authorization: Bearer <api key>'."),
        ("Bearer ll-unknown-key-9999", "The API key is not valid. Generate one under Settings > API in LeanLaw."),
    ],
)
def test_refusal_says_what_a_valid_key_looks_like(client: TestClient, authorization: str, message: str) -> None:
    body = client.get(f"{BASE}/clients", headers={"Authorization": authorization}).json()
    assert body["title"] == "Forbidden"
    assert body["errors"] == {"authorization": [message]}


def test_blank_acting_user_header_is_ignored(client: TestClient) -> None:
    assert Api(client).get("/clients", headers={"x-leanlaw-userid": "  "}, limit=1).status_code == 200


def test_acting_user_header_is_matched_without_regard_to_case(client: TestClient) -> None:
    api = Api(client)
    user = api.data("/users")[0]["userId"]
    assert api.get("/clients", headers={"x-leanlaw-userid": user.upper()}, limit=1).status_code == 200


def test_journal_names_the_key_masked_as_the_credential(client: TestClient) -> None:
    Api(client, NO_RATES).get("/codes")
    entry = client.get("/__admin/requests", params={"provider": "leanlaw"}).json()["requests"][0]
    assert (entry["tenant"], entry["credential"]) == ("hartwell", "ll-har...0003")
    assert NO_RATES not in str(entry)


def test_a_key_of_a_tenant_made_at_run_time_works_at_once_and_stops_when_it_is_removed() -> None:
    key = "ll-hartwell-full-0001-alpha"
    with TestClient(create_app(Settings(seed=1234))) as client:
        assert Api(client, key).get("/clients", limit=1).status_code == 403
        assert client.post("/__admin/tenants", json={"name": "alpha"}).status_code == 201
        assert Api(client, key).get("/clients", limit=1).status_code == 200
        assert Api(client, FULL).get("/clients", limit=1).status_code == 200
        entry = client.get("/__admin/requests", params={"provider": "leanlaw"}).json()["requests"][1]
        assert (entry["tenant"], entry["credential"]) == ("alpha", "ll-har...lpha")
        assert client.delete("/__admin/tenants/alpha").status_code == 200
        assert Api(client, key).get("/clients", limit=1).status_code == 403


def test_the_first_of_two_authorization_headers_counts(client: TestClient) -> None:
    url = f"{BASE}/clients?limit=1"
    valid, unknown = ("Authorization", f"Bearer {FULL}"), ("Authorization", "Bearer ll-unknown-key-9999")
    assert client.get(url, headers=[valid, unknown]).status_code == 200
    assert client.get(url, headers=[unknown, valid]).status_code == 403


def test_the_first_of_two_acting_user_headers_counts(client: TestClient) -> None:
    user = Api(client).data("/users")[0]["userId"]
    url = f"{BASE}/clients?limit=1"
    auth, known, bad = ("Authorization", f"Bearer {FULL}"), ("x-leanlaw-userid", user), ("x-leanlaw-userid", "nope")
    assert client.get(url, headers=[auth, known, bad]).status_code == 200
    assert client.get(url, headers=[auth, bad, known]).status_code == 400
