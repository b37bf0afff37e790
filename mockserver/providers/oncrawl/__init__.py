"""OnCrawl: session and OAuth2 tokens with scopes, projects and crawls on the clock, OQL search and exports."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from mockserver.core.errors import MockError
from mockserver.providers.base import Provider, appended
from mockserver.providers.oncrawl import config as config_module
from mockserver.providers.oncrawl import errors
from mockserver.providers.oncrawl.config import OnCrawlConfig

# Routes, store and auth are imported by the hooks that use them (see Provider).
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response
    from starlette.types import Scope

    from mockserver.core.state import StoreContext
    from mockserver.providers.oncrawl.auth import OnCrawlApp
    from mockserver.providers.oncrawl.store import OnCrawlStore

#: The v2 API below the prefix (the v1 one is at /api/v1 and /api).
V2 = "/api/v2"


class OnCrawlProvider(Provider):
    name = "oncrawl"
    title = "OnCrawl"
    real_base_url = "https://app.oncrawl.com"
    errors = errors.ERRORS
    #: The session token header and the OAuth2 secrets never reach the journal or the request log.
    secret_headers = frozenset({"x-oncrawl-token"})
    secret_params = frozenset({"client_secret", "code", "refresh_token"})

    @property
    def base_path(self) -> str:
        """Today's clients are configured with the v2 base, ``https://app.oncrawl.com/api/v2/``."""
        return self.prefix + V2

    def build_router(self, app: OnCrawlApp) -> APIRouter:
        from mockserver.providers.oncrawl.routes import build_router

        return build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnCrawlConfig:
        return config_module.load(raw, source, options)

    def make_store(self, ctx: StoreContext) -> OnCrawlStore:
        from mockserver.providers.oncrawl.seed import make_store

        return make_store(ctx)

    def render_error(self, app: OnCrawlApp, request: Request, exc: MockError) -> Response:
        return errors.error_response(exc, request.url.path.endswith(V2) or f"{V2}/" in request.url.path)

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def openapi(self, config: OnCrawlConfig) -> dict[str, Any]:
        """The document beside this package, with the answers a scenario may give any call."""
        from mockserver.providers.oncrawl.openapi import document

        return document()

    def add_tenant(self, config: OnCrawlConfig, name: str) -> OnCrawlConfig:
        """The first tenant again as ``name``: its users, tokens and OAuth clients with ``name`` in them."""
        first = config.tenants[0]
        users = [
            u.model_copy(update={"username": f"{u.username}-{name}", "email": f"{name}.{u.email}"}) for u in first.users
        ]
        tokens = [t.model_copy(update={"token": f"{t.token}-{name}"}) for t in first.tokens]
        clients = [c.model_copy(update={"client_id": f"{c.client_id}-{name}"}) for c in first.oauth_clients]
        own = first.model_copy(update={"name": name, "users": users, "tokens": tokens, "oauth_clients": clients})
        return config.model_copy(update={"tenants": appended(config.tenants, own)})

    def credentials(self, config: OnCrawlConfig) -> list[dict[str, Any]]:
        """Per tenant: each user (username, email, password), then each API token (token, scopes)."""
        out: list[dict[str, Any]] = []
        for t in config.tenants:
            out += [
                {"tenant": t.name, "username": u.username, "email": u.email, "password": u.password} for u in t.users
            ]
            out += [{"tenant": t.name, "token": k.token, "scopes": " ".join(k.scopes)} for k in t.tokens]
        return out

    def curl_example(self, config: OnCrawlConfig, base_url: str) -> str:
        base = base_url.rstrip("/")
        if not base.endswith(self.prefix):
            base += self.prefix
        tenant = config.tenants[0]
        token = tenant.tokens[0].token if tenant.tokens else "TOKEN"
        return f"curl -s -H 'Authorization: Bearer {token}' {base}{V2}/projects"

    def caller_of(self, app: OnCrawlApp, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, credential) of the token a request carries, for scenario rules on a tenant."""
        from mockserver.providers.oncrawl.auth import presented_token, resolve, tokens_of

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or ()}
        try:
            token = presented_token(headers.get("authorization", ""), headers.get("x-oncrawl-token"))
            caller = resolve(token, app.config, partial(tokens_of, app))
        except errors.OnCrawlError:
            return None
        return caller.tenant, caller.credential
