"""The Onix Work OpenAPI routes under /v1: the token call, the company lookups, orders, lines, products.

Endpoints as the forum articles list them (/353, /624, /627, /1214, community /2224); every
success is a 200 with a bare JSON value. Endpoint names are the operations scenarios match on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.onix import respond, schemas
from mockserver.providers.onix.auth import OnixApp, OnixCaller, authenticate, login, tokens
from mockserver.providers.onix.body import json_body, language_code
from mockserver.providers.onix.errors import BadRequest, ValidationFailed
from mockserver.providers.onix.fields import Model, read
from mockserver.providers.onix.store import OnixStore

#: A store method answering one write: the request's members in, the bare answer out.
Write = Callable[[OnixStore, dict[str, Any]], Any]

WRITES: tuple[tuple[str, str, Model, Write], ...] = (
    ("/v1/orders", "save_order", schemas.ORDER_INFO, OnixStore.save_order),
    ("/v1/orders/transfer-order", "transfer_order", schemas.TRANSFER_ORDER_INFO, OnixStore.transfer_order),
    ("/v1/order-lines", "save_order_line", schemas.ORDER_LINE_INFO, OnixStore.save_order_line),
    ("/v1/order-lines/items", "number_order_line_items", schemas.ITEMS_INFO, OnixStore.number_items),
    (
        "/v1/order-lines/properties",
        "update_order_line_properties",
        schemas.LINE_PROPERTIES_INFO,
        OnixStore.update_line_properties,
    ),
    (
        "/v1/order-lines/form-properties",
        "update_order_line_form_properties",
        schemas.LINE_FORM_PROPERTIES_INFO,
        OnixStore.update_line_form_properties,
    ),
    ("/v1/company/products", "save_product", schemas.PRODUCT_INFO, OnixStore.save_product),
    (
        "/v1/company/products/properties",
        "save_product_properties",
        schemas.PRODUCT_PROPERTIES_INFO,
        OnixStore.set_product_properties,
    ),
    ("/v1/company/products/forms", "save_product_forms", schemas.PRODUCT_FORMS_INFO, OnixStore.add_product_forms),
    (
        "/v1/company/products/form-properties",
        "save_product_form_properties",
        schemas.PRODUCT_FORM_PROPERTIES_INFO,
        OnixStore.set_product_form_properties,
    ),
)

#: The company lookups: path, operation, the store's collection of labelled entries.
LOOKUPS = (
    ("/v1/company/order-statuses", "list_order_statuses", "order_statuses"),
    ("/v1/company/order-line-statuses", "list_order_line_statuses", "order_line_statuses"),
    ("/v1/company/control-categories", "list_control_categories", "control_categories"),
)


def build_router(app: OnixApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    async def create_token(request: Request) -> Response:
        """POST /v1/Account/token: a short-lived token as a bare JSON string."""
        try:
            values = read(schemas.LOGIN_INFO, await json_body(request, app.max_body_bytes))
        except ValidationFailed:
            # seeds/...get-started.txt: an incorrect body is the same 400 "Bad Request" as wrong credentials.
            raise BadRequest() from None
        caller, token = login(values.get("username"), values.get("password"), app.config, tokens(app))
        app.bind(request.scope, caller.tenant, caller.credential)
        return respond.value(token)

    router.add_api_route("/v1/Account/token", create_token, methods=["POST"], name="create_token")

    for path, name, collection in LOOKUPS:
        router.add_api_route(path, lookup_endpoint(app, collection), methods=["GET"], name=name)
    for path, name, model, write in WRITES:
        router.add_api_route(path, write_endpoint(app, model, write), methods=["POST"], name=name)
    return router


def admit(app: OnixApp, request: Request) -> OnixCaller:
    """Steps one and two of the request idiom: the credential to its company, bound on the context."""
    issuer = tokens(app)
    return app.admit(request.scope, lambda config: authenticate(request.headers.get("authorization"), config, issuer))


def lookup_endpoint(app: OnixApp, collection: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        caller = admit(app, request)
        language = language_code(request)
        store = await app.ready(caller.tenant)
        with store.lock:
            pairs = store.pairs(getattr(store, collection), language)
        return respond.value(respond.key_values(pairs, app.config.options.key_value_list))

    return endpoint


def write_endpoint(app: OnixApp, model: Model, write: Write) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        caller = admit(app, request)
        values = read(model, await json_body(request, app.max_body_bytes))
        return respond.value(write(await app.ready(caller.tenant), values))

    return endpoint
