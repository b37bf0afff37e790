"""Orders and order lines through HTTP: the create-or-update matrix, null/"" semantics, links, Closed states."""

from __future__ import annotations

import pytest

from tests.providers.onix.conftest import Onix, logic, problem, validation


def order(onix: Onix, import_id: str) -> dict[str, object]:
    return next(o for o in onix.state("orders") if o["orderImportId"] == import_id)


def test_create_order_answers_the_new_id_as_a_bare_integer(onix: Onix) -> None:
    response = onix.post("/orders", {"orderImportId": "ERP-1", "erpOrderDate": "2026-03-01", "source": "SAP"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    order_id = response.json()
    assert isinstance(order_id, int) and response.content == str(order_id).encode()
    stored = order(onix, "ERP-1")
    assert (stored["orderId"], stored["erpOrderDate"], stored["source"], stored["workflowStatusId"]) == (
        order_id,
        "2026-03-01",
        "SAP",
        1,
    )


def test_create_with_null_members_takes_the_defaults(onix: Onix) -> None:
    body = {"orderImportId": "ERP-0", "source": None, "workflowStatusId": None, "erpOrderDate": None}
    onix.ok("/orders", body)
    stored = order(onix, "ERP-0")
    assert (stored["source"], stored["workflowStatusId"], stored["erpOrderDate"]) == ("OpenAPI", 1, "2026-03-02")


@pytest.mark.parametrize("import_id", ["", None])
def test_neither_id_creates_a_new_order_every_time(onix: Onix, import_id: str | None) -> None:
    body = {} if import_id is None else {"orderImportId": import_id}
    first, second = onix.ok("/orders", body), onix.ok("/orders", body)
    assert first != second
    ids = {o["orderId"]: o["orderImportId"] for o in onix.state("orders")}
    assert ids[first] is None and ids[second] is None


def test_import_id_creates_then_updates_the_same_order(onix: Onix) -> None:
    created = onix.ok("/orders", {"orderImportId": "ERP-7", "description": "one"})
    updated = onix.ok("/orders", {"orderImportId": "ERP-7", "description": "two"})
    assert created == updated
    assert order(onix, "ERP-7")["description"] == "two"
    assert [o["orderImportId"] for o in onix.state("orders")].count("ERP-7") == 1


def test_onix_id_updates_the_order(onix: Onix) -> None:
    created = onix.ok("/orders", {"orderImportId": "ERP-8"})
    assert onix.ok("/orders", {"orderId": created, "customerReference": "PO-55"}) == created
    assert order(onix, "ERP-8")["customerReference"] == "PO-55"


def test_both_ids_the_onix_id_wins_and_the_import_id_is_ignored(onix: Onix) -> None:
    first = onix.ok("/orders", {"orderImportId": "ERP-A"})
    second = onix.ok("/orders", {"orderImportId": "ERP-B"})
    assert onix.ok("/orders", {"orderId": first, "orderImportId": "ERP-B", "description": "to first"}) == first
    assert order(onix, "ERP-A")["description"] == "to first"
    assert order(onix, "ERP-B") == {**order(onix, "ERP-B"), "orderId": second, "description": ""}


def test_unknown_onix_id_is_a_logic_error_and_nothing_is_stored(onix: Onix) -> None:
    before = onix.everything()
    response = onix.post("/orders", {"orderId": 999999, "orderImportId": "ERP-NEW"})
    assert response.status_code == 400
    assert response.json() == logic("orderId", "Invalid Order Id: no order 999999")
    assert onix.everything() == before


def test_update_semantics_null_keeps_empty_string_clears(onix: Onix) -> None:
    onix.ok("/orders", {"orderImportId": "ERP-9", "description": "kept", "customerReference": "cleared"})
    onix.ok("/orders", {"orderImportId": "ERP-9", "description": None, "customerReference": ""})
    stored = order(onix, "ERP-9")
    assert (stored["description"], stored["customerReference"]) == ("kept", "")


def test_empty_string_on_a_field_with_a_minimum_length_is_a_validation_error(onix: Onix) -> None:
    onix.ok("/orders", {"orderImportId": "ERP-10", "source": "SAP"})
    before = onix.everything()
    response = onix.post("/orders", {"orderImportId": "ERP-10", "source": ""})
    assert problem(response) == validation({"source": ["Source is invalid"]})
    assert onix.everything() == before


def test_workflow_status_unknown_is_the_seeds_logic_error(onix: Onix) -> None:
    before = onix.everything()
    response = onix.post("/orders", {"orderImportId": "ERP-11", "workflowStatusId": 42})
    assert response.status_code == 400
    assert response.json() == [{"memberNames": ["workflowStatusId"], "errorMessage": "Invalid Workflow Status Id"}]
    assert onix.everything() == before


def test_closed_order_refuses_updates_and_new_lines(onix: Onix) -> None:
    order_id = onix.ok("/orders", {"orderImportId": "ERP-12"})
    assert onix.ok("/orders", {"orderId": order_id, "workflowStatusId": 4}) == order_id
    before = onix.everything()
    refused = onix.post("/orders", {"orderId": order_id, "description": "late"})
    assert refused.json() == logic("orderId", f"Order {order_id} is Closed and cannot be changed")
    line = onix.post("/order-lines", {"orderId": order_id, "productNo": "LIFT-100"})
    assert line.status_code == 400 and line.json()[0]["memberNames"] == ["orderId"]
    assert onix.everything() == before


@pytest.mark.parametrize(
    ("customer", "message"),
    [
        ("SUP-2001", "Company link 'SUP-2001' is a supplier link, not a customer link"),
        ("NOT-LINKED", "No company link with external id 'NOT-LINKED'"),
    ],
)
def test_customer_must_be_a_customer_company_link(onix: Onix, customer: str, message: str) -> None:
    before = onix.everything()
    response = onix.post("/orders", {"orderImportId": "ERP-13", "erpCustomerId": customer})
    assert response.status_code == 400 and response.json() == logic("erpCustomerId", message)
    assert onix.everything() == before


def test_customer_and_contact_links_map_to_onix_ids(onix: Onix) -> None:
    onix.ok("/orders", {"orderImportId": "ERP-14", "erpCustomerId": "CUST-1001", "erpCustomerContactId": "CONT-3001"})
    links = {link["externalId"]: link for link in onix.state("company_links")}
    contacts = {link["externalId"]: link for link in onix.state("contact_links")}
    stored = order(onix, "ERP-14")
    assert stored["customerCompanyId"] == links["CUST-1001"]["companyId"]
    assert stored["customerContactId"] == contacts["CONT-3001"]["contactId"]


def test_supplier_must_be_a_supplier_link(onix: Onix) -> None:
    response = onix.post("/orders", {"erpSupplierId": "CUST-1001"})
    assert response.json() == logic("erpSupplierId", "Company link 'CUST-1001' is a customer link, not a supplier link")


def test_auto_create_customer_makes_the_company_and_contact_links(onix: Onix) -> None:
    body = {
        "orderImportId": "ERP-15",
        "erpCustomerId": "ERP-CUST-77",
        "erpCustomerContactId": "ERP-CONT-77",
        "erpCustomerContactEmail": "ola@kunde.example",
        "erpCustomerContactFirstName": "Ola",
        "erpCustomerContactLastName": "Nordmann",
        "autoCreateCustomer": True,
    }
    onix.ok("/orders", body)
    company = next(c for c in onix.state("company_links") if c["externalId"] == "ERP-CUST-77")
    contact = next(c for c in onix.state("contact_links") if c["externalId"] == "ERP-CONT-77")
    assert (company["type"], contact["email"], contact["companyId"]) == (
        "customer",
        "ola@kunde.example",
        company["companyId"],
    )


# -- order lines --------------------------------------------------------------------------


def test_line_matrix_neither_import_id_both_and_id(onix: Onix) -> None:
    order_id = onix.ok("/orders", {"orderImportId": "ERP-20"})
    plain = onix.ok("/order-lines", {"orderId": order_id, "productNo": "LIFT-100"})
    by_import = onix.ok("/order-lines", {"orderImportId": "ERP-20", "orderLineImportId": "10", "productNo": "LIFT-100"})
    again = onix.ok("/order-lines", {"orderImportId": "ERP-20", "orderLineImportId": "10", "quantity": 3})
    both = onix.ok(
        "/order-lines", {"orderId": order_id, "orderLineId": plain, "orderLineImportId": "10", "quantity": 2}
    )
    by_id = onix.ok("/order-lines", {"orderId": order_id, "orderLineId": by_import, "description": "by id"})
    assert len({plain, by_import}) == 2 and again == by_import and both == plain and by_id == by_import
    lines = {line["orderLineId"]: line for line in onix.state("order_lines")}
    assert (lines[plain]["quantity"], lines[plain]["orderLineImportId"]) == (2, None)
    assert (lines[by_import]["quantity"], lines[by_import]["description"]) == (3, "by id")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"orderId": 999999, "productNo": "LIFT-100"}, logic("orderId", "Invalid Order Id: no order 999999")),
        (
            {"orderImportId": "NEVER-SENT", "productNo": "LIFT-100"},
            logic("orderImportId", "Invalid Order Import Id: no order was created with 'NEVER-SENT'"),
        ),
        (
            {"orderImportId": "ERP-21", "orderLineId": 999999, "quantity": 1},
            logic("orderLineId", "Invalid Order Line Id: no order line 999999"),
        ),
        ({"orderImportId": "ERP-21", "productNo": "NOPE"}, logic("productNo", "Invalid Product No: no product 'NOPE'")),
        ({"orderImportId": "ERP-21", "productId": 1}, logic("productId", "Invalid Product Id: no product 1")),
    ],
)
def test_unknown_ids_on_order_lines_are_logic_errors(onix: Onix, body: dict[str, object], expected: object) -> None:
    onix.ok("/orders", {"orderImportId": "ERP-21"})
    before = onix.everything()
    response = onix.post("/order-lines", body)
    assert response.status_code == 400 and response.json() == expected
    assert onix.everything() == before


