"""LeanLawCall: what an endpoint needs (caller, firm store, acting user) and the vendor's answers.

seeds/leanlaw-request-response-patterns.txt: every body wraps its payload in ``data``; lists add
``pagination``; GET, PUT and DELETE answer 200, POST 201 (the OpenAPI document declares 200:
``--option leanlaw.post_status=200``). Operations the document gives no body answer without one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson
from fastapi import Request
from starlette.responses import Response

from mockserver.core.bodies import BodyTooLarge, read_received
from mockserver.core.context import header_text, headers_of, query_of
from mockserver.core.limits import WindowLimiter
from mockserver.core.render import Rendered, json_bytes
from mockserver.providers.leanlaw import query, views
from mockserver.providers.leanlaw.auth import (
    AUTHORIZATION,
    USER,
    Caller,
    LeanLawApp,
    acting_user,
    authenticate,
    authorize,
)
from mockserver.providers.leanlaw.config import RateLimit
from mockserver.providers.leanlaw.errors import InvalidRequest, PayloadTooLarge, Throttled
from mockserver.providers.leanlaw.store import LeanLawStore
from mockserver.providers.leanlaw.trace import stamp

JSON = "application/json; charset=utf-8"
READ, WRITE = "read", "write"


def json_response(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Rendered(json_bytes(payload), status, JSON, headers)


@dataclass
class LeanLawCall:
    app: LeanLawApp
    request: Request
    caller: Caller
    store: LeanLawStore
    #: The user ``x-leanlaw-userid`` names, if any.
    acting_user: str | None

    @property
    def rates(self) -> bool:
        """Whether the key may see time entries' ``rate`` and ``amount`` (``read.rates``)."""
        return self.caller.key.may("read.rates")

    def ok(self, data: Any) -> Response:
        return stamp(json_response({"data": data}), self.request.scope)

    def listing(self, spec: query.ListSpec, render: views.Page) -> Response:
        """A list endpoint's answer: the page in ``data`` (plus ``pagination`` where the document pages)."""
        asked = query.read_query(spec, query_of(self.request.scope))
        with self.store.lock:
            page, total = self.store.listing(spec.operation, asked)
            items = render(page, asked.include)
        if not spec.paged:
            return stamp(json_response({"data": items}), self.request.scope)
        return stamp(json_response({"data": items, "pagination": query.pagination(asked, total)}), self.request.scope)

    def created(self, data: Any = None) -> Response:
        """201 (or the document's 200): with ``data`` where the document gives the create a body."""
        status = self.app.config.options.post_status
        response = Response(status_code=status) if data is None else json_response({"data": data}, status)
        return stamp(response, self.request.scope)

    def done(self) -> Response:
        """200 without a body: deletes, and the updates the document gives no body."""
        return stamp(Response(status_code=200), self.request.scope)

    async def body(self) -> Any:
        """The request body as JSON; empty, malformed or too large is the vendor's error."""
        try:
            raw = await read_received(self.request.scope, self.request.receive, self.app.max_body_bytes)
        except BodyTooLarge as exc:
            raise PayloadTooLarge(f"The request body is larger than {exc.limit} bytes.") from None
        if not raw.strip():
            raise InvalidRequest("A non-empty request body is required.", field="request")
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidRequest(f"The request body is not valid JSON: {exc}.", field="request") from None


async def admit(app: LeanLawApp, request: Request, permission: str) -> LeanLawCall:
    """Authenticate (401/403), bind the firm, throttle (429), check the permission (403), then the store."""
    scope = request.scope
    sent = headers_of(scope)
    caller = app.admit(scope, partial(authenticate, header_text(sent.get(AUTHORIZATION))))
    throttle(app, caller)
    authorize(caller.key, permission)
    store = await app.ready(caller.tenant)
    return LeanLawCall(app, request, caller, store, acting_user(header_text(sent.get(USER)), store.users))


def throttle(app: LeanLawApp, caller: Caller) -> None:
    """The optional real window per key (``rate_limit``); the vendor publishes no numbers, so it is off by default."""
    config = app.config
    window = config.rate_limit_of(caller.key)
    if window is None:
        return
    limiter = app.shared(f"window:{window.requests}/{window.window_seconds}", _limiter(app, window)).get()
    wait = limiter.hit(caller.key.key)
    if wait is not None:
        headers = {"Retry-After": str(max(1, math.ceil(wait)))} if config.options.retry_after is not None else None
        raise Throttled(headers=headers)


def _limiter(app: LeanLawApp, window: RateLimit) -> Callable[[], WindowLimiter]:
    return lambda: WindowLimiter(app.clock, window.requests, window.window_seconds)
