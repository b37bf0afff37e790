"""Numbering, line properties, products and their forms, transfer-order, and the language lookups, through HTTP."""

from __future__ import annotations

import pytest

from tests.providers.onix.conftest import Onix, logic, problem, validation


def line_of(onix: Onix, line_id: int) -> dict[str, object]:
    return next(line for line in onix.state("order_lines") if line["orderLineId"] == line_id)


def product_of(onix: Onix, product_no: str) -> dict[str, object]:
    return next(p for p in onix.state("products") if p["productNo"] == product_no)


@pytest.fixture
def line(onix: Onix) -> dict[str, int]:
    order_id = onix.ok("/orders", {"orderImportId": "ERP-30"})
    line_id = onix.ok(
        "/order-lines", {"orderId": order_id, "orderLineImportId": "1", "productNo": "LIFT-100", "quantity": 3}
    )
    return {"orderId": order_id, "orderLineId": line_id}


def test_items_number_a_unique_line_with_serial_and_batch_numbers(onix: Onix, line: dict[str, int]) -> None:
    body = {
        "orderImportId": "ERP-30",
        "orderLineImportId": "1",
        "items": [{"serialNo": "SN-1"}, {"batchNo": "B-9", "quantity": 2}],
    }
    assert onix.ok("/order-lines/items", body) is True
    assert line_of(onix, line["orderLineId"])["items"] == [
        {"serialNo": "SN-1", "batchNo": None, "quantity": 1},
        {"serialNo": None, "batchNo": "B-9", "quantity": 2},
    ]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            [{"serialNo": s} for s in ("1", "2", "3", "4")],
            logic("items", "4 items numbered for an order line of quantity 3"),
        ),
        ([{"serialNo": "X"}, {"serialNo": "X"}], logic("items", "Duplicate Serial No 'X'")),
    ],
)
def test_items_refused_by_the_line_store_nothing(
    onix: Onix, line: dict[str, int], items: object, expected: object
) -> None:
    before = onix.everything()
    response = onix.post("/order-lines/items", {**line, "items": items})
    assert response.status_code == 400 and response.json() == expected
    assert onix.everything() == before


def test_items_need_both_id_pairs_and_a_number(onix: Onix, line: dict[str, int]) -> None:
    no_line = onix.post("/order-lines/items", {"orderId": line["orderId"], "items": [{"serialNo": "A"}]})
    assert problem(no_line) == validation(
        {"orderLineId": ["'Order Line Id' or 'Order Line Import Id' must not be empty."]}
    )
    no_number = onix.post("/order-lines/items", {**line, "items": [{"quantity": 1}]})
    assert problem(no_number) == validation({"items[0].serialNo": ["'Serial No' or 'Batch No' must not be empty."]})
    unknown = onix.post(
        "/order-lines/items", {"orderId": line["orderId"], "orderLineImportId": "77", "items": [{"serialNo": "A"}]}
    )
    assert unknown.json()[0]["memberNames"] == ["orderLineImportId"]


def test_non_unique_equipment_is_never_numbered(onix: Onix, line: dict[str, int]) -> None:
    oil = onix.ok("/order-lines", {"orderId": line["orderId"], "productNo": "OIL-5L"})
    response = onix.post(
        "/order-lines/items", {"orderId": line["orderId"], "orderLineId": oil, "items": [{"batchNo": "B"}]}
    )
    assert response.json() == logic("items", "Non-unique equipment has no serial or batch numbers")


def test_line_properties_change_existing_ones_only(onix: Onix, line: dict[str, int]) -> None:
    body = {**line, "properties": [{"name": "kapasitet", "value": "2000 kg"}, {"name": "Ukjent", "value": "x"}]}
    assert onix.ok("/order-lines/properties", body) is True
    assert line_of(onix, line["orderLineId"])["properties"] == {"Kapasitet": "2000 kg", "Kontrollintervall": "12 mnd"}