def test_line_of_another_order_is_refused(onix: Onix) -> None:
    first = onix.ok("/orders", {})
    second = onix.ok("/orders", {})
    line = onix.ok("/order-lines", {"orderId": first, "productNo": "LIFT-100"})
    response = onix.post("/order-lines", {"orderId": second, "orderLineId": line, "quantity": 2})
    assert response.json() == logic(["orderLineId", "orderId"], f"Order line {line} does not belong to order {second}")


def test_line_without_order_or_product_is_a_validation_error(onix: Onix) -> None:
    before = onix.everything()
    missing_order = onix.post("/order-lines", {"productNo": "LIFT-100"})
    assert problem(missing_order) == validation({"orderId": ["'Order Id' or 'Order Import Id' must not be empty."]})
    order_id = onix.ok("/orders", {})
    missing_product = onix.post("/order-lines", {"orderId": order_id})
    assert problem(missing_product) == validation({"productNo": ["'Product Id' or 'Product No' must not be empty."]})
    assert {k: v for k, v in onix.everything().items() if k != "orders"} == {
        k: v for k, v in before.items() if k != "orders"
    }


def test_line_type_and_quantity_follow_the_product_kind(onix: Onix) -> None:
    order_id = onix.ok("/orders", {})
    oil = onix.ok("/order-lines", {"orderId": order_id, "productNo": "OIL-5L", "quantity": 2.5})
    screws = onix.post("/order-lines", {"orderId": order_id, "productNo": "SCREW-M8", "quantity": 1.5})
    assert screws.json() == logic("quantity", "Quantity must be a whole number for countable products")
    lines = {line["orderLineId"]: line for line in onix.state("order_lines")}
    assert (lines[oil]["type"], lines[oil]["quantity"]) == (3, 2.5)


def test_workflow_status_of_a_line_and_closed_lines(onix: Onix) -> None:
    order_id = onix.ok("/orders", {})
    bad = onix.post("/order-lines", {"orderId": order_id, "productNo": "LIFT-100", "workflowStatusId": 1})
    assert bad.json() == logic("workflowStatusId", "Invalid Workflow Status Id")
    line = onix.ok("/order-lines", {"orderId": order_id, "productNo": "LIFT-100", "workflowStatusId": 14})
    refused = onix.post("/order-lines", {"orderId": order_id, "orderLineId": line, "quantity": 2})
    assert refused.json() == logic("orderLineId", f"Order line {line} is Closed and cannot be changed")
