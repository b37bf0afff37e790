"""The served Onix document: bodies from the request models, the vendor's three error answers, the switches."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.openapi_check import find_operation, problems, resolve
from tests.providers.onix.conftest import BASE, NORDLYS


def served(clock: Clock, **options: Any) -> tuple[TestClient, dict[str, Any]]:
    client = TestClient(create_app(Settings(seed=1, options={"onix": options} if options else {}), clock=clock))
    return client, client.get("/__openapi/onix.json").json()


def test_a_401_is_described_without_a_body_and_with_a_challenge(clock: Clock) -> None:
    _, document = served(clock)
    for path in ("/v1/orders", "/v1/company/order-statuses"):
        operation = find_operation(document, "POST" if path == "/v1/orders" else "GET", path)
        assert operation is not None
        unauthorized = resolve(operation["responses"]["401"], document)
        assert "content" not in unauthorized
        assert "WWW-Authenticate" in unauthorized["headers"]


def test_a_400_is_described_as_problem_details_or_the_logic_error_list(clock: Clock) -> None:
    client, document = served(clock)
    operation = find_operation(document, "POST", "/v1/orders")
    assert operation is not None
    headers = {"Authorization": f"Key {NORDLYS['key']}"}
    logic = client.post(f"{BASE}/orders", json={"orderId": 999999}, headers=headers)
    invalid = client.post(f"{BASE}/orders", json={"erpOrderDate": "soon"}, headers=headers)
    for response in (logic, invalid):
        assert response.status_code == 400
        found = problems(document, operation, 400, response.headers["content-type"], response.content)
        assert found == []
    assert logic.headers["content-type"].startswith("application/json")
    assert invalid.headers["content-type"].startswith("application/problem+json")


def test_request_bodies_come_from_the_request_models(clock: Clock) -> None:
    _, document = served(clock)
    order = document["components"]["schemas"]["OrderInfo"]["properties"]
    assert order["orderImportId"] == {"type": ["string", "null"], "maxLength": 50}
    assert order["orderId"]["type"] == ["integer", "null"]
    line = document["components"]["schemas"]["OrderLineInfo"]["properties"]
    assert line["type"]["enum"] == [0, 1, 2, 3, 4, None]
    assert line["quantity"]["exclusiveMinimum"] == 0
    form = document["components"]["schemas"]["OrderLineFormPropertiesInfo"]["properties"]["formProperties"]
    assert form["items"]["required"] == ["formName", "name"]


def test_the_key_value_switch_changes_the_lookup_answers(clock: Clock) -> None:
    client, document = served(clock, key_value_list="object")
    operation = find_operation(document, "GET", "/v1/company/order-statuses")
    assert operation is not None
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"type": "object", "additionalProperties": {"type": "string"}}
    _, pairs = served(clock)
    listed = find_operation(pairs, "GET", "/v1/company/order-statuses")
    assert listed is not None
    assert listed["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    response = client.get(f"{BASE}/company/order-statuses", headers={"Authorization": NORDLYS["key"]})
    assert response.json()["1"] == "New"
