"""The bounded request journal: what came in, what went out, and why."""

from __future__ import annotations

import fnmatch
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from mockserver.core.journal_bodies import Body, compile_xpath, decode_body, json_subset, xpath_matches

#: Headers and query parameters never written out for any request: generic HTTP credentials. Each provider
#: adds the names it declares (``Provider.secret_headers`` / ``secret_params``); core names no vendor's.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})
SECRET_QUERY_KEYS = frozenset({"access_token", "token", "key", "password"})
#: Response headers never written out: what sets a credential in the client.
SECRET_RESPONSE_HEADERS = frozenset({"set-cookie"})


@dataclass(slots=True)
class JournalEntry:
    """One request and what became of it.

    The middleware leaves the costly fields for reading time, so a request pays for none of them: ``time``
    (from ``stamp``), the redacted headers (from ``raw_headers`` and ``raw_response_headers``) and the
    decoded bodies (from ``raw_body`` and ``raw_response_body``).
    ``settle()`` fills them in; ``to_dict()`` settles first.
    """

    id: str
    time: str
    method: str
    path: str
    query: str = ""
    provider: str | None = None
    operation: str | None = None
    tenant: str | None = None
    credential: str | None = None
    status: int | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    request_bytes: int = 0
    response_bytes: int = 0
    response_type: str | None = None
    rule: str | None = None
    fault: str | None = None
    dice: float | None = None
    notes: list[str] = field(default_factory=list)
    duration_ms: float = 0.0
    #: The request body as kept (``--journal-body-bytes`` at most): JSON when it parses, else text, else base64.
    request_body: Any = None
    request_body_encoding: str | None = None
    request_body_truncated: bool = False
    response_headers: dict[str, str] = field(default_factory=dict)
    #: The response body as sent (``--journal-body-bytes`` at most), as text (JSON text too) or base64.
    response_body: str | None = None
    response_body_encoding: str | None = None
    response_body_truncated: bool = False
    #: Where the journal put the entry: 1 for the first ever added, counting on across clears.
    seq: int = 0
    #: The headers as received; they may hold secrets, so they are never part of what to_dict returns.
    raw_headers: Sequence[tuple[bytes, bytes]] | None = field(default=None, repr=False, compare=False)
    #: The virtual time of arrival (seconds since the epoch), formatted into ``time`` by settle().
    stamp: float | None = field(default=None, repr=False, compare=False)
    #: Header names (lower case) whose values settle() redacts: the request's provider's and the common ones.
    secret_headers: frozenset[str] = field(default=SECRET_HEADERS, repr=False, compare=False)
    #: Parameter names (lower case) redacted in the query and in the body (form fields, JSON keys, XML elements).
    secret_params: frozenset[str] = field(default=SECRET_QUERY_KEYS, repr=False, compare=False)
    #: The body's first bytes as received, decoded and redacted by settle().
    raw_body: bytes | None = field(default=None, repr=False, compare=False)
    #: The redacted body as text, for substring patterns.
    body_text: str = field(default="", repr=False, compare=False)
    #: The response's headers and first body bytes as sent, redacted and decoded by settle().
    raw_response_headers: Sequence[tuple[bytes, bytes]] | None = field(default=None, repr=False, compare=False)
    raw_response_body: bytes | None = field(default=None, repr=False, compare=False)

    def settle(self) -> JournalEntry:
        """Fill in ``time`` and the redacted ``request_headers`` from what the request left."""
        raw = self.raw_headers
        if raw is not None:
            self.request_headers = redact_headers(raw, self.secret_headers)
            self.raw_headers = None
        body = self.raw_body
        if body is not None:
            self.raw_body = None
            if body:
                decoded: Body = decode_body(body, self.request_headers.get("content-type", ""), self.secret_params)
                self.request_body, self.request_body_encoding, self.body_text = (
                    decoded.value,
                    decoded.encoding,
                    decoded.text,
                )
        self._settle_response()
        if self.stamp is not None:
            self.time = datetime.fromtimestamp(self.stamp, tz=UTC).isoformat(timespec="milliseconds")
            self.stamp = None
        return self

    def _settle_response(self) -> None:
        raw = self.raw_response_headers
        if raw is not None:
            self.response_headers = redact_headers(raw, self.secret_headers | SECRET_RESPONSE_HEADERS)
            self.raw_response_headers = None
        body = self.raw_response_body
        if body is not None:
            self.raw_response_body = None
            if body:
                # The same fields as in a request are redacted: a login's reply carries the token it issues.
                decoded = decode_body(body, self.response_type or "", self.secret_params)
                # Kept as text, not parsed: a parsed document would hold several times its size.
                shown = decoded.value if decoded.encoding == "base64" else decoded.text
                self.response_body, self.response_body_encoding = shown, decoded.encoding

    def to_dict(self) -> dict[str, Any]:
        self.settle()
        out = asdict(self)
        for hidden in HIDDEN:
            del out[hidden]
        return out


