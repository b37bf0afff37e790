"""OQL over a small hand-made table: every operator, and/or/not, coercion, and the 400s."""

from __future__ import annotations

from typing import Any

import pytest

from mockserver.providers.oncrawl.errors import InvalidRequestParameters
from mockserver.providers.oncrawl.fields import Field, Schema
from mockserver.providers.oncrawl.listing import decode_rison
from mockserver.providers.oncrawl.oql import compile_oql
from mockserver.providers.oncrawl.table import Table

SCHEMA = Schema(
    [
        Field("url", "string"),
        Field("status_code", "int", True),
        Field("load_time", "float"),
        Field("indexable", "bool", True),
        Field("fetch_date", "date"),
    ]
)
ROWS: list[dict[str, Any]] = [
    {"url": "https://a.example/", "status_code": 200, "load_time": 120.5, "indexable": True, "fetch_date": 1000},
    {"url": "https://a.example/blog/x", "status_code": 404, "load_time": 40.0, "indexable": False, "fetch_date": 2000},
    {"url": "https://a.example/blog/y", "status_code": 200, "load_time": None, "indexable": True, "fetch_date": 3000},
    {"url": "https://a.example/shop/z.html", "status_code": 301, "load_time": 900.0, "indexable": None},
]


def urls(oql: Any) -> list[str]:
    table = Table.from_records(SCHEMA, ROWS)
    indices, total = table.select(compile_oql(oql, SCHEMA))
    found = [ROWS[i]["url"].removeprefix("https://a.example") for i in indices]
    assert total == len(found)
    return found


@pytest.mark.parametrize(
    ("leaf", "expected"),
    [
        (["status_code", "equals", 200], ["/", "/blog/y"]),
        (["status_code", "equals", "200"], ["/", "/blog/y"]),
        (["status_code", "not_equals", 200], ["/blog/x", "/shop/z.html"]),
        (["url", "contains", "blog"], ["/blog/x", "/blog/y"]),
        (["url", "startswith", "https://a.example/shop"], ["/shop/z.html"]),
        (["url", "endswith", ".html"], ["/shop/z.html"]),
        (["load_time", "gt", 120.5], ["/shop/z.html"]),
        (["load_time", "gte", 120.5], ["/", "/shop/z.html"]),
        (["load_time", "lt", 120.5], ["/blog/x"]),
        (["load_time", "lte", 120.5], ["/", "/blog/x"]),
        (["status_code", "one_of", [301, 404]], ["/blog/x", "/shop/z.html"]),
        (["load_time", "has_value", ""], ["/", "/blog/x", "/shop/z.html"]),
        (["load_time", "has_no_value"], ["/blog/y"]),
        (["indexable", "equals", True], ["/", "/blog/y"]),
        (["indexable", "equals", "false"], ["/blog/x"]),
        (["fetch_date", "gte", "1970-01-01T00:00:02Z"], ["/blog/x", "/blog/y"]),
    ],
)
def test_leaf_operator_keeps_the_matching_rows(leaf: list[Any], expected: list[str]) -> None:
    assert urls({"field": leaf}) == expected


def test_and_or_not_combine() -> None:
    blog = {"field": ["url", "contains", "/blog/"]}
    ok = {"field": ["status_code", "equals", 200]}
    assert urls({"and": [blog, ok]}) == ["/blog/y"]
    assert urls({"or": [blog, ok]}) == ["/", "/blog/x", "/blog/y"]
    assert urls({"not": blog}) == ["/", "/shop/z.html"]
    assert urls({"not": [{"or": [blog, ok]}]}) == ["/shop/z.html"]


def test_empty_filter_keeps_every_row() -> None:
    assert len(urls(None)) == 4
    assert len(urls({})) == 4


