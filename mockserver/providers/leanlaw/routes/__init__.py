"""The LeanLaw router: the 35 operations of the vendor's OpenAPI document, each named by its operation id."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.leanlaw.auth import LeanLawApp
from mockserver.providers.leanlaw.routes import clients, firm, lines, matters


def build_router(app: LeanLawApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)
    for module in (clients, matters, lines, firm):
        module.add_routes(router, app)
    return router
