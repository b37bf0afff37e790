"""Onix Work OpenAPI: short-lived tokens and company keys, bare JSON answers, create-or-update by id pairs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.context import context_of
from mockserver.core.errors import MockError
from mockserver.core.state import MockState, StoreContext
from mockserver.providers.base import Provider
from mockserver.providers.onix import config as onix_config
from mockserver.providers.onix import errors, respond
from mockserver.providers.onix.access import OnixAccess
from mockserver.providers.onix.auth import split
from mockserver.providers.onix.config import OnixConfig
from mockserver.providers.onix.router import build_router
from mockserver.providers.onix.seed import build_store


class OnixProvider(Provider):
    name = "onix"
    title = "Onix Work"
    real_base_url = "https://openapi.onix.com"
    errors = errors.ERRORS

    def __init__(self) -> None:
        self.access = OnixAccess()
        self._config: OnixConfig | None = None

    def build_router(self) -> APIRouter:
        return build_router(self.access)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnixConfig:
        self._config = onix_config.load(raw, source, options)
        return self._config

    def make_store(self, ctx: StoreContext) -> Any:
        return build_store(ctx)

    def render_error(self, request: Request, exc: MockError) -> Response:
        """ProblemDetails, a logic-error list, or an empty body, with a traceId stable per request."""
        if not isinstance(exc, errors.OnixError):
            converted = errors.error_for_status(exc.status, exc.message)
            converted.headers.update(exc.headers)
            exc = converted
        ctx = context_of(request.scope)
        seed = request.app.state.mock.seed
        return respond.error(exc, respond.trace_id(seed, ctx.request_id if ctx else "untracked"))

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def middleware(self, state: MockState) -> list[tuple[type, dict[str, Any]]]:
        self.access.attach(state)
        return []

    def credentials(self, config: OnixConfig) -> list[dict[str, Any]]:
        """One entry per user: the token call's username and password, and the company key."""
        return [
            {"tenant": c.name, "username": u.email, "password": u.password, "key": c.key}
            for c in config.companies
            for u in c.users
        ]

    def curl_example(self, config: OnixConfig, base_url: str) -> str:
        base = base_url.rstrip("/")
        if not base.endswith(self.prefix):
            base += self.prefix
        key = config.companies[0].key
        return f"curl -s -H 'Authorization: Key {key}' '{base}/v1/company/order-statuses?languageCode=0'"

    def caller_of(self, scope: Mapping[str, Any], params: Mapping[str, str]) -> tuple[str, str] | None:
        """(company, credential) before auth runs, for scenario rules on a tenant: a key or an issued token."""
        if self._config is None:
            return None
        header = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"authorization"), None)
        presented = split(header)
        if presented is None:
            return None
        company = self._config.company_by_key(presented[1])
        if company is not None:
            return company.name, presented[1]
        issued = self.access.tokens.lookup(presented[1])
        return (issued.company, presented[1]) if issued is not None else None
