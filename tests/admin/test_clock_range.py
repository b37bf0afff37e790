"""The clock stays within 1970..2999: a change outside is a 400 that changes nothing; stored data stays readable."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.settings import Settings, build_settings
from tests.conftest import FROZEN_AT
from tests.providers.onlineafspraken.conftest import Api

RANGE = "the clock must stay between 1970-01-01T00:00:00Z and 2999-12-31T23:59:59Z; "
FROZEN_TS = FROZEN_AT.timestamp()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"action": "advance", "seconds": 3e11}, f"{FROZEN_TS + 3e11:.0f} seconds after 1970-01-01T00:00:00Z"),
        ({"action": "advance", "seconds": -2e9}, "1962-10-16T05:56:40Z"),
        ({"action": "set", "at": "9999-12-31T00:00:00Z"}, "9999-12-31T00:00:00Z"),
        ({"action": "freeze", "at": "1969-12-31T23:59:59Z"}, "1969-12-31T23:59:59Z"),
    ],
)
def test_clock_change_out_of_range_is_400_and_leaves_the_clock(client: TestClient, change: dict, where: str) -> None:
    response = client.post("/__admin/clock", json=change)
    assert response.status_code == 400
    assert response.json() == {"error": RANGE + f"this change would take it to {where}"}
    assert client.get("/__admin/clock").json()["timestamp"] == FROZEN_TS
    assert client.get("/__admin/health").status_code == 200


def test_clock_advance_by_nan_is_400(client: TestClient) -> None:
    response = client.post(
        "/__admin/clock", content=b'{"action": "advance", "seconds": NaN}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"error": RANGE + "the change is not a number"}
    assert client.get("/__admin/clock").json()["timestamp"] == FROZEN_TS


def test_running_clock_out_of_range_keeps_its_offset(client: TestClient) -> None:
    client.post("/__admin/clock", json={"action": "system"})
    response = client.post("/__admin/clock", json={"action": "set", "at": "3000-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert client.get("/__admin/clock").json()["offset_seconds"] == 0.0


def test_record_written_at_the_latest_instant_stays_readable(client: TestClient) -> None:
    moved = client.post("/__admin/clock", json={"action": "set", "at": "2999-12-31T23:59:59Z"})
    assert moved.status_code == 200
    created = client.post("/ons/t/clients", json={"birthName": "Laat"})
    assert created.status_code == 201
    location = created.headers["location"]
    client.post("/__admin/clock", json={"action": "set", "at": "2026-03-02T09:30:00Z"})
    record = client.get(location)
    assert record.status_code == 200
    assert record.json()["updatedAt"] == "3000-01-01T00:59:59.000+01:00"
    stream = client.get("/ons/t/clients/x-stream-connect/data", headers={"Accept": "application/x-ndjson"})
    assert stream.status_code == 200 and b'"birthName":"Laat"' in stream.content


def test_onlineafspraken_answers_at_the_latest_instant(client: TestClient) -> None:
    client.post("/__admin/clock", json={"action": "set", "at": "2999-12-31T23:59:59Z"})
    root = Api(client, client.app.state.mock.clock).ok("getAgendas")  # type: ignore[attr-defined]
    assert root.findtext("Status/Timestamp") is not None


def test_scenario_clock_out_of_range_is_refused_whole(client: TestClient) -> None:
    scenario = "name: far\nprovider: ons\nclock: {advance_seconds: 3e11}\nrules: []\n"
    response = client.post("/__admin/scenarios", content=scenario)
    assert response.status_code == 400
    assert response.json()["error"].startswith("request body: clock: " + RANGE)
    assert client.get("/__admin/scenarios").json()["scenarios"] == []
    assert client.get("/__admin/clock").json()["timestamp"] == FROZEN_TS


def test_freeze_at_out_of_range_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="^command line: --freeze-at: " + RANGE):
        build_settings({"freeze_at": "9999-12-31T00:00:00Z"})
    assert Settings(freeze_at="2999-12-31T23:59:59Z").freeze_at is not None
