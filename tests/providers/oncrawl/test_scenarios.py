"""Scenario faults answer in the OnCrawl envelope of the path: quota, 429 with Retry-After, 5xx, health."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.oncrawl.conftest import CRAWL, NORTH, SHOP, V1, V2, Api, v2_error

SCENARIO = """
name: oncrawl-test
provider: oncrawl
rules:
  - name: no-quota
    match: {operation: [create_project, v1_aggs_post]}
    fault: {type: respond, error: QuotaError}
  - name: throttled
    match: {operation: search_crawl_data}
    fault: {type: respond, error: TooManyRequests}
  - name: down
    match: {operation: is_alive}
    fault: {type: respond, status: 503, message: maintenance}
  - name: north-broken
    match: {operation: list_projects, tenant: agency-north}
    fault: {type: respond, status: 500}
"""


def app_with(tmp_path: Path, clock: Clock, text: str = SCENARIO) -> TestClient:
    (tmp_path / "oncrawl-test.yaml").write_text(text, encoding="utf-8")
    return TestClient(create_app(Settings(seed=1, scenarios_dir=tmp_path, scenarios=["oncrawl-test"]), clock=clock))


def test_quota_error_is_v2_403_and_v1_422(tmp_path: Path, clock: Clock) -> None:
    with app_with(tmp_path, clock) as client:
        api = Api(client)
        v2 = api.post(f"{V2}/projects", json={"project": {"name": "Q", "start_url": "https://q.example/"}})
        assert v2.status_code == 403
        assert v2.json() == v2_error("quota_error", "quota_exceeded", "Not enough remaining quota.")
        v1 = api.post(f"{V1}/crawls/{CRAWL}/aggs", json={"aggs": [{"fields": "depth"}]})
        assert v1.status_code == 422
        assert v1.json() == {"errors": {"_other": ["not enough remaining quota"]}}
        assert api.get(f"{V2}/projects/{SHOP}").status_code == 200


def test_too_many_requests_carries_retry_after(tmp_path: Path, clock: Clock) -> None:
    with app_with(tmp_path, clock) as client:
        response = Api(client).post(f"{V2}/data/crawl/{CRAWL}/pages", json={})
        assert response.status_code == 429
        assert response.headers["retry-after"] == "30"
        assert response.json() == v2_error("too_many_requests", "rate_limited", "Too many requests; retry later.")


def test_health_check_fails_during_maintenance(tmp_path: Path, clock: Clock) -> None:
    with app_with(tmp_path, clock) as client:
        response = client.get(f"{V1}/is_alive")
        assert response.status_code == 503
        assert response.json() == {"errors": {"_other": ["maintenance"]}}


def test_rules_match_the_caller_tenant(tmp_path: Path, clock: Clock) -> None:
    with app_with(tmp_path, clock) as client:
        assert Api(client).get(f"{V2}/projects").status_code == 200
        broken = Api(client, NORTH).get(f"{V2}/projects")
        assert broken.status_code == 500
        assert broken.json()["type"] == "internal_error"


def test_shipped_scenario_stalls_crawls_then_runs_out_of_quota(tmp_path: Path, clock: Clock) -> None:
    app = create_app(Settings(seed=1, scenarios=["oncrawl-stalled-crawl"]), clock=clock)
    with TestClient(app) as client:
        api = Api(client)
        config_id = "5f1e0000000000000000f001"
        crawl = api.ok("POST", f"{V2}/projects/{SHOP}/launch_crawl", params={"configId": config_id})["crawl"]
        clock.advance(30 * 24 * 3600)
        assert api.ok("GET", f"{V2}/crawls/{crawl['id']}")["crawl"]["status"] == "running"
        api.ok("POST", f"{V2}/crawls/{crawl['id']}/pilot", json={"command": "cancel"})
        again = api.post(f"{V2}/projects/{SHOP}/launch_crawl", params={"configId": config_id})
        assert again.status_code == 403
        assert again.json()["type"] == "quota_error"
