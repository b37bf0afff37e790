"""Reading a JSON body against a request model: conversion, rules, null versus missing, all errors at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mockserver.providers.onix.errors import ValidationFailed
from mockserver.providers.onix.fields import read, spaced
from mockserver.providers.onix.schemas import ITEMS_INFO, ORDER_INFO, ORDER_LINE_INFO


def errors_of(model: object, body: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as caught:
        read(model, body)  # type: ignore[arg-type]
    return caught.value.errors


def test_null_and_missing_members_are_kept_apart() -> None:
    values = read(ORDER_INFO, {"orderId": 5, "description": None})
    assert values == {"orderId": 5, "description": None}


def test_member_names_match_without_case_and_unknown_members_are_ignored() -> None:
    assert read(ORDER_INFO, {"OrderImportId": "A", "whatever": 1}) == {"orderImportId": "A"}


def test_dates_and_decimals_are_converted() -> None:
    values = read(ORDER_LINE_INFO, {"deliveryDate": "2026-03-02T10:00:00Z", "quantity": 2.5})
    assert values == {"deliveryDate": date(2026, 3, 2), "quantity": Decimal("2.5")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"orderId": "12"}, {"orderId": ["The JSON value could not be converted to System.Int32."]}),
        ({"orderId": True}, {"orderId": ["The JSON value could not be converted to System.Int32."]}),
        ({"orderId": 2**31}, {"orderId": ["The JSON value could not be converted to System.Int32."]}),
        ({"description": 5}, {"description": ["The JSON value could not be converted to System.String."]}),
        (
            {"autoCreateCustomer": "yes"},
            {"autoCreateCustomer": ["The JSON value could not be converted to System.Boolean."]},
        ),
        ({"erpOrderDate": "02.03.2026"}, {"erpOrderDate": ["ErpOrderDate wrong format"]}),
        ({"source": ""}, {"source": ["Source is invalid"]}),
        (
            {"orderImportId": "x" * 51},
            {
                "orderImportId": [
                    "The length of 'Order Import Id' must be 50 characters or fewer. You entered 51 characters."
                ]
            },
        ),
        ([], {"$": ["The JSON value could not be converted to OrderInfo."]}),
    ],
)
def test_bad_members_give_the_vendor_messages(body: object, expected: dict[str, list[str]]) -> None:
    assert errors_of(ORDER_INFO, body) == expected


def test_every_problem_comes_back_at_once() -> None:
    found = errors_of(ORDER_INFO, {"source": "", "erpOrderDate": "never", "orderId": "x"})
    assert sorted(found) == ["erpOrderDate", "orderId", "source"]


def test_unknown_enum_value_is_invalid() -> None:
    assert errors_of(ORDER_LINE_INFO, {"type": 9}) == {"type": ["Type is invalid"]}


def test_list_elements_are_checked_with_their_index() -> None:
    found = errors_of(ITEMS_INFO, {"items": [{"serialNo": "ok"}, {"serialNo": 5}, "x"]})
    assert found == {
        "items[1].serialNo": ["The JSON value could not be converted to System.String."],
        "items[2]": ["The JSON value could not be converted to OrderLineItemSerialInfo."],
    }


def test_display_names_are_spaced_like_fluent_validation() -> None:
    assert spaced("OrderLineImportId") == "Order Line Import Id"
