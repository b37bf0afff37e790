"""Catalog records (agendas, resources, appointment types, fields) as written XML text, kept per store.

A store never changes these records once it is built: they are frozen, and a different one is a
different object (a restored snapshot, a rebuilt store). So the text written for a record at one
depth is the text every later read of it gets. Each entry holds its record, so the record's id is
not reused by another object while the entry lives.
"""

from __future__ import annotations

from typing import Protocol

from mockserver.providers.onlineafspraken.models import Elements
from mockserver.providers.onlineafspraken.xmltext import write

#: Past this many entries the cache starts afresh (a store's sizes allow about 10,000 catalog records).
MAX_ENTRIES = 50_000


class Record(Protocol):
    def elements(self) -> Elements: ...


class WrittenRecords:
    """Text by (record, element name, depth); the store's lock is held around every use."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: dict[tuple[int, str, int], tuple[Record, str]] = {}
        self.max_entries = max_entries

    def __len__(self) -> int:
        return len(self._entries)

    def text(self, record: Record, name: str, depth: int) -> str:
        """``xmltext.write(out, depth, name, record.elements())``'s text, written once per record."""
        key = (id(record), name, depth)
        hit = self._entries.get(key)
        if hit is not None and hit[0] is record:
            return hit[1]
        out: list[str] = []
        write(out, depth, name, record.elements())
        text = "".join(out)
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (record, text)
        return text
