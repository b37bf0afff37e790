"""/t/employees: create, read, update, lookups and teams between dates."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.providers.ons.conftest import entries


def test_create_employee_answers_201_and_location(ons: TestClient) -> None:
    response = ons.post("/ons/t/employees", json={"firstName": "Sanne", "birthName": "Kok", "identificationNo": "M9"})
    assert response.status_code == 201 and response.content == b""
    employee = ons.get(response.headers["location"]).json()
    assert (employee["identificationNo"], employee["lastName"], employee["type"]) == ("M9", "Kok", 0)


def test_create_employee_with_existing_identification_number_is_409(ons: TestClient) -> None:
    assert ons.post("/ons/t/employees", json={"birthName": "X", "identificationNo": "M00001"}).status_code == 409


def test_get_employee_and_by_identification_no_agree(ons: TestClient) -> None:
    employee = ons.get("/ons/t/employees/1").json()
    assert employee["name"] == "A. de Vries" and employee["teamName"] == "Nedap Demo"
    assert ons.get("/ons/t/employees/by_identification_no/M00001").json() == employee


def test_update_employee_answers_202(ons: TestClient) -> None:
    assert ons.put("/ons/t/employees/1", json={"workMobilePhone": "0611111111"}).status_code == 202
    assert ons.get("/ons/t/employees/1").json()["workMobilePhone"] == "0611111111"


def test_get_multiple_employees_is_a_wrapper(ons: TestClient) -> None:
    body = ons.get("/ons/t/employees/multiple", params=[("id", "1"), ("id", "1001")]).json()
    assert [e["id"] for e in body["employees"]] == [1, 1001]


def test_list_employee_teams_filters_by_dates(ons: TestClient) -> None:
    assert [t["id"] for t in ons.get("/ons/t/employees/1/teams").json()["teams"]] == [1]
    before = ons.get("/ons/t/employees/1/teams", params={"valid_from": "2010-01-01", "valid_to": "2019-12-31"})
    assert before.json() == {"teams": []}


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/ons/t/employees/1/teams?valid_from=yesterday", 400, "valid_from"),
        ("/ons/t/employees/1/teams?valid_to=2020-13-01", 400, "valid_to"),
        ("/ons/t/employees/x/teams", 400, "employee_id"),
        ("/ons/t/employees/555555/teams", 404, "id"),
        ("/ons/t/employees/555555", 404, "id"),
        ("/ons/t/employees/by_identification_no/none", 404, "identificationNo"),
    ],
)
def test_employee_lookups_fail_with_the_vendor_status(shared: TestClient, path: str, status: int, field: str) -> None:
    response = shared.get(path)
    assert response.status_code == status
    assert entries(response)[0]["field"] == field
