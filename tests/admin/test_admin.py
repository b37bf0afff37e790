"""The admin API: health, reset, clock, journal, verification, credentials."""

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT


def test_health_reports_version_seed_clock_and_prefixes(client: TestClient) -> None:
    body = client.get("/__admin/health").json()
    assert body["status"] == "ok"
    assert body["version"]
    assert body["clock"]["mode"] == "frozen"
    prefixes = {p["name"]: p["prefix"] for p in body["providers"]}
    assert prefixes["ons"] == "/ons"
    assert prefixes["onlineafspraken"] == "/onlineafspraken"


def test_clock_freeze_set_advance_and_back_to_system(client: TestClient) -> None:
    assert client.get("/__admin/clock").json()["now"].startswith(FROZEN_AT.isoformat()[:19])
    moved = client.post("/__admin/clock", json={"action": "advance", "seconds": 3600}).json()
    assert moved["now"].startswith("2026-03-02T10:30:00")
    at = client.post("/__admin/clock", json={"action": "set", "at": "2030-01-01T00:00:00Z"}).json()
    assert at["now"].startswith("2030-01-01T00:00:00") and at["mode"] == "frozen"
    system = client.post("/__admin/clock", json={"action": "system"}).json()
    assert system["mode"] == "system" and not system["now"].startswith("2030")
    frozen = client.post("/__admin/clock", json={"action": "freeze", "at": "2031-05-05T12:00:00+02:00"}).json()
    assert frozen["now"].startswith("2031-05-05T10:00:00")


def test_clock_refuses_incomplete_or_unknown_changes(client: TestClient) -> None:
    for body in ({"action": "set"}, {"action": "advance"}, {"action": "rewind"}, {"seconds": 1}):
        response = client.post("/__admin/clock", json=body)
        assert response.status_code == 400
        assert "error" in response.json() and "detail" not in response.json()


def test_journal_lists_newest_first_filters_counts_and_clears(client: TestClient) -> None:
    client.get("/ons/t/does-not-exist-1")
    client.get("/ons/t/does-not-exist-2")
    client.get("/onlineafspraken/nowhere")
    listed = client.get("/__admin/requests").json()
    assert listed["total"] == 3
    assert listed["requests"][0]["path"] == "/onlineafspraken/nowhere"
    assert listed["requests"][0]["id"].startswith("req-")
    only_ons = client.get("/__admin/requests", params={"provider": "ons"}).json()
    assert [r["path"] for r in only_ons["requests"]] == ["/ons/t/does-not-exist-2", "/ons/t/does-not-exist-1"]
    count = client.post("/__admin/requests/count", json={"path": "/ons/t/*", "method": "GET"}).json()
    assert count == {"count": 2}
    assert client.delete("/__admin/requests").json() == {"cleared": 3}
    assert client.get("/__admin/requests").json()["total"] == 0


def test_every_response_carries_the_journal_request_id(client: TestClient) -> None:
    response = client.get("/ons/t/does-not-exist")
    request_id = response.headers["x-request-id"]
    entries = client.get("/__admin/requests").json()["requests"]
    assert entries[0]["id"] == request_id
    assert entries[0]["status"] == response.status_code


def test_admin_calls_are_not_journalled(client: TestClient) -> None:
    client.get("/__admin/health")
    assert client.get("/__admin/requests").json()["total"] == 0


def test_count_refuses_unknown_filter_fields(client: TestClient) -> None:
    response = client.post("/__admin/requests/count", json={"colour": "red"})
    assert response.status_code == 400


def test_full_reset_clears_the_journal(client: TestClient) -> None:
    client.get("/ons/t/nothing")
    body = client.post("/__admin/reset").json()
    assert body["reset"] == {"provider": None, "tenant": None}
    assert client.get("/__admin/requests").json()["total"] == 0


