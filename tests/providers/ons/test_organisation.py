"""/t/teams (read) and /t/locations (read, create with a parent, update)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.providers.ons.conftest import MakeClient, entries


def test_list_teams_is_a_teams_wrapper(ons: TestClient) -> None:
    teams = ons.get("/ons/t/teams").json()["teams"]
    assert teams[0] == {
        "id": 1,
        "identificationNo": "0001",
        "name": "Nedap Demo",
        "poolTeam": False,
        "costCenterNumber": "0001",
        "parentObjectId": 0,
    }
    assert len(teams) == 1 + 8  # the hand-written team and sizes.teams generated ones
    assert teams[1]["beginDate"].endswith(("T00:00:00.000+01:00", "T00:00:00.000+02:00"))


def test_get_team_by_id_code_and_multiple(ons: TestClient) -> None:
    team = ons.get("/ons/t/teams/1").json()
    assert ons.get("/ons/t/teams/by_code/0001").json() == team
    assert ons.get("/ons/t/teams/multiple?id=1").json() == {"teams": [team]}
    assert ons.get("/ons/t/teams/by_code/zzz").status_code == 404
    assert ons.get("/ons/t/teams/31337").status_code == 404


def test_teams_are_read_only(ons: TestClient) -> None:
    assert ons.post("/ons/t/teams", json={"name": "x"}).status_code == 405


def test_create_location_answers_201_with_materialized_path(ons: TestClient) -> None:
    response = ons.post("/ons/t/locations", json={"name": "Kamer 12", "parentObjectId": 1, "capacity": 2})
    assert response.status_code == 201
    location = ons.get(response.headers["location"]).json()
    assert location["materializedPath"] == f"1.{location['id']}"
    assert location["capacity"] == 2
    assert location in ons.get("/ons/t/locations").json()["locations"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Wees"}, "parentObjectId"),
        ({"name": "Wortel", "parentObjectId": 0}, "parentObjectId"),
        ({"name": "Zwevend", "parentObjectId": 424242}, "parentObjectId"),
        ({"parentObjectId": 1}, "name"),
        ({"name": "X", "parentObjectId": "een"}, "parentObjectId"),
    ],
)
def test_create_location_without_a_valid_parent_or_name_is_400(shared: TestClient, body: dict, field: str) -> None:
    response = shared.post("/ons/t/locations", json=body)
    assert response.status_code == 400
    assert field in [e["field"] for e in entries(response)]


def test_update_location_answers_202_and_moves_it(ons: TestClient) -> None:
    child = ons.post("/ons/t/locations", json={"name": "A", "parentObjectId": 1}).headers["location"]
    child_id = int(child.rsplit("/", 1)[1])
    response = ons.put("/ons/t/locations/1001", json={"parentObjectId": child_id, "name": "Verhuisd"})
    assert response.status_code == 202
    moved = ons.get("/ons/t/locations/1001").json()
    assert (moved["name"], moved["materializedPath"]) == ("Verhuisd", f"1.{child_id}.1001")


def test_update_location_in_spec_mode_answers_200_with_the_location(make_client: MakeClient) -> None:
    client = make_client(spec_mode=True)
    assert client.put("/ons/t/locations/1", json={"capacity": 9}).json()["capacity"] == 9


def test_get_multiple_locations(ons: TestClient) -> None:
    assert [loc["id"] for loc in ons.get("/ons/t/locations/multiple?id=1001&id=1").json()["locations"]] == [1001, 1]
