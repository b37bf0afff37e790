"""/t/clients: create, read, update, lookups and the client's care plans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access, parse_id, parse_ids
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.models import CARE_PLAN, CLIENT


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    reader = access(app, "clients", "read")
    writer = access(app, "clients", "write")
    plan_reader = access(app, "care_plans", "read")

    @router.post("/t/clients")
    async def create_client(request: Request) -> Response:
        call = await writer(request)
        record = call.store.create_person("clients", await call.body(CLIENT))
        return call.created(CLIENT, record, f"/t/clients/{record['id']}")

    @router.get("/t/clients/by_bsn")
    async def get_client_by_bsn(request: Request, bsn: str | None = None) -> Response:
        call = await reader(request)
        if not bsn:
            raise BadRequest("the query parameter bsn is required", field="bsn")
        return call.ok(CLIENT, call.store.client_by_bsn(bsn))

    @router.get("/t/clients/by_uuid/{uuid}")
    async def get_client_by_uuid(request: Request, uuid: str) -> Response:
        call = await reader(request)
        return call.ok(CLIENT, call.store.by_uuid("clients", uuid))

    @router.get("/t/clients/by_identification_no/{identification_no}")
    async def get_client_by_identification_no(request: Request, identification_no: str) -> Response:
        call = await reader(request)
        return call.ok(CLIENT, call.store.by_identification_no("clients", identification_no))

    @router.get("/t/clients/multiple")
    async def get_multiple_clients(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
        call = await reader(request)
        return call.listing(CLIENT, call.store.multiple("clients", parse_ids(id or [])))

    @router.get("/t/clients/{id}")
    async def get_client(request: Request, id: str) -> Response:
        call = await reader(request)
        return call.ok(CLIENT, call.store.get("clients", parse_id(id)))

    @router.put("/t/clients/{id}")
    async def update_client(request: Request, id: str) -> Response:
        call = await writer(request)
        client_id = parse_id(id)
        call.store.get("clients", client_id)
        record = call.store.update_person("clients", client_id, await call.body(CLIENT))
        return call.accepted(CLIENT, record)

    @router.get("/t/clients/{client_id}/care_plans")
    async def list_client_care_plans(request: Request, client_id: str) -> Response:
        call = await plan_reader(request)
        return call.listing(CARE_PLAN, call.store.client_care_plans(parse_id(client_id, "client_id")))

    @router.get("/t/clients/{client_id}/active_care_plan")
    async def get_client_active_care_plan(request: Request, client_id: str) -> Response:
        call = await plan_reader(request)
        return call.maybe(CARE_PLAN, call.store.client_care_plan(parse_id(client_id, "client_id"), "ACTIVE"))

    @router.get("/t/clients/{client_id}/draft_care_plan")
    async def get_client_draft_care_plan(request: Request, client_id: str) -> Response:
        call = await plan_reader(request)
        return call.maybe(CARE_PLAN, call.store.client_care_plan(parse_id(client_id, "client_id"), "DRAFT"))

    return router
