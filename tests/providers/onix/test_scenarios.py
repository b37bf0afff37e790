"""Scenarios on Onix: the shipped token-expiry import, named vendor errors, and rules on a company."""

from __future__ import annotations

from tests.providers.onix.conftest import FJORD, Onix, problem

SERVER_ERROR = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.6.1",
    "title": "An error occurred while processing your request.",
    "status": 500,
}


def test_shipped_token_expiry_scenario_401_then_relogin_then_two_500s(onix: Onix) -> None:
    assert onix.client.post("/__admin/scenarios", params={"name": "onix-token-expiry"}).status_code == 201
    onix.login()
    order_id = onix.ok("/orders", {"orderImportId": "IMP-1"})
    onix.ok("/order-lines", {"orderId": order_id, "orderLineImportId": "1", "productNo": "LIFT-100"})
    line_2 = {"orderId": order_id, "orderLineImportId": "2", "productNo": "OIL-5L", "quantity": 2.5}
    expired = onix.post("/order-lines", line_2)
    assert expired.status_code == 401 and expired.content == b""
    assert expired.headers["www-authenticate"] == (
        'Bearer error="invalid_token", error_description="The token expired mid-import"'
    )
    onix.login()
    assert problem(onix.post("/order-lines", line_2), 500) == SERVER_ERROR
    assert problem(onix.post("/order-lines", line_2), 500) == SERVER_ERROR
    line_id = onix.ok("/order-lines", line_2)
    stored = [line for line in onix.state("order_lines") if line["orderId"] == order_id]
    assert [line["orderLineImportId"] for line in stored] == ["1", "2"] and stored[1]["orderLineId"] == line_id


def test_scenario_names_a_logic_error_for_one_company(onix: Onix) -> None:
    rule = {
        "match": {"operation": "save_order", "tenant": "fjordkontroll"},
        "fault": {"type": "respond", "error": "InvalidWorkflowStatusId"},
    }
    applied = onix.client.post("/__admin/scenarios", json={"name": "fjord-status", "provider": "onix", "rules": [rule]})
    assert applied.status_code == 201, applied.text
    assert onix.post("/orders", {}).status_code == 200
    other = Onix(onix.client, FJORD)
    refused = other.post("/orders", {})
    assert refused.status_code == 400
    assert refused.json() == [{"memberNames": ["workflowStatusId"], "errorMessage": "Invalid Workflow Status Id"}]
    other.login()
    assert other.post("/orders", {}).status_code == 400


def test_scenario_status_without_a_name_keeps_the_problem_shape(onix: Onix) -> None:
    rule = {"match": {"operation": "list_order_statuses"}, "fault": {"type": "respond", "status": 503}}
    onix.client.post("/__admin/scenarios", json={"name": "down", "provider": "onix", "rules": [rule]})
    body = problem(onix.get("/company/order-statuses"), 503)
    assert body == {
        "type": "https://tools.ietf.org/html/rfc7231#section-6.6.4",
        "title": "Service Unavailable",
        "status": 503,
    }
