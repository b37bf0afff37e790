"""POST /__admin/reset/all: stores, journal, scenarios and clock back to the server's start in one call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

JSON = {"Accept": "application/json"}
JUMP = "name: jump\nclock: {advance_seconds: 90}\n"


@pytest.fixture
def busy(clock: Clock) -> Iterator[TestClient]:
    """A server after a test has used it: a new client, scenarios on, the clock moved, a journal."""
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as client:
        created = client.post("/ons/t/clients", json={"firstName": "Jan", "birthName": "Smit"}, headers=JSON)
        assert created.status_code == 201
        client.app.state.new_client = created.headers["location"]  # type: ignore[attr-defined]
        assert client.post("/__admin/scenarios", content=JUMP).status_code == 201
        assert (
            client.post("/__admin/scenarios", params={"name": "ons-maintenance", "tenant": "DF0000"}).status_code == 201
        )
        assert client.post("/__admin/clock", json={"action": "advance", "seconds": 3600}).status_code == 200
        yield client


def test_reset_all_puts_everything_back_to_the_start(busy: TestClient) -> None:
    location = busy.app.state.new_client  # type: ignore[attr-defined]
    assert busy.get(location, headers=JSON).status_code == 200
    response = busy.post("/__admin/reset/all")
    assert response.status_code == 200
    assert response.json() == {
        "reset": "all",
        "scenarios_removed": 2,
        "stores_dropped": 1,
        "journal_cleared": 2,
        "clock": {
            "mode": "frozen",
            "now": "2026-03-02T09:30:00.000+00:00",
            "timestamp": 1772443800.0,
            "offset_seconds": 0.0,
        },
    }
    assert busy.get("/__admin/scenarios").json()["scenarios"] == []
    assert busy.get("/__admin/requests").json() == {"requests": [], "total": 0}
    assert busy.get(location, headers=JSON).status_code == 404


def test_after_reset_all_the_data_is_a_fresh_servers(busy: TestClient, clock: Clock) -> None:
    busy.post("/__admin/reset/all")
    fresh_clock = Clock()
    fresh_clock.freeze(clock.now())
    with TestClient(create_app(Settings(seed=1234), clock=fresh_clock)) as fresh:
        for path in ("/ons/t/clients/1", "/ons/t/teams", "/ons/t/employees/3"):
            assert busy.get(path, headers=JSON).content == fresh.get(path, headers=JSON).content


def test_reset_all_brings_a_running_clock_back_to_its_start_offset() -> None:
    clock = Clock()
    with TestClient(create_app(Settings(seed=1), clock=clock)) as client:
        client.post("/__admin/clock", json={"action": "freeze", "at": "2031-01-01T00:00:00Z"})
        body = client.post("/__admin/reset/all").json()
    assert (body["clock"]["mode"], body["clock"]["offset_seconds"]) == ("system", 0.0)


def test_reset_all_returns_to_freeze_at_and_drops_start_scenarios() -> None:
    settings = Settings(seed=1, freeze_at="2030-05-01T12:00:00Z", scenarios=["ons-maintenance"])
    with TestClient(create_app(settings, clock=Clock())) as client:
        client.post("/__admin/clock", json={"action": "advance", "seconds": 60})
        body = client.post("/__admin/reset/all").json()
        assert body["scenarios_removed"] == 1
        assert body["clock"]["now"] == "2030-05-01T12:00:00.000+00:00"
        assert client.get("/ons/t/teams", headers=JSON).status_code == 200


def test_reset_all_with_parameters_is_400_and_nothing_is_reset(busy: TestClient) -> None:
    before = (busy.get("/__admin/clock").json(), busy.get("/__admin/requests").json()["total"])
    response = busy.post("/__admin/reset/all", params={"provider": "ons"})
    assert response.status_code == 400
    assert response.json() == {"error": "reset/all takes no parameters; POST /__admin/reset?provider=&tenant= is finer"}
    assert (busy.get("/__admin/clock").json(), busy.get("/__admin/requests").json()["total"]) == before
    assert len(busy.get("/__admin/scenarios").json()["scenarios"]) == 2
    assert busy.get(busy.app.state.new_client, headers=JSON).status_code == 200  # type: ignore[attr-defined]
