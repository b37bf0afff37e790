"""/t/reports/exports: a delayed job (ours). The seed documents 423 for delayed jobs but no route."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.render import json_bytes
from mockserver.providers.ons import respond, xml
from mockserver.providers.ons.auth import OnsApp, authorize
from mockserver.providers.ons.body import body_format, decode, read_body
from mockserver.providers.ons.call import OnsCall, access, parse_id
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.store import STREAMED


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    reports = access(app, "reports", "read")
    BASE = "/t/reports/exports"

    async def requested_collection(call: OnsCall) -> str:
        """The body names what to export (``{"collection": "clients"}``, ``<export>``); none means clients."""
        raw = await read_body(call.request, call.max_body_bytes)
        if not raw.strip():
            return "clients"
        data, _ = decode(raw, body_format(call.request, call.config.options), "export")
        collection: Any = data.get("collection", "clients")
        if not isinstance(collection, str):
            raise BadRequest("collection must be a string", field="collection", value=repr(collection))
        return collection

    @router.post(BASE)
    async def create_export_job(request: Request) -> Response:
        call = await reports(request)
        collection = await requested_collection(call)
        if collection in STREAMED:
            authorize(call.connector, collection, "read")
        job = call.store.create_export(collection)
        return respond.empty(201, {"Location": call.location(f"{BASE}/{job.id}")})

    @router.get(BASE + "/{id}")
    async def get_export_job(request: Request, id: str) -> Response:
        """423 Locked until the job is ready (fixtures: jobs.ready_after_polls / ready_after_seconds), then 200."""
        call = await reports(request)
        job = call.store.poll_export(parse_id(id))
        result: dict[str, Any] = {**job.to_wire("READY"), job.collection: job.records}
        if respond.is_xml(call.media):
            return respond.body_response(xml.document("export", result), call.media)
        return respond.body_response(json_bytes(result), call.media)

    return router
