"""A tiny provider for scenario tests: keyed tenants, a create that refuses duplicates, a JSON envelope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.responses import Response

from mockserver.core.errors import MockError
from mockserver.core.provider import ProviderHandle
from mockserver.core.state import StoreContext
from mockserver.providers.base import Provider

KEYS = {"key-alpha-0001": "alpha", "key-beta-00002": "beta"}


class ToyError(MockError):
    code = "toy_error"


class Maintenance(ToyError):
    status = 503
    code = "maintenance"
    message = "down for maintenance"


class Duplicate(ToyError):
    status = 409
    code = "duplicate"
    message = "an item with this number exists"


class NotAllowed(ToyError):
    status = 403
    code = "forbidden"
    message = "unknown key"


class Item(BaseModel):
    number: str
    name: str = ""


def build_router(app: ProviderHandle[Any, dict[str, Any]]) -> APIRouter:
    router = APIRouter()

    def caller(request: Request) -> str:
        """The tenant of the request's key, bound on its context (the request idiom, by hand)."""
        key = request.headers.get("x-toy-key", "")
        if key not in KEYS:
            raise NotAllowed()
        app.bind(request.scope, KEYS[key], key)
        return KEYS[key]

    @router.get("/items")
    def list_items(request: Request) -> dict[str, Any]:
        return {"items": list(app.store(caller(request)).values())}

    @router.get("/items/{number}")
    def get_item(number: str, request: Request) -> dict[str, Any]:
        item: dict[str, Any] = app.store(caller(request)).get(number) or {"number": number}
        return item

    @router.post("/items", status_code=201)
    def create_item(item: Item, request: Request) -> dict[str, Any]:
        store = app.store(caller(request))
        if item.number in store:
            raise Duplicate(f"item {item.number} exists")
        store[item.number] = item.model_dump()
        created: dict[str, Any] = store[item.number]
        return created

    @router.post("/form")
    async def form_echo(request: Request) -> dict[str, Any]:
        caller(request)
        return {"form": dict(parse_qsl((await request.body()).decode()))}

    @router.get("/big")
    def big(request: Request) -> dict[str, Any]:
        caller(request)
        return {"rows": [{"n": n, "text": "x" * 40} for n in range(200)]}

    return router


class ToyProvider(Provider):
    name = "toy"
    title = "Toy"
    real_base_url = "https://toy.invalid"
    errors: Mapping[str, type[MockError]] = {"Maintenance": Maintenance, "Duplicate": Duplicate}

    def build_router(self, app: ProviderHandle[Any, Any]) -> APIRouter:
        return build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> Any:
        return {}

    def make_store(self, ctx: StoreContext) -> Any:
        return {}

    def render_error(self, app: ProviderHandle[Any, Any], request: Request, exc: MockError) -> Response:
        code = exc.code if isinstance(exc, ToyError) else f"http_{exc.status}"
        return JSONResponse({"code": code, "message": exc.message}, status_code=exc.status, headers=exc.headers)

    def error_for_status(self, status: int, message: str) -> MockError:
        return ToyError(message, status=status)

    def credentials(self, config: Any) -> list[dict[str, Any]]:
        return [{"tenant": tenant, "key": key} for key, tenant in KEYS.items()]

    def curl_example(self, config: Any, base_url: str) -> str:
        return ""
