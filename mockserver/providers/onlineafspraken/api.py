"""One APIREST call, start to end: method, tenant, salt and signature, then the method's handler."""

from __future__ import annotations

from mockserver.core.context import RequestContext
from mockserver.core.state import MockState
from mockserver.providers.onlineafspraken.auth import check_request, tenant_for
from mockserver.providers.onlineafspraken.config import OnlineAfsprakenConfig
from mockserver.providers.onlineafspraken.errors import UnknownMethod
from mockserver.providers.onlineafspraken.methods import lookup
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import success_document

PROVIDER = "onlineafspraken"


def call(params: Params, config: OnlineAfsprakenConfig, state: MockState, ctx: RequestContext) -> bytes:
    """The XML body of a successful call; every failure is raised as an OnlineAfsprakenError."""
    now = state.clock.timestamp()
    requested = params.require("method")
    found = lookup(requested)
    # The method name is the operation scenarios and the journal see (e.g. "getAgendas").
    ctx.operation = found[0] if found is not None else requested[:64]
    tenant = tenant_for(params, config)
    ctx.credential = tenant.api_key
    ctx.tenant = tenant.name
    check_request(params, tenant, config, now)
    if found is None:
        raise UnknownMethod(f"API method {requested} does not exist.")
    store: OnlineAfsprakenStore = state.store(PROVIDER, tenant.name)
    with store.lock:
        reply = found[1](store, params)
    return success_document(reply, store.wall, now)
