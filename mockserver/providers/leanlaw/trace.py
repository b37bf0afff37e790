"""The trace id every LeanLaw response carries (``x-leanlaw-traceid``, 32 hex), errors repeating it in the body.

seeds/leanlaw-request-response-patterns.txt: "All responses contain a trace id in the header".
The id is derived from the request's journal id, so the header, the error body and the journal
agree, and the same run of requests gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.core.context import SCOPE_KEY, RequestContext

TRACE_HEADER = "x-leanlaw-traceid"
#: Seen on a live response (contracts/leanlaw/notes-conventions.yml), not documented.
VERSION_HEADER = ("x-leanlaw-version", "0.27.0")
_TRACE = TRACE_HEADER.encode()
_VERSION = (VERSION_HEADER[0].encode(), VERSION_HEADER[1].encode())


def trace_id(scope: Mapping[str, Any]) -> str:
    """The request's trace id: 32 lower-case hex digits."""
    ctx = scope.get(SCOPE_KEY)
    request_id = ctx.request_id if isinstance(ctx, RequestContext) else "untracked"
    return hashlib.sha256(f"leanlaw:{request_id}".encode()).hexdigest()[:32]


class TraceMiddleware:
    """Adds the trace id (and the version header) to every response under the provider's prefix."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix
        self._below = prefix + "/"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == self.prefix or path.startswith(self._below)):
            await self.app(scope, receive, send)
            return
        trace = (_TRACE, trace_id(scope).encode())

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                for name, _ in headers:
                    if name.lower() == _TRACE:
                        break
                else:
                    headers.append(trace)
                headers.append(_VERSION)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, stamped)