def test_reset_of_an_unknown_provider_names_the_valid_ones(client: TestClient) -> None:
    response = client.post("/__admin/reset", params={"provider": "nope"})
    assert response.status_code == 404
    assert "ons" in response.json()["error"]


def test_credentials_lists_every_provider_with_tenants(client: TestClient) -> None:
    body = client.get("/__admin/credentials").json()
    assert set(body) >= {"ons", "onlineafspraken"}
    for entries in body.values():
        assert entries and all("tenant" in e for e in entries)


def test_state_of_an_unknown_collection_is_a_404_naming_valid_ones(client: TestClient) -> None:
    response = client.get("/__admin/state/ons/unicorns")
    assert response.status_code == 404
    assert "unicorns" in response.json()["error"]


def test_admin_openapi_page_exists(client: TestClient) -> None:
    spec = client.get("/__admin/openapi.json").json()
    assert "/health" in spec["paths"] and "/requests/count" in spec["paths"]


def test_admin_token_guards_the_admin_api(clock: Clock) -> None:
    app = create_app(Settings(admin_token="t0ken"), clock=clock)
    with TestClient(app) as c:
        assert c.get("/__admin/health").status_code == 401
        assert c.get("/__admin/health", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/__admin/health", headers={"Authorization": "Bearer t0ken"}).status_code == 200


def test_journal_request_headers_keep_secrets_out(client: TestClient) -> None:
    client.get("/ons/t/teams", headers={"Authorization": "Bearer s3cret", "Cookie": "session=abc"})
    body = client.get("/__admin/requests").json()
    headers = body["requests"][0]["request_headers"]
    assert headers["authorization"] == "<redacted>" and headers["cookie"] == "<redacted>"
    assert "s3cret" not in str(body) and "session=abc" not in str(body) and "raw_headers" not in body["requests"][0]


def test_journal_filters_return_exactly_the_matching_entries(client: TestClient) -> None:
    viewer = {"X-Client-Cert-CN": "planning_readonly-TE1002-viewer"}
    client.get("/ons/t/clients/1001")  # 200 as the default connector
    client.get("/ons/t/clients/1001", headers=viewer)  # 401: the viewer may not read clients
    client.get("/ons/t/teams", headers=viewer)  # 200
    client.get("/onlineafspraken/nowhere")

    def listed(**params: object) -> list[tuple]:
        body = client.get("/__admin/requests", params=params).json()
        rows = [(r["id"], r["path"], r["status"], r["operation"], r["credential"]) for r in body["requests"]]
        assert body["total"] == len(rows)
        return rows

    assert listed(status=401) == [
        ("req-00000002", "/ons/t/clients/1001", 401, "get_client", "planning_readonly-TE1002-viewer")
    ]
    assert listed(operation="get_client") == [
        ("req-00000002", "/ons/t/clients/1001", 401, "get_client", "planning_readonly-TE1002-viewer"),
        ("req-00000001", "/ons/t/clients/1001", 200, "get_client", "hr_integration-TE1002-free_text"),
    ]
    assert listed(provider="ons", status=200) == [
        ("req-00000003", "/ons/t/teams", 200, "list_teams", "planning_readonly-TE1002-viewer"),
        ("req-00000001", "/ons/t/clients/1001", 200, "get_client", "hr_integration-TE1002-free_text"),
    ]
    assert [row[0] for row in listed(tenant="TE1002")] == ["req-00000003", "req-00000002", "req-00000001"]
    assert listed(provider="onlineafspraken") == [("req-00000004", "/onlineafspraken/nowhere", 200, None, None)]
    assert listed(path="/ons/t/teams", method="POST") == []
    newest = client.get("/__admin/requests", params={"limit": 2}).json()
    assert ([r["id"] for r in newest["requests"]], newest["total"]) == (["req-00000004", "req-00000003"], 4)
    assert client.post("/__admin/requests/count", json={"status": 200, "provider": "ons"}).json() == {"count": 2}
