"""Bad input through HTTP: each answer in the vendor's exact shape and status, and nothing stored."""

from __future__ import annotations

import pytest

from tests.providers.onix.conftest import BASE, Onix, problem, validation

INT32 = "The JSON value could not be converted to System.Int32."
STRING = "The JSON value could not be converted to System.String."
LONG_ID = "The length of '{}' must be 50 characters or fewer. You entered 51 characters."


@pytest.mark.parametrize(
    ("path", "body", "errors"),
    [
        ("/orders", {"orderId": "12"}, {"orderId": [INT32]}),
        ("/orders", {"orderId": 1.5}, {"orderId": [INT32]}),
        ("/orders", {"orderImportId": 12}, {"orderImportId": [STRING]}),
        ("/orders", {"orderImportId": "x" * 51}, {"orderImportId": [LONG_ID.format("Order Import Id")]}),
        (
            "/orders",
            {"erpCustomerContactEmail": "e" * 51},
            {"erpCustomerContactEmail": [LONG_ID.format("Erp Customer Contact Email")]},
        ),
        ("/orders", {"erpOrderDate": "31/12/2026"}, {"erpOrderDate": ["ErpOrderDate wrong format"]}),
        (
            "/orders",
            {"autoCreateCustomer": 1},
            {"autoCreateCustomer": ["The JSON value could not be converted to System.Boolean."]},
        ),
        (
            "/orders",
            {"source": "", "erpOrderDate": "soon"},
            {"source": ["Source is invalid"], "erpOrderDate": ["ErpOrderDate wrong format"]},
        ),
        ("/orders", [1, 2], {"$": ["The JSON value could not be converted to OrderInfo."]}),
        (
            "/order-lines",
            {"orderImportId": "SO-7001-10001", "orderLineImportId": "y" * 51},
            {"orderLineImportId": [LONG_ID.format("Order Line Import Id")]},
        ),
        ("/order-lines", {"orderId": 1, "type": 7}, {"type": ["Type is invalid"]}),
        ("/order-lines", {"orderId": 1, "quantity": 0}, {"quantity": ["Quantity must be greater than 0"]}),
        (
            "/order-lines",
            {"orderId": 1, "quantity": "2"},
            {"quantity": ["The JSON value could not be converted to System.Decimal."]},
        ),
        (
            "/order-lines/items",
            {"orderId": 1, "orderLineId": 2, "items": {"serialNo": "A"}},
            {"items": ["The JSON value could not be converted to OrderLineItemSerialInfo[]."]},
        ),
        (
            "/order-lines/properties",
            {"orderId": 1, "orderLineId": 2, "properties": [{"value": "v"}]},
            {"properties[0].name": ["'Name' must not be empty."]},
        ),
        (
            "/company/products",
            {"productNo": "N", "name": "n", "productType": 5},
            {"productType": ["ProductType is invalid"]},
        ),
        ("/company/products", {"productNo": "", "name": "n"}, {"productNo": ["'Product No' must not be empty."]}),
        ("/company/products/forms", {"productNo": "LIFT-100", "forms": [3]}, {"forms[0]": [STRING]}),
    ],
)
def test_validation_errors_have_the_problem_details_shape(
    onix: Onix, path: str, body: object, errors: dict[str, list[str]]
) -> None:
    before = onix.everything()
    assert problem(onix.post(path, body)) == validation(errors)
    assert onix.everything() == before


def test_empty_body_is_the_aspnet_required_body_error(onix: Onix) -> None:
    response = onix.client.post(
        f"{BASE}/orders", content=b"", headers={"Authorization": onix.auth, "Content-Type": "application/json"}
    )
    assert problem(response) == validation({"": ["A non-empty request body is required."]})


def test_broken_json_is_a_validation_error_on_the_body(onix: Onix) -> None:
    before = onix.everything()
    response = onix.client.post(
        f"{BASE}/orders",
        content=b'{"orderImportId": ',
        headers={"Authorization": onix.auth, "Content-Type": "application/json"},
    )
    body = problem(response)
    assert list(body["errors"]) == ["$"] and body["errors"]["$"][0].startswith("The request body is not valid JSON")
    assert onix.everything() == before


def test_a_body_that_is_not_json_is_unsupported_media_type(onix: Onix) -> None:
    response = onix.client.post(
        f"{BASE}/orders", content=b"orderId=1", headers={"Authorization": onix.auth, "Content-Type": "text/plain"}
    )
    assert problem(response, 415) == {
        "type": "https://tools.ietf.org/html/rfc7231#section-6.5.13",
        "title": "Unsupported Media Type",
        "status": 415,
    }


def test_auth_is_checked_before_the_body(onix: Onix) -> None:
    response = onix.client.post(f"{BASE}/orders", json={"orderId": "x"})
    assert response.status_code == 401 and response.content == b""


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/nothing-here", 404),
        ("GET", "/v2/orders", 404),
        ("GET", "/v1/orders", 405),
        ("DELETE", "/v1/company/products", 405),
    ],
)
def test_unknown_routes_and_methods_answer_without_a_body(onix: Onix, method: str, path: str, status: int) -> None:
    response = onix.client.request(method, f"/onix{path}", headers={"Authorization": onix.auth})
    assert response.status_code == status
    assert response.content == b"" and b"detail" not in response.content


def test_oversized_body_is_refused(onix: Onix) -> None:
    big = b'{"description": "' + b"x" * 2_000_000 + b'"}'
    response = onix.client.post(
        f"{BASE}/orders", content=big, headers={"Authorization": onix.auth, "Content-Type": "application/json"}
    )
    assert problem(response, 413)["title"] == "Payload Too Large"