def test_line_form_properties_change_existing_ones_only(onix: Onix, line: dict[str, int]) -> None:
    entries = [
        {"formName": "Periodisk kontroll", "name": "Resultat", "value": "OK"},
        {"formName": "Ukjent skjema", "name": "Resultat", "value": "x"},
    ]
    assert onix.ok("/order-lines/form-properties", {**line, "formProperties": entries}) is True
    assert line_of(onix, line["orderLineId"])["forms"] == {
        "Periodisk kontroll": {"Resultat": "OK", "Kontrollert av": None}
    }


def test_properties_of_a_closed_line_are_refused(onix: Onix, line: dict[str, int]) -> None:
    onix.ok("/order-lines", {**line, "workflowStatusId": 14})
    before = onix.everything()
    response = onix.post("/order-lines/properties", {**line, "properties": [{"name": "Kapasitet", "value": "1"}]})
    assert response.json() == logic("orderLineId", f"Order line {line['orderLineId']} is Closed and cannot be changed")
    assert onix.everything() == before


# -- products -----------------------------------------------------------------------------


def test_product_create_then_update_by_import_id_and_number(onix: Onix) -> None:
    created = onix.ok(
        "/company/products", {"importId": "ERP-P1", "productNo": "NEW-1", "name": "Ny talje", "productType": 0}
    )
    assert onix.ok("/company/products", {"importId": "ERP-P1", "name": "Talje"}) == created
    assert onix.ok("/company/products", {"productNo": "NEW-1", "controlCategoryId": 301}) == created
    assert onix.ok("/company/products", {"productId": created, "description": "d"}) == created
    stored = product_of(onix, "NEW-1")
    assert (stored["name"], stored["controlCategoryId"], stored["description"]) == ("Talje", 301, "d")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"productId": 5, "name": "x"}, logic("productId", "Invalid Product Id: no product 5")),
        (
            {"productNo": "NEW-2", "name": "x", "controlCategoryId": 9},
            logic("controlCategoryId", "Invalid Control Category Id: no control category 9"),
        ),
        (
            {"productNo": "NEW-2", "name": "x", "erpSupplierId": "CUST-1001"},
            logic("erpSupplierId", "Company link 'CUST-1001' is a customer link, not a supplier link"),
        ),
    ],
)
def test_product_logic_errors_store_nothing(onix: Onix, body: dict[str, object], expected: object) -> None:
    before = onix.everything()
    response = onix.post("/company/products", body)
    assert response.status_code == 400 and response.json() == expected
    assert onix.everything() == before


def test_product_number_belongs_to_one_product(onix: Onix) -> None:
    created = onix.ok("/company/products", {"productNo": "NEW-3", "name": "x"})
    response = onix.post("/company/products", {"productId": created, "productNo": "LIFT-100"})
    assert response.json() == logic("productNo", "Product No 'LIFT-100' already exists")


def test_product_properties_forms_and_form_properties(onix: Onix) -> None:
    ids = {"productNo": "CRANE-HOOK"}
    assert onix.ok("/company/products/properties", {**ids, "properties": [{"name": "Lengde", "value": "2 m"}]}) is True
    assert onix.ok("/company/products/forms", {**ids, "forms": ["Mottakskontroll"]}) is True
    entries = [{"formName": "mottakskontroll", "name": "Signatur", "value": None}]
    assert onix.ok("/company/products/form-properties", {**ids, "formProperties": entries}) is True
    stored = product_of(onix, "CRANE-HOOK")
    assert (stored["properties"], stored["forms"]) == ({"Lengde": "2 m"}, {"Mottakskontroll": {"Signatur": None}})
    missing = onix.post(
        "/company/products/form-properties", {**ids, "formProperties": [{"formName": "Nope", "name": "A"}]}
    )
    assert missing.json() == logic("formName", f"Invalid Form Name: product {stored['productId']} has no form 'Nope'")


