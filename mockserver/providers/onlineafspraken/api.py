"""One APIREST call, start to end: method, tenant, salt and signature, then the method's handler."""

from __future__ import annotations

from starlette.types import Scope

from mockserver.core.context import context_of
from mockserver.providers.onlineafspraken.auth import AgendaApp, check_request, tenant_for
from mockserver.providers.onlineafspraken.errors import UnknownMethod
from mockserver.providers.onlineafspraken.methods import lookup
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.xml import success_document


async def call(params: Params, app: AgendaApp, scope: Scope) -> bytes:
    """The XML body of a successful call; every failure is raised as an OnlineAfsprakenError."""
    now = app.clock.timestamp()
    requested = params.require("method")
    found = lookup(requested)
    # The method name is the operation scenarios and the journal see (e.g. "getAgendas").
    ctx = context_of(scope)
    if ctx is not None:
        ctx.operation = found[0] if found is not None else requested[:64]
    tenant = app.admit(scope, lambda config: tenant_for(params, config))
    check_request(params, tenant, app.config, now)
    if found is None:
        raise UnknownMethod(f"API method {requested} does not exist.")
    store = await app.ready(tenant.name)
    # Handlers make several store calls that must be atomic together: the store's lock around them.
    with store.lock:
        reply = found[1](store, params)
    return success_document(reply, store.wall, now)
