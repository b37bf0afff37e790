"""The data API: fields, OQL search with caps, streamed exports (CSV and JSON Lines), aggregations."""

from __future__ import annotations

import csv
import io

import orjson
import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.oncrawl.conftest import COC, CRAWL, V2, Api, v2_error

PAGES = f"{V2}/data/crawl/{CRAWL}/pages"


@pytest.fixture
def api(reader: Api) -> Api:
    return reader


@pytest.mark.parametrize("data_type", ["pages", "links", "clusters", "structured_data"])
def test_fields_name_type_and_capabilities(api: Api, data_type: str) -> None:
    fields = api.ok("GET", f"{V2}/data/crawl/{CRAWL}/{data_type}/fields")["fields"]
    assert fields
    for field in fields:
        assert {"name", "type", "arity", "actions", "agg_dimension", "agg_metric_methods"} <= set(field)
        assert field["type"] in ("string", "int", "float", "bool", "date")
        assert {"can_display", "can_filter", "can_sort"} <= set(field)


def test_pages_fields_describe_status_code(api: Api) -> None:
    fields = {f["name"]: f for f in api.ok("GET", f"{PAGES}/fields")["fields"]}
    status = fields["status_code"]
    assert (status["type"], status["agg_dimension"]) == ("int", True)
    assert status["actions"] == [
        "equals",
        "not_equals",
        "gt",
        "gte",
        "lt",
        "lte",
        "one_of",
        "has_value",
        "has_no_value",
    ]
    assert "contains" in fields["url"]["actions"]


def test_search_pages_with_oql_counts_every_hit_and_pages_them(api: Api) -> None:
    oql = {"and": [{"field": ["urlpath", "startswith", "/product/"]}, {"field": ["status_code", "equals", 200]}]}
    body = {"fields": ["url", "status_code", "depth"], "oql": oql, "limit": 5, "offset": 0}
    first = api.ok("POST", PAGES, json=body)
    assert first["meta"]["columns"] == ["url", "status_code", "depth"]
    assert first["oql"] == oql
    assert len(first["urls"]) == 5
    assert all(
        u["url"].startswith("https://www.shop.example/product/") and u["status_code"] == 200 for u in first["urls"]
    )
    total = first["meta"]["total_hits"]
    assert 900 < total < 1200
    last = api.ok("POST", PAGES, json={**body, "offset": total - 2})
    assert len(last["urls"]) == 2


def test_search_sort_desc_by_inlinks(api: Api) -> None:
    body = {"fields": ["url", "follow_inlinks"], "sort": [{"field": "follow_inlinks", "order": "desc"}], "limit": 3}
    rows = api.ok("POST", PAGES, json=body)["urls"]
    assert rows[0]["follow_inlinks"] > 1000  # a page of the menu every page links to
    assert [r["follow_inlinks"] for r in rows] == sorted((r["follow_inlinks"] for r in rows), reverse=True)
    as_text = api.ok("POST", PAGES, json={**body, "sort": "follow_inlinks:desc"})["urls"]
    assert as_text == rows


def test_search_same_for_the_same_seed(reader: Api, clock: Clock) -> None:
    body = {"fields": ["url", "title", "load_time", "status_code"], "limit": 50, "offset": 100}
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as other:
        assert Api(other).ok("POST", PAGES, json=body) == reader.ok("POST", PAGES, json=body)
    with TestClient(create_app(Settings(seed=99), clock=clock)) as different:
        assert Api(different).ok("POST", PAGES, json=body) != reader.ok("POST", PAGES, json=body)


def test_search_get_form_takes_rison(api: Api) -> None:
    params = {"fields": "url,status_code", "oql": "(field:!(status_code,equals,404))", "limit": "3"}
    body = api.ok("GET", PAGES, params=params)
    assert [u["status_code"] for u in body["urls"]] == [404, 404, 404]


@pytest.mark.parametrize(
    ("path", "body", "name", "message"),
    [
        (
            PAGES,
            {"offset": 9990, "limit": 11},
            "limit",
            "offset + limit must not exceed 10000 (use an export for more)",
        ),
        (f"{V2}/data/crawl/{CRAWL}/links", {"limit": 1001}, "limit", "limit must not exceed 1000 on links"),
        (PAGES, {"limit": -1}, "limit", "limit must be at least 0"),
    ],
)
def test_search_caps_are_400(api: Api, path: str, body: dict, name: str, message: str) -> None:
    response = api.post(path, json=body)
    assert response.status_code == 400
    fields = [{"name": name, "type": "invalid", "message": message}]
    assert response.json() == v2_error("invalid_request_parameters", "invalid_parameters", message, fields)


def test_search_at_the_cap_is_fine(api: Api) -> None:
    assert api.post(PAGES, json={"offset": 9000, "limit": 1000}).status_code == 200
    assert api.post(f"{V2}/data/crawl/{CRAWL}/links", json={"limit": 1000}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [{"fields": ["url", "colour"]}, {"oql": {"field": ["colour", "equals", 1]}}, {"sort": "colour:asc"}],
)
def test_search_unknown_field_is_400(api: Api, body: dict) -> None:
    response = api.post(PAGES, json=body)
    assert response.status_code == 400
    assert response.json()["type"] == "invalid_request_parameters"
    assert response.json()["fields"][0]["name"] == "colour"
    assert response.json()["fields"][0]["type"] == "unknown_field"


def test_search_unknown_crawl_or_data_type_is_404(api: Api) -> None:
    unknown = api.post(f"{V2}/data/crawl/000000000000000000000000/pages", json={})
    assert unknown.json() == v2_error("resource_not_found", "not_found", "crawl 000000000000000000000000 not found")
    assert api.get(f"{V2}/data/crawl/{CRAWL}/logs/fields").status_code == 404


