"""The Skeleton endpoints: thin, each one the request idiom and one store call."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import JSONResponse, Response

from mockserver.core.bodies import BodyTooLarge, read_received
from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.pagination import paginate
from mockserver.providers._template.auth import SkeletonApp, authenticate
from mockserver.providers._template.errors import BadRequest
from mockserver.providers._template.models import NewItem


def whole_number(raw: str | None, name: str, default: int) -> int:
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadRequest(f"{name} must be a whole number, got {raw!r}.")
    return int(raw)


def build_router(app: SkeletonApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    @router.get("/v1/items")
    async def list_items(request: Request, offset: str | None = None, limit: str | None = None) -> Response:
        caller = app.admit(request.scope, lambda config: authenticate(request.headers, config))
        page_size = whole_number(limit, "limit", app.config.options.page_size)
        page = paginate(app.store(caller.tenant).items(), whole_number(offset, "offset", 0), page_size)
        body = {"items": [i.to_wire() for i in page.items], "total": page.total, "nextOffset": page.next_offset}
        return JSONResponse(body)

    @router.get("/v1/items/{item_id}")
    async def get_item(request: Request, item_id: int) -> Response:
        caller = app.admit(request.scope, lambda config: authenticate(request.headers, config))
        return JSONResponse(app.store(caller.tenant).item(item_id).to_wire())

    @router.post("/v1/items")
    async def create_item(request: Request) -> Response:
        caller = app.admit(request.scope, lambda config: authenticate(request.headers, config))
        try:
            raw = await read_received(request.scope, request.receive, app.max_body_bytes)
            new = NewItem.model_validate_json(raw)
        except BodyTooLarge:
            raise BadRequest(f"The body is larger than {app.max_body_bytes} bytes.") from None
        except ValidationError as exc:
            raise BadRequest(f"Not a valid item: {exc.errors()[0]['msg']}.") from None
        item = app.store(caller.tenant).create_item(new.name)
        location = app.public_path(request.scope, f"/v1/items/{item.id}")
        return JSONResponse(item.to_wire(), status_code=201, headers={"Location": location})

    return router
