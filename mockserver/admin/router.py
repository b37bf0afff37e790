"""/__admin routes: plain JSON, with an OpenAPI page of their own at /__admin/docs."""

from __future__ import annotations

import functools
import json
import secrets
from datetime import UTC
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse

from mockserver import __version__
from mockserver.admin.body_limit import AdminBodyLimit
from mockserver.admin.browse import build_browse_router
from mockserver.admin.models import ClockChange, RequestQuery
from mockserver.admin.openapi import truthful
from mockserver.admin.scenarios import build_scenarios_router
from mockserver.admin.snapshot import build_snapshot_router
from mockserver.admin.tenants import build_tenants_router
from mockserver.core.clock import ClockRangeError
from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.journal import JournalFilter
from mockserver.core.journal_bodies import BadPattern
from mockserver.providers import unknown_provider

if TYPE_CHECKING:
    from mockserver.core.provider import ProviderHandle
    from mockserver.core.registry import Registry
    from mockserver.core.state import MockState
    from mockserver.settings import Settings


def build_admin_app(parent: FastAPI) -> FastAPI:
    """The admin app; it reads the parent's state, so it is built after it."""

    def require_token(request: Request) -> None:
        """With --admin-token, every admin route (its docs too) needs ``Authorization: Bearer TOKEN``.

        The header is read from the request rather than declared as a parameter: a declared one would make
        FastAPI load its pydantic v1 support (tens of milliseconds) on the first request, the health check.
        """
        token = settings().admin_token
        if token is None:
            return
        scheme, _, given = (request.headers.get("authorization") or "").strip().partition(" ")
        # RFC 6750 section 2.1: the scheme is "Bearer" (case-insensitive); a bare token is not a credential.
        valid = scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), token.encode())
        if not valid:
            raise HTTPException(
                401, "the admin API needs 'Authorization: Bearer <admin token>'", headers={"WWW-Authenticate": "Bearer"}
            )

    admin = FastAPI(
        title="mockserver admin API",
        version=__version__,
        description="Reset, clock, journal, verification and state of the emulated APIs.",
        dependencies=[Depends(require_token)],
        # Served below as ordinary routes, so that the token guards them like the rest.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    admin.router.route_class = DeferredRoute  # FastAPI reads each endpoint when it is first called

    @admin.get("/openapi.json", include_in_schema=False)
    def openapi_document() -> dict[str, Any]:
        return admin.openapi()

    @admin.get("/docs", include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(openapi_url=f"{root}/openapi.json", title=f"{admin.title} - Swagger UI")

    def state() -> MockState:
        mock: MockState = parent.state.mock
        return mock

    def settings() -> Settings:
        settings: Settings = parent.state.settings
        return settings

    def registry() -> Registry[ProviderHandle[Any, Any]]:
        registry: Registry[ProviderHandle[Any, Any]] = parent.state.registry
        return registry

    def known_provider(name: str | None) -> str | None:
        if name is not None and name not in registry().by_name:
            raise HTTPException(404, unknown_provider(name, registry().by_name))
        return name

    # Starlette's class: FastAPI raises it itself for a body it cannot parse ("There was an error parsing the body").
    @admin.exception_handler(StarletteHTTPException)
    async def plain_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @admin.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"error": "; ".join(errors)}, status_code=400)

    @admin.get("/health")
    async def health() -> JSONResponse:
        """Liveness, version, seed, the main port, the providers and where they are served."""
        # A response rather than a dict: no response model to build for the first request a client sends.
        ports = dict(settings().provider_ports)
        body = {
            "status": "ok",
            "version": __version__,
            "seed": state().seed,
            "port": settings().port,
            "clock": state().clock.describe(),
            "providers": [
                {
                    "name": h.name,
                    "title": h.provider.title,
                    "prefix": h.prefix,
                    "base_path": h.provider.base_path,
                    "real_base_url": h.provider.real_base_url,
                    "port": ports.get(h.name),
                }
                for h in registry().by_name.values()
            ],
        }
        return JSONResponse(body)

    @admin.post("/reset")
    def reset(provider: str | None = None, tenant: str | None = None) -> dict[str, Any]:
        """Reset everything, or one provider's stores, or one tenant's (rebuilt from the seed)."""
        known_provider(provider)
        dropped = state().reset(provider, tenant)
        if provider is None and tenant is None:
            state().journal.clear()
        return {"reset": {"provider": provider, "tenant": tenant}, "stores_dropped": dropped}

    @admin.post("/reset/all")
    def reset_all(request: Request) -> dict[str, Any]:
        """The whole server back to its start: scenarios removed, clock as started, stores rebuilt, journal emptied."""
        if request.query_params:
            raise HTTPException(400, "reset/all takes no parameters; POST /__admin/reset?provider=&tenant= is finer")
        removed = parent.state.scenarios.clear()
        state().clock.restore_start()
        dropped = state().reset()
        cleared = len(state().journal)
        state().journal.clear()
        return {
            "reset": "all",
            "scenarios_removed": removed,
            "stores_dropped": dropped,
            "journal_cleared": cleared,
            "clock": state().clock.describe(),
        }

    @admin.get("/clock")
    def get_clock() -> dict[str, object]:
        """The virtual clock: mode, now, offset."""
        return state().clock.describe()

    @admin.post("/clock")
    def change_clock(change: ClockChange) -> dict[str, object]:
        """Freeze, set, advance or return the clock to system time."""
        clock = state().clock
        at = change.at.replace(tzinfo=change.at.tzinfo or UTC) if change.at else None
        if change.action == "set" and at is None:
            raise HTTPException(400, "action 'set' needs 'at' (an ISO 8601 instant)")
        if change.action == "advance" and change.seconds is None:
            raise HTTPException(400, "action 'advance' needs 'seconds'")
        try:
            if change.action == "freeze":
                clock.freeze(at)
            elif change.action == "set" and at is not None:
                clock.set(at)
            elif change.action == "advance" and change.seconds is not None:
                clock.advance(change.seconds)
            else:
                clock.use_system()
        except ClockRangeError as exc:
            raise HTTPException(400, str(exc)) from None
        return clock.describe()

    @admin.get("/requests")
    def list_requests(
        provider: str | None = None,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        tenant: str | None = None,
        operation: str | None = None,
        body_contains: str | None = None,
        body_json: Annotated[str | None, Query(description="a JSON document the body contains")] = None,
        body_xpath: str | None = None,
        limit: Annotated[int, Query(ge=1, le=100_000)] = 100,
        after: Annotated[
            int, Query(ge=0, description="only entries journalled after the one of this seq (for polling)")
        ] = 0,
    ) -> dict[str, Any]:
        """Journal entries, newest first, with their request and response bodies; ``total`` counts every match."""
        try:
            wanted = json.loads(body_json) if body_json is not None else None
        except ValueError as exc:
            raise HTTPException(400, f"body_json: not JSON ({exc})") from None
        filt = journal_filter(
            RequestQuery(
                provider=provider,
                method=method,
                path=path,
                status=status,
                tenant=tenant,
                operation=operation,
                body_contains=body_contains,
                body_json=wanted,
                body_xpath=body_xpath,
            )
        )
        journal = state().journal
        entries = journal.find(filt, limit=limit, after=after)
        return {"requests": [e.to_dict() for e in entries], "total": journal.count(filt)}

    @admin.delete("/requests")
    def clear_requests() -> dict[str, int]:
        """Empty the journal."""
        before = len(state().journal)
        state().journal.clear()
        return {"cleared": before}

    @admin.post("/requests/count")
    def count_requests(query: RequestQuery) -> dict[str, int]:
        """Verification: how many journalled requests match the filter."""
        filt = journal_filter(query)
        return {"count": state().journal.count(filt)}

    @admin.get("/credentials")
    def credentials() -> dict[str, Any]:
        """Each provider's demo credentials, one entry per tenant."""
        return {name: handle.credentials() for name, handle in registry().by_name.items()}

    def journal_filter(query: RequestQuery) -> JournalFilter:
        try:
            return JournalFilter(**query.model_dump())
        except BadPattern as exc:
            raise HTTPException(400, str(exc)) from None

    admin.include_router(build_scenarios_router(parent))
    admin.include_router(build_snapshot_router(parent))
    admin.include_router(build_browse_router(parent))
    admin.include_router(build_tenants_router(parent))
    admin.add_middleware(AdminBodyLimit, limit=parent.state.settings.admin_max_body_bytes)

    @functools.cache
    def document() -> dict[str, Any]:
        return truthful(admin, lambda: settings().admin_token is not None)

    admin.openapi = document  # type: ignore[method-assign]
    return admin
