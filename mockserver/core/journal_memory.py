"""How the journal holds an entry: one tuple of shared values and one bytes object with what the request left."""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from itertools import chain
from sys import getsizeof, intern
from typing import Final, NamedTuple

#: Headers as a request leaves them: the (name, value) pairs as received, or those pairs packed by ``pack_headers``.
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


def header_pairs(headers: RawHeaders | None) -> Sequence[tuple[bytes, bytes]]:
    """The (name, value) pairs of headers as received or as packed."""
    if not headers:
        return ()
    if not isinstance(headers, bytes):
        return headers
    parts = headers.split(SEPARATOR)
    return list(zip(parts[::2], parts[1::2], strict=True))


class Kept(NamedTuple):
    """What a request left for its journal entry: its headers and the response's, and both bodies' first bytes."""

    headers: RawHeaders | None
    response_headers: RawHeaders | None
    body: bytes | None
    response_body: bytes | None


#: A kept entry: the values many entries share (interned strings, the provider's secret names, the scenario's rule
#: and fault) and the entry's own (its sequence number, path and packed bytes). Read with ``Fields``.
Record = tuple[
    int,  # seq
    bytes,  # packed: numbers, strings, headers and bodies
    str,  # method
    str,  # path
    int | None,  # status
    str | None,  # provider
    str | None,  # operation
    str | None,  # tenant
    str | None,  # credential
    str | None,  # response_type
    str | None,  # rule
    str | None,  # fault
    Sequence[str],  # notes
    frozenset[str],  # secret_headers
    frozenset[str],  # secret_params
]

#: Where a record holds each of its values.
SEQ: Final = 0
METHOD: Final = 2
PATH: Final = 3
STATUS: Final = 4
PROVIDER: Final = 5
OPERATION: Final = 6
TENANT: Final = 7

#: The packed bytes begin with the numbers and flags, then the lengths of the parts that follow them in this order:
#: id, time and query (UTF-8), the request's headers, the response's headers, the request body, the response body.
HEAD = struct.Struct("<dddqqB7I")
_STAMP, _DICE, _BODY_CUT, _ANSWER_CUT, _HEADERS_SPLIT, _RESPONSE_HEADERS_SPLIT = 1, 2, 4, 8, 16, 32
#: Lengths before each name and value of headers that hold a NUL (``split``).
_LENGTH = struct.Struct("<I")


def split(headers: Sequence[tuple[bytes, bytes]]) -> bytes:
    """Headers that cannot be packed with separators: each name and value after its length."""
    return b"".join(_LENGTH.pack(len(part)) + part for part in chain.from_iterable(headers))


