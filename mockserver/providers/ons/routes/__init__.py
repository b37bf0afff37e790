"""The Ons router: every resource's routes, fixed paths before their ``{id}`` siblings."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.ons.auth import OnsApp
from mockserver.providers.ons.routes import care_plans, clients, employees, jobs, organisation, ping, streams


def build_router(app: OnsApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)
    for module in (ping, streams, clients, employees, organisation, care_plans, jobs):
        router.include_router(module.build(app))
    return router
