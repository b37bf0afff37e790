"""Scenario rules name Ons operations and errors; their answers come in the Ons envelope."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.providers.ons.conftest import FINANCE, HR, as_connector, entries


def test_shipped_maintenance_scenario_answers_503_then_502_in_the_ons_envelope(ons: TestClient, clock: Clock) -> None:
    assert ons.post("/__admin/scenarios", params={"name": "ons-maintenance"}).status_code == 201
    down = ons.get("/ons/t/teams", headers={"Accept": "application/xml"})
    assert down.status_code == 503 and down.headers["retry-after"] == "300"
    assert b"<message>Ons is down for scheduled maintenance</message>" in down.content
    clock.advance(300)
    assert ons.get("/ons/t/teams").status_code == 502
    clock.advance(300)
    assert ons.get("/ons/t/teams").status_code == 200


def test_scenario_rule_matches_an_ons_operation_and_tenant(ons: TestClient) -> None:
    rule = {"match": {"operation": "get_client", "tenant": "DF0000"}, "fault": {"type": "respond", "error": "Conflict"}}
    applied = ons.post("/__admin/scenarios", json={"name": "df-conflict", "provider": "ons", "rules": [rule]})
    assert applied.status_code == 201, applied.text
    assert ons.get("/ons/t/clients/1", headers=as_connector(HR)).status_code == 200
    response = ons.get("/ons/t/clients/1", headers=as_connector(FINANCE))
    assert response.status_code == 409
    assert entries(response)[0]["message"] == "Conflict"
