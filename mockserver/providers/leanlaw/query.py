"""The list engine: ``select``, ``sort``, filters, ``limit`` and ``offset`` read against one endpoint's table.

seeds/leanlaw-request-response-patterns.txt: select tokens are comma-separated, a leading hyphen
drops one that is on by default; lists hold at most 1,000 items and say the total. The OpenAPI
document gives each endpoint's select fields, sort fields (``-`` for descending) and filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.errors import InvalidRequest

MAX_LIMIT = 1000

#: key(record, store) -> a comparable value; None sorts first ascending (as SQL Server does).
SortKey = Callable[[Any, Any], Any]
#: test(record, value, store) -> whether the record matches the filter's parsed value.
Test = Callable[[Any, Any, Any], bool]


@dataclass(frozen=True)
class Filter:
    """One filter parameter: how its text is read and how a record is tested against the value."""

    name: str
    parse: Callable[[str, str], Any]
    #: None: the parameter is read (and checked) but only shapes another filter's value.
    test: Test | None
    #: What ``test`` gets from all parsed values (default: this filter's own).
    value_of: Callable[[Mapping[str, Any]], Any] | None = None

    def bound(self, values: Mapping[str, Any]) -> tuple[Test, Any] | None:
        if self.test is None or self.name not in values:
            return None
        return self.test, (self.value_of(values) if self.value_of else values[self.name])


@dataclass(frozen=True, eq=False)
class ListSpec:
    """One list endpoint as its OpenAPI operation describes it (each one is its own: compared by identity)."""

    operation: str
    select: tuple[str, ...] = ()
    defaults: frozenset[str] = frozenset()
    sort: Mapping[str, SortKey] = field(default_factory=dict)
    default_sort: str | None = None
    filters: tuple[Filter, ...] = ()
    paged: bool = True


class ListQuery(NamedTuple):
    """One request's list parameters, read and checked (a tuple: made on every list call, cheaply)."""

    include: frozenset[str]
    sort: tuple[tuple[str, bool], ...]
    sort_text: str | None
    filters: Mapping[str, Any]
    limit: int
    offset: int


#: How many distinct ``select`` and ``sort`` texts each reader keeps parsed (clients send few).
PARSED = 256


@lru_cache(maxsize=PARSED)
def read_select(spec: ListSpec, raw: str | None) -> frozenset[str]:
    """The tokens to include: the defaults, then each token in order (``-x`` removes x; later wins)."""
    chosen = set(spec.defaults)
    for part in (raw or "").split(","):
        token = part.strip()
        if not token:
            continue
        drop = token.startswith("-")
        name = _canonical(token.lstrip("-+").strip(), spec.select)
        if name is None:
            supported = ", ".join(spec.select)
            raise InvalidRequest(f"Unknown select field '{token}'. Supported fields: {supported}.", field="select")
        (chosen.discard if drop else chosen.add)(name)
    return frozenset(chosen)


@lru_cache(maxsize=PARSED)
def read_sort(spec: ListSpec, raw: str | None) -> tuple[tuple[tuple[str, bool], ...], str | None]:
    """(field, descending) pairs and the text echoed in ``pagination.sort``; the default when none is asked."""
    text = raw if raw and raw.strip() else spec.default_sort
    if not text:
        return (), None
    keys: list[tuple[str, bool]] = []
    for part in text.split(","):
        token = part.strip()
        if not token:
            continue
        descending = token.startswith("-")
        name = _canonical(token.lstrip("-+").strip(), tuple(spec.sort))
        if name is None:
            supported = ", ".join(spec.sort)
            raise InvalidRequest(f"Unknown sort field '{token}'. Supported sort fields: {supported}.", field="sort")
        keys.append((name, descending))
    echo = ",".join(("-" if desc else "") + name for name, desc in keys)
    return tuple(keys), echo or None


def read_query(spec: ListSpec, query: Mapping[str, str]) -> ListQuery:
    """Every list parameter of one request, checked; the first bad one is a 400 naming it."""
    get = query.get
    include = read_select(spec, get("select")) if spec.select else frozenset()
    sort, sort_text = read_sort(spec, get("sort")) if spec.sort else ((), None)
    values: dict[str, Any] = {}
    for item in spec.filters:
        raw = get(item.name)
        if raw:  # an empty value is no filter
            values[item.name] = item.parse(raw, item.name)
    limit, offset = MAX_LIMIT, 0
    if spec.paged:
        if (raw := get("limit")) is not None:
            limit = params.integer(raw, "limit", 1, MAX_LIMIT)
        if (raw := get("offset")) is not None:
            offset = params.integer(raw, "offset", 0, params.INT32_MAX)
    # tuple.__new__ itself: the named tuple's own __new__ is a Python function costing a fifth of this one.
    return _query(ListQuery, (include, sort, sort_text, values, limit, offset))


_query = tuple.__new__


def run(spec: ListSpec, query: ListQuery, records: Sequence[Any], store: Any) -> tuple[list[Any], int]:
    """Filter, sort and slice: the page and the number of records that matched every filter."""
    matched = sort(spec, query, matching(spec, query, records, store), store)
    return matched[query.offset : query.offset + query.limit], len(matched)


def matching(spec: ListSpec, query: ListQuery, records: Sequence[Any], store: Any) -> list[Any]:
    """The records that pass every filter the query sets, in their stored order."""
    tests = [bound for f in spec.filters if (bound := f.bound(query.filters)) is not None]
    if not tests:
        return list(records)
    return [r for r in records if all(test(r, value, store) for test, value in tests)]


def sort(spec: ListSpec, query: ListQuery, records: list[Any], store: Any) -> list[Any]:
    """``records`` (in creation order) sorted by the query's keys, last key first, so ties keep their order."""
    for name, descending in reversed(query.sort):
        records.sort(key=_keyed(spec.sort[name], store), reverse=descending)
    return records


def pagination(query: ListQuery, total: int) -> dict[str, Any]:
    return {"limit": query.limit, "offset": query.offset, "total": total, "sort": query.sort_text}


def _canonical(name: str, known: tuple[str, ...]) -> str | None:
    folded = name.casefold()
    return next((k for k in known if k.casefold() == folded), None)


def _keyed(key: SortKey, store: Any) -> Callable[[Any], tuple[bool, Any]]:
    """A sort key that compares text without regard to case and puts nulls first."""

    def ordered(record: Any) -> tuple[bool, Any]:
        value = key(record, store)
        if isinstance(value, str):
            value = value.casefold()
        return (value is not None, value if value is not None else 0)

    return ordered
