"""The v1 API of the seed: aggs by RISON or JSON, URL explorer, quick filters, query-builder fields, v1 errors."""

from __future__ import annotations

import pytest

from tests.providers.oncrawl.conftest import CRAWL, SHOP, V1, Api

AGGS = f"{V1}/crawls/{CRAWL}/aggs"


@pytest.fixture
def api(reader: Api) -> Api:
    return reader


def test_aggs_post_like_the_vendor_guide(api: Api) -> None:
    body = {"aggs": [{"filters": "all_pages", "fields": "depth,page_group", "value": "follow_inlinks:sum"}]}
    agg = api.ok("POST", AGGS, json=body)["aggs"][0]
    assert agg["cols"] == ["depth", "page_group", "follow_inlinks:sum"]
    assert agg["rows"][0] == [1, "home", agg["rows"][0][2]]
    assert all(len(row) == 3 for row in agg["rows"])


def test_aggs_get_with_rison_is_the_same_as_post(api: Api) -> None:
    rison = "!((fields:'depth,page_group',filters:all_pages,value:'follow_inlinks:sum'))"
    body = {"aggs": [{"filters": "all_pages", "fields": "depth,page_group", "value": "follow_inlinks:sum"}]}
    assert api.ok("GET", AGGS, params={"aggs": rison}) == api.ok("POST", AGGS, json=body)


def test_aggs_default_value_is_a_page_count(api: Api) -> None:
    agg = api.ok("GET", AGGS, params={"aggs": "!((fields:status_code))"})["aggs"][0]
    assert agg["cols"] == ["status_code", "page_count"]
    assert sum(row[1] for row in agg["rows"]) == 2000


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"aggs": "!((fields:depth"}, {"aggs": ["aggs is not valid RISON: missing ','"]}),
        ({}, {"aggs": ["aggs is required (RISON, e.g. !((fields:'depth')))"]}),
        ({"aggs": "!((filters:nope))"}, {"aggs[0].filters": ["unknown quick filter 'nope'"]}),
    ],
)
def test_aggs_bad_input_is_v1_422(api: Api, params: dict, errors: dict) -> None:
    response = api.get(AGGS, params=params)
    assert response.status_code == 422
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize("quick", [[], {}, ["all_pages"]])
def test_a_quick_filter_that_is_not_a_name_is_v1_422_naming_it(api: Api, quick: object) -> None:
    response = api.post(AGGS, json={"aggs": [{"filters": quick}]})
    assert response.status_code == 422
    assert response.json() == {"errors": {"aggs[0].filters": [f"unknown quick filter {quick!r}"]}}


def test_aggs_bad_json_is_v1_422(api: Api) -> None:
    response = api.post(AGGS, content=b"[", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["_other"]


def test_url_explorer_filters_sorts_and_counts_pages(api: Api) -> None:
    params = {"oql": "(field:!(status_code,equals,404))", "fields": "url,status_code", "limit": "10", "sort": "url:asc"}
    body = api.ok("GET", f"{V1}/crawls/{CRAWL}/url-explorer", params=params)
    assert body["oql"] == {"field": ["status_code", "equals", 404]}
    meta = body["meta"]
    assert (meta["columns"], meta["in_cr"]) == (["url", "status_code"], False)
    assert meta["total_pages"] == -(-meta["total_hits"] // 10)
    urls = [u["url"] for u in body["urls"]]
    assert urls == sorted(urls) and len(urls) == 10


def test_url_explorer_base_filter_and_defaults(api: Api) -> None:
    body = api.ok("GET", f"{V1}/crawls/{CRAWL}/url-explorer", params={"base_filters": "pages_4xx"})
    assert body["meta"]["columns"] == ["url", "status_code", "depth", "title"]
    assert all(400 <= u["status_code"] < 500 for u in body["urls"])


def test_quickfilters_and_querybuilder_fields(api: Api) -> None:
    filters = api.ok("GET", f"{V1}/projects/{SHOP}/quickfilters")["quickfilters"]
    assert filters[0] == {"id": "all_pages", "name": "all_pages", "oql": {}}
    fields = api.ok("GET", f"{V1}/crawls/{CRAWL}/querybuilder/fields")["fields"]
    assert "status_code" in [f["name"] for f in fields]


def test_v1_unknown_crawl_is_404_in_the_v1_shape(api: Api) -> None:
    response = api.get(f"{V1}/crawls/000000000000000000000000/querybuilder/fields")
    assert response.status_code == 404
    assert response.json() == {"errors": {"_other": ["crawl 000000000000000000000000 not found"]}}


def test_v1_unknown_route_and_method(api: Api) -> None:
    missing = api.get(f"{V1}/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"errors": {"_other": [f"no such resource: GET {V1}/nothing"]}}
    wrong = api.delete(f"{V1}/projects")
    assert wrong.status_code == 405
    assert wrong.json() == {"errors": {"_other": [f"method DELETE is not allowed on {V1}/projects"]}}
