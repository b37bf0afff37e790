"""Aggregations: group matching rows by dimensions (or ranges of a number) and count or measure them.

Request (research §2.1/§2.3): ``{"aggs": [{"oql"?, "fields": [{"name": f} | {"name": f, "ranges":
[{"name", "from", "to"}]}], "value": "count" | "<field>:<method>"}]}``; v1 also takes ``fields`` as
``"a,b"`` and ``filters`` naming a quick filter. Reply: one ``{"cols": [...], "rows": [[...]]}`` per
aggregation; the value column is ``count`` (v1: ``page_count``) or the value expression itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mockserver.providers.oncrawl.fields import METRICS, Schema
from mockserver.providers.oncrawl.oql import Branch, Node, compile_oql
from mockserver.providers.oncrawl.query import bad
from mockserver.providers.oncrawl.table import Table

MAX_AGGS = 20

Dimension = tuple[str, Callable[[Any], Any]]


def run_aggs(
    table: Table, aggs: Any, *, v1: bool = False, filters: Mapping[str, Any] | None = None
) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(aggs, list) or not aggs:
        raise bad("aggs", "aggs must be a non-empty list of aggregations")
    if len(aggs) > MAX_AGGS:
        raise bad("aggs", f"at most {MAX_AGGS} aggregations in one request")
    return {"aggs": [_one(table, agg, f"aggs[{i}]", v1, filters or {}) for i, agg in enumerate(aggs)]}


def _one(table: Table, agg: Any, where: str, v1: bool, filters: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(agg, dict):
        raise bad(where, "an aggregation is an object with fields, value and oql")
    schema = table.schema
    nodes: list[Node] = []
    quick = agg.get("filters")
    if quick is not None:
        if not isinstance(quick, str) or quick not in filters:
            raise bad(f"{where}.filters", f"unknown quick filter {quick!r}")
        node = compile_oql(filters[quick], schema, f"{where}.filters")
        nodes += [node] if node else []
    node = compile_oql(agg.get("oql"), schema, f"{where}.oql")
    nodes += [node] if node else []
    dims = _dimensions(agg.get("fields"), schema, where)
    value_name, measured, method = _value(agg.get("value"), schema, where, v1)
    combined = nodes[0] if len(nodes) == 1 else Branch("and", tuple(nodes)) if nodes else None
    indices, _ = table.select(combined)
    measured_col = table.column(measured) if measured else None
    columns = [(table.column(name), key) for name, key in dims]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i in indices:
        bucket = tuple(key(col[i]) for col, key in columns)
        if _MISSING in bucket:
            continue
        groups.setdefault(bucket, []).append(i)
    if not dims and not groups:
        groups[()] = []
    ordered = sorted(groups.items(), key=_order)
    rows = [[*map(_shown, bucket), _measure(measured_col, method, members)] for bucket, members in ordered]
    return {"cols": [name for name, _ in dims] + [value_name], "rows": rows}


_MISSING = object()


class _Bucket(int):
    """A range bucket: sorts by the range's position in the request, shows as the range's name."""

    name: str

    def __new__(cls, position: int, name: str) -> _Bucket:
        bucket = super().__new__(cls, position)
        bucket.name = name
        return bucket


def _order(item: tuple[tuple[Any, ...], list[int]]) -> tuple[Any, ...]:
    return tuple((v is None, str(type(v)), v if v is not None else 0) for v in item[0])


def _shown(v: Any) -> Any:
    return v.name if isinstance(v, _Bucket) else v


def _dimensions(value: Any, schema: Schema, where: str) -> list[Dimension]:
    if value is None or value == "" or value == []:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise bad(f"{where}.fields", "fields is a list of {name} or {name, ranges}")
    dims: list[Dimension] = []
    for item in items:
        spec = {"name": item.strip()} if isinstance(item, str) else item
        name = spec.get("name") if isinstance(spec, dict) else None
        if not isinstance(name, str) or name not in schema:
            raise bad(f"{where}.fields", f"unknown field {name!r}")
        field = schema[name]
        ranges = spec.get("ranges")
        if ranges is not None:
            if field.type not in ("int", "float", "date"):
                raise bad(f"{where}.fields", f"ranges need a number field; {name!r} is {field.type}")
            dims.append((name, _ranges(ranges, f"{where}.fields")))
        elif not field.dimension:
            raise bad(f"{where}.fields", f"field {name!r} cannot be used as an aggregation dimension")
        else:
            dims.append((name, _same))
    return dims


def _same(v: Any) -> Any:
    return v


def _ranges(ranges: Any, where: str) -> Callable[[Any], Any]:
    if not isinstance(ranges, list) or not ranges:
        raise bad(where, "ranges is a non-empty list of {name, from, to}")
    checked: list[tuple[str, float | None, float | None]] = []
    for r in ranges:
        if not isinstance(r, dict) or not isinstance(r.get("name"), str):
            raise bad(where, "each range has a name and a from and/or to")
        low, high = r.get("from"), r.get("to")
        for bound in (low, high):
            if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float)):
                raise bad(where, f"range bounds must be numbers, got {bound!r}")
        checked.append((r["name"], low, high))

    def bucket(v: Any) -> Any:
        if v is None:
            return _MISSING
        for position, (name, low, high) in enumerate(checked):
            if (low is None or v >= low) and (high is None or v < high):
                return _Bucket(position, name)
        return _MISSING

    return bucket


def _value(value: Any, schema: Schema, where: str, v1: bool) -> tuple[str, str | None, str]:
    """(column name, measured field or None for a row count, method)."""
    if value is None or value == "count":
        return ("page_count" if v1 else "count"), None, "count"
    if not isinstance(value, str) or ":" not in value:
        raise bad(f"{where}.value", "value is 'count' or '<field>:<method>'")
    name, _, method = value.partition(":")
    if name not in schema:
        raise bad(f"{where}.value", f"unknown field {name!r}")
    allowed = METRICS[schema[name].type]
    if method not in allowed:
        raise bad(f"{where}.value", f"method {method!r} is not available on {name!r} (use {', '.join(allowed)})")
    return value, name, method


def _measure(col: Sequence[Any] | None, method: str, members: Sequence[int]) -> Any:
    if col is None:
        return len(members)
    present = [v for v in map(col.__getitem__, members) if v is not None]
    if method == "value_count":
        return len(present)
    if method == "cardinality":
        return len(set(present))
    if not present:
        return None
    if method == "sum":
        return sum(present)
    if method == "avg":
        return round(sum(present) / len(present), 4)
    return min(present) if method == "min" else max(present)
