"""Orders and order lines: create-or-update by id pairs, workflow statuses, numbering, properties.

forum.onix.com /624 and /627: the body decides between create and update. ``orderId`` and
``orderLineId`` are Onix's ids, ``orderImportId`` and ``orderLineImportId`` the caller's (50
characters at most). The Onix id wins when both are sent (the import id is then ignored); an
import id only finds an entity that was created with it, and otherwise creates one. Property
updates touch only properties the line already has, and nothing may be written once the order
or the line is in a Closed workflow status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from mockserver.providers.onix.errors import (
    DuplicateSerialNo,
    InvalidContactLink,
    InvalidOrderId,
    InvalidOrderImportId,
    InvalidOrderLineId,
    InvalidOrderLineImportId,
    ItemsNotNumbered,
    OrderClosed,
    OrderLineClosed,
    OrderLineNotInOrder,
    TooManyItems,
    ValidationFailed,
    WholeQuantityRequired,
)
from mockserver.providers.onix.fields import Present, non_empty, require
from mockserver.providers.onix.models import (
    CUSTOMER,
    SUPPLIER,
    CompanyLink,
    ContactLink,
    Item,
    Order,
    OrderLine,
    copy_forms,
    merge_properties,
    named,
)
from mockserver.providers.onix.products import ProductCatalog
from mockserver.providers.onix.schemas import CONSUMABLE, NON_UNIQUE

ORDERS, LINES = "orders", "order_lines"
#: Order members copied as they are (request member -> record field).
ORDER_TEXT = {"erpOrderNo": "erp_order_no", "description": "description", "customerReference": "customer_reference"}
DEFAULT_SOURCE = "OpenAPI"


def changes(values: Present, mapping: Mapping[str, str]) -> dict[str, Any]:
    """Update semantics: null or missing keeps the value; anything else (``""`` too) replaces it."""
    return {field: values[member] for member, field in mapping.items() if values.get(member) is not None}


class OrderBook(ProductCatalog):
    """Orders and order lines of a company's store."""

    # -- orders ---------------------------------------------------------------------------

    def find_order(self, values: Present, *, create: bool) -> Order | None:
        """The order the id pair names; None when the pair asks for a new one (``create`` only)."""
        order_id, import_id = values.get("orderId"), values.get("orderImportId")
        if order_id is not None:
            found = self.orders.get(order_id)
            if found is None:
                raise InvalidOrderId(f"Invalid Order Id: no order {order_id}")
            return found
        if import_id:
            onix_id = self.import_id(ORDERS, 0, import_id)
            if onix_id is not None:
                return self.orders[onix_id]
            if not create:
                raise InvalidOrderImportId(f"Invalid Order Import Id: no order was created with '{import_id}'")
            return None
        if not create:
            require(values, "orderId", "orderImportId", label="'Order Id' or 'Order Import Id' must not be empty.")
        return None

    def save_order(self, values: Present) -> int:
        """POST /v1/orders: the id of the order created or updated."""
        with self.transaction():
            return self._save_order(values)

    def _save_order(self, values: Present) -> int:
        existing = self.find_order(values, create=True)
        now = self.now()
        fields = changes(values, ORDER_TEXT)
        if values.get("source") is not None:
            fields["source"] = values["source"]
        for member, field in (("erpOrderDate", "erp_order_date"), ("deliveryDate", "delivery_date")):
            if values.get(member) is not None:
                fields[field] = values[member]
        if values.get("workflowStatusId") is not None:
            fields["workflow_status_id"] = self.order_status(values["workflowStatusId"]).id
        fields.update(self._order_parties(values, existing))
        if existing is not None:
            if self.order_status(existing.workflow_status_id).closed:
                raise OrderClosed(f"Order {existing.order_id} is Closed and cannot be changed")
            order = replace(existing, updated=now, **fields)
        else:
            order = Order(
                order_id=self.next_id(ORDERS),
                workflow_status_id=next(iter(self.order_statuses)),
                source=DEFAULT_SOURCE,
                erp_order_date=self.now().date(),
                order_import_id=values.get("orderImportId") or None,
                created=now,
                updated=now,
            )
            order = replace(order, **fields)
            self.remember_import_id(ORDERS, 0, order.order_import_id, order.order_id)
        self.orders[order.order_id] = order
        return order.order_id

    def _order_parties(self, values: Present, existing: Order | None) -> dict[str, Any]:
        """Customer company, contact and supplier from the caller's external ids (company/contact links)."""
        out: dict[str, Any] = {}
        customer_id = values.get("erpCustomerId")
        if customer_id:
            out["customer_company_id"] = self._customer(values, customer_id).company_id
        elif customer_id == "":
            out["customer_company_id"] = None
        contact_id = values.get("erpCustomerContactId")
        if contact_id:
            contact = self._contact(values, contact_id, out.get("customer_company_id"))
            company = out.get("customer_company_id", existing.customer_company_id if existing else None)
            if contact.company_id is not None and company is not None and contact.company_id != company:
                raise InvalidContactLink(
                    f"Contact link '{contact_id}' belongs to another company than the order's customer",
                    member_names=["erpCustomerContactId"],
                )
            out["customer_contact_id"] = contact.contact_id
        elif contact_id == "":
            out["customer_contact_id"] = None
        supplier_id = values.get("erpSupplierId")
        if supplier_id:
            out["supplier_company_id"] = self.company_link(supplier_id, SUPPLIER, "erpSupplierId").company_id
        elif supplier_id == "":
            out["supplier_company_id"] = None
        return out

    def _customer(self, values: Present, external_id: str) -> CompanyLink:
        # community.onix.com /2224 (1.15.3.0): autoCreateCustomer makes and links a missing customer company.
        if values.get("autoCreateCustomer") and external_id not in self.company_links:
            link = CompanyLink(external_id, self.next_id("companies"), CUSTOMER, f"Customer {external_id}")
            self.company_links[external_id] = link
            return link
        return self.company_link(external_id, CUSTOMER, "erpCustomerId")

    def _contact(self, values: Present, external_id: str, company_id: int | None) -> ContactLink:
        if values.get("autoCreateCustomer") and external_id not in self.contact_links:
            link = ContactLink(
                external_id,
                self.next_id("contacts"),
                CUSTOMER,
                company_id,
                values.get("erpCustomerContactFirstName") or "",
                values.get("erpCustomerContactLastName") or "",
                values.get("erpCustomerContactEmail") or "",
            )
            self.contact_links[external_id] = link
            return link
        return self.contact_link(external_id, CUSTOMER, "erpCustomerContactId")

    def open_order(self, values: Present) -> Order:
        """The existing order an order-line call names (both ids missing is a validation error)."""
        order = self.find_order(values, create=False)
        assert order is not None
        if self.order_status(order.workflow_status_id).closed:
            raise OrderClosed(f"Order {order.order_id} is Closed and cannot be changed")
        return order

    # -- order lines ----------------------------------------------------------------------

    def find_line(self, order: Order, values: Present, *, create: bool) -> OrderLine | None:
        line_id, import_id = values.get("orderLineId"), values.get("orderLineImportId")
        if line_id is not None:
            found = self.order_lines.get(line_id)
            if found is None:
                raise InvalidOrderLineId(f"Invalid Order Line Id: no order line {line_id}")
            if found.order_id != order.order_id:
                raise OrderLineNotInOrder(f"Order line {line_id} does not belong to order {order.order_id}")
            return found
        if import_id:
            onix_id = self.import_id(LINES, order.order_id, import_id)
            if onix_id is not None:
                return self.order_lines[onix_id]
            if not create:
                raise InvalidOrderLineImportId(
                    f"Invalid Order Line Import Id: no line of order {order.order_id} was created with '{import_id}'"
                )
            return None
        if not create:
            require(
                values,
                "orderLineId",
                "orderLineImportId",
                label="'Order Line Id' or 'Order Line Import Id' must not be empty.",
            )
        return None

    def open_line(self, values: Present) -> OrderLine:
        order = self.open_order(values)
        line = self.find_line(order, values, create=False)
        assert line is not None
        if self.order_line_status(line.workflow_status_id).closed:
            raise OrderLineClosed(f"Order line {line.order_line_id} is Closed and cannot be changed")
        return line

    def save_order_line(self, values: Present) -> int:
        """POST /v1/order-lines: the id of the order line created or updated."""
        with self.transaction():
            order = self.open_order(values)
            return self._save_line(order, values)

    def _save_line(self, order: Order, values: Present) -> int:
        existing = self.find_line(order, values, create=True)
        now = self.now()
        fields: dict[str, Any] = changes(values, {"description": "description"})
        if values.get("deliveryDate") is not None:
            fields["delivery_date"] = values["deliveryDate"]
        if values.get("quantity") is not None:
            fields["quantity"] = values["quantity"]
        if values.get("workflowStatusId") is not None:
            fields["workflow_status_id"] = self.order_line_status(values["workflowStatusId"]).id
        product = None
        if values.get("productId") is not None or values.get("productNo"):
            product = self.find_product(values, create=False)
            assert product is not None
            fields["product_id"] = product.product_id
        if values.get("type") is not None:
            fields["type"] = values["type"]
        if existing is not None:
            if self.order_line_status(existing.workflow_status_id).closed:
                raise OrderLineClosed(f"Order line {existing.order_line_id} is Closed and cannot be changed")
            line = replace(existing, updated=now, **fields)
        else:
            if product is None:
                raise ValidationFailed.one("productNo", "'Product Id' or 'Product No' must not be empty.")
            line = OrderLine(
                order_line_id=self.next_id(LINES),
                order_id=order.order_id,
                product_id=product.product_id,
                type=product.product_type,
                quantity=Decimal(1),
                workflow_status_id=next(iter(self.order_line_statuses)),
                order_line_import_id=values.get("orderLineImportId") or None,
                properties=dict(product.properties),
                forms=copy_forms(product.forms),
                created=now,
                updated=now,
            )
            line = replace(line, **fields)
            self.remember_import_id(LINES, order.order_id, line.order_line_import_id, line.order_line_id)
        if line.type != CONSUMABLE and line.quantity != line.quantity.to_integral_value():
            raise WholeQuantityRequired()
        numbered = sum((i.quantity for i in line.items), Decimal(0))
        if numbered > line.quantity:
            raise TooManyItems(f"Order line has {numbered} numbered items, more than quantity {line.quantity}")
        self.order_lines[line.order_line_id] = line
        return line.order_line_id

    def number_items(self, values: Present) -> bool:
        """POST /v1/order-lines/items: the line's serial and batch numbers, replacing earlier ones."""
        with self.transaction():
            line = self.open_line(values)
            items = non_empty(values, "items")
            if line.type in NON_UNIQUE:
                raise ItemsNotNumbered()
            numbered = tuple(self._item(index, item) for index, item in enumerate(items))
            serials = [i.serial_no for i in numbered if i.serial_no]
            duplicates = sorted({s for s in serials if serials.count(s) > 1})
            if duplicates:
                raise DuplicateSerialNo(f"Duplicate Serial No '{duplicates[0]}'")
            total = sum((i.quantity for i in numbered), Decimal(0))
            if total > line.quantity:
                raise TooManyItems(f"{total} items numbered for an order line of quantity {line.quantity}")
            self.order_lines[line.order_line_id] = replace(line, items=numbered, updated=self.now())
            return True

    @staticmethod
    def _item(index: int, item: Present) -> Item:
        serial, batch = item.get("serialNo") or None, item.get("batchNo") or None
        if serial is None and batch is None:
            raise ValidationFailed.one(f"items[{index}].serialNo", "'Serial No' or 'Batch No' must not be empty.")
        quantity = item.get("quantity") or Decimal(1)
        if serial is not None and quantity != 1:
            raise ValidationFailed.one(f"items[{index}].quantity", "A serial numbered item has quantity 1.")
        return Item(serial, batch, quantity)

    def update_line_properties(self, values: Present) -> bool:
        """POST /v1/order-lines/properties: existing properties only; unknown names are ignored."""
        with self.transaction():
            line = self.open_line(values)
            properties = merge_properties(line.properties, non_empty(values, "properties"), add=False)
            self.order_lines[line.order_line_id] = replace(line, properties=properties, updated=self.now())
            return True

    def update_line_form_properties(self, values: Present) -> bool:
        """POST /v1/order-lines/form-properties: existing properties of forms the line has; others ignored."""
        with self.transaction():
            line = self.open_line(values)
            forms = copy_forms(line.forms)
            for entry in non_empty(values, "formProperties"):
                form = named(forms, entry.get("formName") or "")
                if form is not None:
                    forms[form] = merge_properties(forms[form], [entry], add=False)
            self.order_lines[line.order_line_id] = replace(line, forms=forms, updated=self.now())
            return True

    # -- transfer -------------------------------------------------------------------------

    def transfer_order(self, values: Present) -> int:
        """POST /v1/orders/transfer-order: the order and its lines (and their numbering) in one call, or nothing."""
        with self.transaction():
            order_id = self._save_order(values)
            order = self.orders[order_id]
            for index, line_values in enumerate(values.get("orderLines") or ()):
                try:
                    line_id = self._save_line(order, line_values)
                    if line_values.get("items"):
                        self.number_items({"orderId": order_id, "orderLineId": line_id, "items": line_values["items"]})
                except ValidationFailed as exc:
                    errors = {f"orderLines[{index}].{k}": v for k, v in exc.errors.items()}
                    raise ValidationFailed(errors=errors) from None
            return order_id
