"""Every operation of the vendor's OpenAPI document, called over HTTP, its body checked against the document.

The document is the list: the test walks ``paths`` and fails for an operation it has no call for.
Lists are called twice, with the defaults and with every select field, so optional properties
are checked too. Operations the document gives no body must answer without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.providers.leanlaw import schema
from mockserver.providers.leanlaw.openapi import served_document
from tests.providers.leanlaw.conftest import BASE, Api, first
from tests.providers.leanlaw.contract import answer_problems, problems


@dataclass
class Call:
    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


def unbilled_time(api: Api) -> dict[str, Any]:
    return first(api, "/time-entries", billed="false", billingType="billable")


def fresh_client(api: Api) -> str:
    response = api.post("/clients", {"name": "Walk Through LLC"})
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["clientId"])


def fresh_matter(api: Api) -> str:
    user = api.data("/users", role="attorney")[0]["userId"]
    body = {"name": "Walk matter", "clientId": fresh_client(api), "responsibleId": user}
    response = api.post("/matters", body)
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["matterId"])


def created_line(api: Api, path: str, key: str, body: dict[str, Any]) -> str:
    """CreateExpense and CreateFixedFee answer without a body: find the new line by its description."""
    assert api.post(path, body).status_code == 201
    found = api.data(path, matterId=body["matterId"], billed="false")
    return str(next(item[key] for item in found if item["description"] == body["description"]))


def line_body(api: Api, description: str) -> dict[str, Any]:
    return {"matterId": fresh_matter(api), "date": "2026-03-01", "description": description, "amount": 125.5}


def custom_field_update(api: Api, entity: str) -> list[dict[str, Any]]:
    definition = api.data("/custom-fields", entity=entity)[0]
    value = {"text": "walk", "boolean": True, "number": 3, "date": "2026-03-01"}.get(definition["valueType"])
    if definition["valueType"] == "enum":
        return [{"id": definition["id"], "optionId": definition["options"][0]["optionId"]}]
    return [{"id": definition["id"], "value": value}]


CALLS: dict[str, Callable[[Api], Call]] = {
    "ListClients": lambda api: Call(),
    "CreateClient": lambda api: Call(
        body={
            "name": "Northwind Traders",
            "reference": "C9001",
            "contact": {"companyName": "Northwind Traders", "email": "ap@northwind.example"},
            "notes": "Walk",
            "customFields": custom_field_update(api, "client"),
        }
    ),
    "GetClient": lambda api: Call({"id": first(api, "/clients")["clientId"]}),
    "UpdateClient": lambda api: Call({"id": first(api, "/clients")["clientId"]}, body={"notes": "Updated"}),
    "DeleteClient": lambda api: Call({"id": fresh_client(api)}),
    "GetClientBalances": lambda api: Call({"id": first(api, "/invoices")["clientId"]}),
    "GetCodes": lambda api: Call(),
    "ListCustomFields": lambda api: Call(),
    "ListExpenses": lambda api: Call(),
    "CreateExpense": lambda api: Call(body=line_body(api, "Walk expense")),
    "GetExpense": lambda api: Call({"id": first(api, "/expenses", billed="true")["expenseId"]}),
    "UpdateExpense": lambda api: Call(
        {"id": created_line(api, "/expenses", "expenseId", line_body(api, "Walk expense to update"))},
        body={"amount": 9},
    ),
    "DeleteExpense": lambda api: Call(
        {"id": created_line(api, "/expenses", "expenseId", line_body(api, "Walk expense to delete"))}
    ),
    "ListFixedFees": lambda api: Call(),
    "CreateFixedFee": lambda api: Call(body=line_body(api, "Walk fee")),
    "GetFixedFee": lambda api: Call({"id": first(api, "/fixed-fees")["fixedFeeId"]}),
    "UpdateFixedFee": lambda api: Call(
        {"id": created_line(api, "/fixed-fees", "fixedFeeId", line_body(api, "Walk fee to update"))},
        body={"amount": 1500},
    ),
    "DeleteFixedFee": lambda api: Call(
        {"id": created_line(api, "/fixed-fees", "fixedFeeId", line_body(api, "Walk fee to delete"))}
    ),
    "ListInvoices": lambda api: Call(),
    "ListMatters": lambda api: Call(),
    "CreateMatter": lambda api: Call(
        body={
            "name": "Estate of Walker",
            "clientId": first(api, "/clients")["clientId"],
            "responsibleId": api.data("/users", role="attorney")[0]["userId"],
            "originatorId": api.data("/users", role="principal")[0]["userId"],
            "matterType": "fixedFee",
            "opened": "2026-03-01",
            "conflictInformation": {"adverse": "None known"},
            "customFields": custom_field_update(api, "matter"),
        }
    ),
    "GetMatter": lambda api: Call({"id": first(api, "/matters")["matterId"]}),
    "UpdateMatter": lambda api: Call({"id": first(api, "/matters")["matterId"]}, body={"archived": False}),
    "DeleteMatter": lambda api: Call({"id": fresh_matter(api)}),
    "ListPracticeAreas": lambda api: Call(),
    "CreatePracticeArea": lambda api: Call(body={"label": "Tax", "default": False}),
    "UpdatePracticeArea": lambda api: Call(
        {"id": api.data("/practice-areas")[0]["practiceAreaId"]}, body={"label": "Complex Litigation"}
    ),
    "DeletePracticeArea": lambda api: Call(
        {"id": api.post("/practice-areas", {"label": "Walk area"}).json()["data"]["practiceAreaId"]}
    ),
    "ListTimeEntries": lambda api: Call(),
    "CreateTimeEntry": lambda api: Call(
        body={
            "userId": api.data("/users", role="attorney")[0]["userId"],
            "matterId": unbilled_time(api)["matterId"],
            "date": "2026-03-02",
            "time": "09:15:00",
            "description": "Walk through the document",
            "hours": 1.5,
        }
    ),
    "GetTimeEntry": lambda api: Call({"id": first(api, "/time-entries", billed="true")["timeEntryId"]}),
    "UpdateTimeEntry": lambda api: Call({"id": unbilled_time(api)["timeEntryId"]}, body={"hours": 2.25}),
    "DeleteTimeEntry": lambda api: Call({"id": unbilled_time(api)["timeEntryId"]}),
    "ListUsers": lambda api: Call(),
    "UpdateUser": lambda api: Call(
        {"id": api.data("/users")[0]["userId"]}, body={"customFields": custom_field_update(api, "user")}
    ),
}

OPERATIONS = schema.operations()
SERVED = served_document()


def response_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation["responses"]["200"].get("content")
    return content["application/json"]["schema"] if content else None


def every_select_field(operation_id: str) -> dict[str, str]:
    fields = schema.select_fields(operation_id)
    return {"select": ",".join(fields)} if fields else {}


def test_the_walk_covers_every_operation_of_the_document() -> None:
    assert sorted(CALLS) == sorted(op_id for _, _, op_id, _ in OPERATIONS)
    assert len(OPERATIONS) == 35


@pytest.mark.parametrize(("method", "path", "operation_id", "operation"), OPERATIONS, ids=[o[2] for o in OPERATIONS])
def test_operation_answers_as_the_document_says(
    client: TestClient, method: str, path: str, operation_id: str, operation: dict[str, Any]
) -> None:
    api = Api(client)
    call = CALLS[operation_id](api)
    url = BASE + path.removeprefix("/v2").format(**call.path)
    expected = response_schema(operation)
    queries = [call.query, {**call.query, **every_select_field(operation_id)}] if method == "GET" else [call.query]
    for query in queries:
        response = client.request(method, url, params=query, json=call.body, headers=api.headers())
        assert response.status_code == (201 if method == "POST" else 200), response.text
        assert len(response.headers["x-leanlaw-traceid"]) == 32
        assert answer_problems(SERVED, method, path, response.status_code, response.content) == []
        if expected is None:
            assert response.content == b""
            continue
        body = response.json()
        assert problems(expected, body) == []
        data = body["data"]
        assert data, f"{operation_id} answered an empty data property"
        if isinstance(data, list):
            assert all(problems({"$ref": expected["$ref"]}, {"data": [item]}) == [] for item in data[:3])
