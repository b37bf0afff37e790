"""What one company holds: workflow statuses, links, products, orders, order lines and their items.

Records are frozen: a write builds the new record and swaps it in, so a failed write (or a
transfer that fails half-way) leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from mockserver.providers.onix.labels import Labels

CUSTOMER, SUPPLIER = "customer", "supplier"
LINK_TYPES = (CUSTOMER, SUPPLIER)

#: Property name -> value (None: no value); order of definition kept.
Properties = dict[str, str | None]


@dataclass(frozen=True)
class WorkflowStatus:
    id: int
    labels: Labels
    closed: bool = False


@dataclass(frozen=True)
class ControlCategory:
    id: int
    labels: Labels


@dataclass(frozen=True)
class CompanyLink:
    """The caller's external id for a company, mapped to an Onix company id (seed: "Company links")."""

    external_id: str
    company_id: int
    type: str
    name: str


@dataclass(frozen=True)
class ContactLink:
    external_id: str
    contact_id: int
    type: str
    company_id: int | None
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class Product:
    product_id: int
    product_no: str
    name: str
    product_type: int
    import_id: str | None = None
    control_category_id: int | None = None
    supplier_company_id: int | None = None
    description: str = ""
    properties: Properties = field(default_factory=dict)
    #: form name -> its properties
    forms: dict[str, Properties] = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class Item:
    """One numbered unit (a serial number) or batch of an order line."""

    serial_no: str | None
    batch_no: str | None
    quantity: Decimal = Decimal(1)


@dataclass(frozen=True)
class Order:
    order_id: int
    workflow_status_id: int
    source: str
    erp_order_date: date
    order_import_id: str | None = None
    erp_order_no: str = ""
    delivery_date: date | None = None
    description: str = ""
    customer_reference: str = ""
    customer_company_id: int | None = None
    customer_contact_id: int | None = None
    supplier_company_id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class OrderLine:
    order_line_id: int
    order_id: int
    product_id: int
    type: int
    quantity: Decimal
    workflow_status_id: int
    order_line_import_id: str | None = None
    description: str = ""
    delivery_date: date | None = None
    properties: Properties = field(default_factory=dict)
    forms: dict[str, Properties] = field(default_factory=dict)
    items: tuple[Item, ...] = ()
    created: datetime | None = None
    updated: datetime | None = None


def copy_forms(forms: dict[str, Properties]) -> dict[str, Properties]:
    return {name: dict(props) for name, props in forms.items()}


def named(names: Iterable[str], wanted: str) -> str | None:
    """The name among ``names`` that is ``wanted`` without regard to case (forms and properties match so)."""
    folded = wanted.casefold()
    return next((name for name in names if name.casefold() == folded), None)


def merge_properties(current: Properties, entries: Iterable[Mapping[str, Any]], *, add: bool) -> Properties:
    """Property values by name: null keeps a value, "" clears it; a new name is added only when ``add``."""
    out = dict(current)
    for entry in entries:
        wanted = entry.get("name") or ""
        name = named(out, wanted)
        if name is None:
            if add and wanted:
                out[wanted] = entry.get("value")
        elif entry.get("value") is not None:
            out[name] = entry["value"]
    return out


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def plain(record: Any) -> Any:
    """A record as JSON-ready data with camelCase keys (the admin state view)."""
    if hasattr(record, "__dataclass_fields__"):
        return {camel(f.name): plain(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, datetime):
        return record.isoformat().replace("+00:00", "Z")
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, Decimal):
        return int(record) if record == record.to_integral_value() else float(record)
    if isinstance(record, dict):
        return {str(k): plain(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [plain(v) for v in record]
    return record
