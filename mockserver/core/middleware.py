"""Pure ASGI middleware: provider-port routing, the journal (outermost, with request ids), provider gates."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.core.clock import Clock
from mockserver.core.context import SCOPE_KEY, RequestContext
from mockserver.core.journal import SECRET_HEADERS, SECRET_QUERY_KEYS, Journal, JournalEntry, redact_query

REQUEST_ID_HEADER = b"x-request-id"


class PortRoutingMiddleware:
    """A provider served at the root of its own port: prefix the path with the provider's.

    ``ports`` maps a local port to a prefix such as ``/ons``.
    """

    def __init__(self, app: ASGIApp, ports: Mapping[int, str]) -> None:
        self.app = app
        self.ports = dict(ports)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.ports:
            server = scope.get("server")
            prefix = self.ports.get(server[1]) if server else None
            if prefix and not scope["path"].startswith("/__admin"):
                scope = dict(scope)
                scope["path"] = prefix + scope["path"]
                scope["raw_path"] = prefix.encode() + scope.get("raw_path", b"")
        await self.app(scope, receive, send)


class Journaled(Protocol):
    """What the journal needs of a request's provider: its name and the secrets it declares."""

    name: str
    secret_headers: frozenset[str]
    secret_params: frozenset[str]


class JournalMiddleware:
    """Opens a context per request, stamps a request id, and journals the outcome."""

    def __init__(
        self,
        app: ASGIApp,
        journal: Journal,
        clock: Clock,
        provider_of: Callable[[str], Journaled | None],
    ) -> None:
        self.app = app
        self.journal = journal
        self.clock = clock
        self.provider_of = provider_of
        self._ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/__admin"):
            await self.app(scope, receive, send)
            return
        request_id = f"req-{next(self._ids):08d}"
        provider = self.provider_of(path)
        ctx = RequestContext(
            request_id=request_id, started=time.perf_counter(), provider=provider.name if provider else None
        )
        scope[SCOPE_KEY] = ctx
        query: bytes = scope.get("query_string", b"")
        secret_params = provider.secret_params if provider else SECRET_QUERY_KEYS
        entry = JournalEntry(
            id=request_id,
            time="",
            method=scope["method"],
            path=path,
            query=redact_query(query.decode("latin-1"), secret_params) if query else "",
            raw_headers=tuple(scope.get("headers", ())),
            stamp=self.clock.timestamp(),
            secret_headers=provider.secret_headers if provider else SECRET_HEADERS,
            secret_params=secret_params,
        )
        counts = [0, 0]  # request bytes, response bytes
        id_header = (REQUEST_ID_HEADER, request_id.encode())
        keep = self.journal.body_bytes
        body = bytearray()
        answer = bytearray()

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                counts[0] += len(chunk)
                if len(body) < keep:
                    body.extend(chunk[: keep - len(body)])
            return message

        async def journaling_send(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.body":
                chunk = message.get("body", b"")
                counts[1] += len(chunk)
                if len(answer) < keep:
                    answer.extend(chunk[: keep - len(answer)])
            elif kind == "http.response.start":
                entry.status = message["status"]
                headers = list(message.get("headers", []))
                for name, value in headers:
                    if name.lower() == b"content-type":
                        entry.response_type = value.decode("latin-1")
                headers.append(id_header)
                entry.raw_response_headers = tuple(headers)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counting_receive, journaling_send)
        finally:
            entry.raw_body = bytes(body)
            entry.request_body_truncated = counts[0] > len(body)
            entry.raw_response_body = bytes(answer)
            entry.response_body_truncated = counts[1] > len(answer)
            self._close(entry, ctx, scope, counts)

    def _close(self, entry: JournalEntry, ctx: RequestContext, scope: Scope, counts: list[int]) -> None:
        route: Any = scope.get("route")
        entry.provider = ctx.provider
        entry.operation = ctx.operation or (getattr(route, "name", None) if route is not None else None)
        entry.tenant = ctx.tenant
        entry.credential = ctx.credential
        entry.rule = ctx.rule
        entry.fault = ctx.fault
        entry.dice = ctx.dice
        entry.notes = ctx.notes
        entry.request_bytes, entry.response_bytes = counts
        entry.duration_ms = round((time.perf_counter() - ctx.started) * 1000, 3)
        self.journal.add(entry)


class ProviderGate:
    """A provider's own middleware, in front of that provider's requests only (its prefix, hence its port).

    Requests for other providers and for the admin API pass straight to ``app``.
    """

    def __init__(self, app: ASGIApp, prefix: str, middleware: type, options: Mapping[str, Any]) -> None:
        self.app = app
        self.prefix = prefix
        self._under = prefix + "/"
        self.inner: ASGIApp = middleware(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and (path == self.prefix or path.startswith(self._under)):
            await self.inner(scope, receive, send)
        else:
            await self.app(scope, receive, send)
