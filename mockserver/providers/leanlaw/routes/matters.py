"""/v2/matters: ListMatters, CreateMatter, GetMatter, UpdateMatter, DeleteMatter."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.leanlaw import lists, views
from mockserver.providers.leanlaw.auth import LeanLawApp
from mockserver.providers.leanlaw.call import READ, WRITE, admit
from mockserver.providers.leanlaw.params import guid


def add_routes(router: APIRouter, app: LeanLawApp) -> None:
    @router.get("/v2/matters", name="ListMatters")
    async def list_matters(request: Request) -> Response:
        """ListMatters."""
        call = await admit(app, request, READ)
        return call.listing(lists.MATTERS, views.each(views.matter, call.store))

    @router.post("/v2/matters", name="CreateMatter")
    async def create_matter(request: Request) -> Response:
        """CreateMatter."""
        call = await admit(app, request, WRITE)
        body = await call.body()
        with call.store.lock:
            record = call.store.create_matter(body)
            return call.created(views.matter(call.store, record, views.EVERYTHING, detail=True))

    @router.get("/v2/matters/{id}", name="GetMatter")
    async def get_matter(request: Request, id: str) -> Response:
        """GetMatter."""
        call = await admit(app, request, READ)
        with call.store.lock:
            record = call.store.matter(guid(id, "id"))
            return call.ok(views.matter(call.store, record, views.EVERYTHING, detail=True))

    @router.put("/v2/matters/{id}", name="UpdateMatter")
    async def update_matter(request: Request, id: str) -> Response:
        """UpdateMatter (sparse; the empty GUID clears practiceAreaId)."""
        call = await admit(app, request, WRITE)
        matter_id, body = guid(id, "id"), await call.body()
        with call.store.lock:
            record = call.store.update_matter(matter_id, body)
            return call.ok(views.matter(call.store, record, views.EVERYTHING, detail=True))

    @router.delete("/v2/matters/{id}", name="DeleteMatter")
    async def delete_matter(request: Request, id: str) -> Response:
        """DeleteMatter: refused while the matter has any activity."""
        call = await admit(app, request, WRITE)
        call.store.delete_matter(guid(id, "id"))
        return call.done()