def unsplit(data: bytes) -> list[tuple[bytes, bytes]]:
    parts = []
    at = 0
    while at < len(data):
        (length,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        parts.append(data[at : at + length])
        at += length
    return list(zip(parts[::2], parts[1::2], strict=True))


def _headers_bytes(headers: RawHeaders | None) -> tuple[bytes, bool]:
    """Headers as stored, and whether that is the length-prefixed form."""
    packed = pack_headers(headers or ())
    if isinstance(packed, bytes):
        return packed, False
    return split(packed), True


class Fields(NamedTuple):
    """Everything a record holds, unpacked: what a JournalEntry is made of."""

    seq: int
    id: str
    time: str
    method: str
    path: str
    query: str
    status: int | None
    provider: str | None
    operation: str | None
    tenant: str | None
    credential: str | None
    response_type: str | None
    rule: str | None
    fault: str | None
    dice: float | None
    notes: Sequence[str]
    stamp: float | None
    duration_ms: float
    request_bytes: int
    response_bytes: int
    request_body_truncated: bool
    response_body_truncated: bool
    secret_headers: frozenset[str]
    secret_params: frozenset[str]
    kept: Kept


#: One int object per status code: a record refers to it rather than holding a number of its own.
_STATUSES: dict[int, int] = {}


def make_record(
    seq: int,
    id: str,
    time: str,
    method: str,
    path: str,
    query: str,
    status: int | None,
    provider: str | None,
    operation: str | None,
    tenant: str | None,
    credential: str | None,
    response_type: str | None,
    rule: str | None,
    fault: str | None,
    dice: float | None,
    notes: Sequence[str],
    stamp: float | None,
    duration_ms: float,
    request_bytes: int,
    response_bytes: int,
    request_body_truncated: bool,
    response_body_truncated: bool,
    secret_headers: frozenset[str],
    secret_params: frozenset[str],
    kept: Kept,
) -> Record:
    """One entry as the journal keeps it: two objects of its own (the tuple and the packed bytes) besides its path,
    where the entry as read has a dozen; strings many entries repeat are interned and shared."""
    headers, headers_split = _headers_bytes(kept.headers)
    response_headers, response_split = _headers_bytes(kept.response_headers)
    body, answer = kept.body or b"", kept.response_body or b""
    texts = [id.encode("utf-8", "surrogatepass"), time.encode("utf-8", "surrogatepass")]
    texts.append(query.encode("utf-8", "surrogatepass"))
    flags = (
        (_STAMP if stamp is not None else 0)
        | (_DICE if dice is not None else 0)
        | (_BODY_CUT if request_body_truncated else 0)
        | (_ANSWER_CUT if response_body_truncated else 0)
        | (_HEADERS_SPLIT if headers_split else 0)
        | (_RESPONSE_HEADERS_SPLIT if response_split else 0)
    )
    head = HEAD.pack(
        math.nan if stamp is None else stamp,
        duration_ms,
        math.nan if dice is None else dice,
        request_bytes,
        response_bytes,
        flags,
        len(texts[0]),
        len(texts[1]),
        len(texts[2]),
        len(headers),
        len(response_headers),
        len(body),
        len(answer),
    )
    packed = b"".join((head, *texts, headers, response_headers, body, answer))
    if status is not None:
        status = _STATUSES.setdefault(status, status)
    return (
        seq,
        packed,
        intern(method),
        path,
        status,
        None if provider is None else intern(provider),
        None if operation is None else intern(operation),
        None if tenant is None else intern(tenant),
        None if credential is None else intern(credential),
        None if response_type is None else intern(response_type),
        rule,
        fault,
        tuple(notes) if notes else (),
        secret_headers,
        secret_params,
    )


def fields(record: Record) -> Fields:
    """The record unpacked (a copy: reading keeps nothing)."""
    packed = record[1]
    stamp, duration_ms, dice, request_bytes, response_bytes, flags, *lengths = HEAD.unpack_from(packed)
    parts = []
    at = HEAD.size
    for length in lengths:
        parts.append(packed[at : at + length])
        at += length
    text_id, text_time, text_query, headers, response_headers, body, answer = parts
    kept = Kept(
        unsplit(headers) if flags & _HEADERS_SPLIT else headers,
        unsplit(response_headers) if flags & _RESPONSE_HEADERS_SPLIT else response_headers,
        body,
        answer,
    )
    return Fields(
        seq=record[0],
        id=text_id.decode("utf-8", "surrogatepass"),
        time=text_time.decode("utf-8", "surrogatepass"),
        method=record[2],
        path=record[3],
        query=text_query.decode("utf-8", "surrogatepass"),
        status=record[4],
        provider=record[5],
        operation=record[6],
        tenant=record[7],
        credential=record[8],
        response_type=record[9],
        rule=record[10],
        fault=record[11],
        dice=dice if flags & _DICE else None,
        notes=record[12],
        stamp=stamp if flags & _STAMP else None,
        duration_ms=duration_ms,
        request_bytes=request_bytes,
        response_bytes=response_bytes,
        request_body_truncated=bool(flags & _BODY_CUT),
        response_body_truncated=bool(flags & _ANSWER_CUT),
        secret_headers=record[13],
        secret_params=record[14],
        kept=kept,
    )


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

#: The record's tuple, of one size for every record (fifteen references).
_TUPLE = held(tuple(range(15)))


def weight(record: Record) -> int:
    """How many bytes of memory ``record`` holds: its tuple, its sequence number, its path and its packed bytes, and
    its notes. tests/core/test_journal_bytes.py holds it to what is allocated. Strings the journal interns (method,
    provider, operation, tenant, credential, content type) and the status codes are shared and not counted; neither
    are the provider's secret names nor the scenario's rule and fault names. Every request pays for this."""
    seq, packed, path, notes = record[0], record[1], record[3], record[12]
    size = SLOTS + _TUPLE + held(packed) + held(path)
    if not -5 <= seq <= 256:
        size += NUMBER
    if notes:
        size += held(notes) + sum(held(note) for note in notes)
    return size
