"""/v2/clients: ListClients, CreateClient, GetClient, UpdateClient, DeleteClient, GetClientBalances."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.leanlaw import lists, views
from mockserver.providers.leanlaw.auth import LeanLawApp
from mockserver.providers.leanlaw.call import READ, WRITE, admit
from mockserver.providers.leanlaw.params import guid


def add_routes(router: APIRouter, app: LeanLawApp) -> None:
    @router.get("/v2/clients", name="ListClients")
    async def list_clients(request: Request) -> Response:
        """ListClients."""
        call = await admit(app, request, READ)
        return call.listing(lists.CLIENTS, partial(views.clients, call.store))

    @router.post("/v2/clients", name="CreateClient")
    async def create_client(request: Request) -> Response:
        """CreateClient."""
        call = await admit(app, request, WRITE)
        body = await call.body()
        with call.store.lock:
            record = call.store.create_client(body)
            return call.created(views.client(call.store, record, views.EVERYTHING, detail=True))

    @router.get("/v2/clients/{id}", name="GetClient")
    async def get_client(request: Request, id: str) -> Response:
        """GetClient."""
        call = await admit(app, request, READ)
        with call.store.lock:
            record = call.store.client(guid(id, "id"))
            return call.ok(views.client(call.store, record, views.EVERYTHING, detail=True))

    @router.put("/v2/clients/{id}", name="UpdateClient")
    async def update_client(request: Request, id: str) -> Response:
        """UpdateClient (sparse)."""
        call = await admit(app, request, WRITE)
        client_id, body = guid(id, "id"), await call.body()
        with call.store.lock:
            record = call.store.update_client(client_id, body)
            return call.ok(views.client(call.store, record, views.EVERYTHING, detail=True))

    @router.delete("/v2/clients/{id}", name="DeleteClient")
    async def delete_client(request: Request, id: str) -> Response:
        """DeleteClient: refused while the client has matters."""
        call = await admit(app, request, WRITE)
        call.store.delete_client(guid(id, "id"))
        return call.done()

    @router.get("/v2/clients/{id}/balances", name="GetClientBalances")
    async def get_client_balances(request: Request, id: str) -> Response:
        """GetClientBalances."""
        call = await admit(app, request, READ)
        with call.store.lock:
            return call.ok(call.store.balances(guid(id, "id")))
