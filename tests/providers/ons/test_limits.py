"""Per-certificate limits in process: the switchable req/s and daily budgets, and the 429 envelope.

The 4-in-flight limit is proven against a real socket in tests/live/test_ons_inflight.py.
"""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from mockserver.core.limits import InFlightLimiter
from mockserver.providers.ons.limits import OnsLimitMiddleware, in_flight_of
from tests.providers.ons.conftest import FINANCE, HR, MakeClient, as_connector, entries


def test_rate_limit_is_off_by_default(ons: TestClient) -> None:
    assert all(ons.get("/ons/t/teams/1").status_code == 200 for _ in range(30))


def test_rate_limit_per_second_switch_answers_429_within_one_second(make_client: MakeClient, clock: Clock) -> None:
    client = make_client(enforce_rate_limit=True, rate_limit_per_second=3)
    statuses = [client.get("/ons/t/teams/1", headers=as_connector(HR)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/ons/t/teams/1", headers=as_connector(FINANCE)).status_code == 200  # per certificate
    clock.advance(1)
    assert client.get("/ons/t/teams/1", headers=as_connector(HR)).status_code == 200


def test_rate_limit_429_comes_in_the_vendor_envelope(make_client: MakeClient) -> None:
    client = make_client(enforce_rate_limit=True, rate_limit_per_second=1)
    client.get("/ons/t/teams/1")
    response = client.get("/ons/t/teams/1", headers={"Accept": "application/xml"})
    assert response.status_code == 429
    assert response.content.startswith(b"<?xml") and b"<errorResponse>" in response.content
    journal = client.get("/__admin/requests", params={"status": 429}).json()["requests"][0]
    assert any("requests per second" in note for note in journal["notes"])
    assert (journal["tenant"], journal["credential"]) == ("TE1002", HR)


def test_daily_budget_switch_answers_429_until_the_next_day(make_client: MakeClient, clock: Clock) -> None:
    client = make_client(enforce_daily_budget=True, daily_budget_seconds=1e-9)
    assert client.get("/ons/t/teams").status_code == 200
    response = client.get("/ons/t/teams")
    assert response.status_code == 429
    assert "request time today" in entries(response)[0]["message"]
    clock.advance(86_400)
    assert client.get("/ons/t/teams").status_code == 200


def test_admin_and_other_providers_pass_the_ons_limits(make_client: MakeClient) -> None:
    client = make_client(enforce_rate_limit=True, rate_limit_per_second=1)
    client.get("/ons/t/teams")
    assert client.get("/__admin/health").status_code == 200
    assert client.get("/ons/t/teams").status_code == 429


def test_in_flight_limit_is_wired_with_four_slots_per_certificate(app: object) -> None:
    limiter = in_flight_of(app.state.registry.by_name["ons"])  # type: ignore[attr-defined]
    assert isinstance(limiter, InFlightLimiter) and limiter.limit == 4


def test_in_flight_limit_refuses_the_fifth_concurrent_request_in_process(app: object) -> None:
    """The middleware alone: four requests parked inside the app, the fifth refused at once, then freed."""
    handle = app.state.registry.by_name["ons"]  # type: ignore[attr-defined]
    limiter = in_flight_of(handle)
    gate = asyncio.Event()
    arrived: list[str] = []

    async def parked_app(scope: dict, receive: object, send: object) -> None:
        arrived.append(scope["path"])
        await gate.wait()

    middleware = OnsLimitMiddleware(parked_app, handle)

    async def call(statuses: list[int], cn: str = HR) -> None:
        headers = [(b"x-client-cert-cn", cn.encode()), (b"accept", b"application/json")]
        scope = {"type": "http", "method": "GET", "path": "/ons/t/teams", "headers": headers, "query_string": b""}

        async def receive() -> dict:
            return {"type": "http.request", "body": b""}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await middleware(scope, receive, send)

    async def scenario() -> tuple[list[int], list[int], int]:
        refused: list[int] = []
        parked = [asyncio.create_task(call([])) for _ in range(4)]
        for _ in range(100):
            if len(arrived) == 4:
                break
            await asyncio.sleep(0)
        await call(refused)
        other = asyncio.create_task(call([], FINANCE))  # another certificate has slots of its own
        for _ in range(100):
            if len(arrived) == 5:
                break
            await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(*parked, other)
        return refused, [limiter.in_flight(HR), limiter.in_flight(FINANCE)], len(arrived)

    refused, left, reached = asyncio.run(scenario())
    assert refused == [429]
    assert reached == 5
    assert left == [0, 0]
