"""Delayed export jobs: 201 + Location, 423 Locked until ready (polls or clock seconds), then 200."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import PROJECT_DIR, Settings
from tests.providers.ons.conftest import VIEWER, as_connector, entries


def test_export_job_is_locked_for_the_configured_polls_then_ready(ons: TestClient) -> None:
    created = ons.post("/ons/t/reports/exports", json={"collection": "teams"})
    assert created.status_code == 201 and created.content == b""
    location = created.headers["location"]
    assert location == "/ons/t/reports/exports/1"
    first, second = ons.get(location), ons.get(location)
    assert (first.status_code, second.status_code) == (423, 423)
    assert first.headers["retry-after"] == second.headers["retry-after"] == "1"  # ready by polls: poll again
    locked = {"errorResponseEntries": [{"field": "id", "value": "1", "message": "export job 1 is not ready yet"}]}
    assert first.json() == second.json() == locked
    ready = ons.get(location)
    assert ready.status_code == 200
    body = ready.json()
    assert list(body) == ["id", "collection", "status", "createdAt", "recordCount", "teams"]
    # Created on the frozen clock, 2026-03-02 09:30 UTC, in Dutch winter time.
    head = {k: body[k] for k in ("id", "collection", "status", "createdAt", "recordCount")}
    assert head == {
        "id": 1,
        "collection": "teams",
        "status": "READY",
        "createdAt": "2026-03-02T10:30:00.000+01:00",
        "recordCount": 9,
    }
    assert body["teams"] == ons.get("/ons/t/teams").json()["teams"]


def test_export_job_without_body_exports_clients_and_renders_xml(ons: TestClient) -> None:
    location = ons.post("/ons/t/reports/exports").headers["location"]
    for _ in range(2):
        ons.get(location)
    response = ons.get(location, headers={"Accept": "application/xml"})
    assert response.status_code == 200
    head = b"<export><id>1</id><collection>clients</collection><status>READY</status>"
    assert head + b"<createdAt>2026-03-02T10:30:00.000+01:00</createdAt><recordCount>" in response.content
    root = etree.fromstring(response.content)
    assert int(str(root.findtext("recordCount"))) == len(root.find("clients")) > 0


def ready_body(ons: TestClient, location: str) -> dict:
    for _ in range(2):
        assert ons.get(location).status_code == 423
    response = ons.get(location)
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_export_job_keeps_the_records_as_they_were_when_created(ons: TestClient) -> None:
    earlier = ons.post("/ons/t/reports/exports").headers["location"]
    created = ons.post("/ons/t/clients", json={"birthName": "Later"})
    assert created.status_code == 201
    new_id = int(created.headers["location"].rsplit("/", 1)[1])
    later = ons.post("/ons/t/reports/exports").headers["location"]
    before, after = ready_body(ons, earlier), ready_body(ons, later)
    assert after["recordCount"] == before["recordCount"] + 1
    assert new_id not in [c["id"] for c in before["clients"]]
    assert [c["id"] for c in after["clients"]] == [c["id"] for c in before["clients"]] + [new_id]


def test_export_job_ready_after_seconds_on_the_clock(tmp_path: Path, clock: Clock) -> None:
    fixtures = yaml.safe_load((PROJECT_DIR / "fixtures" / "ons.yaml").read_text())
    fixtures["jobs"] = {"ready_after_polls": None, "ready_after_seconds": 30}
    (tmp_path / "ons.yaml").write_text(yaml.safe_dump(fixtures))
    client = TestClient(create_app(Settings(seed=1234, fixtures=tmp_path), clock=clock))
    location = client.post("/ons/t/reports/exports", json={"collection": "locations"}).headers["location"]
    for _ in range(5):
        assert client.get(location).status_code == 423
    clock.advance(17.5)
    waiting = client.get(location)
    assert (waiting.status_code, waiting.headers["retry-after"]) == (423, "13")  # 12.5 s to go, rounded up
    clock.advance(12.5)
    ready = client.get(location)
    assert ready.status_code == 200 and "retry-after" not in ready.headers


def test_export_job_unknown_collection_or_id(ons: TestClient) -> None:
    response = ons.post("/ons/t/reports/exports", json={"collection": "salaries"})
    assert response.status_code == 400 and entries(response)[0]["field"] == "collection"
    assert ons.post("/ons/t/reports/exports", json={"collection": 5}).status_code == 400
    assert ons.get("/ons/t/reports/exports/77").status_code == 404


def test_export_job_needs_read_rights_on_the_collection(ons: TestClient) -> None:
    viewer = as_connector(VIEWER)
    assert ons.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=viewer).status_code == 401


def test_a_locked_answer_from_a_scenario_carries_retry_after_too(ons: TestClient) -> None:
    rule = {"match": {"operation": "get_team"}, "fault": {"type": "locked", "polls": 1, "error": "Locked"}}
    scenario = {"name": "lock", "provider": "ons", "rules": [rule]}
    assert ons.post("/__admin/scenarios", content=yaml.safe_dump(scenario)).status_code == 201
    locked = ons.get("/ons/t/teams/1")
    assert (locked.status_code, locked.headers["retry-after"]) == (423, "1")
    assert ons.get("/ons/t/teams/1").status_code == 200
