"""An APIRoute that matches at once and works out its endpoint's parameters when it is first used.

FastAPI reads every endpoint's signature when a route is added: parameters, their pydantic
fields, the dependencies, the response model. For the few hundred routes of all providers and
the admin API that is most of the start-up. A DeferredRoute sets only what finding a route needs
(path, its pattern, methods, name, endpoint) and builds the full APIRoute, with the very same
arguments, the first time anything else is asked of it: its first request, `warm_routes` in the
background after the server listens, or an OpenAPI document. The result is FastAPI's own route, so
behaviour (validation, responses, errors) is unchanged; only when the work happens moves. An
endpoint that takes only the request and plain strings gets a lean app in place of FastAPI's
(core/lean_route.py).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import compile_path, get_name

from mockserver.core.lean_route import lean_app

#: What compile_path gives, in its order.
_PATTERN = ("path_regex", "path_format", "param_convertors")
#: One build at a time: the event loop (a first request) and the warming thread may want the same route.
_BUILD_LOCK = threading.Lock()


@functools.cache
def _route_attributes() -> frozenset[str]:
    """The attributes a built APIRoute has (asking for any other one is an ordinary AttributeError)."""

    def probe() -> None:
        """A route of nothing, built once to learn the attribute names."""

    return frozenset(vars(APIRoute("/", probe)))


class DeferredRoute(APIRoute):
    """``APIRoute(path, endpoint, **settings)``, built on first use; until then it can be matched.

    Until built it holds the path, endpoint, name, methods and ``include_in_schema`` (and the path's
    pattern once matched); ``pending`` holds the arguments, None once built.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **settings: Any) -> None:
        # What matching, url_path_for, the route index and the scenario views read; as APIRoute sets them.
        self.path = path
        self.endpoint = endpoint
        self.name = get_name(endpoint) if settings.get("name") is None else settings["name"]
        self.include_in_schema = settings.get("include_in_schema", True)
        self.methods = {method.upper() for method in settings.get("methods") or ["GET"]}
        self.pending: tuple[str, Callable[..., Any], dict[str, Any]] | None = (path, endpoint, settings)

    @property
    def settings(self) -> dict[str, Any]:
        """The arguments the route is (or will be) built with, path and endpoint aside."""
        return dict(self.pending[2]) if self.pending is not None else {}

    def build(self) -> None:
        """Become the full APIRoute (once; safe from any thread)."""
        if self.pending is None:
            return
        with _BUILD_LOCK:
            if self.pending is None:
                return
            path, endpoint, settings = self.pending
            built = APIRoute(path, endpoint, **settings)
            lean = lean_app(built)
            if lean is not None:
                built.app = lean
            # One dict update: another thread sees the route before or after, never half built.
            self.__dict__.update(vars(built), pending=None)

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute not set yet. The path's pattern is compiled when first matched
        # (a provider's own router is only read to be mounted under its prefix); any other attribute of
        # the full route means building it now.
        if name in _PATTERN and "path" in self.__dict__:
            compiled = compile_path(self.path)
            self.__dict__.update(zip(_PATTERN, compiled, strict=True))
            return self.__dict__[name]
        if name in _route_attributes() and self.__dict__.get("pending") is not None:
            self.build()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def warm_routes(routes: Iterable[Any], between: Callable[[], None] | None = None) -> int:
    """Build every DeferredRoute among ``routes``, in included routers and mounted apps too; how many.

    ``between`` runs after each build (the warming thread sleeps 0 s there, to let requests run).
    """
    built = 0
    for route in routes:
        if isinstance(route, DeferredRoute):
            if route.pending is not None:
                route.build()
                built += 1
                if between is not None:
                    between()
        elif isinstance(route, APIRoute):
            continue
        elif (included := getattr(route, "original_router", None)) is not None:
            built += warm_routes(included.routes, between)
        elif (mounted := getattr(getattr(route, "app", None), "routes", None)) is not None:
            built += warm_routes(mounted, between)
    return built
