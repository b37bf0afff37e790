"""include_flat: a provider router's endpoints land on the app's router, same behaviour, one matching pass."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mockserver.core.routing import include_flat, leaf_routes


def caller(x_caller: Annotated[str, Header()] = "anonymous") -> str:
    return x_caller


def build() -> APIRouter:
    """Three levels, like a provider router made of per-resource routers."""
    items = APIRouter()

    @items.get("/t/items/special", name="special_item")
    async def special() -> dict[str, str]:
        return {"item": "special"}

    @items.get("/t/items/{item_id}", name="get_item", status_code=203)
    async def get_item(item_id: int, who: Annotated[str, Depends(caller)]) -> dict[str, object]:
        return {"item": item_id, "who": who}

    ping = APIRouter()

    @ping.get("/ping", name="ping")
    async def do_ping() -> str:
        return "pong"

    middle = APIRouter()
    middle.include_router(items)
    top = APIRouter()
    top.include_router(ping)
    top.include_router(middle)
    return top


def flat_app() -> FastAPI:
    app = FastAPI()
    include_flat(app, build(), "/p")
    return app


def nested_app() -> FastAPI:
    app = FastAPI()
    app.include_router(build(), prefix="/p")
    return app


def test_include_flat_puts_every_endpoint_on_the_app_router_with_its_name() -> None:
    app = flat_app()
    routes = [r for r in app.router.routes if isinstance(r, APIRoute)]
    assert [(r.path, r.name) for r in routes] == [
        ("/p/ping", "ping"),
        ("/p/t/items/special", "special_item"),
        ("/p/t/items/{item_id}", "get_item"),
    ]
    assert not any(hasattr(r, "original_router") for r in app.router.routes)


def test_include_flat_answers_exactly_like_the_nested_include() -> None:
    requests = [
        ("/p/ping", {}),
        ("/p/t/items/special", {}),
        ("/p/t/items/7", {"X-Caller": "ons"}),
        ("/p/t/items/seven", {}),
        ("/p/nothing", {}),
    ]
    with TestClient(flat_app()) as flat, TestClient(nested_app()) as nested:
        for path, headers in requests:
            a, b = flat.get(path, headers=headers), nested.get(path, headers=headers)
            assert (a.status_code, a.json()) == (b.status_code, b.json()), path
        assert flat.get("/p/t/items/7").status_code == 203
        assert flat.get("/openapi.json").json()["paths"] == nested.get("/openapi.json").json()["paths"]


def test_include_with_settings_of_its_own_stays_nested_and_works() -> None:
    inner = APIRouter()

    @inner.get("/x", name="x")
    async def x() -> dict[str, bool]:
        return {"x": True}

    outer = APIRouter()
    outer.include_router(inner, prefix="/sub", dependencies=[Depends(caller)])
    assert leaf_routes(outer) is None
    app = FastAPI()
    include_flat(app, outer, "/p")
    with TestClient(app) as client:
        assert client.get("/p/sub/x").json() == {"x": True}
