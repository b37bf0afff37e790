"""Match a request only against the routes that can match it, chosen by the path's first segments.

The app's router tries its routes in order, at a few microseconds each; with every
provider's endpoints on one router a request near the end of the list pays for all those
before it. A route whose first ``DEPTH`` path segments are literal (``/ons/t/clients/{id}``)
can only match a path starting with exactly those segments, so a request is matched
against those routes plus every route without such a key (mounts, parameters early in the
path, short paths), in their original order: the same first match, partial match,
redirect and 404 as the full list, found in fewer steps.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi.routing import APIRoute, APIRouter
from starlette._utils import get_route_path
from starlette.types import Receive, Scope, Send

#: How many leading path segments make the key (``/ons/t/clients``).
DEPTH = 3


def path_key(path: str) -> str | None:
    """The first DEPTH segments of a request path, or None for a shorter path."""
    parts = path.split("/", DEPTH + 1)
    if len(parts) < DEPTH + 1:
        return None
    return "/".join(parts[: DEPTH + 1])


def route_key(route: Any) -> str | None:
    """The key every path this route matches starts with, or None when it has none (always a candidate)."""
    if not isinstance(route, APIRoute):
        return None
    key = path_key(route.path_format)
    return None if key is None or "{" in key else key


class RouteIndex:
    """ASGI app in the router's place: dispatches to a copy of the router holding the candidate routes."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router
        self._views: dict[str | None, APIRouter] = {}
        self._built_for: tuple[int, int, int] | None = None

    def _fingerprint(self) -> tuple[int, int, int]:
        routes = self.router.routes
        return (getattr(self.router, "_routes_version", 0), len(routes), id(routes[-1]) if routes else 0)

    def _view(self, key: str | None) -> APIRouter:
        fingerprint = self._fingerprint()
        if fingerprint != self._built_for:
            self._views = {}
            self._built_for = fingerprint
        view = self._views.get(key)
        if view is None:
            view = copy.copy(self.router)
            view.routes = [r for r in self.router.routes if (k := route_key(r)) is None or k == key]
            self._views[key] = view
        return view

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.router.app(scope, receive, send)
            return
        scope.setdefault("router", self.router)
        await self._view(path_key(get_route_path(scope))).app(scope, receive, send)


def index_routes(router: APIRouter) -> bool:
    """Put a RouteIndex in front of ``router``'s own matching; False (and nothing changed) if it is wrapped."""
    if router.middleware_stack != router.app:
        return False
    router.middleware_stack = RouteIndex(router)
    return True
