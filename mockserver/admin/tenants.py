"""/__admin/tenants: make a tenant of every provider at run time (a test's own), list them, remove one."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, FastAPI, HTTPException, Request

from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.tenants import TenantError

if TYPE_CHECKING:
    from mockserver.core.tenants import RuntimeTenants


def build_tenants_router(parent: FastAPI) -> APIRouter:
    router = APIRouter(tags=["tenants"], route_class=DeferredRoute)

    def tenants() -> RuntimeTenants:
        found: RuntimeTenants = parent.state.tenants
        return found

    @router.get("/tenants")
    def list_tenants() -> dict[str, Any]:
        """The tenants made at run time, oldest first."""
        return {"tenants": list(tenants().names)}

    @router.post("/tenants", status_code=201)
    async def make_tenant(request: Request) -> dict[str, Any]:
        """A tenant of every provider: its stores start with the first tenant's seeded data, its credentials are
        its own (made from its name). Body ``{"name": "..."}`` or none (a name is picked)."""
        body = (await request.body()).strip()
        name = None
        if body:
            try:
                document = json.loads(body)
            except ValueError:
                raise HTTPException(400, 'the body is {"name": "..."} or empty') from None
            if not isinstance(document, dict) or set(document) - {"name"}:
                raise HTTPException(400, 'the body is {"name": "..."} or empty')
            name = document.get("name")
            if name is not None and not isinstance(name, str):
                raise HTTPException(400, "name: must be a string")
        try:
            return tenants().add(name)
        except TenantError as exc:
            raise HTTPException(exc.status, str(exc)) from None

    @router.delete("/tenants/{name}")
    def remove_tenant(name: str) -> dict[str, Any]:
        """Forget a tenant made at run time: its credentials, its stores, the scenarios limited to it."""
        try:
            return tenants().remove(name)
        except TenantError as exc:
            raise HTTPException(exc.status, str(exc)) from None

    return router
