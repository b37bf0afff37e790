"""v2 crawls (list, get, progress, pilot, delete) and crawl-over-crawl comparisons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.oncrawl import listing
from mockserver.providers.oncrawl.auth import OnCrawlApp
from mockserver.providers.oncrawl.routes.call import call, json_body, no_content, reply

READ, WRITE = "project:read", "project:write"


def add_routes(router: APIRouter, app: OnCrawlApp, v2: str) -> None:
    async def list_crawls(request: Request) -> Response:
        c = await call(app, request, READ)
        return reply(listing.list_reply("crawls", c.store.crawl_views(), listing.CRAWLS, c.query))

    async def get_crawl(request: Request, crawl_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"crawl": c.store.crawl(crawl_id).view(c.store.now())})

    async def get_crawl_progress(request: Request, crawl_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"progress": c.store.crawl(crawl_id).progress(c.store.now())})

    async def pilot_crawl(request: Request, crawl_id: str) -> Response:
        """POST /crawls/{id}/pilot {"command": "pause" | "resume" | "cancel"}; a finished crawl is 409."""
        c = await call(app, request, WRITE)
        return reply({"crawl": c.store.pilot(crawl_id, await json_body(app, request))})

    async def delete_crawl(request: Request, crawl_id: str) -> Response:
        c = await call(app, request, WRITE)
        c.store.delete_crawl(crawl_id)
        return no_content()

    async def list_crawl_over_crawls(request: Request) -> Response:
        c = await call(app, request, READ)
        records = list(c.store.cocs.values())
        return reply(listing.list_reply("crawl_over_crawls", records, listing.CRAWL_OVER_CRAWLS, c.query))

    async def get_crawl_over_crawl(request: Request, coc_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"crawl_over_crawl": c.store.coc(coc_id)})

    routes: list[tuple[str, str, Callable[..., Any]]] = [
        ("/crawls", "GET", list_crawls),
        ("/crawls/{crawl_id}", "GET", get_crawl),
        ("/crawls/{crawl_id}", "DELETE", delete_crawl),
        ("/crawls/{crawl_id}/progress", "GET", get_crawl_progress),
        ("/crawls/{crawl_id}/pilot", "POST", pilot_crawl),
        ("/crawl_over_crawls", "GET", list_crawl_over_crawls),
        ("/crawl_over_crawls/{coc_id}", "GET", get_crawl_over_crawl),
    ]
    for path, method, endpoint in routes:
        router.add_api_route(v2 + path, endpoint, methods=[method], name=endpoint.__name__)
