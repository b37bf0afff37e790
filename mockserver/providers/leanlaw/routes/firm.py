"""The firm's setup and billing: invoices (read-only), users, practice areas, custom fields and LEDES codes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.leanlaw import codes, lists, views
from mockserver.providers.leanlaw.auth import LeanLawApp
from mockserver.providers.leanlaw.call import READ, WRITE, admit
from mockserver.providers.leanlaw.params import guid

ALL_CUSTOM_FIELDS = frozenset({"customFields"})


def add_routes(router: APIRouter, app: LeanLawApp) -> None:
    @router.get("/v2/invoices", name="ListInvoices")
    async def list_invoices(request: Request) -> Response:
        """ListInvoices (invoices are read-only through the API)."""
        call = await admit(app, request, READ)
        return call.listing(lists.INVOICES, views.each(views.invoice, call.store))

    @router.get("/v2/users", name="ListUsers")
    async def list_users(request: Request) -> Response:
        """ListUsers (unpaginated)."""
        call = await admit(app, request, READ)
        return call.listing(lists.USERS, views.each(views.user, call.store))

    @router.put("/v2/users/{id}", name="UpdateUser")
    async def update_user(request: Request, id: str) -> Response:
        """UpdateUser: custom fields only; the answer always carries them."""
        call = await admit(app, request, WRITE)
        user_id, body = guid(id, "id"), await call.body()
        with call.store.lock:
            record = call.store.update_user(user_id, body)
            return call.ok(views.user(call.store, record, ALL_CUSTOM_FIELDS))

    @router.get("/v2/practice-areas", name="ListPracticeAreas")
    async def list_practice_areas(request: Request) -> Response:
        """ListPracticeAreas (unpaginated)."""
        call = await admit(app, request, READ)
        return call.listing(lists.PRACTICE_AREAS, lambda records, _: [views.practice_area(r) for r in records])

    @router.post("/v2/practice-areas", name="CreatePracticeArea")
    async def create_practice_area(request: Request) -> Response:
        """CreatePracticeArea."""
        call = await admit(app, request, WRITE)
        record = call.store.create_practice_area(await call.body())
        return call.created(views.practice_area(record))

    @router.put("/v2/practice-areas/{id}", name="UpdatePracticeArea")
    async def update_practice_area(request: Request, id: str) -> Response:
        """UpdatePracticeArea (sparse)."""
        call = await admit(app, request, WRITE)
        area_id, body = guid(id, "id"), await call.body()
        return call.ok(views.practice_area(call.store.update_practice_area(area_id, body)))

    @router.delete("/v2/practice-areas/{id}", name="DeletePracticeArea")
    async def delete_practice_area(request: Request, id: str) -> Response:
        """DeletePracticeArea: refused while matters use it."""
        call = await admit(app, request, WRITE)
        call.store.delete_practice_area(guid(id, "id"))
        return call.done()

    @router.get("/v2/custom-fields", name="ListCustomFields")
    async def list_custom_fields(request: Request) -> Response:
        """ListCustomFields (read-only definitions)."""
        call = await admit(app, request, READ)
        return call.listing(lists.CUSTOM_FIELDS, lambda records, _: [views.custom_field(r) for r in records])

    @router.get("/v2/codes", name="GetCodes")
    async def get_codes(request: Request) -> Response:
        """GetCodes: the LEDES code sets."""
        call = await admit(app, request, READ)
        return call.ok(codes.code_list())