@pytest.mark.parametrize(
    ("oql", "name", "kind"),
    [
        ({"field": ["nope", "equals", 1]}, "nope", "unknown_field"),
        ({"field": ["url", "gt", "a"]}, "oql", "invalid"),
        ({"field": ["status_code", "contains", "2"]}, "oql", "invalid"),
        ({"field": ["status_code", "equals", "two hundred"]}, "oql", "invalid"),
        ({"field": ["status_code", "one_of", 200]}, "oql", "invalid"),
        ({"field": ["status_code", "equals"]}, "oql", "invalid"),
        ({"xor": []}, "oql", "invalid"),
        ({"and": []}, "oql", "invalid"),
        ({"and": [{"field": ["x", "equals", 1]}]}, "x", "unknown_field"),
        ([1, 2], "oql", "invalid"),
    ],
)
def test_bad_oql_is_invalid_request_parameters(oql: Any, name: str, kind: str) -> None:
    with pytest.raises(InvalidRequestParameters) as caught:
        compile_oql(oql, SCHEMA)
    assert caught.value.status == 400
    assert caught.value.fields is not None
    assert caught.value.fields[0]["name"].split(".")[0] == name
    assert caught.value.fields[0]["type"] == kind


def test_rison_filters_decode_to_oql() -> None:
    tree = decode_rison("(and:!((field:!(status_code,one_of,!(301,404))),(field:!(url,contains,blog))))", "filters")
    assert tree == {"and": [{"field": ["status_code", "one_of", [301, 404]]}, {"field": ["url", "contains", "blog"]}]}
    assert urls(tree) == ["/blog/x"]


@pytest.mark.parametrize("text", ["(field:!(a,b", "!(1,,2)", "(a:'x)", "", "(a:1)junk", "!z"])
def test_bad_rison_is_invalid_request_parameters(text: str) -> None:
    with pytest.raises(InvalidRequestParameters) as caught:
        decode_rison(text, "filters")
    assert caught.value.fields == [{"name": "filters", "type": "invalid", "message": caught.value.message}]


def test_sort_puts_rows_without_a_value_last_both_ways() -> None:
    table = Table.from_records(SCHEMA, ROWS)
    rows, total = table.page(["url"], None, [("load_time", False)], 0, 10)
    assert [r["url"][-6:] for r in rows] == ["blog/x", "ample/", "z.html", "blog/y"]
    rows, _ = table.page(["url"], None, [("load_time", True)], 0, 10)
    assert [r["url"][-6:] for r in rows] == ["z.html", "ample/", "blog/x", "blog/y"]
    assert total == 4


def test_a_schema_keeps_each_filter_it_compiled() -> None:
    schema = Schema([Field("url", "string"), Field("status_code", "int")])
    tree = {"and": [{"field": ["url", "contains", "blog"]}, {"field": ["status_code", "equals", 200]}]}
    first = compile_oql(tree, schema)
    assert (
        compile_oql(
            {"and": [{"field": ["url", "contains", "blog"]}, {"field": ["status_code", "equals", 200]}]}, schema
        )
        is first
    )
    assert compile_oql(tree, Schema([Field("url", "string"), Field("status_code", "int")])) == first


def test_filters_that_differ_only_in_their_values_type_are_compiled_apart() -> None:
    assert urls({"field": ["url", "equals", "True"]}) == []
    with pytest.raises(InvalidRequestParameters):
        compile_oql({"field": ["url", "equals", True]}, SCHEMA)
    assert urls({"field": ["status_code", "equals", "301"]}) == ["/shop/z.html"]
    with pytest.raises(InvalidRequestParameters):
        compile_oql({"field": ["status_code", "equals", 301.5]}, SCHEMA)
    assert urls({"field": ["status_code", "one_of", [200]]}) == ["/", "/blog/y"]
    assert urls({"field": ["status_code", "one_of", [301.0]]}) == ["/shop/z.html"]


def test_a_bad_filter_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(InvalidRequestParameters):
            compile_oql({"field": ["status_code", "equals", "two hundred"]}, SCHEMA)


def test_a_schema_keeps_at_most_256_compiled_filters_and_answers_right_past_them() -> None:
    schema = Schema([Field("status_code", "int")])
    table = Table.from_records(schema, [{"status_code": n} for n in range(300)])
    for n in range(300):
        indices, total = table.select(compile_oql({"field": ["status_code", "equals", n]}, schema))
        assert (list(indices), total) == ([n], 1)
        assert len(schema.compiled) <= 256
    assert len(schema.compiled) == 300 - 256
