"""How a data search reads its parameters: the defaults, the GET form's empty values, every sort form, each 400."""

from __future__ import annotations

from typing import Any

import pytest

from tests.providers.oncrawl.conftest import CRAWL, V2, Api, v2_error

PAGES = f"{V2}/data/crawl/{CRAWL}/pages"
HOME = "https://www.shop.example/"
#: The demo shop's latest crawl has 2,000 pages (fixtures/oncrawl.yaml); a search shows ten by default.
FIRST_TEN = {"columns": ["url"], "total_hits": 2000, "offset": 0, "limit": 10}


@pytest.fixture
def api(reader: Api) -> Api:
    return reader


def test_a_search_without_parameters_shows_the_url_of_the_first_ten_pages_in_crawl_order(api: Api) -> None:
    body = api.ok("POST", PAGES, json={})
    assert body["meta"] == FIRST_TEN
    assert body["oql"] is None
    assert len(body["urls"]) == 10
    assert body["urls"][0] == {"url": HOME}


def test_empty_values_in_the_get_form_take_the_defaults(api: Api) -> None:
    body = api.ok("GET", PAGES, params={"fields": "", "sort": "", "offset": "", "limit": ""})
    assert body["meta"] == FIRST_TEN
    assert body["urls"][0] == {"url": HOME}


def test_an_empty_oql_filters_nothing_and_is_echoed_as_null(api: Api) -> None:
    body = api.ok("POST", PAGES, json={"oql": {}, "limit": 1})
    assert (body["meta"]["total_hits"], body["oql"]) == (2000, None)


def test_offset_and_limit_are_echoed_and_pick_the_window(api: Api) -> None:
    first = api.ok("POST", PAGES, json={"limit": 3})["urls"]
    window = api.ok("POST", PAGES, json={"offset": 1, "limit": 2})
    assert window["meta"] == {"columns": ["url"], "total_hits": 2000, "offset": 1, "limit": 2}
    assert window["urls"] == first[1:]


def test_the_get_form_takes_fields_as_a_comma_list_spaces_allowed(api: Api) -> None:
    body = api.ok("GET", PAGES, params={"fields": "url, status_code", "limit": "1"})
    assert body["meta"]["columns"] == ["url", "status_code"]
    assert body["urls"] == [{"url": HOME, "status_code": 200}]


def extreme(api: Api, method: str) -> float:
    """The smallest or largest load time of the crawl, as its aggregation tells it."""
    rows = api.ok("POST", f"{PAGES}/aggs", json={"aggs": [{"value": f"load_time:{method}"}]})["aggs"][0]["rows"]
    return float(rows[0][0])


@pytest.mark.parametrize(
    "sort",
    [
        "load_time",
        "load_time:asc",
        "load_time:ASC",
        ["load_time:asc"],
        {"field": "load_time"},
        [{"field": "load_time", "order": "asc"}],
    ],
)
def test_every_sort_form_without_desc_sorts_ascending(api: Api, sort: Any) -> None:
    rows = api.ok("POST", PAGES, json={"fields": ["url", "load_time"], "sort": sort, "limit": 50})["urls"]
    times = [r["load_time"] for r in rows]
    assert times == sorted(times)
    assert times[0] == extreme(api, "min")


@pytest.mark.parametrize("sort", ["load_time:desc", ["load_time:DESC"], [{"field": "load_time", "order": "desc"}]])
def test_desc_sorts_descending(api: Api, sort: Any) -> None:
    rows = api.ok("POST", PAGES, json={"fields": ["url", "load_time"], "sort": sort, "limit": 50})["urls"]
    times = [r["load_time"] for r in rows]
    assert times == sorted(times, reverse=True)
    assert times[0] == extreme(api, "max")


def test_the_get_form_sorts_too(api: Api) -> None:
    rows = api.ok("GET", PAGES, params={"fields": "load_time", "sort": "load_time:desc", "limit": "5"})["urls"]
    assert rows[0]["load_time"] == extreme(api, "max")


LIST_OF_NAMES = "fields must be a list of field names"
SORT_FORMS = "sort is a list of {field, order} or a 'field:asc|desc' string"
UNKNOWN_COLOUR = "field 'colour' cannot be displayed: it does not exist"


@pytest.mark.parametrize(
    ("body", "name", "kind", "message"),
    [
        ({"fields": 5}, "fields", "invalid", LIST_OF_NAMES),
        ({"fields": {"url": True}}, "fields", "invalid", LIST_OF_NAMES),
        ({"fields": ["url", 1]}, "fields", "invalid", LIST_OF_NAMES),
        ({"fields": ["url", "colour"]}, "colour", "unknown_field", UNKNOWN_COLOUR),
        ({"fields": "url,colour"}, "colour", "unknown_field", UNKNOWN_COLOUR),
        ({"limit": True}, "limit", "invalid", "limit must be an integer, got True"),
        ({"limit": "ten"}, "limit", "invalid", "limit must be an integer, got 'ten'"),
        ({"limit": [10]}, "limit", "invalid", "limit must be an integer, got [10]"),
        ({"offset": False}, "offset", "invalid", "offset must be an integer, got False"),
        ({"offset": "x"}, "offset", "invalid", "offset must be an integer, got 'x'"),
        ({"offset": -1}, "offset", "invalid", "offset must be at least 0"),
        ({"sort": [5]}, "sort", "invalid", SORT_FORMS),
        ({"sort": 5}, "sort", "invalid", SORT_FORMS),
        ({"sort": "colour:asc"}, "colour", "unknown_field", "cannot sort on unknown field 'colour'"),
        ({"sort": [{"field": "colour"}]}, "colour", "unknown_field", "cannot sort on unknown field 'colour'"),
        ({"sort": "load_time:up"}, "sort", "invalid", "sort order must be asc or desc, got 'up'"),
        ({"sort": "load_time:desc:x"}, "sort", "invalid", "sort order must be asc or desc, got 'desc:x'"),
        (
            {"sort": {"field": "load_time", "order": "down"}},
            "sort",
            "invalid",
            "sort order must be asc or desc, got 'down'",
        ),
    ],
)
def test_each_bad_parameter_is_a_400_naming_it(api: Api, body: dict, name: str, kind: str, message: str) -> None:
    response = api.post(PAGES, json=body)
    assert response.status_code == 400
    fields = [{"name": name, "type": kind, "message": message}]
    assert response.json() == v2_error("invalid_request_parameters", "invalid_parameters", message, fields)


@pytest.mark.parametrize("limit", [3, 3.0, "3"])
def test_limit_is_a_json_whole_number_or_digits(api: Api, limit: Any) -> None:
    body = api.ok("POST", PAGES, json={"limit": limit, "offset": 0})
    assert (body["meta"]["limit"], len(body["urls"])) == (3, 3)
