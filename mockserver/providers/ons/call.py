"""OnsCall: what one endpoint needs (connector, tenant store, chosen format) and the status rules.

seeds/ons-api-properties.txt: POST create → 201 without body plus Location; PUT → 202
without body; POST action → 204; GET with nothing to give → 204. The ``spec_mode``
switch gives the OpenAPI extracts' 200-with-the-object instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request
from starlette.responses import Response

from mockserver.providers.ons import respond
from mockserver.providers.ons.auth import OnsApp, authenticate, authorize
from mockserver.providers.ons.body import typed_body
from mockserver.providers.ons.config import Connector, OnsConfig
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.models import INT64_MAX, Resource
from mockserver.providers.ons.store import OnsStore
from mockserver.providers.ons.timefmt import parse_date


@dataclass
class OnsCall:
    app: OnsApp
    request: Request
    config: OnsConfig
    connector: Connector
    store: OnsStore
    media: str

    @property
    def spec_mode(self) -> bool:
        return self.config.options.spec_mode

    def location(self, path: str) -> str:
        """The record's path as this client addresses the server.

        Under the shared port the prefix stays (``/ons/t/clients/7``), so a client
        resolving Location against its base URL reaches the record; on a provider's
        own port the path is the vendor's own (``/t/clients/7``).
        """
        return self.app.public_path(self.request.scope, path)

    @property
    def max_body_bytes(self) -> int:
        return self.app.max_body_bytes

    async def body(self, resource: Resource) -> dict[str, Any]:
        return await typed_body(self.request, resource, self.config.options, self.max_body_bytes)

    # -- status rules ------------------------------------------------------------------

    def ok(self, resource: Resource, record: Mapping[str, Any]) -> Response:
        return respond.object_response(resource, record, self.media, renderer=self.store.renders)

    def listing(self, resource: Resource, records: Sequence[Mapping[str, Any]]) -> Response:
        return respond.list_response(resource, records, self.media, renderer=self.store.renders)

    def maybe(self, resource: Resource, record: Mapping[str, Any] | None) -> Response:
        """200 with the object, or 204 when there is nothing to give."""
        return respond.empty(204) if record is None else self.ok(resource, record)

    def created(self, resource: Resource, record: Mapping[str, Any], path: str) -> Response:
        if self.spec_mode:
            return self.ok(resource, record)
        return respond.empty(201, {"Location": self.location(path)})

    def accepted(self, resource: Resource, record: Mapping[str, Any]) -> Response:
        return self.ok(resource, record) if self.spec_mode else respond.empty(202)

    def done(self, resource: Resource, record: Mapping[str, Any]) -> Response:
        return self.ok(resource, record) if self.spec_mode else respond.empty(204)


def access(
    app: OnsApp, resource: str | None, right: str = "read", offered: Sequence[str] = respond.OBJECT_TYPES
) -> Callable[[Request], Awaitable[OnsCall]]:
    """The OnsCall for a request: authenticate (403), check rights (401), negotiate Accept (406).

    Endpoints await it first thing (``call = await reader(request)``) rather than declaring it
    a FastAPI dependency: FastAPI 0.16x inspects every dependency again on each request, which
    cost more than everything this function does.
    """

    offered_types = tuple(offered)

    async def dependency(request: Request) -> OnsCall:
        scope = request.scope
        connector = app.admit(scope, lambda config: authenticate(scope, config))
        if resource is not None:
            authorize(connector, resource, right)
        media = respond.negotiate(request.headers.get("accept"), offered_types)
        return OnsCall(app, request, app.config, connector, await app.ready(connector.tenant), media)

    return dependency


def parse_id(raw: str, name: str = "id") -> int:
    """An int64 object id from the path or query; anything else is a 400 naming the parameter."""
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19 or int(text) > INT64_MAX:
        raise BadRequest(f"{name} must be a whole number (int64), got {raw!r}", field=name, value=raw)
    return int(text)


def parse_ids(raw: Sequence[str], name: str = "id") -> list[int]:
    """``?id=1&id=2`` (comma-separated values allowed); at least one id is needed."""
    parts = [p for item in raw for p in item.split(",") if p.strip()]
    if not parts:
        raise BadRequest(f"give at least one {name} (?{name}=1&{name}=2)", field=name)
    return [parse_id(p, name) for p in parts]


def parse_optional_date(raw: str | None, name: str) -> date | None:
    if raw is None or raw == "":
        return None
    try:
        return parse_date(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a date (YYYY-MM-DD), got {raw!r}", field=name, value=raw) from None
