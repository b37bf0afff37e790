"""LeanLaw: legal time and billing behind a Bearer API key, a ``data`` envelope, select/sort/filters on lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockserver.core.errors import MockError
from mockserver.providers.base import Provider, appended
from mockserver.providers.leanlaw import config as leanlaw_config
from mockserver.providers.leanlaw import errors
from mockserver.providers.leanlaw.config import LeanLawConfig

# Routes, store, auth and responses are imported by the hooks that use them (see Provider).
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response
    from starlette.types import Scope

    from mockserver.core.provider import MiddlewareSpec
    from mockserver.core.state import StoreContext
    from mockserver.providers.leanlaw.auth import LeanLawApp
    from mockserver.providers.leanlaw.store import LeanLawStore

#: The partner id header names the integration's vendor account.
PARTNER_HEADER = "x-leanlaw-partnerid"


class LeanLawProvider(Provider):
    name = "leanlaw"
    title = "LeanLaw"
    real_base_url = "https://api.leanlaw.io"
    errors = errors.ERRORS
    #: The partner id names the integration's vendor account; kept out of the journal like the key.
    secret_headers = frozenset({PARTNER_HEADER})

    def build_router(self, app: LeanLawApp) -> APIRouter:
        from mockserver.providers.leanlaw import routes

        return routes.build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> LeanLawConfig:
        return leanlaw_config.load_config(raw, source, options)

    def make_store(self, ctx: StoreContext) -> LeanLawStore:
        from mockserver.providers.leanlaw import seed

        return seed.build_store(ctx)

    def render_error(self, app: LeanLawApp, request: Request, exc: MockError) -> Response:
        """``{type, title, status, traceId, errors}``; the trace id is the one in the header."""
        from mockserver.providers.leanlaw.call import json_response
        from mockserver.providers.leanlaw.trace import INSIDE, TRACE_HEADER, VERSION, trace_id

        if not isinstance(exc, errors.LeanLawError):
            exc = errors.error_for_status(exc.status, exc.message)
        trace = trace_id(request.scope)
        headers = {**exc.headers, TRACE_HEADER: trace}
        if isinstance(exc, errors.Throttled) and app.config.options.retry_after is not None:
            headers.setdefault("Retry-After", str(app.config.options.retry_after))
        response = json_response(exc.body(trace), exc.status, headers)
        if INSIDE in request.scope:
            response.raw_headers.append(VERSION)
        return response

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def middleware(self, app: LeanLawApp) -> list[MiddlewareSpec]:
        from mockserver.providers.leanlaw.trace import Gate

        return [(Gate, {})]

    def generated_records(self, config: LeanLawConfig) -> int:
        """Users, practice areas, clients, matters, time entries, expenses and fixed fees."""
        s = config.sizes
        return s.users + s.practice_areas + s.clients + s.matters + s.time_entries + s.expenses + s.fixed_fees

    def add_tenant(self, config: LeanLawConfig, name: str) -> LeanLawConfig:
        first = config.firms[0]
        keys = tuple(k.model_copy(update={"key": f"{k.key}-{name}"}) for k in first.keys)
        own = first.model_copy(update={"tenant": name, "keys": keys})
        return config.model_copy(update={"firms": appended(config.firms, own)})

    def credentials(self, config: LeanLawConfig) -> list[dict[str, Any]]:
        """One entry per API key: its firm (the tenant) and its permissions."""
        return [
            {
                "tenant": firm.tenant,
                "firm": firm.name,
                "api_key": key.key,
                "permissions": list(key.permissions),
                "description": key.description,
            }
            for firm in config.firms
            for key in firm.keys
        ]

    def curl_example(self, config: LeanLawConfig, base_url: str) -> str:
        base = base_url.rstrip("/")
        if not base.endswith(self.prefix):
            base += self.prefix
        key = config.firms[0].keys[0].key
        return f"curl -s -H 'Authorization: Bearer {key}' '{base}/v2/clients?limit=2&select=contact'"

    def openapi(self, config: LeanLawConfig) -> dict[str, Any]:
        """The vendor's document adjusted to what the emulator answers (201 or 200 on POST, the error body)."""
        from mockserver.providers.leanlaw import openapi

        return openapi.served_document(config.options.post_status)

    def caller_of(self, app: LeanLawApp, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        """(firm, key) before auth runs, for scenario rules that match a tenant."""
        from mockserver.providers.leanlaw.auth import CALLERS, bearer_token

        raw = next((v for k, v in scope.get("headers", ()) if k.lower() == b"authorization"), None)
        try:
            token = bearer_token(raw.decode("latin-1") if raw is not None else None)
        except errors.NotAuthorized:
            return None
        caller = CALLERS.of(app.config).get(token) if token else None
        return (caller.tenant, caller.credential) if caller else None
