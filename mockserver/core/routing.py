"""Include a provider's router flat: every endpoint straight on the app's router, under the provider prefix.

FastAPI (0.16x) keeps included routers nested and, per request, matches each nesting level twice
(once to choose the branch, once more inside it), at a few microseconds per route checked. A
provider router built from per-resource routers (Ons: about fifty routes in three levels) then
spends more time finding the endpoint than running it. Re-registering the leaf routes on the app's
own router gives the same routes, names, dependencies and OpenAPI entries, matched in one pass.
Routers that rely on include-level settings (a prefix, dependencies, tags ...) or hold anything but
plain API routes are included the usual, nested way.
"""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.datastructures import DefaultPlaceholder
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from mockserver.core.deferred_route import DeferredRoute

_MISSING = object()
#: What add_api_route accepts, read from the route being copied (path and endpoint are passed apart).
_ROUTE_FIELDS = tuple(
    name
    for name in inspect.signature(APIRouter.add_api_route).parameters
    if name not in ("self", "path", "endpoint", "route_class_override")
)


def _plain_include(context: Any) -> bool:
    """An include that adds nothing of its own, so its routes can be inlined as they are."""
    return (
        not getattr(context, "prefix", "")
        and not getattr(context, "dependencies", None)
        and not getattr(context, "tags", None)
        and not getattr(context, "responses", None)
        and not getattr(context, "callbacks", None)
        and getattr(context, "deprecated", None) is None
        and getattr(context, "include_in_schema", True)
        and getattr(context, "max_body_size", None) is None
        and isinstance(getattr(context, "default_response_class", DefaultPlaceholder(None)), DefaultPlaceholder)
    )


def leaf_routes(router: APIRouter) -> list[APIRoute] | None:
    """The router's API routes with plain nested includes inlined, in matching order; None if not flattenable."""
    if router.prefix or router.dependencies or router.tags or router.responses or router.callbacks:
        return None
    out: list[APIRoute] = []
    for route in router.routes:
        nested = getattr(route, "original_router", None)
        if isinstance(nested, APIRouter):
            if not _plain_include(getattr(route, "include_context", None)):
                return None
            inner = leaf_routes(nested)
            if inner is None:
                return None
            out += inner
        elif isinstance(route, APIRoute):
            out.append(route)
        else:
            return None
    return out


def route_settings(route: APIRoute) -> dict[str, Any]:
    """Everything needed to register ``route`` again elsewhere (a deferred route stays unbuilt)."""
    if isinstance(route, DeferredRoute) and route.pending is not None:
        return {name: value for name, value in route.settings.items() if name in _ROUTE_FIELDS}
    settings = {}
    for name in _ROUTE_FIELDS:
        value = getattr(route, name, _MISSING)
        if value is not _MISSING:
            settings[name] = value
    return settings


def deferred_class(route: APIRoute) -> type[APIRoute]:
    """DeferredRoute in place of FastAPI's own class; a route class of a provider's own is kept."""
    return DeferredRoute if type(route) in (APIRoute, DeferredRoute) else type(route)


def include_flat(app: FastAPI, router: APIRouter, prefix: str) -> list[BaseRoute]:
    """Register ``router``'s endpoints on ``app`` under ``prefix``; returns the routes added.

    They are registered as DeferredRoutes: FastAPI works out an endpoint's parameters on its first use.
    """
    leaves = leaf_routes(router)
    before = len(app.router.routes)
    if leaves is None:
        app.include_router(router, prefix=prefix)
    else:
        for route in leaves:
            app.router.add_api_route(
                prefix + route.path, route.endpoint, route_class_override=deferred_class(route), **route_settings(route)
            )
    return list(app.router.routes[before:])
