"""/t/clients: create, read, update, lookups and the client's care plans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from mockserver.providers.ons.call import OnsCall, access, parse_id, parse_ids
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.models import CARE_PLAN, CLIENT

router = APIRouter()

Reader = Annotated[OnsCall, Depends(access("clients", "read"))]
Writer = Annotated[OnsCall, Depends(access("clients", "write"))]
PlanReader = Annotated[OnsCall, Depends(access("care_plans", "read"))]


@router.post("/t/clients")
async def create_client(call: Writer) -> Response:
    record = call.store.create_person("clients", await call.body(CLIENT))
    return call.created(CLIENT, record, f"/t/clients/{record['id']}")


@router.get("/t/clients/by_bsn")
async def get_client_by_bsn(call: Reader, bsn: str | None = None) -> Response:
    if not bsn:
        raise BadRequest("the query parameter bsn is required", field="bsn")
    return call.ok(CLIENT, call.store.client_by_bsn(bsn))


@router.get("/t/clients/by_uuid/{uuid}")
async def get_client_by_uuid(call: Reader, uuid: str) -> Response:
    return call.ok(CLIENT, call.store.by_uuid("clients", uuid))


@router.get("/t/clients/by_identification_no/{identification_no}")
async def get_client_by_identification_no(call: Reader, identification_no: str) -> Response:
    return call.ok(CLIENT, call.store.by_identification_no("clients", identification_no))


@router.get("/t/clients/multiple")
async def get_multiple_clients(call: Reader, id: Annotated[list[str] | None, Query()] = None) -> Response:
    return call.listing(CLIENT, call.store.multiple("clients", parse_ids(id or [])))


@router.get("/t/clients/{id}")
async def get_client(call: Reader, id: str) -> Response:
    return call.ok(CLIENT, call.store.get("clients", parse_id(id)))


@router.put("/t/clients/{id}")
async def update_client(call: Writer, id: str) -> Response:
    client_id = parse_id(id)
    call.store.get("clients", client_id)
    record = call.store.update_person("clients", client_id, await call.body(CLIENT))
    return call.accepted(CLIENT, record)


@router.get("/t/clients/{client_id}/care_plans")
async def list_client_care_plans(call: PlanReader, client_id: str) -> Response:
    return call.listing(CARE_PLAN, call.store.client_care_plans(parse_id(client_id, "client_id")))


@router.get("/t/clients/{client_id}/active_care_plan")
async def get_client_active_care_plan(call: PlanReader, client_id: str) -> Response:
    return call.maybe(CARE_PLAN, call.store.client_care_plan(parse_id(client_id, "client_id"), "ACTIVE"))


@router.get("/t/clients/{client_id}/draft_care_plan")
async def get_client_draft_care_plan(call: PlanReader, client_id: str) -> Response:
    return call.maybe(CARE_PLAN, call.store.client_care_plan(parse_id(client_id, "client_id"), "DRAFT"))
