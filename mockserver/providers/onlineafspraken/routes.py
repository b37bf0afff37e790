"""The one endpoint, /APIREST (and /APIREST/): GET query and POST form merged into one call."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response
from starlette.types import Scope

from mockserver.core.bodies import BodyTooLarge, read_limited
from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.render import Rendered
from mockserver.providers.onlineafspraken.errors import MalformedRequest
from mockserver.providers.onlineafspraken.params import Params, parse_pairs
from mockserver.providers.onlineafspraken.xml import MEDIA_TYPE

if TYPE_CHECKING:
    from mockserver.providers.onlineafspraken.auth import AgendaApp

FORM = "application/x-www-form-urlencoded"


#: HTTP/1.1 (RFC 9112 §6.3): a request with neither header has no body, so there is nothing to wait for.
_BODY_HEADERS = (b"content-length", b"transfer-encoding")


def has_body(scope: Scope) -> bool:
    # A loop, not any() over a generator: this runs for every call and most have neither header.
    for name, _ in scope["headers"]:
        if name in _BODY_HEADERS:
            return True
    return False


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused once it grows past ``limit`` bytes (the server's --max-body-bytes)."""
    try:
        return await read_limited(request.stream(), request.headers.get("content-length"), limit)
    except BodyTooLarge:
        raise MalformedRequest(f"The request body is larger than {limit} bytes.") from None


async def read_params(request: Request, max_body_bytes: int) -> Params:
    """Query string first, then a form body (MASIRA's client POSTs the same parameters, research §1.1)."""
    try:
        query = request.scope.get("query_string", b"").decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRequest("The query string is not valid UTF-8.") from None
    pairs = parse_pairs(query, "query string")
    body = await read_body(request, max_body_bytes) if has_body(request.scope) else b""
    if body:
        media_type = request.headers.get("content-type", FORM).split(";")[0].strip().lower()
        if media_type != FORM:
            raise MalformedRequest(f"A POST body must be {FORM}, got {media_type or 'no content type'}.")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedRequest("The request body is not valid UTF-8.") from None
        pairs += parse_pairs(text, "request body")
    return Params(pairs)


@functools.cache
def api_call() -> Callable[[Params, AgendaApp, Scope], Awaitable[bytes]]:
    """``api.call``, imported on first use: the methods, store, models and seed load with the first call."""
    from mockserver.providers.onlineafspraken.api import call

    return call


def build_router(app: AgendaApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    async def apirest(request: Request) -> Response:
        params = await read_params(request, app.max_body_bytes)
        body = await api_call()(params, app, request.scope)
        return Rendered(body, media_type=MEDIA_TYPE)

    # One route per method: FastAPI names a multi-method route's operationId after whichever
    # method its set yields first, which changes with the hash seed; one method each keeps the
    # OpenAPI document the same on every start.
    for path in ("/APIREST", "/APIREST/"):
        for method in ("GET", "POST"):
            router.add_api_route(path, apirest, methods=[method], name="APIREST", response_class=Response)
    return router
