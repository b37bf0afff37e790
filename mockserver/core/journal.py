"""The bounded request journal: what came in, what went out, and why."""

from __future__ import annotations

import fnmatch
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from mockserver.core.journal_bodies import Body, compile_xpath, decode_body, json_subset, xpath_matches
from mockserver.core.journal_memory import (
    METHOD,
    OPERATION,
    PATH,
    PROVIDER,
    SEQ,
    STATUS,
    TENANT,
    Fields,
    Kept,
    RawHeaders,
    Record,
    fields,
    header_pairs,
    make_record,
    weight,
)

#: Headers and query parameters never written out for any request: generic HTTP credentials. Each provider
#: adds the names it declares (``Provider.secret_headers`` / ``secret_params``); core names no vendor's.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})
SECRET_QUERY_KEYS = frozenset({"access_token", "token", "key", "password"})
#: Response headers never written out: what sets a credential in the client.
SECRET_RESPONSE_HEADERS = frozenset({"set-cookie"})


@dataclass(slots=True)
class JournalEntry:
    """One request and what became of it.

    An entry holds what the request left, and little else: the arrival ``stamp``, the query and headers as received
    and the bodies' first bytes. The journal keeps it as a record (core/journal_memory.py) and gives readers a new
    entry unpacked from it. The time, the redacted query and headers and the decoded bodies are worked out whenever
    the entry is read (``to_dict``) and never kept, so a request pays for none of them.
    """

    id: str
    time: str
    method: str
    path: str
    #: The query string as received: it may hold secrets, so to_dict redacts it (``secret_params``).
    query: str = ""
    provider: str | None = None
    operation: str | None = None
    tenant: str | None = None
    credential: str | None = None
    status: int | None = None
    request_bytes: int = 0
    response_bytes: int = 0
    response_type: str | None = None
    rule: str | None = None
    fault: str | None = None
    dice: float | None = None
    notes: Sequence[str] = ()
    duration_ms: float = 0.0
    request_body_truncated: bool = False
    response_body_truncated: bool = False
    #: Where the journal put the entry: 1 for the first ever added, counting on across clears.
    seq: int = 0
    #: The headers as received; they may hold secrets, so they are never part of what to_dict returns.
    raw_headers: RawHeaders | None = field(default=None, repr=False, compare=False)
    #: The virtual time of arrival (seconds since the epoch), formatted into ``time`` when read.
    stamp: float | None = field(default=None, repr=False, compare=False)
    #: Header names (lower case) whose values are redacted: the request's provider's and the common ones.
    secret_headers: frozenset[str] = field(default=SECRET_HEADERS, repr=False, compare=False)
    #: Parameter names (lower case) redacted in the query and in the body (form fields, JSON keys, XML elements).
    secret_params: frozenset[str] = field(default=SECRET_QUERY_KEYS, repr=False, compare=False)
    #: The body's first bytes as received (``--journal-body-bytes`` at most).
    raw_body: bytes | None = field(default=None, repr=False, compare=False)
    #: The response's headers and first body bytes as sent.
    raw_response_headers: RawHeaders | None = field(default=None, repr=False, compare=False)
    raw_response_body: bytes | None = field(default=None, repr=False, compare=False)

    def kept(self) -> Kept:
        """The headers and bodies the request left."""
        return Kept(self.raw_headers, self.raw_response_headers, self.raw_body, self.raw_response_body)

    def request_headers(self, kept: Kept | None = None) -> dict[str, str]:
        """The request's headers, names in lower case, secret values redacted."""
        return redact_headers(header_pairs((kept or self.kept()).headers), self.secret_headers)

    def request_body(self, kept: Kept | None = None, headers: dict[str, str] | None = None) -> Body | None:
        """The request body as kept, decoded and redacted (None when there was none); ``headers``: the request's."""
        kept = kept or self.kept()
        if not kept.body:
            return None
        content_type = (self.request_headers(kept) if headers is None else headers).get("content-type", "")
        return decode_body(kept.body, content_type, self.secret_params)

    def to_dict(self) -> dict[str, Any]:
        kept = self.kept()
        request_headers = self.request_headers(kept)
        request = self.request_body(kept, request_headers)
        response_body, response_encoding = None, None
        if kept.response_body:
            # The same fields as in a request are redacted: a login's reply carries the token it issues.
            decoded = decode_body(kept.response_body, self.response_type or "", self.secret_params)
            # Kept as text, not parsed: a parsed document would hold several times its size.
            response_body = decoded.value if decoded.encoding == "base64" else decoded.text
            response_encoding = decoded.encoding
        stamp = self.stamp
        time = self.time if stamp is None else datetime.fromtimestamp(stamp, tz=UTC).isoformat(timespec="milliseconds")
        return {
            "id": self.id,
            "time": time,
            "method": self.method,
            "path": self.path,
            "query": redact_query(self.query, self.secret_params),
            "provider": self.provider,
            "operation": self.operation,
            "tenant": self.tenant,
            "credential": self.credential,
            "status": self.status,
            "request_headers": request_headers,
            "request_bytes": self.request_bytes,
            "response_bytes": self.response_bytes,
            "response_type": self.response_type,
            "rule": self.rule,
            "fault": self.fault,
            "dice": self.dice,
            "notes": list(self.notes),
            "duration_ms": self.duration_ms,
            # JSON when it parses, else text, else base64.
            "request_body": None if request is None else request.value,
            "request_body_encoding": None if request is None else request.encoding,
            "request_body_truncated": self.request_body_truncated,
            "response_headers": redact_headers(
                header_pairs(kept.response_headers), self.secret_headers | SECRET_RESPONSE_HEADERS
            ),
            "response_body": response_body,
            "response_body_encoding": response_encoding,
            "response_body_truncated": self.response_body_truncated,
            "seq": self.seq,
        }


