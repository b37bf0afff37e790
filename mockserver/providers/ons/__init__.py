"""Nedap Ons: client-certificate connectors, JSON/XML by Accept, x-stream-connect, 4 in flight per certificate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockserver.core.errors import MockError
from mockserver.providers.base import Provider, appended
from mockserver.providers.ons import config as ons_config
from mockserver.providers.ons import errors
from mockserver.providers.ons.config import OnsConfig

# Routes, store and responses are imported by the hooks that use them (see Provider).
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response

    from mockserver.core.provider import MiddlewareSpec
    from mockserver.core.state import StoreContext
    from mockserver.providers.ons.auth import OnsApp
    from mockserver.providers.ons.store import OnsStore


class OnsProvider(Provider):
    name = "ons"
    title = "Nedap Ons"
    real_base_url = "https://api.ons.io"
    errors = errors.ERRORS

    def build_router(self, app: OnsApp) -> APIRouter:
        from mockserver.providers.ons import routes

        return routes.build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnsConfig:
        return ons_config.load_config(raw, source, options)

    def openapi(self, config: OnsConfig) -> dict[str, Any]:
        from mockserver.providers.ons import openapi

        return openapi.document(config)

    def make_store(self, ctx: StoreContext) -> OnsStore:
        from mockserver.providers.ons.store import make_store

        return make_store(ctx)

    def render_error(self, app: OnsApp, request: Request, exc: MockError) -> Response:
        """The ErrorResponse, as JSON or XML by Accept (JSON when Accept allows neither)."""
        from mockserver.providers.ons import respond

        return respond.error_response(exc, request.headers.get("accept"))

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def middleware(self, app: OnsApp) -> list[MiddlewareSpec]:
        from mockserver.providers.ons.limits import OnsLimitMiddleware

        return [(OnsLimitMiddleware, {"handle": app})]

    def generated_records(self, config: OnsConfig) -> int:
        """Clients (and the care plans of a share of them), employees, teams, locations, tombstones per stream."""
        sizes = config.sizes
        care_plans = round(sizes.clients * sizes.care_plan_share)
        return sizes.clients + care_plans + sizes.employees + sizes.teams + sizes.locations + 4 * sizes.deleted

    def add_tenant(self, config: OnsConfig, name: str) -> OnsConfig:
        """The default connector's tenant's connectors again, for ``name`` (CN ``connector-TT0000-name``)."""
        template = config.default.tenant
        connectors = config.connectors
        for connector in [c for c in config.connectors if c.tenant == template]:
            cn = f"{connector.cn.split('-', 1)[0]}-TT0000-{name}"
            connectors = appended(connectors, connector.model_copy(update={"cn": cn, "tenant": name}))
        return config.model_copy(update={"connectors": connectors})

    def credentials(self, config: OnsConfig) -> list[dict[str, Any]]:
        """One entry per connector certificate, the default connector first."""
        ordered = sorted(config.connectors, key=lambda c: c.cn != config.default_connector)
        return [
            {
                "tenant": c.tenant,
                "cn": c.cn,
                "rights": c.rights(),
                "default": c.cn == config.default_connector,
            }
            for c in ordered
        ]

    def curl_example(self, config: OnsConfig, base_url: str) -> str:
        base = base_url.rstrip("/")
        if not base.endswith(self.prefix):
            base += self.prefix
        clients = config.records.get("clients") or [{"id": 1001}]
        return (
            f"curl -s -H 'Accept: application/json' -H 'X-Client-Cert-CN: {config.default_connector}' "
            f"{base}/t/clients/{clients[0]['id']}"
        )

    def caller_of(self, app: OnsApp, scope: Mapping[str, Any], params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, certificate CN) of a request before auth runs, for scenario rules matching a tenant."""
        from mockserver.providers.ons.auth import presented_cn

        config = app.config
        cn = presented_cn(scope)
        if cn is None:
            if config.options.require_certificate:
                return None
            cn = config.default_connector
        connector = config.connector(cn)
        return (connector.tenant, connector.cn) if connector is not None else None
