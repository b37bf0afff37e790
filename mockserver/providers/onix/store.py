"""One company's store: products, orders and lines on the company's data, and the admin state view."""

from __future__ import annotations

from typing import Any

from mockserver.core.persist import SavedFields
from mockserver.providers.onix.models import plain
from mockserver.providers.onix.orders import OrderBook

#: Collections the admin state view shows (GET /__admin/state/onix/<collection>).
COLLECTIONS = (
    "orders",
    "order_lines",
    "products",
    "company_links",
    "contact_links",
    "order_statuses",
    "order_line_statuses",
    "control_categories",
)


class OnixStore(OrderBook, SavedFields):
    """All records of one company; methods take the request's members and return the bare answer."""

    SAVED = (*COLLECTIONS, "_import_ids", "_next_ids")

    # -- admin state view -----------------------------------------------------------------

    def collections(self) -> list[str]:
        return list(COLLECTIONS)

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        if collection not in COLLECTIONS:
            return None
        records: dict[Any, Any] = getattr(self, collection)
        return [plain(r) for r in records.values()]
