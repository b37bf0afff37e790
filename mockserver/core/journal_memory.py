"""How a journal entry is held in memory: headers packed into one bytes object, and what the entry weighs."""

from __future__ import annotations

import mmap
import struct
import sys
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mockserver.core.journal import JournalEntry

#: Headers as an entry holds them: the (name, value) pairs as received, or those pairs packed by ``pack_headers``.
RawHeaders = Sequence[tuple[bytes, bytes]] | bytes

#: Between the names and values of packed headers: HTTP allows no NUL in either.
SEPARATOR = b"\0"


def pack_headers(headers: RawHeaders) -> RawHeaders:
    """The pairs as one bytes object, name and value after name and value (one object instead of three per header);
    pairs with a NUL in a name or value stay as they are."""
    if isinstance(headers, bytes):
        return headers
    if not headers:
        return b""
    packed = SEPARATOR.join(chain.from_iterable(headers))
    if packed.count(SEPARATOR) != 2 * len(headers) - 1:
        return headers
    return packed


class Kept(NamedTuple):
    """What a request left for its journal entry: its headers and the response's, and both bodies' first bytes."""

    headers: RawHeaders | None
    response_headers: RawHeaders | None
    body: bytes | None
    response_body: bytes | None


#: The lengths of the packed headers, response headers, body and response body, before them.
LENGTHS = struct.Struct("<IIII")
#: The size of the memory maps entries are packed into.
SEGMENT_BYTES = 256 * 1024

#: Where an entry's packed bytes are: a memory map of Segments (at an offset), or a bytes object of its own.
Packed = mmap.mmap | bytes


class Segments:
    """Where entries are packed: anonymous memory maps of SEGMENT_BYTES, filled one after the other. The journal
    drops its oldest entries first, so a map is soon referred to by none and goes back to the system whole: the
    journal's memory is what its entries hold, without the holes that many small allocations of any size leave
    in the C library's heap once they are freed."""

    def __init__(self) -> None:
        self._map: mmap.mmap | None = None
        self._used = SEGMENT_BYTES

    def put(self, kept: Kept) -> tuple[Packed, int] | None:
        """Pack ``kept`` (None when a header cannot be packed)."""
        headers = pack_headers(kept.headers or ())
        response_headers = pack_headers(kept.response_headers or ())
        if not isinstance(headers, bytes) or not isinstance(response_headers, bytes):
            return None
        body, response_body = kept.body or b"", kept.response_body or b""
        lengths = LENGTHS.pack(len(headers), len(response_headers), len(body), len(response_body))
        pieces = (lengths, headers, response_headers, body, response_body)
        size = LENGTHS.size + len(headers) + len(response_headers) + len(body) + len(response_body)
        if size > SEGMENT_BYTES:
            return b"".join(pieces), 0
        if self._map is None or self._used + size > SEGMENT_BYTES:
            self._map, self._used = mmap.mmap(-1, SEGMENT_BYTES, flags=mmap.MAP_PRIVATE), 0
        start = self._used
        self._map.seek(start)
        for piece in pieces:
            self._map.write(piece)
        self._used += size
        return self._map, start


def packed_size(into: Packed, start: int) -> int:
    if isinstance(into, bytes):
        return held(into)
    lengths: tuple[int, ...] = LENGTHS.unpack_from(into, start)
    return LENGTHS.size + sum(lengths)


def unpack(into: Packed, start: int) -> Kept:
    headers, response_headers, body, response_body = LENGTHS.unpack_from(into, start)
    cut = start + LENGTHS.size
    cuts = (cut, cut + headers, cut + headers + response_headers, cut + headers + response_headers + body)
    end = cuts[3] + response_body
    return Kept(into[cuts[0] : cuts[1]], into[cuts[1] : cuts[2]], into[cuts[2] : cuts[3]], into[cuts[3] : end])


def header_pairs(headers: RawHeaders | None) -> Sequence[tuple[bytes, bytes]]:
    """The (name, value) pairs of headers as received or as packed."""
    if not headers:
        return ()
    if not isinstance(headers, bytes):
        return headers
    parts = headers.split(SEPARATOR)
    return list(zip(parts[::2], parts[1::2], strict=True))


def held(value: object) -> int:
    """The bytes the allocator gives an object the entry alone refers to: Python's small-object allocator rounds up
    to 16 bytes; past 512 bytes the C library's malloc adds its 8-byte header and rounds up to 16 too."""
    if value is None or (isinstance(value, bytes | str | tuple) and not value):
        return 0  # the empty ones exist once, shared
    size = sys.getsizeof(value)
    return (size + 15) & ~15 if size <= 512 else (size + 23) & ~15


#: A number object of the entry's own: Python keeps the integers from -5 to 256 once, shared.
NUMBER = 32


def _number(value: int | float | None) -> int:
    if value is None or (isinstance(value, int) and -5 <= value <= 256):
        return 0
    return NUMBER


#: Per entry besides what it refers to: the journal's slot for it and for its weight (eight bytes each).
SLOTS = 16


def weight(entry: JournalEntry) -> int:
    """How many bytes of memory ``entry`` holds: the object, the strings and numbers of its own, and what the
    request left, packed (or as it came when it could not be). tests/core/test_journal_bytes.py holds it to what
    is allocated. Strings the journal interns (method, provider, operation, tenant, credential, content type) are
    shared and not counted; neither are the provider's secret names."""
    size = SLOTS + NUMBER + held(entry) + held(entry.id) + held(entry.path) + held(entry.query)
    size += _number(entry.seq) + _number(entry.stamp) + _number(entry.duration_ms) + _number(entry.dice)
    size += _number(entry.request_bytes) + _number(entry.response_bytes)
    if entry.packed is not None:
        size += _number(entry.packed_at) + packed_size(entry.packed, entry.packed_at)
    size += held(entry.raw_body) + held(entry.raw_response_body)
    for headers in (entry.raw_headers, entry.raw_response_headers):
        if isinstance(headers, bytes):
            size += held(headers)
        elif headers:  # pairs that could not be packed
            size += held(headers) + sum(held(pair) + held(pair[0]) + held(pair[1]) for pair in headers)
    if entry.notes:
        size += held(entry.notes) + sum(held(note) for note in entry.notes)
    return size
