"""/t/dossier/care_plans: create, read, update, delete, and the DRAFT → ACTIVE → OLD actions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons import respond
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access, parse_id
from mockserver.providers.ons.models import CARE_PLAN


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    reader = access(app, "care_plans", "read")
    writer = access(app, "care_plans", "write")
    BASE = "/t/dossier/care_plans"

    @router.post(BASE)
    async def create_care_plan(request: Request) -> Response:
        call = await writer(request)
        record = call.store.create_care_plan(await call.body(CARE_PLAN))
        return call.created(CARE_PLAN, record, f"{BASE}/{record['id']}")

    @router.post(BASE + "/by_client/{client_id}/new")
    async def create_new_care_plan_for_client(request: Request, client_id: str) -> Response:
        call = await writer(request)
        record = call.store.new_care_plan_for_client(parse_id(client_id, "client_id"))
        return call.created(CARE_PLAN, record, f"{BASE}/{record['id']}")

    @router.get(BASE + "/{id}")
    async def get_care_plan(request: Request, id: str) -> Response:
        call = await reader(request)
        return call.ok(CARE_PLAN, call.store.get("care_plans", parse_id(id)))

    @router.put(BASE + "/{id}")
    async def update_care_plan(request: Request, id: str) -> Response:
        call = await writer(request)
        record_id = parse_id(id)
        call.store.get("care_plans", record_id)
        record = call.store.update_care_plan(record_id, await call.body(CARE_PLAN))
        return call.accepted(CARE_PLAN, record)

    @router.delete(BASE + "/{id}")
    async def delete_care_plan(request: Request, id: str) -> Response:
        call = await writer(request)
        call.store.delete_care_plan(parse_id(id))
        return respond.empty(204)

    @router.post(BASE + "/{id}/activate")
    async def activate_care_plan(request: Request, id: str) -> Response:
        call = await writer(request)
        return call.done(CARE_PLAN, call.store.activate_care_plan(parse_id(id)))

    @router.post(BASE + "/{id}/archive")
    async def archive_care_plan(request: Request, id: str) -> Response:
        call = await writer(request)
        return call.done(CARE_PLAN, call.store.archive_care_plan(parse_id(id)))

    return router
