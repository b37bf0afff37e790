"""/t/dossier/care_plans: create a DRAFT, activate (DRAFT → ACTIVE), archive (ACTIVE → OLD); anything else 400."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.providers.ons.conftest import MakeClient, entries

BASE = "/ons/t/dossier/care_plans"


def new_draft(ons: TestClient, client_id: int = 2) -> int:
    response = ons.post(BASE, json={"clientId": client_id, "employeeId": 1})
    assert response.status_code == 201, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_create_care_plan_answers_201_and_a_draft(ons: TestClient) -> None:
    plan_id = new_draft(ons)
    plan = ons.get(f"{BASE}/{plan_id}").json()
    assert (plan["status"], plan["clientId"], plan["carePlanEntries"]) == ("DRAFT", 2, [])
    assert ons.get("/ons/t/clients/2/draft_care_plan").json() == plan


def test_care_plan_lifecycle_draft_active_old(ons: TestClient, clock: Clock) -> None:
    plan_id = new_draft(ons)
    clock.advance(3600)
    activated = ons.post(f"{BASE}/{plan_id}/activate")
    assert activated.status_code == 204 and activated.content == b""
    plan = ons.get(f"{BASE}/{plan_id}").json()
    assert plan["status"] == "ACTIVE" and plan["beginDate"] == "2026-03-02T11:30:00.000+01:00"
    assert ons.get("/ons/t/clients/2/active_care_plan").json()["id"] == plan_id
    clock.advance(60)
    assert ons.post(f"{BASE}/{plan_id}/archive").status_code == 204
    plan = ons.get(f"{BASE}/{plan_id}").json()
    assert plan["status"] == "OLD" and plan["endDate"] == "2026-03-02T11:31:00.000+01:00"
    assert ons.get("/ons/t/clients/2/active_care_plan").status_code == 204


def test_activate_care_plan_retires_the_clients_previous_active_plan(ons: TestClient) -> None:
    plan_id = new_draft(ons, client_id=1)
    assert ons.post(f"{BASE}/{plan_id}/activate").status_code == 204
    assert ons.get(f"{BASE}/1").json()["status"] == "OLD"
    assert [p["status"] for p in ons.get("/ons/t/clients/1/care_plans").json()["carePlans"]] == ["OLD", "ACTIVE"]


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ((), "archive"),  # DRAFT cannot be archived
        (("activate",), "activate"),  # ACTIVE cannot be activated again
        (("activate", "archive"), "activate"),  # OLD cannot come back
        (("activate", "archive"), "archive"),
    ],
)
def test_care_plan_illegal_transition_is_400(ons: TestClient, steps: tuple[str, ...], action: str) -> None:
    plan_id = new_draft(ons)
    for step in steps:
        assert ons.post(f"{BASE}/{plan_id}/{step}").status_code == 204
    response = ons.post(f"{BASE}/{plan_id}/{action}")
    assert response.status_code == 400
    assert entries(response)[0]["field"] == "status"


def test_care_plan_actions_in_spec_mode_answer_200_with_the_plan(make_client: MakeClient) -> None:
    client = make_client(spec_mode=True)
    plan = client.post(BASE, json={"clientId": 2}).json()
    assert client.post(f"{BASE}/{plan['id']}/activate").json()["status"] == "ACTIVE"
    assert client.post(f"{BASE}/{plan['id']}/archive").json()["status"] == "OLD"


def test_new_care_plan_for_client_creates_a_draft_and_refuses_a_second(ons: TestClient) -> None:
    first = ons.post(f"{BASE}/by_client/3/new")
    assert first.status_code == 201
    assert ons.get(first.headers["location"]).json()["status"] == "DRAFT"
    second = ons.post(f"{BASE}/by_client/3/new")
    assert second.status_code == 409
    assert ons.post(f"{BASE}/by_client/909090/new").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "clientId"),
        ({"clientId": 808080}, "clientId"),
        ({"clientId": 2, "employeeId": 808080}, "employeeId"),
        ({"clientId": 2, "status": "ACTIVE"}, "status"),
        ({"clientId": 2, "status": "FINISHED"}, "status"),
        ({"clientId": 2, "beginDate": "morgen"}, "beginDate"),
    ],
)
def test_create_care_plan_with_bad_body_is_400(shared: TestClient, body: dict, field: str) -> None:
    response = shared.post(BASE, json=body)
    assert response.status_code == 400
    assert entries(response)[0]["field"] == field


def test_update_care_plan_answers_202_but_not_between_statuses(ons: TestClient) -> None:
    plan_id = new_draft(ons)
    assert ons.put(f"{BASE}/{plan_id}", json={"endDate": "2026-12-31T00:00:00.000+01:00"}).status_code == 202
    assert ons.get(f"{BASE}/{plan_id}").json()["endDate"] == "2026-12-31T00:00:00.000+01:00"
    response = ons.put(f"{BASE}/{plan_id}", json={"status": "ACTIVE"})
    assert response.status_code == 400 and "between statuses" in entries(response)[0]["message"]
    assert ons.put(f"{BASE}/{plan_id}", json={"clientId": 3}).status_code == 400


def test_update_care_plan_with_stale_updated_at_is_409(ons: TestClient, clock: Clock) -> None:
    plan_id = new_draft(ons)
    read = ons.get(f"{BASE}/{plan_id}").json()
    clock.advance(1)
    assert ons.put(f"{BASE}/{plan_id}", json={"employeeId": 1001}).status_code == 202
    assert ons.put(f"{BASE}/{plan_id}", json={"employeeId": 1, "updatedAt": read["updatedAt"]}).status_code == 409


def test_delete_care_plan_answers_204_for_a_draft_only(ons: TestClient) -> None:
    plan_id = new_draft(ons)
    response = ons.delete(f"{BASE}/{plan_id}")
    assert response.status_code == 204 and response.content == b""
    assert ons.get(f"{BASE}/{plan_id}").status_code == 404
    assert ons.delete(f"{BASE}/1").status_code == 400  # the ACTIVE fixture plan
    assert ons.delete(f"{BASE}/424242").status_code == 404
