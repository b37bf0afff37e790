"""/t/employees: create, read, update, lookups and the employee's teams."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access, parse_id, parse_ids, parse_optional_date
from mockserver.providers.ons.models import EMPLOYEE, TEAM


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    reader = access(app, "employees", "read")
    writer = access(app, "employees", "write")
    team_reader = access(app, "teams", "read")

    @router.post("/t/employees")
    async def create_employee(request: Request) -> Response:
        call = await writer(request)
        record = call.store.create_person("employees", await call.body(EMPLOYEE))
        return call.created(EMPLOYEE, record, f"/t/employees/{record['id']}")

    @router.get("/t/employees/by_identification_no/{identification_no}")
    async def get_employee_by_identification_no(request: Request, identification_no: str) -> Response:
        call = await reader(request)
        return call.ok(EMPLOYEE, call.store.by_identification_no("employees", identification_no))

    @router.get("/t/employees/multiple")
    async def get_multiple_employees(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
        call = await reader(request)
        return call.listing(EMPLOYEE, call.store.multiple("employees", parse_ids(id or [])))

    @router.get("/t/employees/{employee_id}")
    async def get_employee(request: Request, employee_id: str) -> Response:
        call = await reader(request)
        return call.ok(EMPLOYEE, call.store.get("employees", parse_id(employee_id, "employee_id")))

    @router.put("/t/employees/{employee_id}")
    async def update_employee(request: Request, employee_id: str) -> Response:
        call = await writer(request)
        record_id = parse_id(employee_id, "employee_id")
        call.store.get("employees", record_id)
        record = call.store.update_person("employees", record_id, await call.body(EMPLOYEE))
        return call.accepted(EMPLOYEE, record)

    @router.get("/t/employees/{employee_id}/teams")
    async def list_employee_teams(
        request: Request, employee_id: str, valid_from: str | None = None, valid_to: str | None = None
    ) -> Response:
        call = await team_reader(request)
        record_id = parse_id(employee_id, "employee_id")
        start = parse_optional_date(valid_from, "valid_from")
        end = parse_optional_date(valid_to, "valid_to")
        return call.listing(TEAM, call.store.employee_teams(record_id, start, end))

    return router
