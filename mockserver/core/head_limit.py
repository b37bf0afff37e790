"""Refuse a request whose head (target and headers) is larger than a limit: 431, before anything else sees it."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

#: Renders the refusal for a request: its provider's envelope, or None for a path no provider serves.
Render = Callable[[Request, int, str], Response | None]


def head_size(scope: Scope) -> int:
    """Bytes of the request target and of every header name and value."""
    size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    for name, value in scope.get("headers", ()):
        size += len(name) + len(value)
    return size


class HeadLimitMiddleware:
    """Pure ASGI, outermost: a request over the limit is answered 431 and never journalled (it would be the
    largest entry there), so neither the journal nor a handler ever holds more than the limit of one head."""

    def __init__(self, app: ASGIApp, limit: int, render: Render) -> None:
        self.app = app
        self.limit = limit
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and head_size(scope) > self.limit:
            message = f"the request's headers and target are larger than {self.limit} bytes (--max-header-bytes)"
            request = Request(scope, receive)
            response = self.render(request, 431, message) or JSONResponse({"error": message}, status_code=431)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
