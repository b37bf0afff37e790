"""RouteIndex: matching only the candidate routes answers exactly as matching the whole list."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse

from mockserver.core.route_index import RouteIndex, could_match, index_routes


def build(indexed: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/p/t/items/special")
    async def special() -> str:
        return "special"

    @app.get("/p/t/items/{item_id}")
    async def get_item(item_id: int) -> dict[str, int]:
        return {"item": item_id}

    @app.post("/p/t/items")
    async def create_item() -> str:
        return "created"

    @app.get("/p/t/others/")
    async def others() -> str:
        return "others"

    @app.get("/p/{tenant}/anything/{rest:path}")
    async def anything(tenant: str, rest: str) -> str:
        return f"{tenant}:{rest}"

    @app.get("/short")
    async def short() -> str:
        return "short"

    sub = FastAPI()
    sub.add_api_route("/p/t/items/special", lambda: PlainTextResponse("mounted"))
    app.mount("/admin", sub)
    if indexed:
        assert index_routes(app.router)
    return app


REQUESTS = [
    ("GET", "/p/t/items/special"),
    ("GET", "/p/t/items/7"),
    ("GET", "/p/t/items/seven"),  # 422 from the typed parameter
    ("PUT", "/p/t/items/7"),  # 405: a partial match
    ("GET", "/p/t/items"),  # 405 on the POST-only route
    ("POST", "/p/t/items"),
    ("GET", "/p/t/items/"),  # redirect without the slash
    ("GET", "/p/t/others"),  # redirect to the slash
    ("GET", "/p/x/anything/a/b"),
    ("GET", "/p/t/anything/a/b"),
    ("GET", "/short"),
    ("GET", "/short/"),
    ("GET", "/p/t/others/"),
    ("GET", "/p/t/items/7/"),
    ("GET", "/p/t/items/7/extra"),
    ("POST", "/p/t/items/"),
    ("GET", "/admin/p/t/items/special"),
    ("GET", "/p/t/nothing/here"),
    ("GET", "/"),
]


def test_indexed_router_answers_every_request_as_the_full_list_does() -> None:
    plain = TestClient(build(indexed=False), follow_redirects=False)
    indexed = TestClient(build(indexed=True), follow_redirects=False)
    for method, path in REQUESTS:
        expected, got = plain.request(method, path), indexed.request(method, path)
        assert (got.status_code, got.headers.get("location"), got.content) == (
            expected.status_code,
            expected.headers.get("location"),
            expected.content,
        ), f"{method} {path}"


def test_route_added_after_indexing_is_matched() -> None:
    app = build(indexed=True)
    client = TestClient(app)
    assert client.get("/p/t/late/1").status_code == 404

    @app.get("/p/t/late/{n}")
    async def late(n: int) -> int:
        return n

    assert client.get("/p/t/late/1").json() == 1


def test_key_keeps_known_literals_and_stars_the_rest() -> None:
    index = RouteIndex(build(indexed=False).router)
    index.view("/")
    assert index.key("/p/t/items/7") == (("p", "t", "items", "*"), 4)
    assert index.key("/p/t/items/special/more/segments") == (("p", "t", "items", "special"), 6)
    assert index.key("/p/x/anything") == (("p", "*", "anything"), 3)
    assert index.key("/nowhere") == (("*",), 1)
    assert index.key("/a" * 20) == (("*", "*", "*", "*"), None)


def test_candidates_keep_the_original_order_and_drop_only_impossible_routes() -> None:
    app = build(indexed=False)
    index = RouteIndex(app.router)
    paths = [getattr(r, "path", "") for r in index.view("/p/t/items/7").routes]
    assert paths == ["/p/t/items/{item_id}", "/p/t/items", "/admin"]
    anything = [getattr(r, "path", "") for r in index.view("/p/t/anything/a/b").routes]
    assert anything == ["/p/{tenant}/anything/{rest:path}", "/admin"]
    special = [getattr(r, "path", "") for r in index.view("/p/t/items/special").routes]
    assert special.index("/p/t/items/special") < special.index("/p/t/items/{item_id}")


def test_could_match_is_false_only_for_a_different_literal() -> None:
    assert could_match(["p", "t", "items", "{item_id}"], ("p", "t", "items", "*"))
    assert not could_match(["p", "t", "items", "special"], ("p", "t", "items", "*"))
    assert not could_match(["p", "t", "others", ""], ("p", "t", "items", "*"))
    assert could_match(["p", "{tenant}", "anything", "{rest:path}"], ("p", "t", "anything", "*"))
    assert could_match(["{rest:path}"], ("x", "y"))
    assert could_match(["short"], ("short", ""))
    assert could_match(None, ("*",))


def test_could_match_knowing_the_length_allows_one_segment_more_or_less_for_the_slash_redirect() -> None:
    assert could_match(["p", "t", "items"], ("p", "t", "items", "*"), 4)
    assert not could_match(["p", "t", "items", "{item_id}", "parts"], ("p", "t", "items", "*"), 4)
    assert could_match(["p", "t", "others", ""], ("p", "t", "others"), 3)
    assert not could_match(["p", "t", "items", "{item_id}"], ("p", "t", "items"), 3)
    assert not could_match(["p"], ("p", "t", "items"), 3)
    assert could_match(["p", "{rest:path}"], ("p", "t", "items", "*"), 9)


def test_index_routes_leaves_a_wrapped_router_alone() -> None:
    app = FastAPI()
    wrapped = RouteIndex(app.router)
    app.router.middleware_stack = wrapped
    assert index_routes(app.router) is False
    assert app.router.middleware_stack is wrapped


def test_indexed_request_sees_the_app_router_and_its_route() -> None:
    app = build(indexed=True)

    @app.get("/p/t/where/{n}", name="where")
    async def where(n: int, request: Request) -> list[object]:
        route = request.scope["route"]
        return [
            request.scope["router"] is app.router,
            isinstance(route, APIRoute) and route.name,
            request.url_for("where", n=2).path,
        ]

    assert TestClient(app).get("/p/t/where/1").json() == [True, "where", "/p/t/where/2"]
