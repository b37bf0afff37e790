"""Resource lists: offset, limit, ``sort=field:asc|desc`` and ``filters`` as RISON-encoded OQL.

RISON is decoded by the ``rison`` package (research §2.5), never by hand. A reply is
``{"<plural>": [...], "meta": {"offset", "limit", "total"}}`` (OC-PAG, OC-PHP).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockserver.providers.oncrawl.fields import Field, Schema
from mockserver.providers.oncrawl.oql import compile_oql
from mockserver.providers.oncrawl.query import bad, integer, sort_keys
from mockserver.providers.oncrawl.table import Table

LIST_DEFAULT_LIMIT = 10
LIST_MAX_LIMIT = 1_000


def decode_rison(text: str, name: str) -> Any:
    """A RISON value from a query parameter; bad RISON is the vendor's 400 (v1: 422) naming the parameter."""
    import rison  # type: ignore[import-untyped]  # loaded with the first filter, not at start

    try:
        return rison.loads(text)
    except Exception as exc:  # the decoder raises its own ParserException, ValueError or IndexError
        raise bad(name, f"{name} is not valid RISON: {exc}") from None


WORKSPACES = Schema(
    Field(name, kind, True) for name, kind in (("id", "string"), ("name", "string"), ("created_at", "date"))
)
PROJECTS = Schema(
    Field(name, kind, True)
    for name, kind in (
        ("id", "string"),
        ("name", "string"),
        ("domain", "string"),
        ("start_url", "string"),
        ("workspace_id", "string"),
        ("created_at", "date"),
        ("last_crawl_id", "string"),
        ("last_crawl_created_at", "date"),
    )
)
CRAWLS = Schema(
    Field(name, kind, True)
    for name, kind in (
        ("id", "string"),
        ("project_id", "string"),
        ("workspace_id", "string"),
        ("status", "string"),
        ("end_reason", "string"),
        ("created_at", "date"),
        ("ended_at", "date"),
        ("fetched_urls", "int"),
    )
)
CRAWL_CONFIGS = Schema(
    Field(name, kind, True)
    for name, kind in (
        ("id", "string"),
        ("project_id", "string"),
        ("name", "string"),
        ("start_url", "string"),
        ("max_url", "int"),
    )
)
SCHEDULED_CRAWLS = Schema(
    Field(name, kind, True)
    for name, kind in (
        ("id", "string"),
        ("project_id", "string"),
        ("config_id", "string"),
        ("start_date", "date"),
        ("recurrence", "string"),
    )
)
CRAWL_OVER_CRAWLS = Schema(
    Field(name, kind, True)
    for name, kind in (
        ("id", "string"),
        ("project_id", "string"),
        ("crawl_id", "string"),
        ("previous_crawl_id", "string"),
    )
)


def list_reply(
    plural: str, records: Sequence[dict[str, Any]], schema: Schema, params: Mapping[str, str]
) -> dict[str, Any]:
    """Filter, sort and slice ``records`` by the query parameters."""
    offset = integer(params.get("offset"), "offset", 0)
    limit = integer(params.get("limit"), "limit", LIST_DEFAULT_LIMIT)
    if limit > LIST_MAX_LIMIT:
        raise bad("limit", f"limit must not exceed {LIST_MAX_LIMIT}")
    raw_filters = params.get("filters")
    node = compile_oql(decode_rison(raw_filters, "filters"), schema, "filters") if raw_filters else None
    sort = sort_keys(params.get("sort"), schema)
    table = Table.from_records(schema, records)
    indices, total = table.select(node, sort)
    chosen = list(indices)[offset : offset + limit]
    return {plural: [records[i] for i in chosen], "meta": {"offset": offset, "limit": limit, "total": total}}
