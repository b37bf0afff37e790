"""Field schemas of the data API (pages, links, clusters, structured data, crawl over crawl) and of resources.

The ``/fields`` reply lists name, type, arity, actions (OQL operators), aggregation abilities and
the can_display / can_filter / can_sort flags (research §2.3, as OC-MCP and OC-R read them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

STRING_OPS = ("equals", "not_equals", "contains", "startswith", "endswith", "one_of", "has_value", "has_no_value")
NUMBER_OPS = ("equals", "not_equals", "gt", "gte", "lt", "lte", "one_of", "has_value", "has_no_value")
BOOL_OPS = ("equals", "not_equals", "has_value", "has_no_value")
OPERATORS: dict[str, tuple[str, ...]] = {
    "string": STRING_OPS,
    "int": NUMBER_OPS,
    "float": NUMBER_OPS,
    "date": NUMBER_OPS,
    "bool": BOOL_OPS,
}
METRICS: dict[str, tuple[str, ...]] = {
    "string": ("value_count", "cardinality"),
    "int": ("min", "max", "avg", "sum", "value_count", "cardinality"),
    "float": ("min", "max", "avg", "sum", "value_count", "cardinality"),
    "date": ("min", "max", "value_count", "cardinality"),
    "bool": ("value_count", "cardinality"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    #: Usable as an aggregation dimension (group by).
    dimension: bool = False
    category: str = "main"

    @property
    def operators(self) -> tuple[str, ...]:
        return OPERATORS[self.type]

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "arity": "one",
            "category": self.category,
            "values": None,
            "actions": list(self.operators),
            "agg_dimension": self.dimension,
            "agg_metric_methods": list(METRICS[self.type]),
            "can_display": True,
            "can_filter": True,
            "can_sort": True,
        }


class Schema(Mapping[str, Field]):
    """Fields by name, in display order."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self._fields = {f.name: f for f in fields}
        #: OQL trees compiled against this schema, by their text (kept by ``oql.compile_oql``).
        self.compiled: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Field:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def get(self, name: str, default: Any = None) -> Any:  # Mapping's, without its KeyError on a miss
        return self._fields.get(name, default)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def describe(self) -> list[dict[str, Any]]:
        return [f.describe() for f in self._fields.values()]


def _f(name: str, type_: str, dimension: bool = False, category: str = "main") -> Field:
    return Field(name, type_, dimension, category)


PAGES = Schema(
    [
        _f("url", "string"),
        _f("urlpath", "string"),
        _f("host", "string", True),
        _f("page_group", "string", True),
        _f("depth", "int", True),
        _f("status_code", "int", True),
        _f("fetched", "bool", True),
        _f("fetch_date", "date"),
        _f("content_type", "string", True),
        _f("title", "string", True, "content"),
        _f("h1", "string", True, "content"),
        _f("meta_description", "string", False, "content"),
        _f("word_count", "int", False, "content"),
        _f("language", "string", True, "content"),
        _f("canonical_url", "string", False, "indexability"),
        _f("meta_robots", "string", True, "indexability"),
        _f("x_robots_tag", "string", True, "indexability"),
        _f("indexable", "bool", True, "indexability"),
        _f("indexable_reason", "string", True, "indexability"),
        _f("redirect_to", "string", False, "indexability"),
        _f("follow_inlinks", "int", True, "linking"),
        _f("nofollow_inlinks", "int", False, "linking"),
        _f("follow_outlinks", "int", False, "linking"),
        _f("nofollow_outlinks", "int", False, "linking"),
        _f("inrank", "float", True, "linking"),
        _f("load_time", "int", False, "performance"),
        _f("gsc_clicks", "int", False, "gsc"),
        _f("gsc_impressions", "int", False, "gsc"),
        _f("gsc_ctr", "float", False, "gsc"),
        _f("gsc_position", "float", False, "gsc"),
    ]
)

LINKS = Schema(
    [
        _f("origin", "string"),
        _f("target", "string"),
        _f("anchor", "string", True),
        _f("follow", "bool", True),
        _f("intern", "bool", True),
        _f("origin_page_group", "string", True),
        _f("origin_depth", "int", True),
        _f("target_status_code", "int", True),
        _f("target_depth", "int", True),
    ]
)

CLUSTERS = Schema(
    [
        _f("cluster_id", "int", True),
        _f("cluster_size", "int", True),
        _f("url", "string"),
        _f("title", "string"),
        _f("similarity", "float"),
        _f("status_code", "int", True),
        _f("page_group", "string", True),
    ]
)

STRUCTURED_DATA = Schema(
    [
        _f("url", "string"),
        _f("type", "string", True),
        _f("format", "string", True),
        _f("properties_count", "int"),
        _f("errors_count", "int", True),
        _f("valid", "bool", True),
        _f("page_group", "string", True),
    ]
)

COC_PAGES = Schema(
    [
        _f("url", "string"),
        _f("change_type", "string", True),
        _f("page_group", "string", True),
        _f("previous_status_code", "int", True),
        _f("current_status_code", "int", True),
        _f("previous_depth", "int", True),
        _f("current_depth", "int", True),
        _f("previous_title", "string"),
        _f("current_title", "string"),
        _f("previous_follow_inlinks", "int"),
        _f("current_follow_inlinks", "int"),
    ]
)

#: The crawl data types and their schemas (research §2.3: pages, links, clusters, structured_data).
CRAWL_DATA: dict[str, Schema] = {
    "pages": PAGES,
    "links": LINKS,
    "clusters": CLUSTERS,
    "structured_data": STRUCTURED_DATA,
}
COC_DATA: dict[str, Schema] = {"pages": COC_PAGES}
