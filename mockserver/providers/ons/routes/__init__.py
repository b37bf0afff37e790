"""The Ons router: every resource's routes, fixed paths before their ``{id}`` siblings."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.providers.ons.routes import care_plans, clients, employees, jobs, organisation, ping, streams


def build_router() -> APIRouter:
    router = APIRouter()
    router.include_router(ping.router)
    router.include_router(streams.build())
    for module in (clients, employees, organisation, care_plans, jobs):
        router.include_router(module.router)
    return router
