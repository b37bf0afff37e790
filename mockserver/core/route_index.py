"""Match a request only against the routes that can match it, chosen by the path's first segments.

The app's router tries its routes in order, at a few microseconds each; with every
provider's endpoints on one router a request near the end of the list pays for all those
before it. A route whose segment at some position is literal (``clients`` in
``/ons/t/clients/{id}``) can only match a path with exactly that segment there. So the
first ``DEPTH`` segments of a path, each kept when some route has it as a literal at that
position and else replaced by ``*``, choose the candidate routes: every route that does
not rule the path out, in the original order (mounts and anything but plain routes
always stay). The router then finds the same first match, partial match (405), redirect
and 404 as with the whole list, in fewer steps. Candidates are kept per key, rebuilt when
the routes change.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi.routing import APIRouter
from starlette._utils import get_route_path
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

#: How many leading path segments choose the candidates (``ons``, ``t``, ``clients``, ``1``).
DEPTH = 4
#: A path segment that is no route's literal at its position.
OTHER = "*"
#: Paths with more segments than this are not told apart by their length.
MAX_SEGMENTS = 12
#: Past this many remembered keys the index starts afresh.
MAX_KEYS = 4096

Key = tuple[str, ...]


def segments(path: str) -> list[str]:
    """``/ons/t/clients/1`` -> ``["ons", "t", "clients", "1"]`` (a trailing slash gives a last ``""``)."""
    return path.split("/")[1:] if path.startswith("/") else path.split("/")


def route_segments(route: Any) -> list[str] | None:
    """The path segments a plain route matches against, or None for anything else (always a candidate)."""
    if not isinstance(route, Route):
        return None
    return segments(route.path)


def is_literal(segment: str) -> bool:
    return "{" not in segment


def could_match(route_parts: list[str] | None, key: Key, count: int | None = None) -> bool:
    """False only when the route cannot match any path with this key (a superset is always safe).

    ``count`` is the path's number of segments when known. Without a ``:path`` parameter a route
    matches exactly its own number of segments, and the router's slash redirect tries one more
    (an empty last segment, which only a literal trailing slash matches) or one fewer.
    """
    if route_parts is None:
        return True
    if count is not None and not any(":path}" in segment for segment in route_parts):
        extra = len(route_parts) - count
        if extra > 1 or extra < -1 or (extra == 1 and route_parts[-1] != ""):
            return False
    for position, wanted in enumerate(key):
        if position >= len(route_parts):
            return True  # a shorter route: left to the router (it may redirect to or from a slash)
        segment = route_parts[position]
        if ":path}" in segment:
            return True  # matches the rest of the path, whatever it is
        if not is_literal(segment):
            continue
        if segment != wanted:
            return False
    return True


class RouteIndex:
    """ASGI app in the router's place: dispatches to a copy of the router holding the candidate routes."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router
        self._views: dict[tuple[Key, int | None], APIRouter] = {}
        self._literals: list[frozenset[str]] = []
        self._parts: list[list[str] | None] = []
        self._built_for: tuple[int, int, int] | None = None

    def fingerprint(self) -> tuple[int, int, int]:
        """Changes whenever the router's routes do (a provider mounted, a route added)."""
        return self._fingerprint()

    def _fingerprint(self) -> tuple[int, int, int]:
        routes = self.router.routes
        return (getattr(self.router, "_routes_version", 0), len(routes), id(routes[-1]) if routes else 0)

    def _refresh(self) -> None:
        fingerprint = self._fingerprint()
        if fingerprint == self._built_for and len(self._views) < MAX_KEYS:
            return
        self._parts = [route_segments(r) for r in self.router.routes]
        literals: list[set[str]] = [set() for _ in range(DEPTH)]
        for parts in self._parts:
            for position, segment in enumerate((parts or [])[:DEPTH]):
                if ":path}" in segment:
                    break
                if is_literal(segment):
                    literals[position].add(segment)
        self._literals = [frozenset(s) for s in literals]
        self._views = {}
        self._built_for = fingerprint

    def key(self, path: str) -> tuple[Key, int | None]:
        """The path's first segments, each one no route knows at its position written as OTHER,
        and its number of segments (None past MAX_SEGMENTS)."""
        parts = segments(path)
        head = tuple(p if p in self._literals[i] else OTHER for i, p in enumerate(parts[:DEPTH]))
        return head, len(parts) if len(parts) <= MAX_SEGMENTS else None

    def view(self, path: str) -> APIRouter:
        """A copy of the router whose routes are the candidates for ``path``."""
        self._refresh()
        key = self.key(path)
        view = self._views.get(key)
        if view is None:
            head, count = key
            view = copy.copy(self.router)
            view.routes = [
                r for r, parts in zip(self.router.routes, self._parts, strict=True) if could_match(parts, head, count)
            ]
            self._views[key] = view
        return view

    def candidates(self, scope: Scope) -> list[Any]:
        """The routes that may match the request of ``scope``, in the router's order."""
        return self.view(get_route_path(scope)).routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.router.app(scope, receive, send)
            return
        scope.setdefault("router", self.router)
        await self.view(get_route_path(scope)).app(scope, receive, send)


def index_routes(router: APIRouter) -> bool:
    """Put a RouteIndex in front of ``router``'s own matching; False (and nothing changed) if it is wrapped."""
    if router.middleware_stack != router.app:
        return False
    router.middleware_stack = RouteIndex(router)
    return True
