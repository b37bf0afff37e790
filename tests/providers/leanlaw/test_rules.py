"""The business rules that refuse a change (400 with a message), and the read-only invoices."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.providers.leanlaw.conftest import BASE, Api, first


def refused(response: Any, message: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["title"] == "The request could not be completed."
    assert body["errors"] == {"id": [message]}


def test_client_with_matters_cannot_be_deleted(api: Api) -> None:
    client_id = first(api, "/matters")["clientId"]
    refused(api.delete(f"/clients/{client_id}"), "Clients that have associated matters cannot be deleted.")
    assert api.get(f"/clients/{client_id}").status_code == 200


def test_client_without_matters_is_deleted(api: Api) -> None:
    client_id = api.post("/clients", {"name": "Short Lived LLC"}).json()["data"]["clientId"]
    response = api.delete(f"/clients/{client_id}")
    assert (response.status_code, response.content) == (200, b"")
    assert api.get(f"/clients/{client_id}").status_code == 404


@pytest.mark.parametrize(
    ("path", "kind"), [("/time-entries", "time entries"), ("/expenses", "expenses"), ("/fixed-fees", "fixed fees")]
)
def test_matter_with_activity_cannot_be_deleted(api: Api, path: str, kind: str) -> None:
    matter_id = first(api, path)["matterId"]
    response = api.delete(f"/matters/{matter_id}")
    assert response.status_code == 400
    assert "cannot be deleted" in response.json()["errors"]["id"][0]
    assert api.get(f"/matters/{matter_id}").status_code == 200


def test_matter_whose_only_activity_is_new_time_cannot_be_deleted(api: Api) -> None:
    user = api.data("/users", role="attorney")[0]["userId"]
    matter = api.post(
        "/matters", {"name": "Fresh", "clientId": first(api, "/clients")["clientId"], "responsibleId": user}
    ).json()["data"]
    assert (
        api.post(
            "/time-entries",
            {
                "matterId": matter["matterId"],
                "userId": user,
                "date": "2026-03-02",
                "description": "Intake call",
                "hours": 0.2,
            },
        ).status_code
        == 201
    )
    refused(
        api.delete(f"/matters/{matter['matterId']}"),
        "Matters that have associated activity (time entries) cannot be deleted. "
        "Archive the matter with UpdateMatter instead.",
    )


@pytest.mark.parametrize(
    ("path", "key", "what"),
    [
        ("/time-entries", "timeEntryId", "Time entries"),
        ("/expenses", "expenseId", "Expenses"),
        ("/fixed-fees", "fixedFeeId", "Fixed fees"),
    ],
)
def test_billed_line_cannot_be_deleted_or_updated(api: Api, path: str, key: str, what: str) -> None:
    line = first(api, path, billed="true")
    url = f"{path}/{line[key]}"
    refused(api.delete(url), f"{what} that have been billed (added to an invoice) cannot be deleted.")
    refused(
        api.put(url, {"description": "Changed"}),
        f"{what} that have been billed (added to an invoice) cannot be updated.",
    )
    assert api.data(url)["description"] == line["description"]


def test_fixed_fee_with_time_entries_cannot_be_deleted(api: Api) -> None:
    entry = first(api, "/time-entries", billingType="fixedFee", billed="false")
    refused(
        api.delete(f"/fixed-fees/{entry['fixedFeeId']}"),
        "Fixed fees that are assigned to time entries cannot be deleted.",
    )


def test_practice_area_in_use_cannot_be_deleted(api: Api) -> None:
    area = first(api, "/matters")["practiceAreaId"]
    refused(api.delete(f"/practice-areas/{area}"), "Practice areas that are assigned to matters cannot be deleted.")
    assert area in {a["practiceAreaId"] for a in api.data("/practice-areas")}


def test_unused_practice_area_is_deleted(api: Api) -> None:
    area = api.post("/practice-areas", {"label": "Maritime"}).json()["data"]["practiceAreaId"]
    assert api.delete(f"/practice-areas/{area}").status_code == 200
    assert area not in {a["practiceAreaId"] for a in api.data("/practice-areas")}


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_invoices_are_read_only(client: TestClient, api: Api, method: str) -> None:
    invoice = first(api, "/invoices")
    path = f"{BASE}/invoices" if method == "POST" else f"{BASE}/invoices/{invoice['invoiceId']}"
    response = client.request(method, path, json={"invoiceState": "draft"}, headers=api.headers())
    assert response.status_code in (404, 405)
    assert response.json()["status"] == response.status_code
    assert first(api, "/invoices") == invoice


def test_client_balances_add_up_the_open_final_invoices(api: Api) -> None:
    invoices = api.data("/invoices", invoiceState="final")
    client_id = next(i["clientId"] for i in invoices if i["balance"] > 0)
    open_balance = sum(i["balance"] for i in invoices if i["clientId"] == client_id)
    overdue = sum(i["balance"] for i in invoices if i["clientId"] == client_id and i["dueDate"] < "2026-03-02")
    balances = api.data(f"/clients/{client_id}/balances")
    assert balances["balance"] == pytest.approx(open_balance)
    assert balances["overdue"] == pytest.approx(overdue)
    assert balances["overdue"] >= balances["overdue30"] >= balances["overdue60"] >= balances["overdue90"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hours": 0}, "hours"),
        ({"hours": 25}, "hours"),
        ({"rate": -5}, "rate"),
        ({"rate": 1e308}, "rate"),
        ({"matterId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301"}, "matterId"),
        ({"activityCode": "A999"}, "activityCode"),
        ({"taskCode": "L100"}, "taskCode"),
    ],
)
def test_time_entry_checks_its_references_and_codes(api: Api, body: dict[str, Any], field: str) -> None:
    matter = first(api, "/matters", archived="false")
    user = api.data("/users", role="attorney")[0]["userId"]
    base = {"matterId": matter["matterId"], "userId": user, "date": "2026-03-02", "description": "Work", "hours": 1}
    response = api.post("/time-entries", {**base, **body})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize("amount", [0, -10, 1e308, 1_000_000_000.01])
def test_expense_amount_out_of_bounds_is_400(api: Api, amount: float) -> None:
    matter = first(api, "/matters", archived="false")["matterId"]
    response = api.post("/expenses", {"matterId": matter, "date": "2026-03-02", "description": "Fee", "amount": amount})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["amount"]
