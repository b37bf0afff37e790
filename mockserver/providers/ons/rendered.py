"""Rendered bytes of stored records (JSON object, XML element), kept until the store next writes.

Turning a record into its wire form formats every date with its Amsterdam offset; for
reads, which far outnumber writes, the bytes of an unchanged record are the same each
time. The store clears the cache on every write, so a record is never served stale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockserver.core.render import json_bytes
from mockserver.providers.ons import xml
from mockserver.providers.ons.models import Resource, to_wire

#: Past this many entries the cache starts afresh (records built outside the store would grow it).
MAX_ENTRIES = 100_000


class Renderer:
    """Renders every time: for records that are not the store's own."""

    def json(self, resource: Resource, record: Mapping[str, Any]) -> bytes:
        return json_bytes(to_wire(resource, record))

    def xml_element(self, resource: Resource, record: Mapping[str, Any]) -> bytes:
        return xml.element_bytes(resource.element, to_wire(resource, record))

    def list_body(self, resource: Resource, records: Sequence[Mapping[str, Any]], as_xml: bool) -> bytes:
        """The list wrapper around each record's bytes: the same bytes as rendering the whole list at once."""
        wrapper = resource.plural.encode()
        if as_xml:
            items = b"".join([self.xml_element(resource, r) for r in records])
            return xml.XML_DECLARATION + b"<" + wrapper + b">" + items + b"</" + wrapper + b">"
        return b'{"' + wrapper + b'":[' + b",".join([self.json(resource, r) for r in records]) + b"]}"


class RenderCache(Renderer):
    """One store's records as bytes, by (kind, resource, record identity)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: dict[tuple[str, str, int], tuple[Mapping[str, Any], bytes]] = {}
        #: Whole list bodies by the identities of their records (held, so no id is reused meanwhile).
        self._lists: dict[tuple[bool, str, tuple[int, ...]], tuple[tuple[Mapping[str, Any], ...], bytes]] = {}
        self._generation = 0
        self.max_entries = max_entries

    def clear(self) -> None:
        """Forget everything: called by the store whenever it writes."""
        self._generation += 1
        self._entries.clear()
        self._lists.clear()

    def _cached(self, kind: str, resource: Resource, record: Mapping[str, Any], render: Any) -> bytes:
        key = (kind, resource.element, id(record))
        hit = self._entries.get(key)
        # The entry holds the record itself, so its id cannot be reused by another object meanwhile.
        if hit is not None and hit[0] is record:
            return hit[1]
        generation = self._generation
        body: bytes = render(self, resource, record)
        if generation == self._generation:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key] = (record, body)
        return body

    def json(self, resource: Resource, record: Mapping[str, Any]) -> bytes:
        return self._cached("json", resource, record, Renderer.json)

    def xml_element(self, resource: Resource, record: Mapping[str, Any]) -> bytes:
        return self._cached("xml", resource, record, Renderer.xml_element)

    def list_body(self, resource: Resource, records: Sequence[Mapping[str, Any]], as_xml: bool) -> bytes:
        key = (as_xml, resource.element, tuple(map(id, records)))
        hit = self._lists.get(key)
        if hit is not None:
            return hit[1]
        generation = self._generation
        body = super().list_body(resource, records, as_xml)
        if generation == self._generation:
            if len(self._lists) >= self.max_entries:
                self._lists.clear()
            self._lists[key] = (tuple(records), body)
        return body


#: The shared uncached renderer.
UNCACHED = Renderer()
