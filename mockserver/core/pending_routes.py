"""A provider's place among the app's routes until its routes are mounted: by its first request or the warm-up.

Importing a provider's routes (and the store, models and helpers they use) is most of what is left of
the start-up once FastAPI's analysis of each endpoint is deferred (core/deferred_route.py). So the app
starts with one PendingRoutes per provider prefix: it matches every path under the prefix, and the first
request that reaches it builds the provider's router, puts its routes (DeferredRoutes, flat, see
core/routing.py) where the placeholder stood and routes the request again, now among them. Nothing
else changes: same routes, same order, same answers, 404s and 405s included.

Building the router only reads (any thread may do it, once, under a lock); mounting changes the app's
route list, so it is done on the event loop (a request, the warm-up through the loop) or before serving.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send

from mockserver.core.routing import include_flat

if TYPE_CHECKING:
    from fastapi import APIRouter, FastAPI
    from starlette.datastructures import URLPath


class PendingRoutes(BaseRoute):
    """Every path under ``prefix``, until the router ``build()`` returns is mounted in its place."""

    def __init__(self, owner: FastAPI, prefix: str, build: Callable[[], APIRouter]) -> None:
        self.owner = owner
        self.prefix = prefix
        self.path = prefix
        self.name = f"pending {prefix}"
        self._build = build
        self._router: APIRouter | None = None
        self._routes: list[BaseRoute] | None = None
        self._lock = threading.Lock()

    @property
    def mounted(self) -> bool:
        return self._routes is not None

    def router(self) -> APIRouter:
        """The provider's router, built on first call (from any thread: nothing shared is changed)."""
        with self._lock:
            if self._router is None:
                self._router = self._build()
            return self._router

    def mount(self) -> list[BaseRoute]:
        """Put the provider's routes in this placeholder's place (once); the routes, under the prefix."""
        if self._routes is not None:
            return self._routes
        router = self.router()
        routes = self.owner.router.routes
        before = len(routes)
        added = include_flat(self.owner, router, self.prefix)  # appended, then moved here in one step
        position = routes.index(self)
        routes[:] = [*routes[:position], *added, *routes[position + 1 : before]]
        self._routes = added
        return added

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            path = get_route_path(scope)
            if path == self.prefix or path.startswith(self.prefix + "/"):
                return Match.FULL, {}
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.mount()
        # Route again from the top: the request now meets the provider's own routes (and their 404/405).
        await self.owner.router.middleware_stack(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)


def pending_routes(app: FastAPI) -> list[PendingRoutes]:
    """The placeholders of ``app`` whose provider is not mounted yet."""
    pending: dict[str, PendingRoutes] = getattr(app.state, "pending", {})
    return [p for p in pending.values() if not p.mounted]


def mount_all(app: FastAPI) -> None:
    """Mount every provider's routes now: before serving, or on the event loop (a test that lists routes)."""
    for pending in pending_routes(app):
        pending.mount()
