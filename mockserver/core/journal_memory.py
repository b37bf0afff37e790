"""How a journal entry is held in memory: what the request left packed into one bytes object, and what it weighs."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from itertools import chain
from sys import getsizeof
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


def pack(kept: Kept) -> bytes | None:
    """What a request left as one bytes object: one allocation per entry, of about the same size for similar
    requests, which the allocator reuses as the journal drops its oldest entries (many small objects per entry
    would leave holes in the heap instead). None when a header cannot be packed."""
    headers = pack_headers(kept.headers or ())
    response_headers = pack_headers(kept.response_headers or ())
    if not isinstance(headers, bytes) or not isinstance(response_headers, bytes):
        return None
    body, response_body = kept.body or b"", kept.response_body or b""
    lengths = LENGTHS.pack(len(headers), len(response_headers), len(body), len(response_body))
    return b"".join((lengths, headers, response_headers, body, response_body))


def unpack(packed: bytes) -> Kept:
    headers, response_headers, body, response_body = LENGTHS.unpack_from(packed)
    cut = LENGTHS.size
    cuts = (cut, cut + headers, cut + headers + response_headers, cut + headers + response_headers + body)
    end = cuts[3] + response_body
    return Kept(packed[cuts[0] : cuts[1]], packed[cuts[1] : cuts[2]], packed[cuts[2] : cuts[3]], packed[cuts[3] : end])


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
    if value is None or (not value and type(value) in _SHARED_EMPTY):
        return 0  # the empty ones exist once, shared
    size = getsizeof(value)
    return (size + 15) & ~15 if size <= 512 else (size + 23) & ~15


#: Types whose empty value Python keeps once.
_SHARED_EMPTY = (bytes, str, tuple)


#: A number object of the entry's own: Python keeps the integers from -5 to 256 once, shared.
NUMBER = 32

#: Per entry besides what it refers to: the journal's slot for it and for its weight (eight bytes each).
SLOTS = 16


#: Per class of entry: the object itself and its slots in the journal (a class's objects are all of one size).
_FIXED: dict[type, int] = {}


def weight(entry: JournalEntry) -> int:
    """How many bytes of memory ``entry`` holds: the object, the strings and numbers of its own, and what the
    request left, packed (or as it came when it could not be). tests/core/test_journal_bytes.py holds it to what
    is allocated. Strings the journal interns (method, provider, operation, tenant, credential, content type) are
    shared and not counted; neither are the provider's secret names. Every request pays for this."""
    fixed = _FIXED.get(type(entry))
    if fixed is None:
        fixed = _FIXED[type(entry)] = SLOTS + NUMBER + held(entry)
    size = fixed + held(entry.id) + held(entry.path) + held(entry.query)
    for number in (entry.seq, entry.stamp, entry.duration_ms, entry.dice, entry.request_bytes, entry.response_bytes):
        if number is not None and not (type(number) is int and -5 <= number <= 256):
            size += NUMBER
    if entry.packed is not None:
        size += held(entry.packed)
    else:
        size += held(entry.raw_body) + held(entry.raw_response_body)
        for headers in (entry.raw_headers, entry.raw_response_headers):
            if isinstance(headers, bytes):
                size += held(headers)
            elif headers:  # pairs that could not be packed
                size += held(headers) + sum(held(pair) + held(pair[0]) + held(pair[1]) for pair in headers)
    if entry.notes:
        size += held(entry.notes) + sum(held(note) for note in entry.notes)
    return size