def test_new_lines_copy_the_product_properties_and_forms(onix: Onix, line: dict[str, int]) -> None:
    stored = line_of(onix, line["orderLineId"])
    assert stored["properties"] == {"Kapasitet": "1000 kg", "Kontrollintervall": "12 mnd"}
    assert stored["type"] == 0


# -- transfer-order -----------------------------------------------------------------------


def test_transfer_order_writes_the_order_its_lines_and_numbers(onix: Onix) -> None:
    body = {
        "orderImportId": "ERP-40",
        "erpCustomerId": "CUST-1001",
        "orderLines": [
            {
                "orderLineImportId": "1",
                "productNo": "LIFT-100",
                "quantity": 2,
                "items": [{"serialNo": "T-1"}, {"serialNo": "T-2"}],
            },
            {"orderLineImportId": "2", "productNo": "OIL-5L", "quantity": 4.5},
        ],
    }
    order_id = onix.ok("/orders/transfer-order", body)
    lines = [line for line in onix.state("order_lines") if line["orderId"] == order_id]
    assert [(ln["orderLineImportId"], ln["quantity"], len(ln["items"])) for ln in lines] == [("1", 2, 2), ("2", 4.5, 0)]
    assert onix.ok("/orders/transfer-order", body) == order_id
    assert len([line for line in onix.state("order_lines") if line["orderId"] == order_id]) == 2


def test_transfer_order_is_all_or_nothing(onix: Onix) -> None:
    before = onix.everything()
    body = {
        "orderImportId": "ERP-41",
        "erpCustomerId": "NEW-CUST",
        "autoCreateCustomer": True,
        "orderLines": [{"productNo": "LIFT-100"}, {"productNo": "NOPE"}],
    }
    response = onix.post("/orders/transfer-order", body)
    assert response.json() == logic("productNo", "Invalid Product No: no product 'NOPE'")
    assert onix.everything() == before
    nested = onix.post("/orders/transfer-order", {"orderLines": [{"productNo": "LIFT-100"}, {}]})
    assert problem(nested) == validation(
        {"orderLines[1].productNo": ["'Product Id' or 'Product No' must not be empty."]}
    )
    assert onix.everything() == before


# -- lookups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "labels"),
    [
        (None, ["New", "In progress", "Delivered", "Closed"]),
        (0, ["Ny", "Under arbeid", "Levert", "Lukket"]),
        (1, ["New", "In progress", "Delivered", "Closed"]),
        (3, ["Ny", "Pågående", "Levererad", "Stängd"]),
        (4, ["Ny", "I gang", "Leveret", "Lukket"]),
        (7, ["Nuevo", "En curso", "Entregado", "Cerrado"]),
    ],
)
def test_order_statuses_in_each_language(onix: Onix, code: int | None, labels: list[str]) -> None:
    params = {} if code is None else {"languageCode": code}
    response = onix.get("/company/order-statuses", params=params)
    assert response.status_code == 200
    assert response.json() == [{"key": str(k), "value": v} for k, v in zip((1, 2, 3, 4), labels, strict=True)]


def test_order_line_statuses_and_control_categories(onix: Onix) -> None:
    lines = onix.get("/company/order-line-statuses", params={"languageCode": 4}).json()
    assert lines == [
        {"key": "11", "value": "Ny"},
        {"key": "12", "value": "Plukkes"},
        {"key": "13", "value": "Klar"},
        {"key": "14", "value": "Lukket"},
    ]
    categories = onix.get("/company/control-categories", params={"languageCode": 7}).json()
    assert categories[0] == {"key": "301", "value": "Equipo de elevación"} and len(categories) == 5


@pytest.mark.parametrize(
    ("code", "message"),
    [("2", "LanguageCode is invalid"), ("8", "LanguageCode is invalid"), ("en", "The value 'en' is not valid.")],
)
def test_unsupported_language_code_is_a_validation_error(onix: Onix, code: str, message: str) -> None:
    response = onix.get("/company/order-statuses", params={"languageCode": code})
    assert problem(response) == validation({"languageCode": [message]})
