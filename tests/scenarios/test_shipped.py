"""Every scenario in scenarios/ loads, and each one does what its description says."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.scenarios.loader import load_file
from mockserver.core.scenarios.runtime import catalog_of
from mockserver.providers import all_providers
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import PROJECT_DIR, Settings
from tests.scenarios.conftest import Sleeps, journal, use_sleeper

SHIPPED = sorted((PROJECT_DIR / "scenarios").glob("*.yaml"))
HR = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text", "Accept": "application/json"}
NEW_CLIENT = {"firstName": "Ada", "name": "Ada Lovelace", "birthName": "Byron", "identificationNo": "CL-1815"}


def app_with(clock: Clock, *names: str, sleeper: Sleeps | None = None) -> FastAPI:
    app = create_app(Settings(seed=1234, scenarios=list(names)), clock=clock)
    if sleeper is not None:
        use_sleeper(app, sleeper)
    return app


@pytest.fixture
def started(clock: Clock, opened: Callable[[FastAPI], TestClient]) -> Callable[..., TestClient]:
    def start(*names: str, sleeper: Sleeps | None = None) -> TestClient:
        return opened(app_with(clock, *names, sleeper=sleeper))

    return start


def test_scenarios_directory_ships_the_documented_scenarios() -> None:
    assert {p.stem for p in SHIPPED} >= {
        "ons-maintenance",
        "ons-delayed-export",
        "ons-parallel-burst",
        "flaky-network",
        "slow-responses",
        "ons-commit-then-drop",
        "onlineafspraken-clock-skew",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenario_loads_against_the_real_providers(path: Path) -> None:
    scenario = load_file(path, catalog_of(all_providers()))
    assert scenario.name == path.stem
    assert scenario.description
    assert scenario.demo, "every shipped scenario has a demo script"


def test_ons_maintenance_gives_503_then_502_then_recovers(started: Callable[..., TestClient], clock: Clock) -> None:
    client = started("ons-maintenance")
    down = client.get("/ons/t/teams", headers=HR)
    assert down.status_code == 503
    assert down.headers["retry-after"] == "300"
    assert down.json()["errorResponseEntries"][0]["message"] == "Ons is down for scheduled maintenance"
    clock.advance(299)
    assert client.get("/ons/t/clients/1001", headers=HR).status_code == 503
    clock.advance(1)
    bad_gateway = client.get("/ons/t/teams", headers=HR)
    assert bad_gateway.status_code == 502
    assert "errorResponseEntries" in bad_gateway.json()
    clock.advance(300)
    assert client.get("/ons/t/teams", headers=HR).status_code == 200


def test_ons_delayed_export_is_locked_three_polls_then_ready(started: Callable[..., TestClient]) -> None:
    client = started("ons-delayed-export")
    created = client.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=HR)
    assert created.status_code == 201
    job = created.headers["location"]
    polls = [client.get(job, headers=HR) for _ in range(4)]
    assert [p.status_code for p in polls] == [423, 423, 423, 200]
    assert polls[0].headers["retry-after"] == "1"
    assert "errorResponseEntries" in polls[0].json()
    assert polls[3].json()["teams"]


def test_ons_parallel_burst_admits_four_and_refuses_the_rest(clock: Clock) -> None:
    gate = asyncio.Event()
    waiting: list[float] = []

    async def held(seconds: float) -> None:
        waiting.append(seconds)
        await gate.wait()

    app = create_app(Settings(seed=1234, scenarios=["ons-parallel-burst"]), clock=clock)
    for middleware in app.user_middleware:
        if middleware.kwargs.get("engine") is not None:
            middleware.kwargs["sleep"] = held

    async def burst() -> tuple[list[int], list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ons.test") as client:
            calls = [asyncio.ensure_future(client.get("/ons/t/teams", headers=HR)) for _ in range(8)]
            for _ in range(200):  # bounded: until four are held and four were refused
                if len(waiting) == 4 and sum(c.done() for c in calls) == 4:
                    break
                await asyncio.sleep(0.005)
            refused = [c.result().status_code for c in calls if c.done()]
            gate.set()
            admitted = [r.status_code for r in await asyncio.gather(*[c for c in calls if not c.done()])]
            return refused, admitted

    refused, admitted = asyncio.run(burst())
    assert refused == [429] * 4
    assert admitted == [200] * 4
    assert waiting == [0.3] * 4


@pytest.mark.live
def test_flaky_network_drops_the_same_seeded_requests_on_every_run(clock: Clock, live: Callable[..., Any]) -> None:
    def run(base: str) -> list[int]:
        dropped = []
        for n in range(40):
            try:
                httpx.get(f"{base}/ons/t/teams", headers=HR)
            except httpx.RemoteProtocolError:
                dropped.append(n)
        return dropped

    with live(app_with(clock, "flaky-network")) as server:
        first = run(server.url)
        assert httpx.post(f"{server.url}/__admin/scenarios/reset").status_code == 200
        second = run(server.url)
    assert first == second
    assert 1 <= len(first) <= 12


def test_slow_responses_draw_seeded_lognormal_delays(started: Callable[..., TestClient]) -> None:
    sleeps = Sleeps()
    client = started("slow-responses", sleeper=sleeps)
    assert all(client.get("/ons/t/teams", headers=HR).status_code == 200 for _ in range(30))
    first = list(sleeps)
    sleeps.clear()
    client.post("/__admin/reset")
    for _ in range(30):
        client.get("/ons/t/teams", headers=HR)
    assert first == list(sleeps)
    assert len(first) == 30 and max(first) <= 2.0
    assert 0.05 < sorted(first)[15] < 0.3
    entry = journal(client, provider="ons")[-1]
    assert entry["rule"] == "slow-responses/ons-slow" and entry["fault"].startswith("delay ")


@pytest.mark.live
def test_commit_then_drop_makes_the_retry_meet_a_duplicate(clock: Clock, live: Callable[..., Any]) -> None:
    with live(app_with(clock, "ons-commit-then-drop")) as server:
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.post(f"{server.url}/ons/t/clients", json=NEW_CLIENT, headers=HR)
        retry = httpx.post(f"{server.url}/ons/t/clients", json=NEW_CLIENT, headers=HR)
        stored = httpx.get(f"{server.url}/ons/t/clients/by_identification_no/CL-1815", headers=HR)
    assert retry.status_code == 409
    assert retry.json()["errorResponseEntries"][0]["field"] == "identificationNo"
    assert stored.status_code == 200


def _getagendas(client: TestClient, salt: int) -> etree._Element:
    pairs = signed_query("getAgendas", [], "oa-demo-key", "oa-demo-secret", salt)
    response = client.get("/onlineafspraken/APIREST", params=pairs)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_onlineafspraken_clock_skew_fails_stale_salts_until_the_client_resyncs(
    client: TestClient, clock: Clock
) -> None:
    client_clock = int(clock.timestamp())
    assert _getagendas(client, client_clock).findtext("Status/Status") == "success"
    assert client.post("/__admin/scenarios", params={"name": "onlineafspraken-clock-skew"}).status_code == 201
    stale = _getagendas(client, client_clock)
    assert stale.findtext("Status/Status") == "failed"
    server_time = int(stale.findtext("Status/Timestamp") or 0)
    assert server_time == client_clock + 3600
    assert _getagendas(client, server_time).findtext("Status/Status") == "success"
    assert client.delete("/__admin/scenarios/onlineafspraken-clock-skew").status_code == 200
    assert int(clock.timestamp()) == client_clock


def test_shipped_scenario_applied_to_one_ons_tenant_leaves_the_other_alone(client: TestClient) -> None:
    finance = {"X-Client-Cert-CN": "finance_integration-DF0000-production", "Accept": "application/json"}
    applied = client.post("/__admin/scenarios", params={"name": "ons-maintenance", "tenant": "TE1002"})
    assert applied.status_code == 201 and applied.json()["applied"]["tenant"] == "TE1002"
    assert client.get("/ons/t/teams", headers=HR).status_code == 503
    assert client.get("/ons/t/teams", headers=finance).status_code == 200
    entries = journal(client, provider="ons")
    assert [(e["tenant"], e["status"]) for e in entries] == [("TE1002", 503), ("DF0000", 200)]
