"""Crawls on the virtual clock: launch, progress, pause and resume, done, pilot on a finished crawl, quota."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from tests.providers.oncrawl.conftest import CRAWL, SHOP, V2, Api, own_fixtures, v2_error


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


def launch(api: Api) -> dict:
    config_id = api.ok("GET", f"{V2}/projects/{SHOP}")["crawl_configs"][0]["id"]
    return api.ok("POST", f"{V2}/projects/{SHOP}/launch_crawl", params={"configId": config_id})["crawl"]


def test_launched_crawl_runs_until_the_clock_passes_its_duration(api: Api, clock: Clock) -> None:
    crawl = launch(api)
    assert (crawl["status"], crawl["ended_at"], crawl["fetched_urls"]) == ("running", None, 0)
    assert crawl["created_at"] == int(clock.timestamp() * 1000)
    clock.advance(450)
    progress = api.ok("GET", f"{V2}/crawls/{crawl['id']}/progress")["progress"]
    assert (progress["status"], progress["percent"], progress["fetched_urls"]) == ("running", 50.0, 1000)
    data = api.post(f"{V2}/data/crawl/{crawl['id']}/pages", json={})
    assert data.status_code == 409
    assert data.json()["type"] == "invalid_state_for_request"
    clock.advance(450)
    done = api.ok("GET", f"{V2}/crawls/{crawl['id']}")["crawl"]
    assert (done["status"], done["end_reason"], done["fetched_urls"]) == ("done", "success", 2000)
    assert done["ended_at"] == crawl["created_at"] + 900_000
    hits = api.ok("POST", f"{V2}/data/crawl/{crawl['id']}/pages", json={"limit": 1})["meta"]["total_hits"]
    assert hits == 2000
    assert crawl["id"] in api.ok("GET", f"{V2}/projects/{SHOP}")["project"]["crawl_ids"]


def test_pause_stops_the_clock_for_the_crawl_and_resume_goes_on(api: Api, clock: Clock) -> None:
    crawl_id = launch(api)["id"]
    clock.advance(300)
    paused = api.ok("POST", f"{V2}/crawls/{crawl_id}/pilot", json={"command": "pause"})["crawl"]
    assert paused["status"] == "paused"
    clock.advance(10_000)
    assert api.ok("GET", f"{V2}/crawls/{crawl_id}/progress")["progress"]["percent"] == pytest.approx(33.3)
    assert api.ok("POST", f"{V2}/crawls/{crawl_id}/pilot", json={"command": "resume"})["crawl"]["status"] == "running"
    clock.advance(599)
    assert api.ok("GET", f"{V2}/crawls/{crawl_id}")["crawl"]["status"] == "running"
    clock.advance(1)
    assert api.ok("GET", f"{V2}/crawls/{crawl_id}")["crawl"]["status"] == "done"


def test_pilot_on_a_finished_crawl_is_409(api: Api) -> None:
    response = api.post(f"{V2}/crawls/{CRAWL}/pilot", json={"command": "pause"})
    assert response.status_code == 409
    assert response.json() == v2_error(
        "invalid_state_for_request", "invalid_state", f"crawl {CRAWL} is already done; it cannot be piloted"
    )


def test_pilot_unknown_command_is_400(api: Api) -> None:
    crawl_id = launch(api)["id"]
    response = api.post(f"{V2}/crawls/{crawl_id}/pilot", json={"command": "faster"})
    assert response.status_code == 400
    assert response.json()["fields"] == [
        {"name": "command", "type": "invalid", "message": "command must be one of pause, resume, cancel"}
    ]


def test_cancel_ends_the_crawl_and_a_second_launch_waits_for_none(api: Api) -> None:
    crawl_id = launch(api)["id"]
    busy = api.post(f"{V2}/projects/{SHOP}/launch_crawl", params={"configId": "x"})
    assert busy.status_code == 404  # the config is checked first
    cancelled = api.ok("POST", f"{V2}/crawls/{crawl_id}/pilot", json={"command": "cancel"})["crawl"]
    assert (cancelled["status"], cancelled["end_reason"]) == ("done", "cancelled")
    assert launch(api)["status"] == "running"


def test_launch_while_a_crawl_runs_is_409_and_without_config_is_400(api: Api) -> None:
    launch(api)
    config_id = api.ok("GET", f"{V2}/projects/{SHOP}")["crawl_configs"][0]["id"]
    again = api.post(f"{V2}/projects/{SHOP}/launch_crawl", params={"configId": config_id})
    assert (again.status_code, again.json()["type"]) == (409, "invalid_state_for_request")
    missing = api.post(f"{V2}/projects/{SHOP}/launch_crawl")
    assert (missing.status_code, missing.json()["fields"][0]["name"]) == (400, "configId")


def test_list_crawls_filters_by_status_and_sorts(api: Api) -> None:
    launch(api)
    running = api.ok("GET", f"{V2}/crawls", params={"filters": "(field:!(status,equals,running))"})
    assert [c["status"] for c in running["crawls"]] == ["running"]
    newest = api.ok("GET", f"{V2}/crawls", params={"sort": "created_at:desc", "limit": 1})["crawls"][0]
    assert newest["status"] == "running"
    project = api.ok("GET", f"{V2}/crawls", params={"filters": f"(field:!(project_id,equals,'{SHOP}'))"})
    assert project["meta"]["total"] == 3


def test_delete_crawl(api: Api) -> None:
    assert api.delete(f"{V2}/crawls/{CRAWL}").status_code == 204
    assert api.get(f"{V2}/crawls/{CRAWL}").status_code == 404
    assert api.get(f"{V2}/crawl_over_crawls/5f1e0000000000000000cc01").status_code == 404


def test_quota_error_when_the_account_has_no_projects_left(tmp_path: Path, clock: Clock) -> None:
    settings = own_fixtures(
        tmp_path,
        "tenants:\n  - name: small\n    workspaces: [{id: 5f1e00000000000000000009, name: W}]\n"
        "    tokens: [{token: oc-small-token}]\n    quota: {projects: 1}\nsizes: {projects: 1}\n",
    )
    with TestClient(create_app(settings, clock=clock)) as client:
        response = Api(client, "oc-small-token").post(
            f"{V2}/projects", json={"project": {"name": "Two", "start_url": "https://two.example/"}}
        )
    assert response.status_code == 403
    assert response.json() == v2_error("quota_error", "quota_exceeded", "the account may have at most 1 projects")
