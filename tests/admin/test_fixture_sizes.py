"""Fixture sizes are capped by --max-records (400 for an override, exit 2 for a file), and a large store is built
off the event loop: other requests keep being answered while it is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.cli import main
from mockserver.settings import Settings
from tests.live.alongside import alongside

HUGE = "name: huge\nprovider: ons\nfixtures: {ons: {sizes: {clients: 200000, employees: 200000}}}\nrules: []\n"


def test_override_past_max_records_is_400_and_changes_nothing(client: TestClient) -> None:
    response = client.post("/__admin/scenarios", content=HUGE)
    assert response.status_code == 400
    # 200,000 clients + 80,000 care plans (share 0.4) + 200,000 employees + 8 teams + 12 locations + 4 x 3 deleted
    expected = "request body: fixtures.ons.sizes: 480032 generated records per tenant; at most 100000 (--max-records)"
    assert response.json() == {"error": expected}
    assert client.get("/__admin/scenarios").json()["scenarios"] == []
    teams = client.get("/ons/t/teams", headers={"Accept": "application/json"})
    assert teams.status_code == 200


def test_max_records_is_a_setting(clock: Any) -> None:
    small = "name: small\nprovider: ons\nfixtures: {ons: {sizes: {clients: 1000}}}\nrules: []\n"
    # Every provider's own fixtures stay under 1,000 (LeanLaw's, the largest, generate 551).
    with TestClient(create_app(Settings(seed=1, max_records=1000), clock=clock)) as client:
        response = client.post("/__admin/scenarios", content=small)
    assert response.status_code == 400
    assert response.json()["error"].endswith(": 1462 generated records per tenant; at most 1000 (--max-records)")


def test_fixtures_file_past_max_records_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "onlineafspraken.yaml").write_text("sizes: {customers: 200000, appointments: 50000}\n")
    assert main(["serve", "--fixtures", str(tmp_path), "--port", "0"]) == 2
    line = capsys.readouterr().err
    # 2 agendas + 4 resources + 3 appointment types + 200,000 customers + 50,000 appointments
    expected = f"{tmp_path / 'onlineafspraken.yaml'}: sizes: 250009 generated records per tenant; at most 100000"
    assert line == f"mockserver serve: error: {expected} (--max-records)\n"


@pytest.mark.live
def test_building_a_large_store_does_not_stall_other_requests(live: Callable[..., Any]) -> None:
    large = "name: large\nprovider: ons\nfixtures: {ons: {sizes: {clients: 20000}}}\nrules: []\n"
    with live(create_app(Settings(seed=1))) as server:
        assert httpx.post(f"{server.url}/__admin/scenarios", content=large).status_code == 201
        # The first Ons request builds the tenant's store with 20,000 clients (a few tenths of a second).
        teams = f"{server.url}/ons/t/teams"
        outcome = alongside(server.url, lambda: httpx.get(teams, headers={"Accept": "application/json"}, timeout=120))
    assert outcome.response is not None and outcome.response.status_code == 200
    outcome.assert_not_held_up()
