"""--admin-token: only ``Authorization: Bearer TOKEN`` opens /__admin (its docs too); refusals change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT

REFUSAL = {"error": "the admin API needs 'Authorization: Bearer <admin token>'"}
ROUTES = ("/__admin/health", "/__admin/docs", "/__admin/openapi.json", "/__admin/requests", "/__admin/scenarios")


@pytest.fixture(scope="module")
def guarded() -> Iterator[TestClient]:
    """One guarded server for the whole table (the refusal test checks it changed nothing)."""
    clock = Clock()
    clock.freeze(FROZEN_AT)
    with TestClient(create_app(Settings(seed=1, admin_token="t0ken"), clock=clock)) as client:
        yield client


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (None, 401),
        ("t0ken", 401),
        ("Bearer", 401),
        ("Bearer ", 401),
        ("Bearer wrong", 401),
        ("Bearer t0ken2", 401),
        ("Basic t0ken", 401),
        ("Token t0ken", 401),
        ("Bearert0ken", 401),
        ("Bearer t0ken", 200),
        ("bearer t0ken", 200),
        ("BEARER  t0ken ", 200),
    ],
)
@pytest.mark.parametrize("route", ROUTES)
def test_only_a_bearer_token_opens_the_admin_api(
    guarded: TestClient, route: str, authorization: str | None, status: int
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = guarded.get(route, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json() == REFUSAL


def test_docs_page_points_at_the_guarded_openapi_document(guarded: TestClient) -> None:
    page = guarded.get("/__admin/docs", headers={"Authorization": "Bearer t0ken"})
    assert page.headers["content-type"].startswith("text/html")
    assert "/__admin/openapi.json" in page.text
    spec = guarded.get("/__admin/openapi.json", headers={"Authorization": "Bearer t0ken"}).json()
    assert "/health" in spec["paths"] and "/docs" not in spec["paths"]


def test_without_a_token_setting_the_docs_are_open(client: TestClient) -> None:
    assert client.get("/__admin/docs").status_code == 200
    assert "/reset" in client.get("/__admin/openapi.json").json()["paths"]


def test_a_refused_call_changes_nothing(guarded: TestClient) -> None:
    good = {"Authorization": "Bearer t0ken"}
    assert guarded.get("/ons/t/teams", headers={"Accept": "application/json"}).status_code == 200
    journal_before = guarded.get("/__admin/requests", headers=good).json()["total"]
    clock_before = guarded.get("/__admin/clock", headers=good).json()
    for method, path, body in (
        ("DELETE", "/__admin/requests", None),
        ("POST", "/__admin/reset", None),
        ("POST", "/__admin/clock", {"action": "advance", "seconds": 3600}),
        ("POST", "/__admin/scenarios?name=ons-maintenance", None),
    ):
        response = guarded.request(method, path, json=body, headers={"Authorization": "t0ken"})
        assert (response.status_code, response.json()) == (401, REFUSAL)
    assert guarded.get("/__admin/clock", headers=good).json() == clock_before
    assert guarded.get("/__admin/scenarios", headers=good).json()["scenarios"] == []
    # Neither emptied nor reset (a full reset empties it too).
    assert journal_before > 0
    assert guarded.get("/__admin/requests", headers=good).json()["total"] == journal_before
