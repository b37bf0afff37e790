"""/t/{clients,employees,teams,locations}/x-stream-connect/{data,data.xml,updates,deletes}."""

# No `from __future__ import annotations` here: the endpoints are built in closures, and FastAPI
# must see their parameter types as objects, not as strings it cannot resolve.
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons import respond
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.models import RESOURCES
from mockserver.providers.ons.store import STREAMED, OnsStore
from mockserver.providers.ons.streams import stream_response
from mockserver.providers.ons.timefmt import parse_timestamp

Endpoint = Callable[..., Awaitable[Response]]


def parse_since(raw: str | None) -> datetime:
    """``since`` is required: an ISO date-time, zone optional (contracts: example 2014-12-29T00:00:00.000)."""
    if raw is None or not raw.strip():
        raise BadRequest("the query parameter since is required (e.g. 2014-12-29T00:00:00.000)", field="since")
    try:
        return parse_timestamp(raw)
    except (ValueError, OverflowError):
        raise BadRequest(f"since must be an ISO date-time, got {raw!r}", field="since", value=raw) from None


def data_endpoint(app: OnsApp, collection: str) -> Endpoint:
    resource = RESOURCES[collection]

    reader = access(app, collection, "read", respond.STREAM_TYPES)

    async def endpoint(request: Request) -> Response:
        call = await reader(request)
        return stream_response(resource, call.store.all(collection), call.media)

    return endpoint


def data_xml_endpoint(app: OnsApp, collection: str) -> Endpoint:
    resource = RESOURCES[collection]
    offered = [respond.XML, respond.TEXT_XML]

    reader = access(app, collection, "read", offered)

    async def endpoint(request: Request) -> Response:
        call = await reader(request)
        return stream_response(resource, call.store.all(collection), call.media)

    return endpoint


Changes = Callable[[OnsStore, str, datetime], list[dict[str, Any]]]


def since_endpoint(app: OnsApp, collection: str, changes: Changes) -> Endpoint:
    """``…/updates`` or ``…/deletes``: what ``changes`` (OnsStore.updated_since / deleted_since) gives."""
    resource = RESOURCES[collection]

    reader = access(app, collection, "read", respond.STREAM_TYPES)

    async def endpoint(request: Request, since: str | None = None) -> Response:
        call = await reader(request)
        records = changes(call.store, collection, parse_since(since))
        return stream_response(resource, records, call.media)

    return endpoint


def build(app: OnsApp) -> APIRouter:
    """Operation names: stream_<collection>_data, _data_xml, _updates, _deletes."""
    router = APIRouter(route_class=DeferredRoute)
    for collection in STREAMED:
        base = f"/t/{collection}/x-stream-connect"
        for suffix, endpoint, name in (
            ("/data.xml", data_xml_endpoint(app, collection), "data_xml"),
            ("/data", data_endpoint(app, collection), "data"),
            ("/updates", since_endpoint(app, collection, OnsStore.updated_since), "updates"),
            ("/deletes", since_endpoint(app, collection, OnsStore.deleted_since), "deletes"),
        ):
            router.add_api_route(base + suffix, endpoint, methods=["GET"], name=f"stream_{collection}_{name}")
    return router
