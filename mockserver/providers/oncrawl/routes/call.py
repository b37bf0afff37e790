"""What an endpoint needs: the caller (token → tenant, scopes), the tenant's store, parameters, JSON out.

Endpoints await ``call(app, request, scope)`` first thing: authenticate (401) and bind the caller on
the request's context (``app.admit``), check the scope (403), then take the tenant's store.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson
from fastapi import Request
from starlette.responses import Response

from mockserver.core.bodies import BodyTooLarge, read_received
from mockserver.core.context import header_text, headers_of, query_of
from mockserver.core.render import Rendered
from mockserver.providers.oncrawl.auth import Caller, OnCrawlApp, presented_token, require, resolve, tokens_of
from mockserver.providers.oncrawl.errors import InvalidRequest
from mockserver.providers.oncrawl.store import OnCrawlStore

JSON = "application/json"


@dataclass
class Call:
    request: Request
    caller: Caller
    store: OnCrawlStore

    @property
    def query(self) -> dict[str, str]:
        return query_of(self.request.scope)


async def call(app: OnCrawlApp, request: Request, scope: str) -> Call:
    sent = headers_of(request.scope)  # one dict for both names
    token = presented_token(header_text(sent.get(b"authorization")) or "", header_text(sent.get(b"x-oncrawl-token")))
    caller = app.admit(request.scope, partial(resolve, token, tokens_now=partial(tokens_of, app)))
    require(caller, scope)
    return Call(request, caller, app.store(caller.tenant))


async def read_body(app: OnCrawlApp, request: Request) -> bytes:
    try:
        return await read_received(request.scope, request.receive, app.max_body_bytes)
    except BodyTooLarge:
        raise InvalidRequest(f"the request body is larger than {app.max_body_bytes} bytes") from None


async def json_body(app: OnCrawlApp, request: Request) -> Any:
    """The JSON body (None when empty); unreadable JSON is 400 invalid_request (v1: 422)."""
    raw = await read_body(app, request)
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest(f"the body is not valid JSON: {exc}") from None


def reply(data: Any, status: int = 200) -> Response:
    return Rendered(orjson.dumps(data), status, JSON)


def no_content() -> Response:
    return Response(status_code=204)
