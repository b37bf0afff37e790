"""The way to a lean route that skips FastAPI's exit-stack layer and its router loop.

Under the app's own middleware FastAPI puts an exception layer, an exit-stack layer (for the
dependencies with ``yield`` of its own request handler) and the router, which tries the route
index's candidates in order and calls the first full match. A lean route (core/lean_route.py) uses
no exit stack; for a request whose first matching candidate is one, the fast lane does what that
way would do (the same route, the same scope, the same exception handlers) in one step. Every other
request (its first full match another kind of route; a 405, a redirect, a 404) goes the usual way.
What a method and path lead to is remembered (MAX_REMEMBERED of them) until the routes change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.routing import APIRoute, APIRouter
from starlette._exception_handler import wrap_app_handling_exceptions
from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.core.lean_route import is_lean
from mockserver.core.route_index import RouteIndex

#: What FastAPI's router merges into the scope its own way (routes of included routers): not ours to copy.
_FASTAPI_SCOPE = "fastapi"
#: Where Starlette's exception layer leaves its handlers for the layers below it.
HANDLERS_KEY = "starlette.exception_handlers"
#: Method and path pairs whose way is remembered; past this many the memory starts afresh.
MAX_REMEMBERED = 4096

Found = tuple[APIRoute, Scope] | None


def exception_handlers(handlers: Mapping[Any, Any]) -> tuple[dict[Any, Any], dict[int, Any]]:
    """The app's handlers as its exception layer holds them: by exception class and by status code.

    A handler for 500 or Exception is the server-error layer's (outside every middleware), as in Starlette.
    """
    by_class: dict[Any, Any] = {}
    by_status: dict[int, Any] = {}
    for key, handler in handlers.items():
        if key in (500, Exception):
            continue
        if isinstance(key, int):
            by_status[key] = handler
        else:
            by_class[key] = handler
    return by_class, by_status


class FastLane:
    """Pure ASGI, the innermost of the app's middleware: a lean route's request goes straight to it."""

    def __init__(self, app: ASGIApp, router: APIRouter, handlers: Mapping[Any, Any]) -> None:
        self.app = app
        self.router = router
        self.handlers = exception_handlers(handlers)
        self._remembered: dict[tuple[str, str], Found] = {}
        self._remembered_for: tuple[int, int, int] | None = None

    def lean_match(self, scope: Scope) -> Found:
        """The route the router would call and the scope it would add, when that route is lean."""
        index = self.router.middleware_stack
        if not isinstance(index, RouteIndex):
            return None
        fingerprint = index.fingerprint()
        if fingerprint != self._remembered_for or len(self._remembered) >= MAX_REMEMBERED:
            self._remembered = {}
            self._remembered_for = fingerprint
        # Only the method and the path take part in matching (no route here matches on a host).
        key = (scope["method"], get_route_path(scope))
        if key in self._remembered:
            return self._remembered[key]
        found = self._remembered[key] = self._first_match(index, scope)
        return found

    @staticmethod
    def _first_match(index: RouteIndex, scope: Scope) -> Found:
        # As the router chooses: the first full match (a partial one, a wrong method, only if none follows).
        for route in index.candidates(scope):
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                if isinstance(route, APIRoute) and is_lean(route) and _FASTAPI_SCOPE not in child_scope:
                    return route, child_scope
                return None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.lean_match(scope) if scope["type"] == "http" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        route, child_scope = found
        scope.update(child_scope)
        scope["path_params"] = dict(child_scope["path_params"])  # the remembered one stays as matched
        scope.setdefault("router", self.router)
        scope[HANDLERS_KEY] = self.handlers
        await wrap_app_handling_exceptions(route.app, Request(scope, receive))(scope, receive, send)
