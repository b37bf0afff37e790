"""/__admin/scenarios: apply, list, set state, reset, remove; bad bodies are 400 and nothing is half-applied."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.scenarios.conftest import ALPHA

Apply = Callable[..., dict[str, Any]]
FLAKY = {"name": "flaky", "provider": "toy", "rules": [{"name": "fail", "fault": {"type": "respond", "status": 500}}]}


def test_json_body_is_accepted_and_listed_with_counters(toy: TestClient) -> None:
    assert toy.post("/__admin/scenarios", content=json.dumps(FLAKY)).status_code == 201
    toy.get("/toy/items/1", headers=ALPHA)
    listed = toy.get("/__admin/scenarios").json()
    (flaky,) = listed["scenarios"]
    assert flaky["name"] == "flaky" and flaky["state"] == "started" and flaky["tenant"] is None
    assert flaky["rules"] == [{"name": "fail", "provider": "toy", "matches": 1, "fired": 1}]
    assert "ons-maintenance" in listed["available"]


def test_bad_body_is_400_with_the_message_and_nothing_applied(toy: TestClient) -> None:
    bad = {**FLAKY, "rules": [FLAKY["rules"][0], {"fault": {"type": "respond", "error": "Nope"}}]}
    response = toy.post("/__admin/scenarios", content=yaml.safe_dump(bad))
    assert response.status_code == 400
    assert response.json()["error"] == (
        "request body: rules[1]: fault.error: unknown toy error 'Nope'; valid: Duplicate, Maintenance"
    )
    assert toy.get("/__admin/scenarios").json()["scenarios"] == []
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200


def test_unparsable_and_empty_bodies_are_400(toy: TestClient) -> None:
    assert "not valid YAML" in toy.post("/__admin/scenarios", content="name: [").json()["error"]
    assert toy.post("/__admin/scenarios", content="").status_code == 400
    unknown = toy.post("/__admin/scenarios", params={"name": "no-such-scenario"})
    assert unknown.status_code == 400 and "unknown scenario 'no-such-scenario'" in unknown.json()["error"]


def test_shipped_scenario_is_applied_by_name(toy: TestClient) -> None:
    response = toy.post("/__admin/scenarios", params={"name": "ons-maintenance"})
    assert response.status_code == 201
    assert response.json()["applied"]["source"].endswith("scenarios/ons-maintenance.yaml")


def test_state_can_be_set_and_unknown_states_are_refused(toy: TestClient, apply: Apply) -> None:
    rules = [{"match": {"operation": "get_item"}, "when": "broken", "fault": {"type": "respond", "status": 500}}]
    apply({"name": "switch", "provider": "toy", "states": ["broken"], "rules": rules})
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200
    assert toy.put("/__admin/scenarios/switch/state", json={"state": "broken"}).status_code == 200
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 500
    refused = toy.put("/__admin/scenarios/switch/state", json={"state": "melted"})
    assert refused.status_code == 400 and "unknown state 'melted'" in refused.json()["error"]
    assert toy.put("/__admin/scenarios/other/state", json={"state": "broken"}).status_code == 404


def test_scenario_reset_restarts_counters_and_states(toy: TestClient, apply: Apply) -> None:
    rule = {"first": 1, "then": "done", "fault": {"type": "respond", "status": 500}}
    apply({"name": "once", "provider": "toy", "rules": [rule]})
    assert [toy.get("/toy/items/1", headers=ALPHA).status_code for _ in range(2)] == [500, 200]
    assert toy.post("/__admin/scenarios/reset").json() == {"reset": 1}
    assert toy.get("/__admin/scenarios").json()["scenarios"][0]["state"] == "started"
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 500
    assert toy.post("/__admin/scenarios/reset", params={"name": "nope"}).status_code == 404


def test_full_reset_resets_scenarios_too_but_keeps_them_applied(toy: TestClient, apply: Apply) -> None:
    apply({"name": "once", "provider": "toy", "rules": [{"first": 1, "fault": {"type": "respond", "status": 500}}]})
    assert [toy.get("/toy/items/1", headers=ALPHA).status_code for _ in range(2)] == [500, 200]
    assert toy.post("/__admin/reset").status_code == 200
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 500


def test_remove_stops_the_scenario_and_unknown_names_are_404(toy: TestClient, apply: Apply) -> None:
    apply(FLAKY)
    assert toy.delete("/__admin/scenarios/flaky").json() == {"removed": "flaky", "tenant": None}
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200
    assert toy.delete("/__admin/scenarios/flaky").status_code == 404


def test_reapplying_replaces_the_scenario_and_starts_it_over(toy: TestClient, apply: Apply) -> None:
    apply(FLAKY)
    apply({**FLAKY, "rules": [{"name": "fail", "fault": {"type": "respond", "status": 503}}]})
    assert len(toy.get("/__admin/scenarios").json()["scenarios"]) == 1
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 503


def test_scenario_from_settings_that_does_not_exist_stops_the_app(clock: Clock, tmp_path: Path) -> None:
    settings = Settings(seed=1, scenarios=["missing"], scenarios_dir=tmp_path)
    try:
        create_app(settings, clock=clock)
    except ValueError as exc:
        assert "missing: no such scenario file or name" in str(exc)
    else:
        raise AssertionError("create_app accepted a missing scenario")


def test_watch_reloads_a_changed_file_and_keeps_stored_data(clock: Clock, tmp_path: Path) -> None:
    def only(method: str, status: int, name: str) -> dict[str, Any]:
        rule = {"name": name, "match": {"method": method}, "fault": {"type": "respond", "status": status}}
        return {"name": "edited", "provider": "toy", "rules": [rule]}

    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(only("GET", 500, "gets-fail")))
    settings = Settings(seed=1, scenarios=[str(path)], watch=True)
    with TestClient(create_app(settings, clock=clock)) as client:
        assert client.post("/toy/items", json={"number": "7"}, headers=ALPHA).status_code == 201
        assert client.get("/toy/items", headers=ALPHA).status_code == 500
        path.write_text(yaml.safe_dump(only("POST", 503, "posts-fail")))
        deadline = time.monotonic() + 10
        rules: list[dict[str, Any]] = []
        while time.monotonic() < deadline:  # bounded wait for the file watcher, not for virtual time
            rules = client.get("/__admin/scenarios").json()["scenarios"][0]["rules"]
            if rules[0]["name"] == "posts-fail":
                break
            time.sleep(0.05)
        assert rules[0]["name"] == "posts-fail"
        assert client.get("/toy/items", headers=ALPHA).json() == {"items": [{"number": "7", "name": ""}]}
        assert client.post("/toy/items", json={"number": "8"}, headers=ALPHA).status_code == 503
        path.write_text("name: [broken")
        assert client.post("/toy/items", json={"number": "8"}, headers=ALPHA).status_code == 503


def test_scenario_routes_sit_behind_the_admin_token(clock: Clock) -> None:
    with TestClient(create_app(Settings(seed=1, admin_token="sekrit"), clock=clock)) as client:
        assert client.post("/__admin/scenarios", params={"name": "ons-maintenance"}).status_code == 401
        assert client.get("/__admin/scenarios").status_code == 401
        allowed = client.post(
            "/__admin/scenarios", params={"name": "ons-maintenance"}, headers={"Authorization": "Bearer sekrit"}
        )
        assert allowed.status_code == 201


def test_delete_all_removes_every_scenario_and_undoes_clock_jumps(toy: TestClient, apply: Apply, clock: Clock) -> None:
    before = clock.timestamp()
    apply(FLAKY)
    apply({"name": "jump", "clock": {"advance_seconds": 90}})
    assert clock.timestamp() == before + 90
    assert toy.delete("/__admin/scenarios").json() == {"removed": 2}
    assert toy.get("/__admin/scenarios").json()["scenarios"] == []
    assert clock.timestamp() == before
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200


def test_clock_freeze_at_stops_the_clock_when_applied(toy: TestClient, apply: Apply, clock: Clock) -> None:
    clock.use_system()
    apply({"name": "frozen", "clock": {"freeze_at": "2030-01-01T00:00:00Z"}})
    assert clock.mode == "frozen"
    assert clock.now().isoformat() == "2030-01-01T00:00:00+00:00"
