"""The trace id every LeanLaw response carries (``x-leanlaw-traceid``, 32 hex), errors repeating it in the body.

seeds/leanlaw-request-response-patterns.txt: "All responses contain a trace id in the header".
The id is derived from the request's journal id, so the header, the error body and the journal
agree, and the same run of requests gives the same ids.

The headers are made with the response (``stamp``), not by a layer that rewrites every response on
its way out: such a layer cost about a tenth of a small list's whole answer. ``Gate`` only marks the
requests that pass the provider's gate, so an error rendered outside it (a refused head, a crash
answered by the outermost layer) keeps to the trace id alone, as it always did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.core.context import SCOPE_KEY, RequestContext

TRACE_HEADER = "x-leanlaw-traceid"
#: Seen on a live response (contracts/leanlaw/notes-conventions.yml), not documented.
VERSION_HEADER = ("x-leanlaw-version", "0.27.0")
_TRACE = TRACE_HEADER.encode()
VERSION = (VERSION_HEADER[0].encode(), VERSION_HEADER[1].encode())
#: Set on the scope while a request is inside the provider's gate.
INSIDE = "leanlaw.inside"


def trace_id(scope: Mapping[str, Any]) -> str:
    """The request's trace id: 32 lower-case hex digits."""
    ctx = scope.get(SCOPE_KEY)
    request_id = ctx.request_id if isinstance(ctx, RequestContext) else "untracked"
    return hashlib.sha256(f"leanlaw:{request_id}".encode()).hexdigest()[:32]


def stamp(response: Response, scope: Mapping[str, Any]) -> Response:
    """``response`` with the trace id and the version header after its own headers."""
    response.raw_headers += ((_TRACE, trace_id(scope).encode()), VERSION)
    return response


class Gate:
    """Marks the requests under the provider's prefix while they are answered (the version header's condition)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[INSIDE] = True
        try:
            await self.app(scope, receive, send)
        finally:
            # A crash is answered by the outermost layer, outside the gate: it leaves unmarked.
            del scope[INSIDE]
