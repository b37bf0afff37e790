"""/__admin/providers and /__admin/state: where each provider is served, and what its tenants' stores hold."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers import unknown_provider

if TYPE_CHECKING:
    from mockserver.core.provider import ProviderHandle
    from mockserver.core.registry import Registry


def build_browse_router(parent: FastAPI) -> APIRouter:
    router = APIRouter(tags=["state"], route_class=DeferredRoute)

    def handle_of(provider: str) -> ProviderHandle[Any, Any]:
        registry: Registry[ProviderHandle[Any, Any]] = parent.state.registry
        if provider not in registry.by_name:
            raise HTTPException(404, unknown_provider(provider, registry.by_name))
        return registry.by_name[provider]

    def known_tenant(handle: ProviderHandle[Any, Any], tenant: str | None) -> tuple[str, list[str]]:
        """The tenant asked for (the first of the fixtures when none is), and every tenant of the fixtures."""
        known = list(dict.fromkeys(c["tenant"] for c in handle.credentials()))
        tenant = tenant or known[0]
        if tenant not in known:
            # Only tenants of the fixtures have a store; building one per name asked for would grow without end.
            raise HTTPException(404, f"{handle.name} has no tenant {tenant!r}; known tenants: {', '.join(known)}")
        return tenant, known

    @router.get("/providers")
    def providers(request: Request) -> dict[str, Any]:
        """Per provider: its base URL on this server, its tenants, their credentials and a curl line that works now.

        The curl line is ready to run as it is (OnlineAfspraken's carries a signature made on the emulator's clock,
        good for its salt window); ``curl_example`` is the line that builds its credentials when it runs.
        """
        registry: Registry[ProviderHandle[Any, Any]] = parent.state.registry
        server = f"{request.url.scheme}://{request.url.netloc}"
        out = []
        for handle in registry.by_name.values():
            credentials = handle.credentials()
            out.append(
                {
                    "name": handle.name,
                    "title": handle.provider.title,
                    "base_url": server + handle.provider.base_path,
                    "real_base_url": handle.provider.real_base_url,
                    "tenants": list(dict.fromkeys(c["tenant"] for c in credentials)),
                    "credentials": credentials,
                    "curl": handle.curl_now(server),
                    "curl_example": handle.provider.curl_example(handle.config, server),
                }
            )
        return {"providers": out}

    @router.get("/state/{provider}")
    def collections(provider: str, tenant: str | None = None) -> dict[str, Any]:
        """The collections one tenant's store holds (the first tenant when not given), and the provider's tenants."""
        handle = handle_of(provider)
        tenant, known = known_tenant(handle, tenant)
        return {"provider": provider, "tenant": tenant, "tenants": known, "collections": handle.collections(tenant)}

    @router.get("/state/{provider}/{collection}")
    def records(
        provider: str,
        collection: str,
        tenant: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int | None, Query(ge=1, le=100_000, description="at most this many (all when absent)")] = None,
    ) -> dict[str, Any]:
        """What one tenant's store holds in one collection (default tenant when not given), a page at a time."""
        handle = handle_of(provider)
        tenant, _ = known_tenant(handle, tenant)
        found = handle.dump(tenant, collection)
        if found is None:
            valid = ", ".join(handle.collections(tenant))
            raise HTTPException(404, f"{provider} has no collection {collection!r}; valid: {valid}")
        end = None if limit is None else offset + limit
        return {
            "provider": provider,
            "tenant": tenant,
            "collection": collection,
            "total": len(found),
            "offset": offset,
            "records": found[offset:end],
        }

    return router
