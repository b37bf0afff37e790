"""/__admin/tenants: a tenant of every provider made at run time, its own data and credentials, removed whole."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import Settings

JSON = {"Accept": "application/json"}
FIXTURE_ONS = {**JSON, "X-Client-Cert-CN": "hr_integration-TE1002-free_text"}
#: Doubles every Ons store's clients: a fixture override, which swaps the config the run-time tenants are added to.
MORE_CLIENTS = "name: more-clients\nfixtures: {ons: {sizes: {clients: 120}}}\n"


def made(client: TestClient, name: str | None = None) -> dict[str, Any]:
    response = client.post("/__admin/tenants", json={"name": name} if name else None)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def ons_headers(tenant: dict[str, Any]) -> dict[str, str]:
    return {**JSON, "X-Client-Cert-CN": tenant["credentials"]["ons"][0]["cn"]}


def test_a_new_tenant_has_credentials_of_its_own_for_every_provider(client: TestClient) -> None:
    tenant = made(client, "alpha")
    credentials = tenant["credentials"]
    assert tenant["tenant"] == "alpha"
    assert credentials["ons"][0]["cn"] == "hr_integration-TT0000-alpha"
    assert credentials["onlineafspraken"] == [
        {"tenant": "alpha", "api_key": "oa-alpha-key", "api_secret": "oa-alpha-secret"}
    ]
    assert credentials["leanlaw"][0]["api_key"] == "ll-hartwell-full-0001-alpha"
    assert credentials["onix"][0]["key"] == "onix-key-nordlys-5c1f0e93d2a84b76-alpha"
    token = next(c["token"] for c in credentials["oncrawl"] if "token" in c)
    assert token == "oc-demo-token-full-alpha"
    answers = [
        client.get("/ons/t/teams", headers=ons_headers(tenant)),
        client.get("/leanlaw/v2/practice-areas", headers={"Authorization": "Bearer ll-hartwell-full-0001-alpha"}),
        client.get(
            "/onix/v1/company/order-statuses", headers={"Authorization": f"Key {credentials['onix'][0]['key']}"}
        ),
        client.get("/oncrawl/api/v2/projects", headers={"Authorization": f"Bearer {token}"}),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert {e["tenant"] for e in client.get("/__admin/requests").json()["requests"]} == {"alpha"}
    assert client.get("/__admin/tenants").json() == {"tenants": ["alpha"]}


def test_its_data_starts_as_the_first_tenants_and_its_writes_are_its_own(client: TestClient, clock: Clock) -> None:
    first, second = made(client), made(client)
    assert (first["tenant"], second["tenant"]) == ("t-1", "t-2")
    fixture_client = client.get("/ons/t/clients/1", headers=FIXTURE_ONS).content
    assert client.get("/ons/t/clients/1", headers=ons_headers(first)).content == fixture_client
    for n, tenant in enumerate((first, second)):
        created = client.post("/ons/t/clients", json={"birthName": f"Eigen{n}"}, headers=ons_headers(tenant))
        assert created.headers["location"] == "/ons/t/clients/1064"
    assert client.get("/ons/t/clients/1064", headers=ons_headers(second)).json()["birthName"] == "Eigen1"
    assert client.get("/ons/t/clients/1064", headers=FIXTURE_ONS).status_code == 404
    key = first["credentials"]["onlineafspraken"][0]
    query = signed_query("getAgendas", [], key["api_key"], key["api_secret"], int(clock.timestamp()))
    assert "<Status>success</Status>" in client.get("/onlineafspraken/APIREST", params=query).text


def test_a_scenario_limited_to_it_leaves_the_others_alone(client: TestClient) -> None:
    tenant = made(client)
    assert (
        client.post("/__admin/scenarios", params={"name": "ons-maintenance", "tenant": tenant["tenant"]}).status_code
        == 201
    )
    assert client.get("/ons/t/teams", headers=ons_headers(tenant)).status_code == 503
    assert client.get("/ons/t/teams", headers=FIXTURE_ONS).status_code == 200


def test_a_fixture_override_applied_later_keeps_the_tenant_and_its_data(client: TestClient) -> None:
    tenant = made(client)
    client.post("/ons/t/clients", json={"birthName": "Blijft"}, headers=ons_headers(tenant))
    assert client.post("/__admin/scenarios", content=MORE_CLIENTS).status_code == 201
    # The override rebuilds every Ons store with the new sizes; the tenant is still known and answers.
    assert client.get("/ons/t/clients/1120", headers=ons_headers(tenant)).status_code == 200
    added = made(client)  # adding another one rebuilds nothing
    assert client.get("/ons/t/clients/1120", headers=ons_headers(added)).status_code == 200
    assert client.post("/ons/t/clients", json={"birthName": "X"}, headers=ons_headers(tenant)).status_code == 201


def test_removing_it_forgets_its_credentials_stores_and_scenarios(client: TestClient) -> None:
    keep, gone = made(client), made(client)
    client.post("/ons/t/clients", json={"birthName": "Blijft"}, headers=ons_headers(keep))
    client.post("/ons/t/clients", json={"birthName": "Weg"}, headers=ons_headers(gone))
    client.post("/__admin/scenarios", params={"name": "ons-maintenance", "tenant": gone["tenant"]})
    assert client.get("/ons/t/teams", headers=ons_headers(gone)).status_code == 503
    response = client.delete(f"/__admin/tenants/{gone['tenant']}")
    assert response.json() == {"removed": "t-2", "stores_dropped": 1}
    assert client.get("/ons/t/teams", headers=ons_headers(gone)).status_code == 403  # an unknown certificate
    assert client.get("/__admin/scenarios").json()["scenarios"] == []
    assert client.get("/ons/t/clients/1064", headers=ons_headers(keep)).json()["birthName"] == "Blijft"
    assert client.get("/__admin/tenants").json() == {"tenants": ["t-1"]}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"name": "TE1002"}, 400, "name: 'TE1002' is not a tenant name"),
        ({"name": "hartwell"}, 409, "name: 'hartwell' is a tenant of the fixtures"),
        ({"name": "t-1"}, 409, "name: tenant 't-1' exists already"),
        ({"name": 7}, 400, "name: must be a string"),
        ({"tenant": "x"}, 400, 'the body is {"name": "..."} or empty'),
        ([1], 400, 'the body is {"name": "..."} or empty'),
    ],
)
def test_a_tenant_that_cannot_be_made_is_refused(client: TestClient, body: Any, status: int, message: str) -> None:
    made(client)
    response = client.post("/__admin/tenants", json=body)
    assert response.status_code == status
    assert response.json()["error"].startswith(message)
    assert client.get("/__admin/tenants").json() == {"tenants": ["t-1"]}


def test_removing_a_tenant_that_was_not_made_is_404(client: TestClient) -> None:
    response = client.delete("/__admin/tenants/TE1002")
    assert response.status_code == 404
    assert response.json()["error"] == "no tenant 'TE1002' was made at run time; made: none"


def test_tenants_and_their_data_travel_in_the_snapshot(client: TestClient, clock: Clock) -> None:
    tenant = made(client, "gamma")
    client.post("/ons/t/clients", json={"birthName": "Meereizend"}, headers=ons_headers(tenant))
    document = client.get("/__admin/snapshot").json()
    assert document["tenants"] == ["gamma"]
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as fresh:
        assert fresh.put("/__admin/snapshot", json=document).status_code == 200
        assert fresh.get("/__admin/tenants").json() == {"tenants": ["gamma"]}
        assert fresh.get("/ons/t/clients/1064", headers=ons_headers(tenant)).json()["birthName"] == "Meereizend"
        bad = {**document, "tenants": ["gamma", "gamma"]}
        refused = fresh.put("/__admin/snapshot", json=bad)
        assert refused.status_code == 400
        assert refused.json()["error"] == "not a state document: tenants[1]: 'gamma' is listed twice"
