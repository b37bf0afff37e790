"""/t/teams (read only) and /t/locations (read, create, update)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access, parse_id, parse_ids
from mockserver.providers.ons.models import LOCATION, TEAM


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    team_reader = access(app, "teams", "read")
    location_reader = access(app, "locations", "read")
    location_writer = access(app, "locations", "write")

    @router.get("/t/teams")
    async def list_teams(request: Request) -> Response:
        call = await team_reader(request)
        return call.listing(TEAM, call.store.all("teams"))

    @router.get("/t/teams/by_code/{code}")
    async def get_team_by_code(request: Request, code: str) -> Response:
        call = await team_reader(request)
        return call.ok(TEAM, call.store.team_by_code(code))

    @router.get("/t/teams/multiple")
    async def get_multiple_teams(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
        call = await team_reader(request)
        return call.listing(TEAM, call.store.multiple("teams", parse_ids(id or [])))

    @router.get("/t/teams/{id}")
    async def get_team(request: Request, id: str) -> Response:
        call = await team_reader(request)
        return call.ok(TEAM, call.store.get("teams", parse_id(id)))

    @router.get("/t/locations")
    async def list_locations(request: Request) -> Response:
        call = await location_reader(request)
        return call.listing(LOCATION, call.store.all("locations"))

    @router.post("/t/locations")
    async def create_location(request: Request) -> Response:
        call = await location_writer(request)
        record = call.store.create_location(await call.body(LOCATION))
        return call.created(LOCATION, record, f"/t/locations/{record['id']}")

    @router.get("/t/locations/multiple")
    async def get_multiple_locations(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
        call = await location_reader(request)
        return call.listing(LOCATION, call.store.multiple("locations", parse_ids(id or [])))

    @router.get("/t/locations/{id}")
    async def get_location(request: Request, id: str) -> Response:
        call = await location_reader(request)
        return call.ok(LOCATION, call.store.get("locations", parse_id(id)))

    @router.put("/t/locations/{id}")
    async def update_location(request: Request, id: str) -> Response:
        call = await location_writer(request)
        record_id = parse_id(id)
        call.store.get("locations", record_id)
        record = call.store.update_location(record_id, await call.body(LOCATION))
        return call.accepted(LOCATION, record)

    return router
