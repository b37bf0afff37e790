"""Pure ASGI middleware: the front of the pipeline (head limit, provider ports, journal, request log) and the
providers' gates."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.core.clock import Clock
from mockserver.core.context import SCOPE_KEY, RequestContext
from mockserver.core.head_limit import Render, packed_head
from mockserver.core.journal import SECRET_HEADERS, SECRET_QUERY_KEYS, Journal
from mockserver.core.journal_memory import Kept, RawHeaders, make_record
from mockserver.core.request_log import RequestLog

REQUEST_ID_HEADER = b"x-request-id"


class Journaled(Protocol):
    """What the journal needs of a request's provider: its name and the secrets it declares."""

    name: str
    secret_headers: frozenset[str]
    secret_params: frozenset[str]


class FrontMiddleware:
    """The outermost layer of the app, one pure-ASGI step for what every request goes through.

    In order: a head over ``limit`` bytes is answered 431 and never journalled (it would be the largest entry
    there, so neither the journal nor a handler ever holds more than the limit of one head); a request on a
    provider's own port (``ports``: local port to prefix such as ``/ons``) gets the provider's prefix; a request
    outside ``/__admin`` gets a context, a request id and a journal entry; and when ``log`` is started every
    response writes its request-log line (with the path as the client sent it).
    """

    def __init__(
        self,
        app: ASGIApp,
        journal: Journal,
        clock: Clock,
        provider_of: Callable[[str], Journaled | None],
        limit: int,
        render: Render,
        log: RequestLog,
        ports: Mapping[int, str] | None = None,
    ) -> None:
        self.app = app
        self.journal = journal
        self.clock = clock
        self.provider_of = provider_of
        self.limit = limit
        self.render = render
        self.log = log
        self.ports = dict(ports or {})
        self._ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        log = self.log if self.log.stream is not None else None
        size, headers = packed_head(scope)
        if size > self.limit:
            await self._refuse_head(scope, receive, send if log is None else logged(send, log, scope))
            return
        received = scope
        path: str = scope["path"]
        if self.ports and not path.startswith("/__admin"):
            server = scope.get("server")
            prefix = self.ports.get(server[1]) if server else None
            if prefix:
                scope = dict(scope)
                path = scope["path"] = prefix + path
                scope["raw_path"] = prefix.encode() + scope.get("raw_path", b"")
        if path.startswith("/__admin"):
            await self._pass(scope, receive, send, log)
        else:
            await self._journal(scope, receive, send, log, received, headers)

    async def _refuse_head(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"the request's headers and target are larger than {self.limit} bytes (--max-header-bytes)"
        response = self.render(Request(scope, receive), 431, message) or JSONResponse(
            {"error": message}, status_code=431
        )
        await response(scope, receive, send)

    async def _pass(self, scope: Scope, receive: Receive, send: Send, log: RequestLog | None) -> None:
        if log is None:
            await self.app(scope, receive, send)
            return
        logging_send = logged(send, log, scope)
        try:
            await self.app(scope, receive, logging_send)
        except Exception:
            if not logging_send.started:  # type: ignore[attr-defined]
                log.write(scope, 500)  # what the error middleware outside answers
            raise

    async def _journal(
        self, scope: Scope, receive: Receive, send: Send, log: RequestLog | None, received: Scope, headers: RawHeaders
    ) -> None:
        path: str = scope["path"]
        request_id = f"req-{next(self._ids):08d}"
        provider = self.provider_of(path)
        ctx = RequestContext(request_id, time.perf_counter(), provider.name if provider else None)
        scope[SCOPE_KEY] = ctx
        stamp = self.clock.timestamp()
        counts = [0, 0]  # request bytes, response bytes
        id_header = (REQUEST_ID_HEADER, request_id.encode())
        keep = self.journal.body_bytes
        # The first ``keep`` bytes of each body, as the chunks that carry them (a one-chunk body is not copied).
        body: list[bytes] = []
        answer: list[bytes] = []
        #: The status, the content type and the headers of the response, once it starts.
        started: list[Any] = [None, None, ()]

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                counts[0] = kept_chunk(body, counts[0], message.get("body", b""), keep)
            return message

        async def journaling_send(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.body":
                counts[1] = kept_chunk(answer, counts[1], message.get("body", b""), keep)
            elif kind == "http.response.start":
                status = started[0] = message["status"]
                headers = [*message.get("headers", ()), id_header]
                for name, value in headers:
                    # Starlette writes names in lower case; another ASGI response may not.
                    if name == b"content-type" or name.lower() == b"content-type":
                        started[1] = value.decode("latin-1")
                started[2] = headers
                message = {**message, "headers": headers}
                if log is not None:
                    log.write(received, status)
            await send(message)

        try:
            await self.app(scope, counting_receive, journaling_send)
        except Exception:
            if log is not None and started[0] is None:
                log.write(received, 500)  # what the error middleware outside answers
            raise
        finally:
            request_body, response_body = joined(body), joined(answer)
            route: Any = scope.get("route")
            query: bytes = scope.get("query_string", b"")
            record = make_record(
                0,
                request_id,
                "",
                scope["method"],
                path,
                # As received: redacted whenever the entry is read, as the headers are.
                query.decode("latin-1") if query else "",
                started[0],
                ctx.provider,
                ctx.operation or (getattr(route, "name", None) if route is not None else None),
                ctx.tenant,
                ctx.credential,
                started[1],
                ctx.rule,
                ctx.fault,
                ctx.dice,
                ctx.notes,
                stamp,
                round((time.perf_counter() - ctx.started) * 1000, 3),
                counts[0],
                counts[1],
                counts[0] > len(request_body),
                counts[1] > len(response_body),
                provider.secret_headers if provider else SECRET_HEADERS,
                provider.secret_params if provider else SECRET_QUERY_KEYS,
                Kept(headers, started[2], request_body, response_body),
            )
            self.journal.keep(record)


def kept_chunk(kept: list[bytes], seen: int, chunk: bytes, keep: int) -> int:
    """Keep what ``chunk`` adds to the first ``keep`` bytes of a body of which ``seen`` bytes came before it; the
    bytes seen now."""
    if seen < keep and chunk:
        kept.append(chunk if seen + len(chunk) <= keep else chunk[: keep - seen])
    return seen + len(chunk)


def joined(chunks: list[bytes]) -> bytes:
    """The kept chunks as one bytes object."""
    if len(chunks) == 1 and type(chunks[0]) is bytes:
        return chunks[0]
    return b"".join(chunks)


def logged(send: Send, log: RequestLog, scope: Scope) -> Send:
    """``send`` writing the request-log line for ``scope`` when the response starts; ``.started`` tells whether
    it has."""

    async def logging_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            logging_send.started = True  # type: ignore[attr-defined]
            log.write(scope, message["status"])
        await send(message)

    logging_send.started = False  # type: ignore[attr-defined]
    return logging_send


class ProviderGates:
    """Each provider's own middleware, in front of that provider's requests only (its prefix, hence its port).

    ``gates``: per prefix (one path segment, such as ``/ons``), the middleware classes and their options, outermost
    first. One layer for all providers: a request finds its provider's chain by its first path segment; requests
    for other paths (the admin API, no provider's) pass straight to ``app``.
    """

    def __init__(self, app: ASGIApp, gates: Mapping[str, Sequence[tuple[type, Mapping[str, Any]]]]) -> None:
        self.app = app
        self.inner: dict[str, ASGIApp] = {}
        for prefix, chain in gates.items():
            if not prefix.startswith("/") or "/" in prefix[1:]:
                raise ValueError(f"a provider prefix is one path segment, such as /ons: {prefix!r}")
            inner = app
            for middleware, options in reversed(chain):
                inner = middleware(inner, **options)
            self.inner[prefix] = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope.get("path", "")
            end = path.find("/", 1)
            inner = self.inner.get(path if end == -1 else path[:end])
            if inner is not None:
                await inner(scope, receive, send)
                return
        await self.app(scope, receive, send)
