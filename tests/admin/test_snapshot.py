"""GET and PUT /__admin/snapshot: the state document out of one server and into another; bad ones refused whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

JSON = {"Accept": "application/json"}
LEANLAW = {"Authorization": "Bearer ll-hartwell-full-0001"}
#: Fires on every second request for teams and then stays tripped: its counters and state are part of the state.
EVERY_OTHER = """
name: every-other
provider: ons
rules:
  - name: second
    match: {path: /ons/t/teams}
    every: 2
    then: tripped
    fault: {type: respond, status: 503}
"""


def server(clock: Clock, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(seed=1234, **settings), clock=clock))


@pytest.fixture
def used(clock: Clock) -> Iterator[TestClient]:
    """A server with a new Ons client, a new LeanLaw practice area, a scenario half way and the clock moved."""
    with server(clock) as client:
        assert client.post("/ons/t/clients", json={"firstName": "Jan", "birthName": "Smit"}).status_code == 201
        area = client.post("/leanlaw/v2/practice-areas", json={"label": "Appeals"}, headers=LEANLAW)
        assert area.status_code == 201
        assert client.post("/__admin/scenarios", content=EVERY_OTHER).status_code == 201
        assert client.get("/ons/t/teams", headers=JSON).status_code == 200  # match 1 of 2
        assert client.post("/__admin/clock", json={"action": "advance", "seconds": 3600}).status_code == 200
        yield client


def test_a_snapshot_imported_into_a_fresh_server_answers_as_the_first(used: TestClient) -> None:
    document = used.get("/__admin/snapshot").json()
    assert (document["format"], document["version"], document["seed"]) == ("mockserver-state", 1, 1234)
    assert document["clock"] == {"mode": "frozen", "timestamp": 1772447400.0, "offset_seconds": 0.0}
    assert sorted(t for tenants in document["stores"].values() for t in tenants) == ["TE1002", "hartwell"]
    with server(Clock()) as fresh:  # on system time: the import brings the clock
        assert fresh.get("/ons/t/clients/1064", headers=JSON).status_code == 404
        imported = fresh.put("/__admin/snapshot", content=json.dumps(document))
        assert imported.status_code == 200, imported.text
        assert imported.json() == {"imported": {"stores": 2, "tenants": 0, "scenarios": 1, "clock_mode": "frozen"}}
        for path, headers in (("/ons/t/clients/1064", JSON), ("/leanlaw/v2/practice-areas", LEANLAW)):
            assert fresh.get(path, headers=headers).content == used.get(path, headers=headers).content
        assert fresh.get("/__admin/clock").json()["now"] == "2026-03-02T10:30:00.000+00:00"
        # The scenario goes on where it was: this is its second match, so it fires and moves to its next state.
        assert fresh.get("/ons/t/teams", headers=JSON).status_code == 503
        (scenario,) = fresh.get("/__admin/scenarios").json()["scenarios"]
        assert (scenario["state"], scenario["rules"][0]["matches"], scenario["rules"][0]["fired"]) == ("tripped", 2, 1)
        assert fresh.get("/__admin/snapshot").json()["stores"] == document["stores"]


def test_an_export_imported_into_the_same_server_changes_nothing(used: TestClient) -> None:
    before = used.get("/__admin/snapshot").json()
    assert used.put("/__admin/snapshot", json=before).status_code == 200
    assert used.get("/__admin/snapshot").json() == before


def _broken(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("version",), 2, "version: this server reads version 1, got 2"),
        (("format",), "something-else", "format: must be 'mockserver-state'"),
        (("seed",), 7, "seed: the document was written with seed 7"),
        (("clock",), KeyError, "clock: missing"),
        (("clock", "mode"), "sideways", "clock.mode: must be one of frozen, system"),
        (("clock", "timestamp"), 1e20, "clock.timestamp: the clock must stay between"),
        (("stores", "acme"), {}, "stores.acme: no such provider"),
        (("tenants",), "t-1", "tenants: must be a list of the tenants made at run time"),
        (("tenants",), ["TE1002"], "tenants: 'TE1002' is not a tenant name"),
        (("stores", "ons", "TE1002", "_next_id"), KeyError, "stores.ons.TE1002._next_id: missing"),
        (("stores", "ons", "TE1002", "_data"), [], "stores.ons.TE1002._data: must be a dict, not a list"),
        (("stores", "ons", "TE1002", "_ids"), {"$when": 1}, "stores.ons.TE1002._ids: unknown tag '$when'"),
        (("scenarios", 0, "state"), "nowhere", "scenarios[0].state: every-other knows no state 'nowhere'"),
        (("scenarios", 0, "definition", "rules"), "x", "scenarios[0].definition"),
        (("scenarios", 0, "rules"), [], "scenarios[0].rules: must list the 1 rule(s) of the definition"),
        (("extra",), 1, "extra: unknown"),
    ],
)
def test_a_bad_document_is_refused_naming_the_field_and_nothing_changes(
    used: TestClient, path: tuple[Any, ...], value: Any, field: str
) -> None:
    before = used.get("/__admin/snapshot").json()
    # Valid parts first (a new record, clock, scenario counters) would show if anything were applied early.
    changed = _broken(before, ("clock", "timestamp"), 1772450000.0)
    response = used.put("/__admin/snapshot", json=_broken(changed, path, value))
    assert response.status_code == 400
    assert response.json()["error"].startswith("not a state document: " + field), response.json()
    assert used.get("/__admin/snapshot").json() == before


def test_a_store_record_of_a_class_outside_its_provider_is_refused(used: TestClient) -> None:
    document = used.get("/__admin/snapshot").json()
    areas = document["stores"]["leanlaw"]["hartwell"]["practice_areas"]
    first = next(iter(areas))
    areas[first]["$record"] = "mockserver.providers.ons.jobs:ExportJob"
    response = used.put("/__admin/snapshot", json=document)
    assert response.status_code == 400
    assert f"stores.leanlaw.hartwell.practice_areas.{first}.$record" in response.json()["error"]


@pytest.mark.parametrize("body", [b"", b"{not json", b"[1, 2]", b'"text"', b"[" * 100_000])
def test_a_body_that_is_no_document_is_400(client: TestClient, body: bytes) -> None:
    response = client.put("/__admin/snapshot", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("not a state document")


def test_an_import_larger_than_the_admin_body_limit_is_413(clock: Clock) -> None:
    with server(clock, admin_max_body_bytes=1024) as small:
        document = small.get("/__admin/snapshot").json()
        document["stores"]["ons"]["TE1002"] = {"padding": "x" * 2048}
        assert small.put("/__admin/snapshot", json=document).status_code == 413


def test_the_snapshot_routes_need_the_admin_token(clock: Clock) -> None:
    with server(clock, admin_token="s3cret") as guarded:
        assert guarded.get("/__admin/snapshot").status_code == 401
        assert guarded.put("/__admin/snapshot", json={}).status_code == 401
        assert guarded.post("/__admin/snapshot").status_code == 401
        assert guarded.get("/__admin/snapshot", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_saving_without_a_state_file_is_409(client: TestClient) -> None:
    response = client.post("/__admin/snapshot")
    assert response.status_code == 409
    assert "--state-file" in response.json()["error"]
