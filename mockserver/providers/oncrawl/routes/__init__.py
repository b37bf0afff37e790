"""Every OnCrawl route, relative to the provider's prefix: v1 under /api, v2 under /api/v2."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.core.deferred_route import DeferredRoute
from mockserver.providers.oncrawl import V2
from mockserver.providers.oncrawl.auth import OnCrawlApp
from mockserver.providers.oncrawl.routes import crawls, data, projects, session, v1


def build_router(app: OnCrawlApp) -> APIRouter:
    router = APIRouter(route_class=DeferredRoute)
    session.add_routes(router, app)
    v1.add_routes(router, app)
    projects.add_routes(router, app, V2)
    crawls.add_routes(router, app, V2)
    data.add_routes(router, app, V2)
    return router
