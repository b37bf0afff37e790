"""Nedap Ons: client-certificate connectors, JSON/XML by Accept, x-stream-connect, 4 in flight per certificate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.errors import MockError
from mockserver.core.limits import InFlightLimiter
from mockserver.core.state import MockState, StoreContext
from mockserver.providers.base import Provider
from mockserver.providers.ons import config as ons_config
from mockserver.providers.ons import errors, respond, routes
from mockserver.providers.ons.auth import presented_cn
from mockserver.providers.ons.config import OnsConfig
from mockserver.providers.ons.limits import OnsLimitMiddleware
from mockserver.providers.ons.store import OnsStore, make_store


class OnsProvider(Provider):
    name = "ons"
    title = "Nedap Ons"
    real_base_url = "https://api.ons.io"
    errors = errors.ERRORS

    def __init__(self) -> None:
        #: Set by ``middleware``: the per-certificate in-flight counter (tests and the admin view read it).
        self.in_flight: InFlightLimiter | None = None
        self._config: OnsConfig | None = None

    def build_router(self) -> APIRouter:
        return routes.build_router()

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnsConfig:
        self._config = ons_config.load_config(raw, source, options)
        return self._config

    def make_store(self, ctx: StoreContext) -> OnsStore:
        return make_store(ctx)

    def render_error(self, request: Request, exc: MockError) -> Response:
        """The ErrorResponse, as JSON or XML by Accept (JSON when Accept allows neither)."""
        return respond.error_response(exc, request.headers.get("accept"))

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def middleware(self, state: MockState) -> list[tuple[type, dict[str, Any]]]:
        config: OnsConfig = state.configs[self.name]
        self.in_flight = InFlightLimiter(config.options.in_flight_limit)
        options = {"state": state, "prefix": self.prefix, "in_flight": self.in_flight, "render": self.render_error}
        return [(OnsLimitMiddleware, options)]

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

    def caller_of(self, scope: Mapping[str, Any], params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, certificate CN) of a request before auth runs, for scenario rules matching a tenant."""
        if self._config is None:
            return None
        cn = presented_cn(scope)
        if cn is None:
            if self._config.options.require_certificate:
                return None
            cn = self._config.default_connector
        connector = self._config.connector(cn)
        return (connector.tenant, connector.cn) if connector is not None else None
