"""Fixture overrides: a scenario's partial fixtures document changes the data while applied, and only then."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.cli import main
from mockserver.core.clock import Clock
from mockserver.settings import Settings

HR = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text", "Accept": "application/json"}
OTHER = {"X-Client-Cert-CN": "finance_integration-DF0000-production", "Accept": "application/json"}
GENERATED_CLIENTS = 60  # fixtures/ons.yaml sizes.clients


def sized(name: str, clients: int) -> dict[str, Any]:
    return {"name": name, "fixtures": {"ons": {"sizes": {"clients": clients}}}}


def post(client: TestClient, scenario: dict[str, Any], tenant: str | None = None) -> Any:
    params = {"tenant": tenant} if tenant else {}
    return client.post("/__admin/scenarios", content=yaml.safe_dump(scenario), params=params)


def clients_of(client: TestClient, tenant: str = "TE1002") -> int:
    response = client.get("/__admin/state/ons/clients", params={"tenant": tenant})
    assert response.status_code == 200, response.text
    return len(response.json()["records"])


def create_client(client: TestClient, number: str) -> None:
    body = {"firstName": "Ada", "name": "Ada Lovelace", "birthName": "Byron", "identificationNo": number}
    assert client.post("/ons/t/clients", json=body, headers=HR).status_code in (200, 201, 202, 204)


def identification_numbers(client: TestClient) -> set[str]:
    records = client.get("/__admin/state/ons/clients", params={"tenant": "TE1002"}).json()["records"]
    return {r.get("identificationNo") for r in records}


def test_apply_size_override_rebuilds_the_store_smaller_and_removal_restores_it(client: TestClient) -> None:
    before = clients_of(client)
    create_client(client, "CL-kept-until-override")
    assert "CL-kept-until-override" in identification_numbers(client)

    assert post(client, sized("few-clients", 5)).status_code == 201
    assert clients_of(client) == before - (GENERATED_CLIENTS - 5)
    assert "CL-kept-until-override" not in identification_numbers(client)  # rebuilt from the seed

    assert client.delete("/__admin/scenarios/few-clients").status_code == 200
    assert clients_of(client) == before


def test_clear_scenarios_restores_the_file_config(client: TestClient) -> None:
    before = clients_of(client)
    assert post(client, sized("many-clients", 80)).status_code == 201
    assert clients_of(client) == before + 20
    assert client.delete("/__admin/scenarios").json() == {"removed": 1}
    assert clients_of(client) == before


def test_full_reset_keeps_the_override_applied(client: TestClient) -> None:
    before = clients_of(client)
    assert post(client, sized("few-clients", 5)).status_code == 201
    assert client.post("/__admin/reset").status_code == 200
    assert clients_of(client) == before - 55


def test_applied_scenario_lists_which_providers_it_overrides(client: TestClient) -> None:
    applied = post(client, sized("few-clients", 5)).json()["applied"]
    assert applied["fixtures"] == ["ons"]
    assert client.get("/__admin/scenarios").json()["scenarios"][0]["fixtures"] == ["ons"]


def test_overrides_of_several_scenarios_merge_in_application_order(client: TestClient) -> None:
    before = clients_of(client)
    assert post(client, sized("five", 5)).status_code == 201
    assert post(client, sized("seven", 7)).status_code == 201
    assert clients_of(client) == before - 53
    assert client.delete("/__admin/scenarios/seven").status_code == 200
    assert clients_of(client) == before - 55
    # Re-applying moves a scenario to the end of the order.
    assert post(client, sized("seven", 7)).status_code == 201
    assert post(client, sized("five", 5)).status_code == 201
    assert clients_of(client) == before - 55


def test_bad_override_is_refused_with_its_path_and_nothing_changes(client: TestClient) -> None:
    before = clients_of(client)
    create_client(client, "CL-survives")
    bad = {"name": "bad", "fixtures": {"ons": {"jobs": {"ready_after_polls": -1}}}}
    response = post(client, bad)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("request body: fixtures.ons.jobs.ready_after_polls: ")
    assert "greater than or equal to 0" in error
    assert client.get("/__admin/scenarios").json()["scenarios"] == []
    assert clients_of(client) == before + 1
    assert "CL-survives" in identification_numbers(client)


def test_override_of_switches_is_refused_naming_the_settings(client: TestClient) -> None:
    response = post(client, {"name": "bad", "fixtures": {"ons": {"options": {"spec_mode": True}}}})
    assert response.status_code == 400
    assert response.json()["error"] == (
        "request body: fixtures.ons.options: switches are settings (options.ons), not fixtures"
    )


def test_unknown_provider_is_refused_naming_the_valid_ones(client: TestClient) -> None:
    response = post(client, {"name": "bad", "fixtures": {"nope": {"sizes": {}}}})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("request body: fixtures.nope: unknown provider 'nope'; valid: ")
    assert "ons" in error and "onlineafspraken" in error


def test_override_that_conflicts_with_an_applied_one_is_refused_whole(client: TestClient) -> None:
    own = "own_connector-TE1002-x"
    first = {
        "name": "own-default",
        "fixtures": {
            "ons": {
                "connectors": [{"cn": own, "tenant": "TE1002"}, {"cn": HR["X-Client-Cert-CN"], "tenant": "TE1002"}],
                "default_connector": own,
            }
        },
    }
    assert post(client, first).status_code == 201
    second = {
        "name": "only-hr",
        "fixtures": {"ons": {"connectors": [{"cn": HR["X-Client-Cert-CN"], "tenant": "TE1002"}]}},
    }
    response = post(client, second)
    assert response.status_code == 400
    assert response.json()["error"].startswith("request body: fixtures.ons: ")
    assert "is not one of the connectors" in response.json()["error"]
    assert [s["name"] for s in client.get("/__admin/scenarios").json()["scenarios"]] == ["own-default"]


def test_override_for_one_tenant_changes_only_that_tenants_store(client: TestClient) -> None:
    mine, theirs = clients_of(client, "TE1002"), clients_of(client, "DF0000")
    assert post(client, sized("few-clients", 5), tenant="DF0000").status_code == 201
    assert clients_of(client, "DF0000") == theirs - 55
    assert clients_of(client, "TE1002") == mine
    assert client.delete("/__admin/scenarios/few-clients", params={"tenant": "DF0000"}).status_code == 200
    assert clients_of(client, "DF0000") == theirs


def test_tenant_override_merges_over_the_server_wide_one(client: TestClient) -> None:
    before = clients_of(client, "DF0000")
    assert post(client, sized("five", 5)).status_code == 201
    jobs = {"name": "jobs", "fixtures": {"ons": {"jobs": {"ready_after_polls": 0}}}}
    assert post(client, jobs, "DF0000").status_code == 201
    assert clients_of(client, "DF0000") == before - 55  # the server-wide size still holds for DF0000
    location = client.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=OTHER).headers["location"]
    assert client.get(location, headers=OTHER).status_code == 200  # no polls needed for DF0000
    location = client.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=HR).headers["location"]
    assert client.get(location, headers=HR).status_code == 423  # TE1002 keeps the file's two polls


def agenda_hours(client: TestClient, tenant: str) -> dict[str, list[str]]:
    records = client.get("/__admin/state/onlineafspraken/agendas", params={"tenant": tenant}).json()["records"]
    return records[0]["opening_hours"]  # type: ignore[no-any-return]


def test_onlineafspraken_opening_hours_override_for_one_tenant(client: TestClient) -> None:
    west, default = agenda_hours(client, "praktijk-west"), agenda_hours(client, "default")
    scenario = {"name": "early", "fixtures": {"onlineafspraken": {"opening_hours": {"mon": ["07:00-08:00"]}}}}
    assert post(client, scenario, tenant="praktijk-west").status_code == 201
    # Mappings merge key by key: Monday (weekday 0) is replaced, the other days come from the file.
    assert agenda_hours(client, "praktijk-west") == {**west, "0": ["07:00-08:00"]}
    assert agenda_hours(client, "default") == default
    assert client.delete("/__admin/scenarios/early", params={"tenant": "praktijk-west"}).status_code == 200
    assert agenda_hours(client, "praktijk-west") == west


@pytest.fixture
def slow_export(clock: Clock) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(seed=1234, scenarios=["ons-slow-export"]), clock=clock)) as c:
        yield c


def test_shipped_ons_slow_export_keeps_jobs_locked_for_five_polls(slow_export: TestClient) -> None:
    location = slow_export.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=HR).headers["location"]
    statuses = [slow_export.get(location, headers=HR).status_code for _ in range(6)]
    assert statuses == [423] * 5 + [200]
    assert slow_export.delete("/__admin/scenarios/ons-slow-export").status_code == 200
    location = slow_export.post("/ons/t/reports/exports", json={"collection": "teams"}, headers=HR).headers["location"]
    assert [slow_export.get(location, headers=HR).status_code for _ in range(3)] == [423, 423, 200]


def test_reload_of_a_changed_file_reapplies_its_overrides(clock: Clock, tmp_path: Path) -> None:
    path = tmp_path / "sized.yaml"
    path.write_text(yaml.safe_dump(sized("sized", 5)))
    with TestClient(create_app(Settings(seed=1, scenarios=[str(path)]), clock=clock)) as c:
        before = clients_of(c)
        path.write_text(yaml.safe_dump(sized("sized", 9)))
        assert c.app.state.scenarios.reload(path)  # type: ignore[attr-defined]
        assert clients_of(c) == before + 4
        path.write_text(yaml.safe_dump(sized("sized", -9)))
        assert not c.app.state.scenarios.reload(path)  # type: ignore[attr-defined]
        assert clients_of(c) == before + 4


def test_serve_refuses_a_scenario_file_with_a_bad_override(clock: Clock, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"name": "bad", "fixtures": {"ons": {"sizes": {"teams": "many"}}}}))
    with pytest.raises(ValueError, match=r"bad\.yaml: fixtures\.ons\.sizes\.teams: "):
        create_app(Settings(seed=1, scenarios=[str(path)]), clock=clock)


def test_cli_validate_exits_2_naming_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"name": "bad", "fixtures": {"ons": {"jobs": {"ready_after_polls": -1}}}}))
    assert main(["scenarios", "validate", str(path)]) == 2
    assert f"{path}: fixtures.ons.jobs.ready_after_polls: " in capsys.readouterr().err