#: The fields of an entry that are raw material for settle(), never shown.
HIDDEN = (
    "raw_headers",
    "stamp",
    "secret_headers",
    "secret_params",
    "raw_body",
    "body_text",
    "raw_response_headers",
    "raw_response_body",
)


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

    def matches(self, entry: JournalEntry) -> bool:
        return self._matches_head(entry) and self._matches_body(entry)

    def _matches_body(self, entry: JournalEntry) -> bool:
        if self.body_contains is None and self.body_json is None and self.body_xpath is None:
            return True
        entry.settle()
        if self.body_contains is not None and self.body_contains not in entry.body_text:
            return False
        if self.body_json is not None and not (
            entry.request_body_encoding == "json" and json_subset(self.body_json, entry.request_body)
        ):
            return False
        xpath = getattr(self, "_xpath", None)
        return xpath is None or xpath_matches(xpath, entry.body_text)

    def _matches_head(self, entry: JournalEntry) -> bool:
        if self.provider is not None and entry.provider != self.provider:
            return False
        if self.method is not None and entry.method.upper() != self.method.upper():
            return False
        if self.status is not None and entry.status != self.status:
            return False
        if self.tenant is not None and entry.tenant != self.tenant:
            return False
        if self.operation is not None and entry.operation != self.operation:
            return False
        if self.path is not None:
            if any(ch in self.path for ch in "*?["):
                return fnmatch.fnmatchcase(entry.path, self.path)
            return entry.path == self.path
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


#: What an entry costs besides its strings (the object, its fields, the settled copy), and each header besides
#: its name and value (a tuple and two bytes objects, later a dict slot and two str): measured with tracemalloc.
ENTRY_COST = 1024
HEADER_COST = 160


def weight(entry: JournalEntry) -> int:
    """About how many bytes of memory ``entry`` holds (kept within 1.5 times by tests/core/test_journal_bytes.py)."""
    size = ENTRY_COST + len(entry.path) + len(entry.query) + 2 * len(entry.raw_body or entry.body_text)
    size += len(entry.raw_response_body or entry.response_body or "")
    for headers in (entry.raw_headers or entry.request_headers.items(), entry.raw_response_headers or ()):
        for name, value in headers:
            size += HEADER_COST + len(name) + len(value)
    return size


class Journal:
    """Newest-last ring buffer; the oldest entries fall off past ``maxlen`` entries or ``max_bytes`` bytes
    (the newest entry is always kept)."""

    def __init__(self, maxlen: int = 10_000, max_bytes: int = 32 * 1024 * 1024, body_bytes: int = 65_536) -> None:
        self._entries: deque[JournalEntry] = deque()
        self._weights: deque[int] = deque()
        self._lock = threading.Lock()
        self.maxlen = maxlen
        self.max_bytes = max_bytes
        #: How much of each request body an entry keeps (0: none).
        self.body_bytes = body_bytes
        #: What the entries held weigh together (see ``weight``).
        self.bytes = 0
        #: How many entries were ever added (the ``seq`` of the newest).
        self.added = 0

    def add(self, entry: JournalEntry) -> None:
        size = weight(entry)
        with self._lock:
            self.added += 1
            entry.seq = self.added
            self._entries.append(entry)
            self._weights.append(size)
            self.bytes += size
            while len(self._entries) > 1 and (len(self._entries) > self.maxlen or self.bytes > self.max_bytes):
                self._entries.popleft()
                self.bytes -= self._weights.popleft()

    def find(self, filt: JournalFilter | None = None, limit: int | None = None, after: int = 0) -> list[JournalEntry]:
        """Matching entries, newest first; with ``after``, only those added after the entry of that ``seq``."""
        with self._lock:
            entries = list(self._entries)
        found: list[JournalEntry] = []
        for entry in reversed(entries):
            if entry.seq <= after:
                break
            if filt is None or filt.matches(entry):
                found.append(entry)
                if limit is not None and len(found) >= limit:
                    break
        return found

    def count(self, filt: JournalFilter | None = None) -> int:
        with self._lock:
            entries = list(self._entries)
        return sum(1 for entry in entries if filt is None or filt.matches(entry))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weights.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
