"""Lean route apps: the same answers as FastAPI's for endpoints of strings, and FastAPI's own for any other."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import pytest
from fastapi import BackgroundTasks, Body, Cookie, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import SecurityScopes
from fastapi.testclient import TestClient
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.websockets import WebSocket

from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.lean_route import is_lean, lean_app


def build(lean: bool) -> FastAPI:
    """The same endpoints on DeferredRoutes (lean where they can be) or on FastAPI's own routes."""
    app = FastAPI()
    app.router.route_class = DeferredRoute if lean else APIRoute

    @app.get("/items/{item_id}/notes/{note}")
    async def note(request: Request, item_id: str, note: str) -> Response:
        return PlainTextResponse(f"{request.method} {item_id} {note}")

    @app.get("/search")
    async def search(q: str | None = None, sort: str = "name") -> Response:
        return PlainTextResponse(f"q={q!r} sort={sort!r}")

    @app.get("/teapot/{name}")
    async def teapot(name: str) -> Response:
        raise HTTPException(418, f"{name} is a teapot")

    @app.get("/number/{n}")
    async def number(n: int) -> Response:
        return PlainTextResponse(str(n + 1))

    @app.post("/echo/{name}")
    async def echo(request: Request, name: str) -> Response:
        return PlainTextResponse(name.encode() + b" " + await request.body())

    @app.get("/stream/{name}")
    async def stream(name: str) -> Response:
        async def parts() -> AsyncIterator[bytes]:
            for part in (name, " ", "streamed"):
                yield part.encode()

        return StreamingResponse(parts(), media_type="text/plain")

    return app


QUESTIONS = [
    "/items/7/notes/first",
    "/items/%C3%A9t%C3%A9/notes/a%20b",
    "/search",
    "/search?q=",
    "/search?q=one&q=two&sort=date",
    "/search?sort=&unknown=1",
    "/teapot/brown",
    "/number/41",
    "/number/forty-one",
    "/stream/river",
]


@pytest.mark.parametrize("path", QUESTIONS)
def test_lean_route_answers_as_fastapi_does(path: str) -> None:
    with TestClient(build(lean=False)) as fastapi, TestClient(build(lean=True)) as lean:
        expected, got = fastapi.get(path), lean.get(path)
    assert (got.status_code, got.text, got.headers.get("content-type")) == (
        expected.status_code,
        expected.text,
        expected.headers.get("content-type"),
    )


def test_lean_route_takes_path_parameters_as_matched() -> None:
    with TestClient(build(lean=True)) as client:
        assert client.get("/items/%C3%A9t%C3%A9/notes/a%20b").text == "GET été a b"


def test_lean_route_takes_the_last_query_value_or_the_default() -> None:
    with TestClient(build(lean=True)) as client:
        assert client.get("/search?q=one&q=two").text == "q='two' sort='name'"
        assert client.get("/search?q=").text == "q='' sort='name'"
        assert client.get("/search").text == "q=None sort='name'"


def test_lean_route_reads_the_request_body() -> None:
    with TestClient(build(lean=True)) as client:
        assert client.post("/echo/parrot", content=b"pieces of eight").text == "parrot pieces of eight"


def test_lean_route_streams_a_streaming_response() -> None:
    with TestClient(build(lean=True)) as client:
        assert client.get("/stream/river").text == "river streamed"


def test_lean_route_is_told_from_fastapis() -> None:
    lean, plain = build(lean=True), build(lean=False)
    routes = {(r.path, is_lean(r)) for r in lean.routes if isinstance(r, APIRoute) and r.path != "/openapi.json"}
    assert routes == {
        ("/items/{item_id}/notes/{note}", True),
        ("/search", True),
        ("/teapot/{name}", True),
        ("/number/{n}", False),
        ("/echo/{name}", True),
        ("/stream/{name}", True),
    }
    assert not any(is_lean(r) for r in plain.routes if isinstance(r, APIRoute))


