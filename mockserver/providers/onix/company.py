"""What every part of a company's store stands on: its collections, ids, all-or-nothing writes, links."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from mockserver.core.clock import Clock
from mockserver.providers.onix.errors import InvalidCompanyLink, InvalidContactLink, InvalidWorkflowStatusId
from mockserver.providers.onix.labels import label
from mockserver.providers.onix.models import (
    CompanyLink,
    ContactLink,
    ControlCategory,
    Order,
    OrderLine,
    Product,
    WorkflowStatus,
)

#: Everything a write may change; a failed write puts these back as they were.
MUTABLE = ("orders", "order_lines", "products", "company_links", "contact_links", "_import_ids", "_next_ids")


class CompanyData:
    """One company's records and the basics every write uses (ProductCatalog and OrderBook build on it)."""

    def __init__(self, clock: Clock, company_id: int) -> None:
        self.clock = clock
        self.company_id = company_id
        self.lock = threading.RLock()
        self.order_statuses: dict[int, WorkflowStatus] = {}
        self.order_line_statuses: dict[int, WorkflowStatus] = {}
        self.control_categories: dict[int, ControlCategory] = {}
        self.company_links: dict[str, CompanyLink] = {}
        self.contact_links: dict[str, ContactLink] = {}
        self.products: dict[int, Product] = {}
        self.orders: dict[int, Order] = {}
        self.order_lines: dict[int, OrderLine] = {}
        #: (collection, scope, import id) -> Onix id; scope is the order id for order lines, else 0.
        self._import_ids: dict[tuple[str, int, str], int] = {}
        self._next_ids: dict[str, int] = {}

    # -- basics ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def next_id(self, collection: str) -> int:
        value = self._next_ids[collection]
        self._next_ids[collection] = value + 1
        return value

    def import_id(self, collection: str, scope: int, value: str) -> int | None:
        return self._import_ids.get((collection, scope, value))

    def remember_import_id(self, collection: str, scope: int, value: str | None, onix_id: int) -> None:
        if value:
            self._import_ids[(collection, scope, value)] = onix_id

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a write under the lock; on any error every collection is put back as it was."""
        with self.lock:
            saved = {name: dict(getattr(self, name)) for name in MUTABLE}
            try:
                yield
            except BaseException:
                for name, value in saved.items():
                    setattr(self, name, value)
                raise

    # -- lookups --------------------------------------------------------------------------

    @staticmethod
    def pairs(entries: dict[int, Any], language: int) -> list[tuple[str, str]]:
        return [(str(key), label(entry.labels, language)) for key, entry in entries.items()]

    def order_status(self, status_id: int) -> WorkflowStatus:
        found = self.order_statuses.get(status_id)
        if found is None:
            raise InvalidWorkflowStatusId()
        return found

    def order_line_status(self, status_id: int) -> WorkflowStatus:
        found = self.order_line_statuses.get(status_id)
        if found is None:
            raise InvalidWorkflowStatusId()
        return found

    # -- links ----------------------------------------------------------------------------

    def company_link(self, external_id: str, link_type: str, member: str) -> CompanyLink:
        """The link of an external company id, which must be of ``link_type`` (seed: "Company links")."""
        link: CompanyLink = linked(self.company_links, "company", external_id, link_type, member)
        return link

    def contact_link(self, external_id: str, link_type: str, member: str) -> ContactLink:
        link: ContactLink = linked(self.contact_links, "contact", external_id, link_type, member)
        return link


def linked(links: dict[str, Any], what: str, external_id: str, link_type: str, member: str) -> Any:
    """A company or contact link of the right type; InvalidCompanyLink / InvalidContactLink otherwise."""
    error = InvalidCompanyLink if what == "company" else InvalidContactLink
    link = links.get(external_id)
    if link is None:
        raise error(f"No {what} link with external id '{external_id}'", member_names=[member])
    if link.type != link_type:
        text = f"{what.capitalize()} link '{external_id}' is a {link.type} link, not a {link_type} link"
        raise error(text, member_names=[member])
    return link
