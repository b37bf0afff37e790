"""Skeleton: a token in a header, JSON items with offset paging (the template ``mockserver new-provider`` copies)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response
from starlette.types import Scope

from mockserver.core.errors import MockError
from mockserver.core.state import StoreContext
from mockserver.providers._template import config, errors, routes, seed
from mockserver.providers._template.auth import TOKEN_HEADER, SkeletonApp
from mockserver.providers._template.config import SkeletonConfig
from mockserver.providers._template.store import SkeletonStore
from mockserver.providers.base import Provider, appended


class SkeletonProvider(Provider):
    name = "skeleton"
    title = "Skeleton"
    real_base_url = "https://api.skeleton.invalid"
    errors = errors.ERRORS
    secret_headers = frozenset({TOKEN_HEADER})

    def build_router(self, app: SkeletonApp) -> APIRouter:
        return routes.build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> SkeletonConfig:
        return config.load_config(raw, source, options)

    def make_store(self, ctx: StoreContext) -> SkeletonStore:
        return seed.make_store(ctx)

    def render_error(self, app: SkeletonApp, request: Request, exc: MockError) -> Response:
        return errors.error_response(exc)

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def add_tenant(self, config: SkeletonConfig, name: str) -> SkeletonConfig:
        """A tenant made at run time: the first one's settings, a token of its own made from ``name``."""
        own = config.tenants[0].model_copy(update={"name": name, "token": f"{config.tenants[0].token}-{name}"})
        return config.model_copy(update={"tenants": appended(config.tenants, own)})

    def credentials(self, config: SkeletonConfig) -> list[dict[str, Any]]:
        return [{"tenant": t.name, "token": t.token} for t in config.tenants]

    def curl_example(self, config: SkeletonConfig, base_url: str) -> str:
        url = base_url.rstrip("/") + self.prefix + "/v1/items"
        return f"curl -s -H '{TOKEN_HEADER}: {config.tenants[0].token}' {url}"

    def caller_of(self, app: SkeletonApp, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, token) before auth runs, for scenario rules on a tenant."""
        for name, value in scope.get("headers", ()):
            if name == TOKEN_HEADER.encode():
                tenant = app.config.tenant_by_token(value.decode("latin-1"))
                return (tenant.name, tenant.token) if tenant is not None else None
        return None