@dataclass(frozen=True)
class JournalFilter:
    """Which entries a query or a verification is about; unset fields match everything."""

    provider: str | None = None
    method: str | None = None
    path: str | None = None
    status: int | None = None
    tenant: str | None = None
    operation: str | None = None
    #: Body patterns, as WireMock's: a substring of the body, a JSON document the body contains, an XPath that
    #: selects something in an XML body.
    body_contains: str | None = None
    body_json: Any = None
    body_xpath: str | None = None

    def __post_init__(self) -> None:
        """Compile the XPath once; raises BadPattern when it does not compile."""
        object.__setattr__(self, "_xpath", compile_xpath(self.body_xpath) if self.body_xpath else None)

    def matches(self, record: Record) -> bool:
        """Whether the entry ``record`` keeps matches; only a body pattern unpacks it."""
        head = (record[PROVIDER], record[METHOD], record[STATUS], record[TENANT], record[OPERATION], record[PATH])
        return self._matches_head(*head) and (not self._has_body_pattern() or self._matches_body(entry_of(record)))

    def _has_body_pattern(self) -> bool:
        return self.body_contains is not None or self.body_json is not None or self.body_xpath is not None

    def _matches_body(self, entry: JournalEntry) -> bool:
        body = entry.request_body()
        text = "" if body is None else body.text
        if self.body_contains is not None and self.body_contains not in text:
            return False
        if self.body_json is not None and not (
            body is not None and body.encoding == "json" and json_subset(self.body_json, body.value)
        ):
            return False
        xpath = getattr(self, "_xpath", None)
        return xpath is None or xpath_matches(xpath, text)

    def _matches_head(
        self,
        provider: str | None,
        method: str,
        status: int | None,
        tenant: str | None,
        operation: str | None,
        path: str,
    ) -> bool:
        if self.provider is not None and provider != self.provider:
            return False
        if self.method is not None and method.upper() != self.method.upper():
            return False
        if self.status is not None and status != self.status:
            return False
        if self.tenant is not None and tenant != self.tenant:
            return False
        if self.operation is not None and operation != self.operation:
            return False
        if self.path is not None:
            if any(ch in self.path for ch in "*?["):
                return fnmatch.fnmatchcase(path, self.path)
            return path == self.path
        return True


def redact_headers(headers: Iterable[tuple[bytes, bytes]], secret: frozenset[str] = SECRET_HEADERS) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").lower()
        out[name] = "<redacted>" if name in secret else raw_value.decode("latin-1")
    return out


def redact_query(query: str, secret: frozenset[str] = SECRET_QUERY_KEYS) -> str:
    if not query:
        return query
    parts = []
    for pair in query.split("&"):
        name, eq, _ = pair.partition("=")
        # The name as the server reads it: api%5Fsignature is api_signature too.
        plain = unquote_plus(name).lower() if "%" in name or "+" in name else name.lower()
        parts.append(f"{name}=<redacted>" if eq and plain in secret else pair)
    return "&".join(parts)


def record_of(entry: JournalEntry) -> Record:
    """``entry`` as the journal keeps it."""
    named = {name: getattr(entry, name) for name in Fields._fields if name != "kept"}
    return make_record(**named, kept=entry.kept())


def entry_of(record: Record) -> JournalEntry:
    """A new JournalEntry with what ``record`` holds."""
    named = fields(record)._asdict()
    kept: Kept = named.pop("kept")
    return JournalEntry(
        **named,
        raw_headers=kept.headers,
        raw_response_headers=kept.response_headers,
        raw_body=kept.body,
        raw_response_body=kept.response_body,
    )


class Journal:
    """Newest-last ring buffer; the oldest entries fall off past ``maxlen`` entries or ``max_bytes`` bytes
    (the newest entry is always kept)."""

    def __init__(self, maxlen: int = 10_000, max_bytes: int = 12 * 1024 * 1024, body_bytes: int = 65_536) -> None:
        self._entries: deque[Record] = deque()
        self._weights: deque[int] = deque()
        self._lock = threading.Lock()
        self.maxlen = maxlen
        self.max_bytes = max_bytes
        #: How much of each request body an entry keeps (0: none).
        self.body_bytes = body_bytes
        #: The memory the entries held take together (see ``weight``).
        self.bytes = 0
        #: How many entries were ever added (the ``seq`` of the newest).
        self.added = 0

    def add(self, entry: JournalEntry) -> None:
        """Keep what ``entry`` holds (read back as a new JournalEntry; ``entry`` itself is left as it is)."""
        self.keep(record_of(entry))

    def keep(self, record: Record) -> None:
        """Keep ``record`` (``make_record``), numbered next; its own number is not read."""
        with self._lock:
            self.added += 1
            record = (self.added, *record[1:])
            size = weight(record)
            self._entries.append(record)
            self._weights.append(size)
            self.bytes += size
            while len(self._entries) > 1 and (len(self._entries) > self.maxlen or self.bytes > self.max_bytes):
                self._entries.popleft()
                self.bytes -= self._weights.popleft()

    def find(self, filt: JournalFilter | None = None, limit: int | None = None, after: int = 0) -> list[JournalEntry]:
        """Matching entries, newest first; with ``after``, only those added after the entry of that ``seq``."""
        with self._lock:
            records = list(self._entries)
        found: list[JournalEntry] = []
        for record in reversed(records):
            if record[SEQ] <= after:
                break
            if filt is None or filt.matches(record):
                found.append(entry_of(record))
                if limit is not None and len(found) >= limit:
                    break
        return found

    def count(self, filt: JournalFilter | None = None) -> int:
        with self._lock:
            records = list(self._entries)
        if filt is None:
            return len(records)
        return sum(1 for record in records if filt.matches(record))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weights.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
