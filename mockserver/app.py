"""create_app(settings) -> FastAPI: the only place that wires things together."""

from __future__ import annotations

import functools
import logging
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from mockserver import __version__
from mockserver.admin.router import build_admin_app
from mockserver.admin.ui import install_ui
from mockserver.config_errors import ConfigError
from mockserver.core.access_log import secrets_by_path
from mockserver.core.clock import Clock
from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.errors import MockError
from mockserver.core.fast_lane import FastLane
from mockserver.core.head_limit import Render
from mockserver.core.journal import Journal
from mockserver.core.middleware import FrontMiddleware, ProviderGates
from mockserver.core.pending_routes import PendingRoutes
from mockserver.core.provider import ProviderHandle
from mockserver.core.registry import Registry
from mockserver.core.request_log import RequestLog
from mockserver.core.route_index import index_routes
from mockserver.core.scenarios.catalog import Catalog
from mockserver.core.scenarios.engine import ScenarioEngine
from mockserver.core.scenarios.middleware import ScenarioMiddleware
from mockserver.core.scenarios.overrides import FixtureOverrides
from mockserver.core.scenarios.runtime import ScenarioService, provider_facts, watching_lifespan
from mockserver.core.scenarios.view import facades, flat_routes
from mockserver.core.snapshot import Snapshots
from mockserver.core.state import MockState
from mockserver.core.statefile import StateFile, StateFileError, saving_lifespan
from mockserver.core.tenants import RuntimeTenants
from mockserver.documents import Documents, install_documents
from mockserver.fixtures import load_fixtures
from mockserver.providers import all_providers
from mockserver.settings import Settings, build_settings

