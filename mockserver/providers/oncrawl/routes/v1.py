"""The v1 API the seed describes: projects, aggregations (GET with RISON, POST JSON), URL explorer,
quick filters and query-builder fields (OC-v1 guides and snippets, research §2.1). Errors on these
paths use the v1 body, ``{"errors": {...}}``, with 422 for invalid input.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.oncrawl.aggs import run_aggs
from mockserver.providers.oncrawl.auth import OnCrawlApp
from mockserver.providers.oncrawl.fields import PAGES
from mockserver.providers.oncrawl.listing import decode_rison
from mockserver.providers.oncrawl.oql import Branch, compile_oql
from mockserver.providers.oncrawl.query import bad, field_list, integer, sort_keys
from mockserver.providers.oncrawl.routes.call import call, json_body, reply

READ = "project:read"
#: Named filters of the v1 data explorer; ``all_pages`` is the one the vendor's aggs example uses.
QUICKFILTERS: dict[str, dict[str, Any]] = {
    "all_pages": {},
    "crawled_pages": {"field": ["fetched", "equals", True]},
    "indexable_pages": {"field": ["indexable", "equals", True]},
    "non_indexable_pages": {"field": ["indexable", "equals", False]},
    "pages_2xx": {"and": [{"field": ["status_code", "gte", 200]}, {"field": ["status_code", "lt", 300]}]},
    "pages_3xx": {"and": [{"field": ["status_code", "gte", 300]}, {"field": ["status_code", "lt", 400]}]},
    "pages_4xx": {"and": [{"field": ["status_code", "gte", 400]}, {"field": ["status_code", "lt", 500]}]},
    "pages_5xx": {"field": ["status_code", "gte", 500]},
    "orphan_pages": {"field": ["follow_inlinks", "equals", 0]},
    "missing_meta_description": {"field": ["meta_description", "has_no_value", ""]},
}
EXPLORER_FIELDS = ["url", "status_code", "depth", "title"]


def add_routes(router: APIRouter, app: OnCrawlApp) -> None:
    async def v1_list_projects(request: Request) -> Response:
        c = await call(app, request, READ)
        return reply({"projects": c.store.project_views()})

    async def v1_aggs_get(request: Request, crawl_id: str) -> Response:
        """GET /api/crawls/{id}/aggs?aggs=<RISON list>: the same aggregations as the POST form."""
        c = await call(app, request, READ)
        raw = c.query.get("aggs")
        if raw is None:
            raise bad("aggs", "aggs is required (RISON, e.g. !((fields:'depth')))")
        return reply(
            run_aggs(c.store.crawl_table(crawl_id, "pages"), decode_rison(raw, "aggs"), v1=True, filters=QUICKFILTERS)
        )

    async def v1_aggs_post(request: Request, crawl_id: str) -> Response:
        c = await call(app, request, READ)
        body = await json_body(app, request)
        aggs = body.get("aggs") if isinstance(body, dict) else None
        return reply(run_aggs(c.store.crawl_table(crawl_id, "pages"), aggs, v1=True, filters=QUICKFILTERS))

    async def v1_url_explorer(request: Request, crawl_id: str) -> Response:
        """GET /api/crawls/{id}/url-explorer?base_filters=&oql=&fields=a,b&limit=&offset=&sort=f:desc."""
        c = await call(app, request, READ)
        params = c.query
        table = c.store.crawl_table(crawl_id, "pages")
        base = params.get("base_filters", "all_pages")
        if base not in QUICKFILTERS:
            raise bad("base_filters", f"unknown quick filter {base!r}")
        oql = decode_rison(params["oql"], "oql") if params.get("oql") else None
        nodes = [n for n in (compile_oql(QUICKFILTERS[base], PAGES), compile_oql(oql, PAGES)) if n is not None]
        node = nodes[0] if len(nodes) == 1 else Branch("and", tuple(nodes)) if nodes else None
        fields = field_list(params.get("fields"), PAGES, EXPLORER_FIELDS)
        limit = integer(params.get("limit"), "limit", 100, minimum=1)
        offset = integer(params.get("offset"), "offset", 0)
        if offset + limit > 10_000:
            raise bad("limit", "offset + limit must not exceed 10000")
        rows, total = table.page(fields, node, sort_keys(params.get("sort"), PAGES), offset, limit)
        meta = {"columns": fields, "in_cr": False, "total_hits": total, "total_pages": math.ceil(total / limit)}
        shown = oql if oql is not None else QUICKFILTERS[base] or None
        return reply({"meta": meta, "oql": shown, "urls": rows})

    async def v1_quickfilters(request: Request, project_id: str) -> Response:
        c = await call(app, request, READ)
        c.store.project(project_id)
        return reply({"quickfilters": [{"id": name, "name": name, "oql": oql} for name, oql in QUICKFILTERS.items()]})

    async def v1_querybuilder_fields(request: Request, crawl_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"fields": c.store.crawl_table(crawl_id, "pages").schema.describe()})

    routes: list[tuple[str, str, Callable[..., Any]]] = [
        ("/api/projects", "GET", v1_list_projects),
        ("/api/crawls/{crawl_id}/aggs", "GET", v1_aggs_get),
        ("/api/crawls/{crawl_id}/aggs", "POST", v1_aggs_post),
        ("/api/crawls/{crawl_id}/url-explorer", "GET", v1_url_explorer),
        ("/api/projects/{project_id}/quickfilters", "GET", v1_quickfilters),
        ("/api/crawls/{crawl_id}/querybuilder/fields", "GET", v1_querybuilder_fields),
    ]
    for path, method, endpoint in routes:
        router.add_api_route(path, endpoint, methods=[method], name=endpoint.__name__)