def test_lean_route_errors_reach_the_exception_handlers() -> None:
    with TestClient(build(lean=True)) as client:
        answer = client.get("/teapot/brown")
    assert (answer.status_code, answer.json()) == (418, {"detail": "brown is a teapot"})


def route_of(app: FastAPI, path: str) -> APIRoute:
    route = next(r for r in app.routes if isinstance(r, APIRoute) and r.path == path)
    return APIRoute(route.path, route.endpoint, methods=list(route.methods or ()))


def test_lean_route_serves_endpoints_of_strings() -> None:
    app = build(lean=False)
    assert lean_app(route_of(app, "/items/{item_id}/notes/{note}")) is not None
    assert lean_app(route_of(app, "/search")) is not None


async def takes_request(request: Request) -> Response:
    return Response(b"")


def declined() -> dict[str, APIRoute]:
    """Endpoints whose parameters FastAPI must validate or provide: each keeps FastAPI's app."""

    async def typed(n: int) -> Response:
        return Response(str(n))

    async def header(x_token: Annotated[str, Header()]) -> Response:
        return Response(x_token)

    async def listed(ids: Annotated[list[str] | None, Query()] = None) -> Response:
        return Response(",".join(ids or []))

    async def required(q: str) -> Response:
        return Response(q)

    async def aliased(q: Annotated[str | None, Query(alias="query")] = None) -> Response:
        return Response(q or "")

    async def bounded(q: Annotated[str | None, Query(max_length=3)] = None) -> Response:
        return Response(q or "")

    async def depends(request: Annotated[Response, Depends(takes_request)]) -> Response:
        return request

    async def model() -> dict[str, str]:
        return {"a": "b"}

    def sync(name: str) -> Response:
        return Response(name)

    async def cookie(session: Annotated[str | None, Cookie()] = None) -> Response:
        return Response(session or "")

    async def body(payload: Annotated[str, Body()]) -> Response:
        return Response(payload)

    async def connection(conn: HTTPConnection) -> Response:
        return Response(conn.url.path)

    async def websocket(ws: WebSocket) -> Response:
        return Response(b"")

    async def response(response: Response) -> Response:
        return response

    async def background(tasks: BackgroundTasks) -> Response:
        return Response(b"")

    async def scopes(scopes: SecurityScopes) -> Response:
        return Response(" ".join(scopes.scopes))

    return {
        "an int path parameter": APIRoute("/n/{n}", typed),
        "a header parameter": APIRoute("/h", header),
        "a list query parameter": APIRoute("/l", listed),
        "a required query parameter": APIRoute("/r", required),
        "an aliased query parameter": APIRoute("/a", aliased),
        "a constrained query parameter": APIRoute("/b", bounded),
        "a dependency": APIRoute("/d", depends),
        "a response model": APIRoute("/m", model),
        "a plain function": APIRoute("/s/{name}", sync),
        "a route dependency": APIRoute("/rd", takes_request, dependencies=[Depends(takes_request)]),
        "a cookie parameter": APIRoute("/c", cookie),
        "a body parameter": APIRoute("/body", body, methods=["POST"]),
        "the connection": APIRoute("/conn", connection),
        "a websocket": APIRoute("/ws", websocket),
        "the response": APIRoute("/resp", response),
        "background tasks": APIRoute("/bg", background),
        "security scopes": APIRoute("/sec", scopes),
    }


@pytest.mark.parametrize("what", list(declined()))
def test_lean_route_leaves_fastapi_every_endpoint_needing_more(what: str) -> None:
    assert lean_app(declined()[what]) is None


def test_lean_route_refuses_an_endpoint_returning_no_response() -> None:
    async def forgetful(name: str) -> Response:
        return name  # type: ignore[return-value]

    app = FastAPI()
    app.router.route_class = DeferredRoute
    app.add_api_route("/f/{name}", forgetful)
    with TestClient(app, raise_server_exceptions=True) as client, pytest.raises(TypeError, match="returned str"):
        client.get("/f/x")
