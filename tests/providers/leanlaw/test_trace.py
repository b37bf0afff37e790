"""The trace id and the version header on every answer the provider makes, once each, after the body's headers."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.providers.leanlaw.conftest import BASE, FULL, Api, bearer

#: contracts/leanlaw/notes-conventions.yml: the version a live response carried.
VERSION = "0.27.0"


def assert_stamped_once(response: Any) -> None:
    assert len(response.headers.get_list("x-leanlaw-traceid")) == 1
    assert response.headers.get_list("x-leanlaw-version") == [VERSION]


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/clients?limit=2", bearer(FULL), 200),
        ("GET", "/users", bearer(FULL), 200),
        ("GET", "/clients", {}, 401),
        ("GET", "/nowhere", bearer(FULL), 404),
        ("DELETE", "/users", bearer(FULL), 405),
        ("GET", "/clients?limit=0", bearer(FULL), 400),
    ],
)
def test_every_answer_carries_the_version_header_once(
    client: TestClient, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    response = client.request(method, BASE + path, headers=headers)
    assert response.status_code == status
    assert_stamped_once(response)


def test_answers_without_a_body_carry_both_headers(api: Api) -> None:
    created = api.post("/practice-areas", {"label": "Maritime"})
    assert created.status_code == 201
    assert_stamped_once(created)
    deleted = api.delete(f"/practice-areas/{created.json()['data']['practiceAreaId']}")
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert_stamped_once(deleted)


def test_trace_and_version_headers_follow_the_body_headers(api: Api) -> None:
    listed = [name for name, _ in api.get("/clients", limit=1).headers.raw]
    assert listed[:4] == [b"content-length", b"content-type", b"x-leanlaw-traceid", b"x-leanlaw-version"]
    refused = [name for name, _ in api.get("/clients", limit=0).headers.raw]
    assert refused[:4] == [b"x-leanlaw-traceid", b"content-length", b"content-type", b"x-leanlaw-version"]


def test_a_scenario_answer_carries_the_trace_and_version_headers(client: TestClient, api: Api) -> None:
    scenario = {"name": "down", "provider": "leanlaw", "rules": [{"fault": {"type": "respond", "status": 503}}]}
    assert client.post("/__admin/scenarios", json=scenario).status_code == 201
    try:
        response = api.get("/clients", limit=1)
        assert response.status_code == 503
        assert_stamped_once(response)
        assert response.json()["traceId"] == response.headers["x-leanlaw-traceid"]
    finally:
        client.delete("/__admin/scenarios/down")


def test_a_refused_head_carries_the_trace_id_but_no_version_header(client: TestClient) -> None:
    # Refused before the request reaches the provider, as it always was: no version header there.
    big = {f"x-pad-{n}": "v" * 8000 for n in range(5)}
    response = client.get(f"{BASE}/clients", headers={**bearer(FULL), **big})
    assert response.status_code == 431
    assert response.json()["traceId"] == response.headers["x-leanlaw-traceid"]
    assert "x-leanlaw-version" not in response.headers
