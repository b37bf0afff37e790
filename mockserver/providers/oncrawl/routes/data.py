"""The v2 data API: fields, search (one page, or a streamed export) and aggregations per crawl data type.

``/data/crawl/{id}/{pages|links|clusters|structured_data}`` and ``/data/crawl_over_crawl/{id}/pages``
(research §2.3; OC-MCP, OC-PHP). A search is a POST with a JSON body; the GET form takes the
same parameters in the query string, ``oql`` and ``sort`` RISON-encoded.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response, StreamingResponse

from mockserver.providers.oncrawl.aggs import run_aggs
from mockserver.providers.oncrawl.auth import OnCrawlApp
from mockserver.providers.oncrawl.export import FILE_TYPES, export_rows
from mockserver.providers.oncrawl.listing import decode_rison
from mockserver.providers.oncrawl.query import bad, read_search, run_search
from mockserver.providers.oncrawl.routes.call import Call, call, json_body, reply
from mockserver.providers.oncrawl.table import Table

READ = "project:read"
#: Key of the rows in a search reply, and the fields shown when a search names none.
ROWS = {"pages": "urls", "links": "links", "clusters": "clusters", "structured_data": "structured_data"}
DEFAULT_FIELDS = {
    "pages": ["url"],
    "links": ["origin", "target"],
    "clusters": ["cluster_id", "url"],
    "structured_data": ["url", "type"],
}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def query_body(c: Call) -> dict[str, Any]:
    """The GET form of a search: fields as a comma list, oql and sort as RISON."""
    params = c.query
    body: dict[str, Any] = {k: params[k] for k in ("fields", "limit", "offset", "sort") if k in params}
    if "oql" in params:
        body["oql"] = decode_rison(params["oql"], "oql")
    if str(body.get("sort", "")).startswith(("(", "!(")):
        body["sort"] = decode_rison(body["sort"], "sort")
    return body


def add_routes(router: APIRouter, app: OnCrawlApp, v2: str) -> None:
    async def _search(request: Request, c: Call, table: Table, data_type: str, name: str, body: Any) -> Response:
        if body is None:
            body = {}
        if not isinstance(body, dict):
            raise bad("body", "a search body is a JSON object with fields, oql, sort, limit and offset")
        params = c.query
        if _truthy(params.get("export", body.get("export", False))):
            file_type = str(params.get("file_type", body.get("file_type", "csv")))
            if file_type not in FILE_TYPES:
                raise bad("file_type", "file_type must be csv or json")
            search = read_search(body, table.schema, data_type, DEFAULT_FIELDS.get(data_type, ["url"]), capped=False)
            extension = "csv" if file_type == "csv" else "jsonl"
            disposition = f'attachment; filename="{name}_{data_type}.{extension}"'
            return StreamingResponse(
                export_rows(table, search, file_type),
                media_type=FILE_TYPES[file_type],
                headers={"Content-Disposition": disposition},
            )
        search = read_search(body, table.schema, data_type, DEFAULT_FIELDS.get(data_type, ["url"]))
        return reply(run_search(table, search, ROWS.get(data_type, "urls")))

    async def get_crawl_fields(request: Request, crawl_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        return reply({"fields": c.store.crawl_table(crawl_id, data_type).schema.describe()})

    async def search_crawl_data(request: Request, crawl_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        table = c.store.crawl_table(crawl_id, data_type)
        return await _search(request, c, table, data_type, crawl_id, await json_body(app, request))

    async def search_crawl_data_get(request: Request, crawl_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        table = c.store.crawl_table(crawl_id, data_type)
        return await _search(request, c, table, data_type, crawl_id, query_body(c))

    async def aggregate_crawl_data(request: Request, crawl_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        body = await json_body(app, request)
        aggs = body.get("aggs") if isinstance(body, dict) else None
        return reply(run_aggs(c.store.crawl_table(crawl_id, data_type), aggs))

    async def get_coc_fields(request: Request, coc_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        return reply({"fields": c.store.coc_table(coc_id, data_type).schema.describe()})

    async def search_coc_data(request: Request, coc_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        table = c.store.coc_table(coc_id, data_type)
        return await _search(request, c, table, data_type, coc_id, await json_body(app, request))

    async def aggregate_coc_data(request: Request, coc_id: str, data_type: str) -> Response:
        c = await call(app, request, READ)
        body = await json_body(app, request)
        aggs = body.get("aggs") if isinstance(body, dict) else None
        return reply(run_aggs(c.store.coc_table(coc_id, data_type), aggs))

    crawl, coc = v2 + "/data/crawl/{crawl_id}/{data_type}", v2 + "/data/crawl_over_crawl/{coc_id}/{data_type}"
    routes = [
        (crawl + "/fields", "GET", get_crawl_fields),
        (crawl + "/aggs", "POST", aggregate_crawl_data),
        (crawl, "POST", search_crawl_data),
        (crawl, "GET", search_crawl_data_get),
        (coc + "/fields", "GET", get_coc_fields),
        (coc + "/aggs", "POST", aggregate_coc_data),
        (coc, "POST", search_coc_data),
    ]
    for path, method, endpoint in routes:
        router.add_api_route(path, endpoint, methods=[method], name=endpoint.__name__)
