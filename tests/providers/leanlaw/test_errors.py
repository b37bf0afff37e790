"""The trace id on every answer, the error body, bad input as 400 (never 500, never ``detail``), and 429."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.providers.leanlaw.conftest import BASE, FULL, NO_RATES, Api, MakeClient, bearer, first

TRACE = re.compile(r"\A[0-9a-f]{32}\Z")


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The vendor-shaped error body, its trace id equal to the header's."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"type", "title", "status", "traceId", "errors"}
    assert body["status"] == status
    assert TRACE.match(body["traceId"])
    assert response.headers["x-leanlaw-traceid"] == body["traceId"]
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body["errors"].values())
    return body


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/clients", {}),
        ("GET", "/clients", bearer(FULL)),
        ("GET", "/codes", bearer(NO_RATES)),
        ("GET", "/nowhere", bearer(FULL)),
        ("DELETE", "/users", bearer(FULL)),
        ("GET", "/clients/3f2504e0-4f89-41d3-9a0c-0305e82c3301", bearer(FULL)),
    ],
)
def test_every_answer_carries_a_trace_id(client: TestClient, method: str, path: str, headers: dict[str, str]) -> None:
    response = client.request(method, BASE + path, headers=headers)
    assert TRACE.match(response.headers["x-leanlaw-traceid"])


def test_trace_ids_differ_per_request(api: Api) -> None:
    ids = {api.get("/codes").headers["x-leanlaw-traceid"] for _ in range(3)}
    assert len(ids) == 3


def test_unknown_client_is_404_naming_the_id(api: Api) -> None:
    response = api.get("/clients/3f2504e0-4f89-41d3-9a0c-0305e82c3301")
    body = assert_error(response, 404)
    assert body["errors"] == {"id": ["No client with id 3f2504e0-4f89-41d3-9a0c-0305e82c3301 was found."]}


@pytest.mark.parametrize(
    "path",
    [
        "/clients/{id}",
        "/matters/{id}",
        "/time-entries/{id}",
        "/expenses/{id}",
        "/fixed-fees/{id}",
        "/clients/{id}/balances",
    ],
)
def test_unknown_id_is_404(api: Api, path: str) -> None:
    assert_error(api.get(path.format(id="3f2504e0-4f89-41d3-9a0c-0305e82c3301")), 404)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/practice-areas/{id}", {"label": "x"}),
        ("DELETE", "/practice-areas/{id}", None),
        ("PUT", "/users/{id}", {"customFields": []}),
        ("PUT", "/expenses/{id}", {"amount": 1}),
        ("DELETE", "/fixed-fees/{id}", None),
    ],
)
def test_unknown_id_on_a_write_is_404(client: TestClient, api: Api, method: str, path: str, body: Any) -> None:
    url = BASE + path.format(id="3f2504e0-4f89-41d3-9a0c-0305e82c3301")
    assert_error(client.request(method, url, json=body, headers=api.headers()), 404)


@pytest.mark.parametrize("bad_id", ["123", "not-a-guid", "3f2504e0-4f89-41d3-9a0c", "{3f2504e0}"])
def test_non_uuid_id_is_400(api: Api, bad_id: str) -> None:
    body = assert_error(api.get(f"/matters/{bad_id}"), 400)
    assert list(body["errors"]) == ["id"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "A non-empty request body is required."),
        (b"{not json", "The request body is not valid JSON"),
        (b"[1, 2]", "The request body must be a JSON object."),
        (b'"text"', "The request body must be a JSON object."),
    ],
)
def test_malformed_body_is_400(client: TestClient, api: Api, content: bytes, message: str) -> None:
    headers = {**api.headers(), "Content-Type": "application/json"}
    body = assert_error(client.post(f"{BASE}/clients", content=content, headers=headers), 400)
    assert body["errors"]["request"][0].startswith(message)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": 42}, "name"),
        ({"name": "Ok", "contact": "ap@example.com"}, "contact"),
        ({"name": "Ok", "contact": {"email": 7}}, "contact.email"),
        ({"name": "Ok", "customFields": {"id": "x"}}, "customFields"),
        ({"name": "Ok", "customFields": [{"value": "x"}]}, "customFields[0].id"),
    ],
)
def test_wrong_types_in_a_create_are_400_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    response = assert_error(api.post("/clients", body), 400)
    assert list(response["errors"]) == [field]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"matterId": "x"}, "matterId"),
        ({"date": "2026-02-30"}, "date"),
        ({"time": "25:00"}, "time"),
        ({"hours": "2"}, "hours"),
        ({"hours": True}, "hours"),
        ({"billingType": "hourly"}, "billingType"),
        ({"rate": [1]}, "rate"),
    ],
)
def test_wrong_types_in_a_time_entry_are_400(api: Api, body: dict[str, Any], field: str) -> None:
    matter = first(api, "/matters")["matterId"]
    user = api.data("/users")[0]["userId"]
    base = {"matterId": matter, "userId": user, "date": "2026-03-02", "description": "Work", "hours": 1}
    response = assert_error(api.post("/time-entries", {**base, **body}), 400)
    assert list(response["errors"]) == [field]


def test_bad_input_never_gives_a_framework_detail_body(client: TestClient, api: Api) -> None:
    for method, path in [
        ("GET", "/clients?limit=-5"),
        ("POST", "/matters"),
        ("PUT", "/clients/x"),
        ("PATCH", "/clients"),
    ]:
        response = client.request(method, BASE + path, content=b"{", headers=api.headers())
        assert response.status_code in (400, 405)
        assert "detail" not in response.json()


def test_throttled_is_a_named_error_for_scenarios_without_retry_after(client: TestClient, api: Api) -> None:
    scenario = {
        "name": "leanlaw-throttle",
        "provider": "leanlaw",
        "rules": [{"match": {"operation": "ListTimeEntries"}, "fault": {"type": "respond", "error": "Throttled"}}],
    }
    assert client.post("/__admin/scenarios", json=scenario).status_code == 201
    try:
        response = api.get("/time-entries", limit=1)
        body = assert_error(response, 429)
        assert body["title"] == "Too Many Requests"
        assert "retry-after" not in response.headers
        assert api.get("/clients", limit=1).status_code == 200
    finally:
        client.delete("/__admin/scenarios/leanlaw-throttle")


def test_retry_after_only_when_asked(make_client: MakeClient) -> None:
    client = make_client(retry_after=30)
    scenario = {"name": "t", "provider": "leanlaw", "rules": [{"fault": {"type": "respond", "status": 429}}]}
    client.post("/__admin/scenarios", json=scenario)
    response = client.get(f"{BASE}/codes", headers=bearer(FULL))
    assert_error(response, 429)
    assert response.headers["retry-after"] == "30"


def test_real_rate_window_per_key(make_client: MakeClient, clock: Clock) -> None:
    client = make_client(rate_limit={"requests": 3, "window_seconds": 60})
    statuses = [client.get(f"{BASE}/codes", headers=bearer(FULL)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "retry-after" not in client.get(f"{BASE}/codes", headers=bearer(FULL)).headers
    assert client.get(f"{BASE}/codes", headers=bearer(NO_RATES)).status_code == 200
    clock.advance(60)
    assert client.get(f"{BASE}/codes", headers=bearer(FULL)).status_code == 200


def test_real_rate_window_with_retry_after_says_when(make_client: MakeClient, clock: Clock) -> None:
    client = make_client(rate_limit={"requests": 1, "window_seconds": 60}, retry_after=5)
    client.get(f"{BASE}/codes", headers=bearer(FULL))
    clock.advance(20)
    response = client.get(f"{BASE}/codes", headers=bearer(FULL))
    assert (response.status_code, response.headers["retry-after"]) == (429, "40")
