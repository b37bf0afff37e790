"""The served OpenAPI documents: /__openapi/<provider>.json, all providers in /__openapi.json, Swagger UI."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.routing import APIRoute
from starlette.responses import HTMLResponse, JSONResponse, Response

from mockserver import __version__
from mockserver.core import openapi

if TYPE_CHECKING:
    from mockserver.core.provider import ProviderHandle

ALL_URL = "/__openapi.json"
PROVIDER_URL = "/__openapi/{name}.json"
DOCS_URL = "/__docs"


class Documents:
    """Each provider's served document, built on first use and again when its config changes."""

    def __init__(
        self, providers: Mapping[str, ProviderHandle[Any, Any]], routes_of: Callable[[str], list[Any]]
    ) -> None:
        self.providers = providers
        #: A provider's routes by its name (mounting them if they are not yet), for one without a document.
        self.routes_of = routes_of
        self._cache: dict[str, tuple[Any, dict[str, Any]]] = {}

    def of(self, name: str) -> dict[str, Any]:
        handle = self.providers[name]
        config = handle.config
        cached = self._cache.get(name)
        if cached is not None and cached[0] is config:
            return cached[1]
        provider = handle.provider
        own = handle.openapi() or openapi.paths_only(provider.title, self._operations(name, handle.prefix))
        document = openapi.served(own, prefix=handle.prefix, title=provider.title, real_base_url=provider.real_base_url)
        self._cache[name] = (config, document)
        return document

    def combined(self) -> dict[str, Any]:
        info = {
            "title": "mockserver",
            "version": __version__,
            "description": (
                "Every emulated API in one document, each below its prefix. Each also has a document of "
                f"its own at {PROVIDER_URL}; the admin API's is at /__admin/openapi.json."
            ),
        }
        return openapi.combined({name: (p.prefix, self.of(name)) for name, p in self.providers.items()}, info)

    def _operations(self, name: str, prefix: str) -> list[tuple[str, str, str]]:
        """(path below the prefix, method, route name) of a provider's routes, for one without a document."""
        out = []
        for route in self.routes_of(name):
            if isinstance(route, APIRoute) and route.path.startswith(prefix + "/"):
                for method in sorted(route.methods or ()):
                    out.append((route.path[len(prefix) :], method, route.name))
        return out


def install_documents(app: FastAPI, documents: Documents) -> None:
    """The document routes (left out of the documents themselves)."""

    async def all_providers(request: Request) -> Response:
        return JSONResponse(documents.combined())

    async def one_provider(request: Request, name: str) -> Response:
        if name not in documents.providers:
            known = ", ".join(documents.providers)
            return JSONResponse({"error": f"no provider {name!r}; known: {known}"}, status_code=404)
        return JSONResponse(documents.of(name))

    async def swagger_ui(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=ALL_URL, title="mockserver")

    app.add_api_route(ALL_URL, all_providers, methods=["GET"], include_in_schema=False)
    app.add_api_route(PROVIDER_URL, one_provider, methods=["GET"], include_in_schema=False)
    app.add_api_route(DOCS_URL, swagger_ui, methods=["GET"], include_in_schema=False)
