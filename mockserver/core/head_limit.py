"""The size of a request's head (target and headers), which the front middleware limits: 431 past it."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

#: Renders the refusal for a request: its provider's envelope, or None for a path no provider serves.
Render = Callable[[Request, int, str], Response | None]


def head_size(scope: Scope) -> int:
    """Bytes of the request target and of every header name and value."""
    size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    for name, value in scope.get("headers", ()):
        size += len(name) + len(value)
    return size
