"""A route's ASGI app without FastAPI's per-request parameter solving, for endpoints that need none of it.

FastAPI answers every request by solving the endpoint's dependant: four parameter kinds checked
against pydantic fields, two exit stacks, the response class. That costs about as much as a small
handler's whole work. Most emulated endpoints take the request and plain strings (``id: str`` from the
path, ``bsn: str | None = None`` from the query) and return a Response they built themselves, so for
those the result of solving is known in advance: the path parameter as matched, the query value or its
default. ``lean_app`` gives such a route an app that does just that; any other route keeps FastAPI's.
Errors an endpoint raises reach the same exception handlers (the app's exception middleware).
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

#: Marks a query parameter without a default (FastAPI answers its absence with a validation error).
_REQUIRED = object()


def _is_plain_string(annotation: Any) -> bool:
    return annotation is str


def _is_optional_string(annotation: Any) -> bool:
    args = typing.get_args(annotation)
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    return annotation is str or (union and set(args) == {str, type(None)})


def _no_constraints(field: Any) -> bool:
    """No alias, no validation metadata: the value is taken as sent."""
    info = field.field_info
    return field.alias == field.name and not info.metadata and info.validation_alias is None


def _query_default(field: Any) -> Any:
    """The query parameter's default; None when it has none a lean app can give (required)."""
    info = field.field_info
    if info.is_required() or info.default_factory is not None:
        return _REQUIRED
    return info.default


def lean_app(route: APIRoute) -> ASGIApp | None:
    """An app doing what FastAPI's would for ``route``, or None when the endpoint needs more than strings."""
    dependant = route.dependant
    endpoint = dependant.call
    if (
        endpoint is None
        or not inspect.iscoroutinefunction(endpoint)
        or route.dependencies
        or route.response_field is not None
        or dependant.dependencies
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.websocket_param_name
        or dependant.http_connection_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
    ):
        return None
    path_names = []
    for field in dependant.path_params:
        if not (_is_plain_string(field.field_info.annotation) and _no_constraints(field)):
            return None
        path_names.append(field.name)
    query: list[tuple[str, Any]] = []
    for field in dependant.query_params:
        default = _query_default(field)
        if default is _REQUIRED or not (_is_optional_string(field.field_info.annotation) and _no_constraints(field)):
            return None
        query.append((field.name, default))
    return _app(endpoint, dependant.request_param_name, tuple(path_names), tuple(query))


def _app(
    endpoint: Callable[..., Awaitable[Any]],
    request_name: str | None,
    path_names: tuple[str, ...],
    query: tuple[tuple[str, Any], ...],
) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        # No send: it only serves HTTP/2 server push, which uvicorn does not speak.
        request = Request(scope, receive)
        arguments: dict[str, Any] = {}
        if request_name is not None:
            arguments[request_name] = request
        if path_names:
            matched = scope["path_params"]
            for name in path_names:
                arguments[name] = matched[name]
        if query:
            # As FastAPI reads a scalar query parameter: the last value sent, else the default.
            params = request.query_params
            for name, default in query:
                arguments[name] = params.get(name, default)
        response = await endpoint(**arguments)
        if not isinstance(response, Response):
            raise TypeError(f"{endpoint.__qualname__} returned {type(response).__name__}, not a Response")
        await response(scope, receive, send)

    app.lean = True  # type: ignore[attr-defined]
    return app


def is_lean(route: APIRoute) -> bool:
    """Whether ``route`` answers through a lean app (built now if it was not yet)."""
    return getattr(route.app, "lean", False) is True
