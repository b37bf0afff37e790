"""The billable lines: /v2/time-entries, /v2/expenses and /v2/fixed-fees (list, create, get, update, delete).

The OpenAPI document gives CreateExpense, CreateFixedFee and the three updates no response body;
they answer with the status alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.leanlaw import lists, views
from mockserver.providers.leanlaw.auth import LeanLawApp
from mockserver.providers.leanlaw.call import READ, WRITE, admit
from mockserver.providers.leanlaw.params import guid
from mockserver.providers.leanlaw.query import ListSpec
from mockserver.providers.leanlaw.store import LeanLawStore


@dataclass(frozen=True)
class Lines:
    """Expenses or fixed fees: the document gives both the same five operations and answers."""

    path: str
    singular: str
    plural: str
    spec: ListSpec
    view: Callable[..., dict[str, Any]]
    get: Callable[[LeanLawStore, str], Any]
    create: Callable[[LeanLawStore, Any], Any]
    update: Callable[[LeanLawStore, str, Any], Any]
    delete: Callable[[LeanLawStore, str], None]


EXPENSES = Lines(
    "/v2/expenses",
    "Expense",
    "Expenses",
    lists.EXPENSES,
    views.expense,
    LeanLawStore.expense,
    LeanLawStore.create_expense,
    LeanLawStore.update_expense,
    LeanLawStore.delete_expense,
)
FIXED_FEES = Lines(
    "/v2/fixed-fees",
    "FixedFee",
    "FixedFees",
    lists.FIXED_FEES,
    views.fixed_fee,
    LeanLawStore.fixed_fee,
    LeanLawStore.create_fixed_fee,
    LeanLawStore.update_fixed_fee,
    LeanLawStore.delete_fixed_fee,
)


def add_routes(router: APIRouter, app: LeanLawApp) -> None:
    _time_entries(router, app)
    for kind in (EXPENSES, FIXED_FEES):
        _lines(router, app, kind)


def _time_entries(router: APIRouter, app: LeanLawApp) -> None:
    @router.get("/v2/time-entries", name="ListTimeEntries")
    async def list_time_entries(request: Request) -> Response:
        """ListTimeEntries (rate and amount only for keys with read.rates)."""
        call = await admit(app, request, READ)
        return call.listing(lists.TIME_ENTRIES, views.each(partial(views.time_entry, rates=call.rates), call.store))

    @router.post("/v2/time-entries", name="CreateTimeEntry")
    async def create_time_entry(request: Request) -> Response:
        """CreateTimeEntry (userId falls back to x-leanlaw-userid)."""
        call = await admit(app, request, WRITE)
        body = await call.body()
        with call.store.lock:
            record = call.store.create_time_entry(body, call.acting_user)
            return call.created(views.time_entry(call.store, record, views.EVERYTHING, call.rates, detail=True))

    @router.get("/v2/time-entries/{id}", name="GetTimeEntry")
    async def get_time_entry(request: Request, id: str) -> Response:
        """GetTimeEntry."""
        call = await admit(app, request, READ)
        with call.store.lock:
            record = call.store.time_entry(guid(id, "id"))
            return call.ok(views.time_entry(call.store, record, views.EVERYTHING, call.rates, detail=True))

    @router.put("/v2/time-entries/{id}", name="UpdateTimeEntry")
    async def update_time_entry(request: Request, id: str) -> Response:
        """UpdateTimeEntry (sparse; refused once billed; the empty GUID clears fixedFeeId)."""
        call = await admit(app, request, WRITE)
        entry_id, body = guid(id, "id"), await call.body()
        call.store.update_time_entry(entry_id, body)
        return call.done()

    @router.delete("/v2/time-entries/{id}", name="DeleteTimeEntry")
    async def delete_time_entry(request: Request, id: str) -> Response:
        """DeleteTimeEntry: refused once billed."""
        call = await admit(app, request, WRITE)
        call.store.delete_time_entry(guid(id, "id"))
        return call.done()


def _lines(router: APIRouter, app: LeanLawApp, kind: Lines) -> None:
    """ListX, CreateX (no body in the answer), GetX, UpdateX (sparse; refused once billed; no body), DeleteX."""

    async def list_lines(request: Request) -> Response:
        call = await admit(app, request, READ)
        return call.listing(kind.spec, views.each(kind.view, call.store))

    async def create_line(request: Request) -> Response:
        call = await admit(app, request, WRITE)
        kind.create(call.store, await call.body())
        return call.created()

    async def get_line(request: Request, id: str) -> Response:
        call = await admit(app, request, READ)
        with call.store.lock:
            record = kind.get(call.store, guid(id, "id"))
            return call.ok(kind.view(call.store, record, views.EVERYTHING, detail=True))

    async def update_line(request: Request, id: str) -> Response:
        call = await admit(app, request, WRITE)
        line_id, body = guid(id, "id"), await call.body()
        kind.update(call.store, line_id, body)
        return call.done()

    async def delete_line(request: Request, id: str) -> Response:
        call = await admit(app, request, WRITE)
        kind.delete(call.store, guid(id, "id"))
        return call.done()

    item = kind.path + "/{id}"
    router.add_api_route(kind.path, list_lines, methods=["GET"], name=f"List{kind.plural}")
    router.add_api_route(kind.path, create_line, methods=["POST"], name=f"Create{kind.singular}")
    router.add_api_route(item, get_line, methods=["GET"], name=f"Get{kind.singular}")
    router.add_api_route(item, update_line, methods=["PUT"], name=f"Update{kind.singular}")
    router.add_api_route(item, delete_line, methods=["DELETE"], name=f"Delete{kind.singular}")