log = logging.getLogger("mockserver")


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "header"))
        parts.append(f"{loc}: {error.get('msg')}" if loc else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """Build a fresh server: its own state, clock and journal, so tests never share."""
    if settings is None:
        settings = build_settings(environ=os.environ)
    providers = all_providers()
    clock = clock or Clock()
    if settings.freeze_at is not None:
        clock.freeze(settings.freeze_at)
    clock.mark_start()  # before start scenarios move it: a full reset removes them and comes back here
    fixtures = FixtureOverrides(load_fixtures(settings, providers))
    configs = {name: base.config for name, base in fixtures.bases.items()}
    state = MockState(
        seed=settings.seed,
        clock=clock,
        journal=Journal(settings.journal_size, settings.journal_max_bytes, settings.journal_body_bytes),
        factories={p.name: p.make_store for p in providers},
        configs=configs,
    )

    app = FastAPI(
        title="mockserver",
        version=__version__,
        description="Emulated vendor APIs. The admin API has its own page at /__admin/docs.",
        docs_url=None,
        redoc_url=None,
        # The documents are the providers' own (mockserver/documents.py), not FastAPI's view of the routes.
        openapi_url=None,
        # No OpenTelemetry: FastAPI would otherwise ask on every request whether a provider is configured.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    # Every route of the app (the documents' too) works out its endpoint's parameters on first use.
    app.router.route_class = DeferredRoute
    handles = [
        ProviderHandle[Any, Any](
            p, state, port=settings.provider_ports.get(p.name), max_body_bytes=settings.max_body_bytes
        )
        for p in providers
    ]
    registry = Registry(handles)
    app.state.settings = settings
    app.state.mock = state
    app.state.registry = registry
    app.state.fixtures = fixtures

    # Each provider's routes are mounted by its first request (or the warm-up): core/pending_routes.py.
    pending = {h.name: PendingRoutes(app, h.prefix, functools.partial(h.provider.build_router, h)) for h in handles}
    app.router.routes.extend(pending.values())
    app.state.pending = pending
    app.state.admin = build_admin_app(app)
    install_ui(app)  # ahead of the mount: the dashboard's page and assets are public, its data is not
    app.mount("/__admin", app.state.admin)
    app.state.documents = Documents(registry.by_name, lambda name: pending[name].mount())
    install_documents(app, app.state.documents)
    index_routes(app.router)
    install_error_handlers(app, registry)

    # Scenarios: checked against the mounted routes, applied before the first request, inside the journal.
    def catalog() -> Catalog:
        """What scenarios may name, from each provider's router (built, not mounted: any thread may ask)."""
        facts = {h.name: provider_facts(h.provider, flat_routes(pending[h.name].router().routes)) for h in handles}
        return Catalog(facts, fixtures)

    scenarios = ScenarioService(ScenarioEngine(clock, settings.seed), catalog, settings.scenarios_dir, state)
    for name in settings.scenarios:
        scenarios.apply_file(name)
    state.on_reset(scenarios.on_reset)
    app.state.scenarios = scenarios
    # Innermost: a request for a lean route goes straight to it (core/fast_lane.py).
    app.add_middleware(FastLane, router=app.router, handlers=app.exception_handlers)
    scenario_providers = facades(registry.by_name, lambda name: pending[name].mount())
    app.add_middleware(
        ScenarioMiddleware,
        engine=scenarios.engine,
        providers=scenario_providers,
        max_body_bytes=settings.max_body_bytes,
    )
    if settings.watch:
        watching_lifespan(app, scenarios)
    by_name = {h.name: h.provider for h in handles}
    app.state.tenants = RuntimeTenants(state, by_name, scenarios)
    app.state.snapshots = Snapshots(state, by_name, scenarios, app.state.tenants)
    app.state.state_file = None
    if settings.state_file is not None:
        app.state.state_file = open_state_file(settings.state_file, app.state.snapshots)
        saving_lifespan(app, app.state.state_file)
    # A provider's own middleware (Ons: the in-flight limit) sits outside the scenario engine, so a request
    # a scenario delays, dribbles or hangs is still in flight for the provider's limits, as at the vendor.
    gates = {h.prefix: h.provider.middleware(h) for h in handles}
    app.add_middleware(ProviderGates, gates={prefix: chain for prefix, chain in gates.items() if chain})
    # Off until `mockserver serve` starts it (server.py): an app in a test process writes no request log.
    app.state.request_log = RequestLog(secrets_by_path(registry))
    app.add_middleware(
        FrontMiddleware,
        journal=state.journal,
        clock=clock,
        provider_of=registry.for_path,
        limit=settings.max_header_bytes,
        render=refusal_renderer(registry),
        log=app.state.request_log,
        ports={h.port: h.prefix for h in handles if h.port is not None},
    )
    return app


def open_state_file(path: Any, snapshots: Snapshots) -> StateFile:
    """The --state-file with its state taken over; ConfigError (one line, exit 2) when it is unusable."""
    state_file = StateFile(path, snapshots)
    try:
        state_file.load()
    except StateFileError as exc:
        raise ConfigError(f"--state-file {path}", str(exc), exc.field) from None
    return state_file


def refusal_renderer(registry: Registry[ProviderHandle[Any, Any]]) -> Render:
    """A refusal before routing, in the envelope of the provider whose path it is (own port or prefix)."""

    def render(request: Request, status: int, message: str) -> Response | None:
        handle = registry.for_path(request.url.path) or next(
            (h for h in registry.by_name.values() if h.on_own_port(request.scope)), None
        )
        return handle.error_response(request, status, message) if handle is not None else None

    return render


def install_error_handlers(app: FastAPI, registry: Registry[ProviderHandle[Any, Any]]) -> None:
    """Every error under a provider prefix leaves in that provider's envelope."""

    def render(request: Request, exc: MockError) -> Response:
        handle = registry.for_path(request.url.path)
        if handle is None:
            return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)
        return handle.render_error(request, exc)

    def from_status(request: Request, status: int, message: str) -> Response:
        handle = registry.for_path(request.url.path)
        if handle is None:
            return JSONResponse({"error": message}, status_code=status)
        return handle.error_response(request, status, message)

    async def on_mock_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MockError)
        return render(request, exc)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such resource: {request.method} {request.url.path}"
        if exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return from_status(request, exc.status_code, message)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return from_status(request, 400, validation_message(exc))

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return from_status(request, 500, f"internal error in the emulator: {type(exc).__name__}")

    app.add_exception_handler(MockError, on_mock_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_crash)
