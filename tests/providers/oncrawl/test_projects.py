"""v2 workspaces, projects, crawl configs and scheduled crawls: lists, wrappers, duplicates, 404s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.providers.oncrawl.conftest import BLOG, CRAWL, OLD_CRAWL, SHOP, V1, V2, WORKSPACE, Api, v2_error

NEW = {"project": {"name": "Acme", "start_url": "https://www.acme.example/"}}


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


def test_list_workspaces_with_meta(api: Api) -> None:
    body = api.ok("GET", f"{V2}/workspaces")
    assert [w["name"] for w in body["workspaces"]] == ["Demo agency", "Demo in-house"]
    assert body["meta"] == {"offset": 0, "limit": 10, "total": 2}
    assert api.ok("GET", f"{V2}/workspaces/{WORKSPACE}")["workspace"]["name"] == "Demo agency"


def test_list_workspace_projects_pages_with_offset_and_limit(api: Api) -> None:
    first = api.ok("GET", f"{V2}/workspaces/{WORKSPACE}/projects", params={"limit": 1})
    assert first["meta"] == {"offset": 0, "limit": 1, "total": 2}
    assert first["projects"][0]["name"] == "Demo shop"
    second = api.ok("GET", f"{V2}/workspaces/{WORKSPACE}/projects", params={"limit": 1, "offset": 1})
    assert second["projects"][0]["id"] != SHOP
    assert api.ok("GET", f"{V2}/workspaces/{WORKSPACE}/projects", params={"offset": 5})["projects"] == []


def test_list_projects_sort_and_rison_filters(api: Api) -> None:
    body = api.ok("GET", f"{V2}/projects", params={"sort": "name:desc", "limit": 100})
    names = [p["name"] for p in body["projects"]]
    assert names == sorted(names, reverse=True)
    assert body["meta"]["total"] == 4
    filtered = api.ok(
        "GET", f"{V2}/projects", params={"filters": "(field:!(name,startswith,Demo))", "sort": "name:asc"}
    )
    assert [p["name"] for p in filtered["projects"]] == ["Demo blog", "Demo shop"]
    one_of = api.ok("GET", f"{V2}/projects", params={"filters": f"(field:!(id,one_of,!('{SHOP}','{BLOG}')))"})
    assert one_of["meta"]["total"] == 2


@pytest.mark.parametrize(
    ("params", "name", "message"),
    [
        ({"filters": "(field:!(name,startswith"}, "filters", "filters is not valid RISON: unmatched '!('"),
        ({"limit": "ten"}, "limit", "limit must be an integer, got 'ten'"),
        ({"limit": "1001"}, "limit", "limit must not exceed 1000"),
        ({"offset": "-1"}, "offset", "offset must be at least 0"),
        ({"sort": "name:sideways"}, "sort", "sort order must be asc or desc, got 'sideways'"),
    ],
)
def test_list_bad_parameters_are_400_naming_the_parameter(api: Api, params: dict, name: str, message: str) -> None:
    response = api.get(f"{V2}/projects", params=params)
    assert response.status_code == 400
    fields = [{"name": name, "type": "invalid", "message": message}]
    assert response.json() == v2_error("invalid_request_parameters", "invalid_parameters", message, fields)


def test_list_filter_on_unknown_field_is_400(api: Api) -> None:
    response = api.get(f"{V2}/projects", params={"filters": "(field:!(colour,equals,red))"})
    assert response.status_code == 400
    assert response.json()["fields"] == [
        {"name": "colour", "type": "unknown_field", "message": "unknown field 'colour'"}
    ]


def test_get_project_has_project_configs_and_crawls(api: Api) -> None:
    body = api.ok("GET", f"{V2}/projects/{SHOP}")
    assert set(body) == {"project", "crawl_configs", "crawls"}
    project = body["project"]
    assert project["start_url"] == "https://www.shop.example/"
    assert project["domain"] == "www.shop.example"
    assert project["crawl_ids"] == [OLD_CRAWL, CRAWL]
    assert project["last_crawl_id"] == CRAWL
    assert project["crawl_over_crawl_ids"] == ["5f1e0000000000000000cc01"]
    assert [c["name"] for c in body["crawl_configs"]] == ["default"]
    assert {c["status"] for c in body["crawls"]} == {"done"}
    assert isinstance(project["created_at"], int) and project["created_at"] > 10**12  # milliseconds


def test_create_project_with_wrapper_then_duplicate_is_400(api: Api) -> None:
    created = api.ok("POST", f"{V2}/projects", json=NEW)["project"]
    assert (created["name"], created["workspace_id"], created["crawl_ids"]) == ("Acme", WORKSPACE, [])
    assert api.ok("GET", f"{V2}/projects/{created['id']}")["project"]["name"] == "Acme"
    again = api.post(f"{V2}/projects", json=NEW)
    assert again.status_code == 400
    message = "a project named 'Acme' already exists"
    assert again.json() == v2_error(
        "duplicate_entry", "duplicate_entry", message, [{"name": "name", "type": "duplicate", "message": message}]
    )


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"project": {"start_url": "https://a.example/"}}, [("name", "required")]),
        ({"project": {"name": "A", "start_url": "ftp://a"}}, [("start_url", "invalid_url")]),
        ({"project": {}}, [("name", "required"), ("start_url", "required")]),
        ({"project": "x"}, [("project", "invalid")]),
    ],
)
def test_create_project_invalid_fields_are_400(api: Api, body: Any, fields: list) -> None:
    response = api.post(f"{V2}/projects", json=body)
    assert response.status_code == 400
    assert response.json()["type"] == "invalid_request_parameters"
    assert [(f["name"], f["type"]) for f in response.json()["fields"]] == fields


def test_delete_project_then_it_is_gone(api: Api) -> None:
    assert api.delete(f"{V2}/projects/{BLOG}").status_code == 204
    response = api.get(f"{V2}/projects/{BLOG}")
    assert response.status_code == 404
    assert response.json() == v2_error("resource_not_found", "not_found", f"project {BLOG} not found")
    assert api.get(f"{V2}/crawls/5f1e0000000000000000c003").status_code == 404


def test_crawl_configs_create_get_replace_validate_delete(api: Api) -> None:
    base = f"{V2}/projects/{SHOP}/crawl_configs"
    config = {"crawl_config": {"name": "fast", "start_url": "https://www.shop.example/", "max_speed": 20}}
    created = api.ok("POST", base, json=config)["crawl_config"]
    assert (created["name"], created["max_speed"], created["max_url"], created["user_agent"]) == (
        "fast",
        20,
        2000,
        "Oncrawl",
    )
    path = f"{base}/{created['id']}"
    assert api.ok("GET", path)["crawl_config"] == created
    replaced = api.ok("PUT", path, json={"crawl_config": {"name": "slow", "start_url": "https://www.shop.example/"}})
    assert (replaced["crawl_config"]["name"], replaced["crawl_config"]["max_speed"]) == ("slow", 10)
    assert api.ok("GET", base)["meta"]["total"] == 2
    duplicate = api.post(base, json={"crawl_config": {"name": "default", "start_url": "https://www.shop.example/"}})
    assert (duplicate.status_code, duplicate.json()["type"]) == (400, "duplicate_entry")
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404


def test_validate_crawl_config_reports_every_bad_field(api: Api) -> None:
    good = api.ok(
        "POST", f"{V2}/projects/{SHOP}/crawl_configs/validate", json={"name": "x", "start_url": "https://a.b/"}
    )
    assert good["crawl_config"]["max_depth"] == 15
    bad = api.post(
        f"{V2}/projects/{SHOP}/crawl_configs/validate",
        json={"crawl_config": {"name": "", "start_url": "nope", "max_speed": 0}},
    )
    assert bad.status_code == 400
    assert [f["name"] for f in bad.json()["fields"]] == ["name", "start_url", "max_speed"]


def test_scheduled_crawls_create_list_delete(api: Api) -> None:
    config_id = api.ok("GET", f"{V2}/projects/{SHOP}")["crawl_configs"][0]["id"]
    base = f"{V2}/projects/{SHOP}/scheduled_crawls"
    body = {"scheduled_crawl": {"config_id": config_id, "start_date": 1_800_000_000_000, "recurrence": "weekly"}}
    created = api.ok("POST", base, json=body)["scheduled_crawl"]
    assert (created["recurrence"], created["config_id"]) == ("weekly", config_id)
    assert [s["id"] for s in api.ok("GET", base)["scheduled_crawls"]] == [created["id"]]
    bad = api.post(base, json={"scheduled_crawl": {"config_id": config_id, "recurrence": "hourly"}})
    assert [f["name"] for f in bad.json()["fields"]] == ["start_date", "recurrence"]
    assert api.delete(f"{base}/{created['id']}").status_code == 204
    assert api.delete(f"{base}/{created['id']}").status_code == 404


def test_v1_projects_lists_every_project(api: Api) -> None:
    body = api.ok("GET", f"{V1}/projects")
    assert [p["name"] for p in body["projects"]][:2] == ["Demo shop", "Demo blog"]
    assert set(body) == {"projects"}


def test_list_limit_of_1000_is_the_largest_allowed(api: Api) -> None:
    body = api.ok("GET", f"{V2}/crawls", params={"limit": "1000"})
    assert body["meta"] == {"offset": 0, "limit": 1000, "total": 7}


def test_list_filters_that_are_rison_but_not_oql_name_the_filters_parameter(api: Api) -> None:
    response = api.get(f"{V2}/projects", params={"filters": "(xor:!())"})
    assert response.status_code == 400
    message = "unknown OQL node 'xor'; use and, or, not or field"
    fields = [{"name": "filters", "type": "invalid", "message": message}]
    assert response.json() == v2_error("invalid_request_parameters", "invalid_parameters", message, fields)
