"""Scenario faults and the Ons in-flight limit together: a request a scenario delays is still in flight."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI

from tests.live.test_ons_inflight import HR, WAIT, in_flight, wait_for

pytestmark = pytest.mark.live

TEAMS = {"X-Client-Cert-CN": HR, "Accept": "application/json"}


def slow(ms: int) -> str:
    rule = {"match": {"path": "/ons/t/*"}, "fault": {"type": "delay", "delay": {"type": "fixed", "ms": ms}}}
    return yaml.safe_dump({"name": "slow", "provider": "ons", "rules": [rule]})


def burst(url: str, count: int) -> list[int]:
    """``count`` GETs sent at once (one connection each), their statuses in order."""
    start = threading.Barrier(count)

    def one(_: int) -> int:
        with httpx.Client(base_url=url, timeout=WAIT) as client:
            start.wait(timeout=WAIT)
            return client.get("/ons/t/teams", headers=TEAMS).status_code

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_a_burst_of_eight_under_a_300_ms_delay_gets_429_past_the_fourth(app: FastAPI, live: Any) -> None:
    with live(app) as server:
        assert httpx.post(server.url + "/__admin/scenarios", content=slow(300)).status_code == 201
        statuses = burst(server.url, 8)
        wait_for(lambda: in_flight(app, HR) == 0)
    assert set(statuses) == {200, 429}, statuses
    assert statuses.count(200) >= 4, statuses  # the default limit: four in flight per certificate


def test_requests_held_by_a_delay_fill_the_slots_and_the_fifth_is_refused_at_once(app: FastAPI, live: Any) -> None:
    with live(app) as server, httpx.Client(base_url=server.url, timeout=WAIT) as client:
        assert client.post("/__admin/scenarios", content=slow(1500)).status_code == 201
        with ThreadPoolExecutor(4) as pool:
            held = [pool.submit(client.get, "/ons/t/teams", headers=TEAMS) for _ in range(4)]
            wait_for(lambda: in_flight(app, HR) == 4)
            refused = client.get("/ons/t/teams", headers=TEAMS)
            assert refused.status_code == 429
            assert refused.json()["errorResponseEntries"][0]["message"] == (
                f"Too many requests: more than 4 requests in flight for certificate {HR}"
            )
            assert [future.result().status_code for future in held] == [200, 200, 200, 200]
        wait_for(lambda: in_flight(app, HR) == 0)
        # The refused request never reached the scenario engine: the rule saw the four that passed.
        (rule,) = client.get("/__admin/scenarios").json()["scenarios"][0]["rules"]
        assert (rule["matches"], rule["fired"]) == (4, 4)
