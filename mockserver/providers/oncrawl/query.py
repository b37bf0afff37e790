"""Data API search: read a search body (fields, oql, sort, limit, offset), answer one page of rows.

Caps (research §2.3): offset + limit ≤ 10,000 on pages, limit ≤ 1,000 on links, else 400
invalid_request_parameters. Exports (export.py) have no cap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from mockserver.providers.oncrawl.errors import InvalidRequestParameters, field_error
from mockserver.providers.oncrawl.fields import Schema
from mockserver.providers.oncrawl.oql import Node, compile_oql
from mockserver.providers.oncrawl.table import SortKey, Table

PAGES_WINDOW = 10_000
LINKS_MAX_LIMIT = 1_000
DEFAULT_LIMIT = 10


def bad(name: str, message: str) -> InvalidRequestParameters:
    return InvalidRequestParameters(message, fields=[field_error(name, message)])


class Search(NamedTuple):
    """One search, read and checked (a tuple: made on every search, cheaply)."""

    fields: list[str]
    oql: Any
    node: Node | None
    sort: list[SortKey]
    offset: int
    limit: int


def integer(value: Any, name: str, default: int, minimum: int = 0) -> int:
    """A non-negative integer parameter: a JSON whole number, or query-string digits (ASCII, no spaces)."""
    if value is None or value == "":
        return default
    if type(value) is int:  # a JSON whole number (most calls); True and False are bools, not ints, here
        number = value
    elif isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        number = int(value)
    elif isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        raise bad(name, f"{name} must be an integer, got {value!r}")
    if number < minimum:
        raise bad(name, f"{name} must be at least {minimum}")
    return number


def field_list(value: Any, schema: Schema, default: Sequence[str]) -> list[str]:
    """``fields`` as a list (or a comma-separated string, as v1 takes it); each one must exist."""
    if value is None or value == [] or value == "":
        return list(default)
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise bad("fields", "fields must be a list of field names")
    names = [n.strip() for n in names]
    for name in names:
        if name not in schema:
            message = f"field {name!r} cannot be displayed: it does not exist"
            raise InvalidRequestParameters(message, fields=[field_error(name, message, "unknown_field")])
    return names


def sort_keys(value: Any, schema: Schema) -> list[SortKey]:
    """``[{"field": f, "order": "asc|desc"}]``, ``"f:desc"`` or ``["f:desc"]`` (clients send each)."""
    if value is None or value == [] or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    keys: list[SortKey] = []
    for item in items:
        if isinstance(item, dict):
            name, order = item.get("field"), str(item.get("order", "asc"))
        elif isinstance(item, str):
            name, _, order = item.partition(":")
            order = order or "asc"
        else:
            raise bad("sort", "sort is a list of {field, order} or a 'field:asc|desc' string")
        if not isinstance(name, str) or name not in schema:
            message = f"cannot sort on unknown field {name!r}"
            raise InvalidRequestParameters(message, fields=[field_error(str(name), message, "unknown_field")])
        if order.lower() not in ("asc", "desc"):
            raise bad("sort", f"sort order must be asc or desc, got {order!r}")
        keys.append((name, order.lower() == "desc"))
    return keys


def read_search(
    body: Mapping[str, Any], schema: Schema, data_type: str, default_fields: Sequence[str], capped: bool = True
) -> Search:
    """Check a search body against the schema and (unless exporting) the data type's caps."""
    fields = field_list(body.get("fields"), schema, default_fields)
    oql = body.get("oql")
    node = compile_oql(oql, schema)
    sort = sort_keys(body.get("sort"), schema)
    offset = integer(body.get("offset"), "offset", 0)
    limit = integer(body.get("limit"), "limit", DEFAULT_LIMIT)
    if capped and data_type == "pages" and offset + limit > PAGES_WINDOW:
        raise bad("limit", f"offset + limit must not exceed {PAGES_WINDOW} (use an export for more)")
    if capped and data_type == "links" and limit > LINKS_MAX_LIMIT:
        raise bad("limit", f"limit must not exceed {LINKS_MAX_LIMIT} on links")
    # tuple.__new__ itself: the named tuple's own __new__ is a Python function, a sixth of this one's cost.
    return _search(Search, (fields, oql if oql else None, node, sort, offset, limit))


_search = tuple.__new__


def run_search(table: Table, search: Search, key: str) -> dict[str, Any]:
    rows, total = table.page(search.fields, search.node, search.sort, search.offset, search.limit)
    meta = {"columns": search.fields, "total_hits": total, "offset": search.offset, "limit": search.limit}
    return {"meta": meta, "oql": search.oql, key: rows}