def test_export_csv_streams_every_hit_with_a_header(api: Api) -> None:
    response = api.post(
        PAGES, params={"export": "true", "file_type": "csv"}, json={"fields": ["url", "status_code", "indexable"]}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="{CRAWL}_pages.csv"'
    rows = list(csv.reader(io.StringIO(response.text), delimiter=";"))
    assert rows[0] == ["url", "status_code", "indexable"]
    assert len(rows) == 2001
    assert rows[1] == ["https://www.shop.example/", "200", "true"]


def test_export_json_lines_with_oql_has_no_window_cap(api: Api) -> None:
    body = {"fields": ["url", "depth"], "oql": {"field": ["depth", "gte", 3]}, "export": True, "file_type": "json"}
    response = api.post(PAGES, json=body)
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [orjson.loads(line) for line in response.content.splitlines()]
    total = api.ok("POST", PAGES, json={"oql": body["oql"]})["meta"]["total_hits"]
    assert len(lines) == total
    assert all(set(row) == {"url", "depth"} and row["depth"] >= 3 for row in lines)


def test_export_bad_file_type_is_400(api: Api) -> None:
    response = api.post(PAGES, params={"export": "true", "file_type": "xml"}, json={})
    assert response.status_code == 400
    assert response.json()["fields"] == [
        {"name": "file_type", "type": "invalid", "message": "file_type must be csv or json"}
    ]


def test_aggs_count_by_status_and_average_and_ranges(api: Api) -> None:
    aggs = [
        {"fields": [{"name": "status_code"}]},
        {"fields": [{"name": "depth"}], "value": "load_time:avg"},
        {
            "oql": {"field": ["status_code", "equals", 200]},
            "fields": [
                {
                    "name": "follow_inlinks",
                    "ranges": [
                        {"name": "none", "to": 1},
                        {"name": "some", "from": 1, "to": 10},
                        {"name": "many", "from": 10},
                    ],
                }
            ],
        },
        {"value": "gsc_clicks:sum"},
    ]
    result = api.ok("POST", f"{PAGES}/aggs", json={"aggs": aggs})["aggs"]
    by_status = result[0]
    assert by_status["cols"] == ["status_code", "count"]
    assert sum(row[1] for row in by_status["rows"]) == 2000
    assert by_status["rows"][0][0] == 200
    assert result[1]["cols"] == ["depth", "load_time:avg"]
    assert [row[0] for row in result[1]["rows"]][:2] == [1, 2]
    assert [row[0] for row in result[2]["rows"]] == ["none", "some", "many"]
    assert result[3]["cols"] == ["gsc_clicks:sum"] and len(result[3]["rows"]) == 1


@pytest.mark.parametrize(
    "aggs",
    [
        [{"fields": [{"name": "url"}]}],
        [{"value": "url:sum"}],
        [{"fields": [{"name": "title", "ranges": [{"name": "a", "to": 1}]}]}],
        [],
        "status_code",
    ],
)
def test_bad_aggs_are_400(api: Api, aggs: object) -> None:
    response = api.post(f"{PAGES}/aggs", json={"aggs": aggs})
    assert response.status_code == 400
    assert response.json()["type"] == "invalid_request_parameters"


def test_links_clusters_structured_data_search(api: Api) -> None:
    links = api.ok(
        "POST", f"{V2}/data/crawl/{CRAWL}/links", json={"fields": ["origin", "target", "follow"], "limit": 2}
    )
    assert set(links) == {"meta", "oql", "links"} and len(links["links"]) == 2
    clusters = api.ok(
        "POST", f"{V2}/data/crawl/{CRAWL}/clusters", json={"fields": ["cluster_id", "cluster_size", "url"]}
    )
    assert all(c["cluster_size"] >= 2 for c in clusters["clusters"])
    products = {"field": ["type", "equals", "Product"]}
    sd = api.ok("POST", f"{V2}/data/crawl/{CRAWL}/structured_data", json={"fields": ["url", "type"], "oql": products})
    assert all("/product/" in row["url"] for row in sd["structured_data"])


def test_crawl_over_crawl_fields_search_and_aggs(api: Api) -> None:
    base = f"{V2}/data/crawl_over_crawl/{COC}/pages"
    names = [f["name"] for f in api.ok("GET", f"{base}/fields")["fields"]]
    assert {"url", "change_type", "previous_status_code", "current_status_code"} <= set(names)
    oql = {
        "and": [
            {"field": ["current_status_code", "equals", 404]},
            {"field": ["previous_status_code", "not_equals", 404]},
        ]
    }
    rows = api.ok("POST", base, json={"fields": ["url", "previous_status_code", "current_status_code"], "oql": oql})
    assert all(r["current_status_code"] == 404 and r["previous_status_code"] != 404 for r in rows["urls"])
    changes = api.ok("POST", f"{base}/aggs", json={"aggs": [{"fields": [{"name": "change_type"}]}]})["aggs"][0]
    assert {row[0] for row in changes["rows"]} == {"unchanged", "status_changed", "new", "content_changed", "removed"}


@pytest.mark.parametrize("limit", [2.5, "2.5", " 2", "٢", "+2", True, [2]])
def test_a_limit_that_is_not_a_whole_number_in_digits_is_400_naming_it(api: Api, limit: object) -> None:
    response = api.post(PAGES, json={"limit": limit})
    assert response.status_code == 400
    assert response.json()["fields"][0]["name"] == "limit"


def test_a_whole_limit_is_read_from_a_number_or_from_digits(api: Api) -> None:
    for limit in (2, 2.0, "2"):
        assert len(api.ok("POST", PAGES, json={"limit": limit})["urls"]) == 2
