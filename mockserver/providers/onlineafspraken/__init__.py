"""OnlineAfspraken.nl APIREST: one signed endpoint, XML replies, a stateful agenda per api key."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockserver.core.errors import MockError
from mockserver.providers.base import Provider, appended
from mockserver.providers.onlineafspraken import config as config_module
from mockserver.providers.onlineafspraken.config import OnlineAfsprakenConfig
from mockserver.providers.onlineafspraken.errors import ERRORS_BY_NAME, EmulatorFailure, OnlineAfsprakenError
from mockserver.providers.onlineafspraken.errors import error_for_status as failure_for_status

# Routes, store and the XML envelope are imported by the hooks that use them (see Provider).
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response
    from starlette.types import Scope

    from mockserver.core.state import StoreContext
    from mockserver.providers.onlineafspraken.auth import AgendaApp
    from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore

ENDPOINT = "/APIREST"


class OnlineAfsprakenProvider(Provider):
    name = "onlineafspraken"
    title = "OnlineAfspraken.nl"
    real_base_url = "https://agenda.onlineafspraken.nl/APIREST"
    errors = ERRORS_BY_NAME
    #: One endpoint for everything: the ``method`` parameter names the operation (e.g. ``getAgendas``).
    operation_param = "method"
    #: The signature and the secret (which a careless client may send) never reach the journal.
    secret_params = frozenset({"api_signature", "api_secret"})

    @property
    def base_path(self) -> str:
        """Clients are configured with the vendor's endpoint URL, ``.../APIREST``, and call it bare."""
        return self.prefix + ENDPOINT

    def build_router(self, app: AgendaApp) -> APIRouter:
        from mockserver.providers.onlineafspraken.routes import build_router

        return build_router(app)

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> OnlineAfsprakenConfig:
        return config_module.load(raw, source, options)

    def make_store(self, ctx: StoreContext) -> OnlineAfsprakenStore:
        from mockserver.providers.onlineafspraken.seed import build_store

        return build_store(ctx)

    def render_error(self, app: AgendaApp, request: Request, exc: MockError) -> Response:
        """A failed call: always XML with the server time; HTTP 200 unless a fault asks otherwise."""
        from starlette.responses import Response

        from mockserver.providers.onlineafspraken.localtime import WallTime
        from mockserver.providers.onlineafspraken.xml import MEDIA_TYPE, failure_document

        config = app.config
        if not isinstance(exc, OnlineAfsprakenError):
            exc = EmulatorFailure(exc.message, status=exc.status if exc.status >= 400 else 200, headers=exc.headers)
        body = failure_document(
            exc.message, exc.code, WallTime(config.options.dutch_summer_time), app.clock.timestamp()
        )
        return Response(body, status_code=exc.status, media_type=MEDIA_TYPE, headers=exc.headers)

    def error_for_status(self, status: int, message: str) -> MockError:
        return failure_for_status(status, message)

    def generated_records(self, config: OnlineAfsprakenConfig) -> int:
        """Agendas with their resources, appointment types, customers and appointments."""
        sizes = config.sizes
        resources = sizes.agendas * sizes.resources_per_agenda
        return sizes.agendas + resources + sizes.appointment_types + sizes.customers + sizes.appointments

    def add_tenant(self, config: OnlineAfsprakenConfig, name: str) -> OnlineAfsprakenConfig:
        first = config.tenants[0]
        own = first.model_copy(update={"name": name, "api_key": f"oa-{name}-key", "api_secret": f"oa-{name}-secret"})
        return config.model_copy(update={"tenants": appended(config.tenants, own)})

    def credentials(self, config: OnlineAfsprakenConfig) -> list[dict[str, Any]]:
        return [{"tenant": t.name, "api_key": t.api_key, "api_secret": t.api_secret} for t in config.tenants]

    def curl_example(self, config: OnlineAfsprakenConfig, base_url: str) -> str:
        """A signature needs a fresh salt, so the URL is made by ``mockserver sign`` when the line runs."""
        tenant = config.tenants[0]
        url = base_url.rstrip("/") + self.base_path
        sign = shlex.join(
            ["mockserver", "sign", "getAgendas", "--base-url", url, "--api-key", tenant.api_key]
            + ["--api-secret", tenant.api_secret]
        )
        return f'curl -s "$({sign})"'

    def curl_now(self, config: OnlineAfsprakenConfig, base_url: str, now: float) -> str:
        """The signed getAgendas URL itself, its salt ``now``: it works for ``salt_window`` seconds of the clock."""
        from urllib.parse import urlencode

        from mockserver.providers.onlineafspraken.signing import signed_query

        tenant = config.tenants[0]
        query = signed_query("getAgendas", (), tenant.api_key, tenant.api_secret, int(now))
        url = base_url.rstrip("/") + self.base_path + "?" + urlencode(query)
        return f"curl -s {shlex.quote(url)}"

    def caller_of(self, app: AgendaApp, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, api key) before the handler runs, for scenario rules that match on a tenant."""
        api_key = next((v for k, v in params.items() if k.casefold() == "api_key"), None)
        if api_key is None:
            return None
        tenant = app.config.tenant_by_key(api_key)
        return (tenant.name, api_key) if tenant is not None else None

    def operations(self, router: APIRouter) -> list[str]:
        """The APIREST method names (``getAgendas``, ``setAppointment`` ...): one operation each."""
        from mockserver.providers.onlineafspraken.methods import method_names

        return method_names()
