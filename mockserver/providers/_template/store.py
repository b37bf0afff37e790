"""One Skeleton tenant's data and rules; never imports FastAPI, raises the vendor's errors."""

from __future__ import annotations

import threading
from typing import Any

from mockserver.core.clock import Clock
from mockserver.core.persist import SavedFields
from mockserver.providers._template.errors import NotFound
from mockserver.providers._template.models import Item

COLLECTIONS = ("items",)


class SkeletonStore(SavedFields):
    """Items by id. Every method takes ``lock`` (re-entrant), so handlers may also hold it around several.

    ``SAVED`` names what --state-file keeps across a restart: the records and the id counter (not caches).
    """

    SAVED = ("_items", "_next_id")

    def __init__(self, clock: Clock, items: list[Item]) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self._items = {item.id: item for item in items}
        self._next_id = max(self._items, default=1000) + 1

    def items(self) -> list[Item]:
        with self.lock:
            return list(self._items.values())

    def item(self, item_id: int) -> Item:
        with self.lock:
            found = self._items.get(item_id)
        if found is None:
            raise NotFound(f"No item with id {item_id}.")
        return found

    def create_item(self, name: str) -> Item:
        with self.lock:
            created = self.clock.now().isoformat(timespec="seconds")
            item = Item(self._next_id, name, created)
            self._items[item.id] = item
            self._next_id += 1
            return item

    # -- what the admin state view reads (core's Store protocol) -----------------------

    def collections(self) -> list[str]:
        return list(COLLECTIONS)

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        if collection != "items":
            return None
        return [item.to_wire() for item in self.items()]
