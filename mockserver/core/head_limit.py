"""The size of a request's head (target and headers), which the front middleware limits: 431 past it."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from mockserver.core.journal_memory import RawHeaders, pack_headers

#: Renders the refusal for a request: its provider's envelope, or None for a path no provider serves.
Render = Callable[[Request, int, str], Response | None]


def packed_head(scope: Scope) -> tuple[int, RawHeaders]:
    """The size of the request's head (bytes of the target and of every header name and value), and its headers
    packed as the journal keeps them (``pack_headers``): one pass over the headers serves both."""
    target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    headers = scope.get("headers") or ()
    packed = pack_headers(headers)
    if isinstance(packed, bytes):
        # The packed text is every name and value with one separator between each two.
        return target + len(packed) - max(2 * len(headers) - 1, 0), packed
    return target + sum(len(name) + len(value) for name, value in headers), tuple(headers)
