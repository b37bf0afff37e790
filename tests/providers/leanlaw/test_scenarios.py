"""The shipped month-end billing scenario, and scenario rules naming LeanLaw's operations and firms."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.provider import detached
from mockserver.providers.leanlaw import LeanLawProvider, schema
from mockserver.settings import Settings
from tests.providers.leanlaw.conftest import FULL, OTHER_FIRM, Api, bearer


def test_month_end_billing_throttles_every_third_billing_list_then_recovers(client: TestClient, clock: Clock) -> None:
    assert client.post("/__admin/scenarios", params={"name": "leanlaw-month-end-billing"}).status_code == 201
    api = Api(client)
    try:
        statuses = [api.get(path, limit=1).status_code for path in ["/time-entries", "/invoices", "/expenses"] * 2]
        assert statuses == [200, 200, 429, 200, 200, 429]
        assert api.get("/clients", limit=1).status_code == 200  # not a billing list: not counted
        assert [api.get("/fixed-fees", limit=1).status_code for _ in range(2)] == [200, 200]
        throttled = api.get("/invoices")
        assert throttled.status_code == 429
        assert "retry-after" not in throttled.headers
        assert throttled.json()["errors"] == {
            "request": ["Too many requests during month-end billing. Back off and retry."]
        }
        writes = [api.post("/practice-areas", {"label": f"Area {n}"}).status_code for n in range(4)]
        assert writes == [201, 429, 201, 429]
        assert len(api.data("/practice-areas")) == 6 + 2
        clock.advance(900)
        assert [api.get("/time-entries", limit=1).status_code for _ in range(3)] == [200, 200, 200]
    finally:
        client.delete("/__admin/scenarios/leanlaw-month-end-billing")


def test_scenario_for_one_firm_leaves_the_other_alone(client: TestClient) -> None:
    scenario = {
        "name": "cascade-down",
        "provider": "leanlaw",
        "rules": [{"fault": {"type": "respond", "error": "ServiceUnavailable"}}],
    }
    assert client.post("/__admin/scenarios", params={"tenant": "cascade"}, json=scenario).status_code == 201
    try:
        assert Api(client).get("/codes").status_code == 200
        down = Api(client, OTHER_FIRM).get("/codes")
        assert down.status_code == 503
        assert down.json()["traceId"] == down.headers["x-leanlaw-traceid"]
    finally:
        client.delete("/__admin/scenarios/cascade-down", params={"tenant": "cascade"})


def test_unknown_operation_name_is_refused_with_the_known_ones(client: TestClient) -> None:
    scenario = {"name": "typo", "provider": "leanlaw", "rules": [{"match": {"operation": "list_clients"}}]}
    response = client.post("/__admin/scenarios", json=scenario)
    assert response.status_code == 400
    assert "ListClients" in response.json()["error"]


def test_provider_port_serves_leanlaw_at_the_root(clock: Clock) -> None:
    settings = Settings(seed=1234, provider_ports={"leanlaw": 9123})
    with TestClient(create_app(settings, clock=clock), base_url="http://testserver:9123") as own:
        response = own.get("/v2/clients", params={"limit": 1}, headers=bearer(FULL))
        assert response.status_code == 200
        assert response.json()["pagination"]["total"] == 25
        assert own.get("/v2/nowhere", headers=bearer(FULL)).json()["status"] == 404


def test_scenario_operation_names_are_the_documents_operation_ids() -> None:
    provider = LeanLawProvider()
    router = provider.build_router(detached(provider))
    assert provider.operations(router) == sorted(schema.operation_ids())


def test_same_seed_gives_byte_identical_answers_and_another_seed_other_data(clock: Clock) -> None:
    def answers(seed: int) -> list[bytes]:
        with TestClient(create_app(Settings(seed=seed), clock=clock)) as app:
            api = Api(app)
            created = api.post("/clients", {"name": "Same Again LLC"})
            return [
                api.get("/clients", select="contact,meta,customFields").content,
                api.get("/time-entries", limit=50, select="client,matter,user,invoice,fixedFee,meta").content,
                api.get("/invoices", select="client,matter,meta").content,
                created.content,
            ]

    first_run, second_run = answers(1234), answers(1234)
    assert first_run == second_run
    assert answers(99)[0] != first_run[0]
