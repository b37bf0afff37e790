"""The Onix store without HTTP: id pairs, null/"" semantics, links, workflow states, all-or-nothing writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mockserver.core.clock import Clock
from mockserver.core.state import StoreContext
from mockserver.providers.onix import errors
from mockserver.providers.onix.config import OnixConfig, load_config
from mockserver.providers.onix.fields import read
from mockserver.providers.onix.schemas import ITEMS_INFO, ORDER_INFO, ORDER_LINE_INFO, PRODUCT_INFO
from mockserver.providers.onix.seed import make_store
from mockserver.providers.onix.store import OnixStore
from tests.conftest import FROZEN_AT

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "onix.yaml"


def config() -> OnixConfig:
    return load_config(yaml.safe_load(FIXTURES.read_text(encoding="utf-8")), str(FIXTURES), {})


@pytest.fixture
def store() -> OnixStore:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    return make_store(StoreContext(1234, "onix", "nordlys", clock, config()))


def snapshot(store: OnixStore) -> dict[str, list[dict[str, object]]]:
    return {name: store.dump(name) or [] for name in store.collections()}


def new_order(store: OnixStore, **members: object) -> int:
    return store.save_order(read(ORDER_INFO, members))


def test_seed_is_the_same_for_the_same_seed_and_differs_per_company() -> None:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    one = make_store(StoreContext(1234, "onix", "nordlys", clock, config()))
    two = make_store(StoreContext(1234, "onix", "nordlys", clock, config()))
    other = make_store(StoreContext(1234, "onix", "fjordkontroll", clock, config()))
    assert snapshot(one) == snapshot(two)
    assert snapshot(one)["company_links"] != snapshot(other)["company_links"]


def test_seed_has_every_product_kind_and_a_closed_order(store: OnixStore) -> None:
    kinds = {p.product_type for p in store.products.values()}
    assert kinds == {0, 1, 2, 3, 4}
    closed = [o for o in store.orders.values() if store.order_statuses[o.workflow_status_id].closed]
    assert len(closed) == 1


def test_create_without_ids_takes_the_defaults(store: OnixStore) -> None:
    order_id = new_order(store)
    order = store.orders[order_id]
    assert (order.workflow_status_id, order.source, order.erp_order_date) == (1, "OpenAPI", FROZEN_AT.date())
    assert order.order_import_id is None


def test_import_id_creates_once_then_updates(store: OnixStore) -> None:
    first = new_order(store, orderImportId="ERP-1", description="first")
    again = new_order(store, orderImportId="ERP-1", description="second")
    assert first == again
    assert store.orders[first].description == "second"


def test_onix_id_wins_over_import_id(store: OnixStore) -> None:
    first = new_order(store, orderImportId="ERP-1")
    second = new_order(store, orderImportId="ERP-2")
    assert new_order(store, orderId=first, orderImportId="ERP-2", description="x") == first
    assert store.orders[first].order_import_id == "ERP-1"
    assert store.orders[second].description == ""


def test_unknown_onix_id_is_a_logic_error_and_stores_nothing(store: OnixStore) -> None:
    before = snapshot(store)
    with pytest.raises(errors.InvalidOrderId):
        new_order(store, orderId=999, orderImportId="ERP-9")
    assert snapshot(store) == before


def test_update_keeps_null_and_missing_and_clears_with_empty_string(store: OnixStore) -> None:
    order_id = new_order(store, orderImportId="ERP-1", description="keep", customerReference="ref")
    new_order(store, orderId=order_id, description=None, customerReference="")
    order = store.orders[order_id]
    assert (order.description, order.customer_reference) == ("keep", "")


def test_unknown_workflow_status_is_refused(store: OnixStore) -> None:
    with pytest.raises(errors.InvalidWorkflowStatusId) as caught:
        new_order(store, workflowStatusId=77)
    assert caught.value.member_names == ("workflowStatusId",)


def test_customer_link_of_the_wrong_type_is_refused(store: OnixStore) -> None:
    before = snapshot(store)
    with pytest.raises(errors.InvalidCompanyLink, match="supplier link, not a customer"):
        new_order(store, erpCustomerId="SUP-2001")
    with pytest.raises(errors.InvalidCompanyLink, match="No company link"):
        new_order(store, erpCustomerId="NOPE")
    assert snapshot(store) == before


def test_auto_create_customer_links_a_new_company_and_contact(store: OnixStore) -> None:
    order_id = new_order(
        store,
        erpCustomerId="NEW-1",
        erpCustomerContactId="NEWC-1",
        erpCustomerContactFirstName="Ola",
        autoCreateCustomer=True,
    )
    link = store.company_links["NEW-1"]
    contact = store.contact_links["NEWC-1"]
    assert (link.type, contact.first_name, contact.company_id) == ("customer", "Ola", link.company_id)
    assert store.orders[order_id].customer_contact_id == contact.contact_id


def test_closed_order_refuses_writes(store: OnixStore) -> None:
    closed = next(o for o in store.orders.values() if o.workflow_status_id == 4)
    with pytest.raises(errors.OrderClosed):
        new_order(store, orderId=closed.order_id, description="x")
    with pytest.raises(errors.OrderClosed):
        store.save_order_line(read(ORDER_LINE_INFO, {"orderId": closed.order_id, "productNo": "LIFT-100"}))


def test_order_line_import_ids_are_scoped_to_their_order(store: OnixStore) -> None:
    a, b = new_order(store), new_order(store)
    line_a = store.save_order_line(
        read(ORDER_LINE_INFO, {"orderId": a, "orderLineImportId": "1", "productNo": "LIFT-100"})
    )
    line_b = store.save_order_line(
        read(ORDER_LINE_INFO, {"orderId": b, "orderLineImportId": "1", "productNo": "LIFT-100"})
    )
    assert line_a != line_b
    same = store.save_order_line(read(ORDER_LINE_INFO, {"orderId": a, "orderLineImportId": "1", "quantity": 3}))
    assert same == line_a and store.order_lines[line_a].quantity == Decimal(3)


def test_numbering_replaces_items_and_checks_the_quantity(store: OnixStore) -> None:
    order_id = new_order(store)
    line_id = store.save_order_line(
        read(ORDER_LINE_INFO, {"orderId": order_id, "productNo": "LIFT-100", "quantity": 2})
    )
    ids = {"orderId": order_id, "orderLineId": line_id}
    assert store.number_items(read(ITEMS_INFO, {**ids, "items": [{"serialNo": "A1"}, {"batchNo": "B7"}]}))
    assert [i.serial_no for i in store.order_lines[line_id].items] == ["A1", None]
    with pytest.raises(errors.TooManyItems):
        store.number_items(read(ITEMS_INFO, {**ids, "items": [{"serialNo": s} for s in ("1", "2", "3")]}))
    with pytest.raises(errors.DuplicateSerialNo):
        store.number_items(read(ITEMS_INFO, {**ids, "items": [{"serialNo": "X"}, {"serialNo": "X"}]}))
    assert [i.serial_no for i in store.order_lines[line_id].items] == ["A1", None]


def test_non_unique_lines_have_no_numbers(store: OnixStore) -> None:
    order_id = new_order(store)
    line_id = store.save_order_line(
        read(ORDER_LINE_INFO, {"orderId": order_id, "productNo": "OIL-5L", "quantity": 2.5})
    )
    with pytest.raises(errors.ItemsNotNumbered):
        store.number_items(read(ITEMS_INFO, {"orderId": order_id, "orderLineId": line_id, "items": [{"batchNo": "B"}]}))
    with pytest.raises(errors.WholeQuantityRequired):
        store.save_order_line(read(ORDER_LINE_INFO, {"orderId": order_id, "productNo": "SCREW-M8", "quantity": 1.5}))


def test_product_matrix_by_id_import_id_and_number(store: OnixStore) -> None:
    created = store.save_product(read(PRODUCT_INFO, {"importId": "P-1", "productNo": "NEW-1", "name": "Ny"}))
    assert store.save_product(read(PRODUCT_INFO, {"importId": "P-1", "name": "Renamed"})) == created
    assert store.save_product(read(PRODUCT_INFO, {"productNo": "new-1", "description": "d"})) == created
    assert store.products[created].name == "Renamed"
    with pytest.raises(errors.ProductNoExists):
        store.save_product(read(PRODUCT_INFO, {"productId": created, "productNo": "LIFT-100"}))
    with pytest.raises(errors.ValidationFailed) as caught:
        store.save_product(read(PRODUCT_INFO, {"importId": "P-2"}))
    assert caught.value.errors == {
        "productNo": ["'Product No' must not be empty."],
        "name": ["'Name' must not be empty."],
    }
