"""GET /ping: the certificate check, the one route outside /t/; it answers text/plain."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons import respond
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.call import access


def build(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)

    pinger = access(app, None, offered=[respond.TEXT])

    @router.get("/ping")
    async def ping(request: Request) -> Response:
        await pinger(request)
        return respond.body_response(b"pong", respond.TEXT)

    return router
