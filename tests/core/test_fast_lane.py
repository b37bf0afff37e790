"""The fast lane: a lean route's request answered as the router would answer it, every other one left alone."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI, HTTPException, Request
from fastapi.testclient import TestClient
from starlette.responses import JSONResponse, PlainTextResponse, Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.fast_lane import FastLane, exception_handlers
from mockserver.core.route_index import index_routes


class Refused(Exception):
    """An error with a handler of its own, as every vendor error has."""


def build(lane: bool) -> FastAPI:
    """An indexed app of DeferredRoutes, with the fast lane when ``lane``."""
    app = FastAPI()
    app.router.route_class = DeferredRoute

    @app.get("/p/items")
    async def list_items(request: Request) -> Response:
        # Only FastAPI's own way passes its exit-stack layer, which leaves this in the scope.
        return PlainTextResponse(f"fastapi's way: {'fastapi_middleware_astack' in request.scope}")

    @app.get("/p/items/special")
    async def special(request: Request) -> Response:
        scope = request.scope
        same_router = scope["router"] is request.app.router
        return PlainTextResponse(f"special {scope['route'].name} {scope['endpoint'].__name__} {same_router}")

    @app.post("/p/items/{item_id}/echo")
    async def echo(request: Request, item_id: str) -> Response:
        if item_id == "refused":
            raise Refused(item_id)  # the body unread: the handler reads it
        return PlainTextResponse(await request.body())

    @app.get("/p/items/{item_id}")
    async def get_item(item_id: str, q: str | None = None) -> Response:
        if item_id == "refused":
            raise Refused(item_id)
        if item_id == "teapot":
            raise HTTPException(418, "short and stout")
        if item_id == "crash":
            raise ZeroDivisionError(item_id)
        return PlainTextResponse(f"item {item_id} q={q}")

    @app.post("/p/items")
    async def create_item() -> Response:
        return PlainTextResponse("created", status_code=201)

    @app.get("/p/typed/{n}")
    async def typed(n: int) -> Response:
        return PlainTextResponse(str(n))

    @app.get("/p/slash/")
    async def slash() -> Response:
        return PlainTextResponse("slash")

    async def refused(request: Request, exc: Exception) -> Response:
        return JSONResponse({"refused": str(exc), "body": (await request.body()).decode()}, status_code=409)

    async def teapot(request: Request, exc: Exception) -> Response:
        return JSONResponse({"teapot": getattr(exc, "detail", "")}, status_code=418)

    app.add_exception_handler(Refused, refused)
    app.add_exception_handler(418, teapot)
    index_routes(app.router)
    if lane:
        app.add_middleware(FastLane, router=app.router, handlers=app.exception_handlers)
    return app


REQUESTS = [
    ("GET", "/p/items"),
    ("GET", "/p/items/7"),
    ("GET", "/p/items/7?q=a&q=b"),
    ("HEAD", "/p/items/7"),
    ("GET", "/p/items/special"),
    ("POST", "/p/items/7/echo"),
    ("POST", "/p/items/refused/echo"),
    ("GET", "/p/items/refused"),
    ("GET", "/p/items/teapot"),
    ("POST", "/p/items"),
    ("DELETE", "/p/items/7"),
    ("GET", "/p/typed/5"),
    ("GET", "/p/typed/five"),
    ("GET", "/p/slash"),
    ("GET", "/p/nothing"),
]


#: Where the two ways differ on purpose: FastAPI's exit-stack layer is the one thing the lane leaves out.
DIFFERENT = {("GET", "/p/items")}


@pytest.mark.parametrize(("method", "path"), [r for r in REQUESTS if r not in DIFFERENT])
def test_fast_lane_answers_as_the_router_does(method: str, path: str) -> None:
    with TestClient(build(lane=False)) as plain, TestClient(build(lane=True)) as laned:
        expected = plain.request(method, path, follow_redirects=False, content=b"a body" if method == "POST" else None)
        got = laned.request(method, path, follow_redirects=False, content=b"a body" if method == "POST" else None)
    assert (got.status_code, got.content, dict(got.headers)) == (
        expected.status_code,
        expected.content,
        dict(expected.headers),
    )


def test_fast_lane_takes_only_full_matches_of_lean_routes() -> None:
    app = build(lane=True)
    lane = FastLane(app.router, router=app.router, handlers={})
    taken = []
    for method, path in REQUESTS:
        found = lane.lean_match({"type": "http", "method": method, "path": path, "root_path": "", "query_string": b""})
        if found is not None:
            taken.append((method, path.split("?")[0], found[0].name))
    # The list's route is taken, as every lean one: in front of /p/items/7 it is a candidate that does not match.
    assert taken[0] == ("GET", "/p/items", "list_items")
    taken = taken[1:]
    # Not taken: HEAD (FastAPI's GET routes answer it 405), the typed route (FastAPI's own app), a 405, the
    # slash redirect, a 404.
    assert taken == [
        ("GET", "/p/items/7", "get_item"),
        ("GET", "/p/items/7", "get_item"),
        ("GET", "/p/items/special", "special"),
        ("POST", "/p/items/7/echo", "echo"),
        ("POST", "/p/items/refused/echo", "echo"),
        ("GET", "/p/items/refused", "get_item"),
        ("GET", "/p/items/teapot", "get_item"),
        ("POST", "/p/items", "create_item"),
    ]


def test_fast_lane_sets_the_route_endpoint_and_router_in_the_scope() -> None:
    with TestClient(build(lane=True)) as client:
        assert client.get("/p/items/special").text == "special special special True"


def test_fast_lane_skips_fastapis_exit_stack_layer() -> None:
    with TestClient(build(lane=True)) as laned, TestClient(build(lane=False)) as plain:
        assert (laned.get("/p/items").text, plain.get("/p/items").text) == (
            "fastapi's way: False",
            "fastapi's way: True",
        )


def test_fast_lane_gives_the_body_to_the_route_and_to_the_exception_handler() -> None:
    with TestClient(build(lane=True)) as client:
        assert client.post("/p/items/7/echo", content=b"ahoy").text == "ahoy"
        refused = client.post("/p/items/refused/echo", content=b"no way")
    assert (refused.status_code, refused.json()) == (409, {"refused": "refused", "body": "no way"})


def test_fast_lane_passes_on_what_is_not_http() -> None:
    seen: list[str] = []

    async def inner(scope: dict[str, object], receive: object, send: object) -> None:
        seen.append(str(scope["type"]))

    app = build(lane=True)
    lane = FastLane(inner, router=app.router, handlers={})  # type: ignore[arg-type]
    asyncio.run(lane({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    assert seen == ["lifespan"]


def test_fast_lane_leaves_a_crash_to_the_server_error_layer() -> None:
    with TestClient(build(lane=True), raise_server_exceptions=False) as client:
        answer = client.get("/p/items/crash")
    assert (answer.status_code, answer.text) == (500, "Internal Server Error")


def test_exception_handlers_are_split_as_starlette_splits_them() -> None:
    def handler() -> None:
        """A stand-in."""

    by_class, by_status = exception_handlers({Exception: handler, Refused: handler, 500: handler, 418: handler})
    assert (by_class, by_status) == ({Refused: handler}, {418: handler})


def test_fast_lane_remembers_a_way_until_the_routes_change() -> None:
    app = build(lane=True)
    lane = FastLane(app.router, router=app.router, handlers={})

    def way(path: str) -> str | None:
        found = lane.lean_match({"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": b""})
        return None if found is None else found[0].name

    first = lane.lean_match({"type": "http", "method": "GET", "path": "/p/items/7", "root_path": ""})
    again = lane.lean_match({"type": "http", "method": "GET", "path": "/p/items/7", "root_path": ""})
    assert first is not None and again is first
    assert first[1]["path_params"] == {"item_id": "7"}
    assert way("/p/later") is None

    @app.get("/p/later")
    async def later() -> Response:
        return PlainTextResponse("later")

    assert way("/p/later") == "later"


def test_fast_lane_gives_each_request_its_own_path_parameters() -> None:
    app = build(lane=True)

    @app.get("/p/mutable/{name}")
    async def mutable(request: Request, name: str) -> Response:
        request.path_params["name"] = "changed"  # a handler that writes to them must not change the next one's
        return PlainTextResponse(name)

    with TestClient(app) as client:
        assert [client.get("/p/mutable/same").text for _ in range(2)] == ["same", "same"]


def test_fast_lane_starts_its_memory_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mockserver.core.fast_lane.MAX_REMEMBERED", 2)
    app = build(lane=True)
    lane = FastLane(app.router, router=app.router, handlers={})
    for path in ("/p/items/1", "/p/items/2", "/p/items/3"):
        lane.lean_match({"type": "http", "method": "GET", "path": path, "root_path": ""})
    assert list(lane._remembered) == [("GET", "/p/items/3")]
