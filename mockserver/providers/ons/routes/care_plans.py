"""/t/dossier/care_plans: create, read, update, delete, and the DRAFT → ACTIVE → OLD actions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from mockserver.providers.ons import respond
from mockserver.providers.ons.call import OnsCall, access, parse_id
from mockserver.providers.ons.models import CARE_PLAN

router = APIRouter()

Reader = Annotated[OnsCall, Depends(access("care_plans", "read"))]
Writer = Annotated[OnsCall, Depends(access("care_plans", "write"))]
BASE = "/t/dossier/care_plans"


@router.post(BASE)
async def create_care_plan(call: Writer) -> Response:
    record = call.store.create_care_plan(await call.body(CARE_PLAN))
    return call.created(CARE_PLAN, record, f"{BASE}/{record['id']}")


@router.post(BASE + "/by_client/{client_id}/new")
async def create_new_care_plan_for_client(call: Writer, client_id: str) -> Response:
    record = call.store.new_care_plan_for_client(parse_id(client_id, "client_id"))
    return call.created(CARE_PLAN, record, f"{BASE}/{record['id']}")


@router.get(BASE + "/{id}")
async def get_care_plan(call: Reader, id: str) -> Response:
    return call.ok(CARE_PLAN, call.store.get("care_plans", parse_id(id)))


@router.put(BASE + "/{id}")
async def update_care_plan(call: Writer, id: str) -> Response:
    record_id = parse_id(id)
    call.store.get("care_plans", record_id)
    record = call.store.update_care_plan(record_id, await call.body(CARE_PLAN))
    return call.accepted(CARE_PLAN, record)


@router.delete(BASE + "/{id}")
async def delete_care_plan(call: Writer, id: str) -> Response:
    call.store.delete_care_plan(parse_id(id))
    return respond.empty(204)


@router.post(BASE + "/{id}/activate")
async def activate_care_plan(call: Writer, id: str) -> Response:
    return call.done(CARE_PLAN, call.store.activate_care_plan(parse_id(id)))


@router.post(BASE + "/{id}/archive")
async def archive_care_plan(call: Writer, id: str) -> Response:
    return call.done(CARE_PLAN, call.store.archive_care_plan(parse_id(id)))
