"""The v2 data API: fields, search (one page, or a streamed export) and aggregations per crawl data type.

``/data/crawl/{id}/{pages|links|clusters|structured_data}`` and ``/data/crawl_over_crawl/{id}/pages``
(research §2.3; OC-MCP, OC-PHP). A search is a POST with a JSON body; the GET form takes the
same parameters in the query string, ``oql`` and ``sort`` RISON-encoded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
Endpoint = tuple[str, str, Callable[..., Awaitable[Response]], str]
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

    def endpoints(kind: str, table_of: Callable[[Call], Callable[[str, str], Table]]) -> list[Endpoint]:
        """fields, search (POST), aggs for one kind of source: a crawl, or a crawl over crawl.

        Each reads its path's ids from the request (FastAPI declaring them costs every call more).
        """

        async def fields(request: Request) -> Response:
            source_id, data_type = _source(request)
            c = await call(app, request, READ)
            return reply({"fields": table_of(c)(source_id, data_type).schema.describe()})

        async def search(request: Request) -> Response:
            source_id, data_type = _source(request)
            c = await call(app, request, READ)
            table = table_of(c)(source_id, data_type)
            return await _search(request, c, table, data_type, source_id, await json_body(app, request))

        async def aggregate(request: Request) -> Response:
            source_id, data_type = _source(request)
            c = await call(app, request, READ)
            body = await json_body(app, request)
            aggs = body.get("aggs") if isinstance(body, dict) else None
            return reply(run_aggs(table_of(c)(source_id, data_type), aggs))

        return [
            ("/fields", "GET", fields, f"get_{kind}_fields"),
            ("/aggs", "POST", aggregate, f"aggregate_{kind}_data"),
            ("", "POST", search, f"search_{kind}_data"),
        ]

    async def search_crawl_data_get(request: Request) -> Response:
        source_id, data_type = _source(request)
        c = await call(app, request, READ)
        table = c.store.crawl_table(source_id, data_type)
        return await _search(request, c, table, data_type, source_id, query_body(c))

    crawl, coc = v2 + "/data/crawl/{source_id}/{data_type}", v2 + "/data/crawl_over_crawl/{source_id}/{data_type}"
    routes = [(crawl + tail, method, endpoint, name) for tail, method, endpoint, name in endpoints("crawl", _crawls)]
    routes.append((crawl, "GET", search_crawl_data_get, "search_crawl_data_get"))
    routes += [(coc + tail, method, endpoint, name) for tail, method, endpoint, name in endpoints("coc", _cocs)]
    for path, method, endpoint, name in routes:
        router.add_api_route(path, endpoint, methods=[method], name=name)


def _source(request: Request) -> tuple[str, str]:
    """The crawl (or crawl over crawl) id and the data type of a data API path."""
    path = request.path_params
    return path["source_id"], path["data_type"]


def _crawls(c: Call) -> Callable[[str, str], Table]:
    return c.store.crawl_table


def _cocs(c: Call) -> Callable[[str, str], Table]:
    return c.store.coc_table
