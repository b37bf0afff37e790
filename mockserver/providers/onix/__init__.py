"""Onix Work OpenAPI: short-lived tokens and company keys, bare JSON answers, create-or-update by id pairs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockserver.core.errors import MockError
from mockserver.providers.base import Provider, appended
from mockserver.providers.onix import config, errors
from mockserver.providers.onix.config import OnixConfig

# Routes, store, auth and responses are imported by the hooks that use them (see Provider).
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response
    from starlette.types import Scope

    from mockserver.core.state import StoreContext
    from mockserver.providers.onix.auth import OnixApp
    from mockserver.providers.onix.store import OnixStore


class OnixProvider(Provider):
    name = "onix"
    title = "Onix Work"
    real_base_url = "https://openapi.onix.com"
    errors = errors.ERRORS
    # Tokens and company keys travel only in Authorization, which the journal always redacts; the
    # token call's password is in a body, which the journal never keeps.
    secret_headers = frozenset({"authorization"})

    @property
    def base_path(self) -> str:
        """Clients are configured with the vendor's versioned URL (``https://openapi.onix.com/v1``)."""
        return self.prefix + "/v1"

    def build_router(self, app: OnixApp) -> APIRouter:
        from mockserver.providers.onix import routes

        return routes.build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnixConfig:
        return config.load_config(raw, source, options)

    def make_store(self, ctx: StoreContext) -> OnixStore:
        from mockserver.providers.onix import seed

        return seed.make_store(ctx)

    def render_error(self, app: OnixApp, request: Request, exc: MockError) -> Response:
        """ProblemDetails, a logic-error list, or an empty body, with a traceId stable per request."""
        from mockserver.core.context import context_of
        from mockserver.providers.onix import respond

        if not isinstance(exc, errors.OnixError):
            converted = errors.error_for_status(exc.status, exc.message)
            converted.headers.update(exc.headers)
            exc = converted
        ctx = context_of(request.scope)
        return respond.error(exc, respond.trace_id(ctx.request_id if ctx else "untracked"))

    def error_for_status(self, status: int, message: str) -> MockError:
        return errors.error_for_status(status, message)

    def openapi(self, config: OnixConfig) -> dict[str, Any]:
        """The document for the ``key_value_list`` switch in force."""
        from mockserver.providers.onix.openapi import document

        return document(config.options.key_value_list)

    def generated_records(self, config: OnixConfig) -> int:
        """Customers, suppliers, products, and orders with their lines."""
        sizes = config.sizes
        return sizes.customers + sizes.suppliers + sizes.products + sizes.orders * (1 + sizes.lines_per_order)

    def add_tenant(self, config: OnixConfig, name: str) -> OnixConfig:
        """The first company again as ``name``: a company id after the others', its own key and user e-mails."""
        first = config.companies[0]
        users = [u.model_copy(update={"email": u.email.replace("@", f"+{name}@", 1)}) for u in first.users]
        company_id = max(c.company_id for c in config.companies) + 1
        own = first.model_copy(
            update={"name": name, "company_id": company_id, "key": f"{first.key}-{name}", "users": users}
        )
        return config.model_copy(update={"companies": appended(config.companies, own)})

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

    def caller_of(self, app: OnixApp, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        """(company, credential) before auth runs, for scenario rules on a tenant: a key or an issued token."""
        from mockserver.providers.onix.auth import split, tokens

        header = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"authorization"), None)
        presented = split(header)
        if presented is None:
            return None
        company = app.config.company_by_key(presented[1])
        if company is not None:
            return company.name, presented[1]
        token = tokens(app).find(presented[1])
        return (token.tenant, presented[1]) if token is not None else None
