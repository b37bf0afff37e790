"""Scenario rules match APIREST calls by method name and tenant and answer in the XML envelope."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.onlineafspraken.conftest import ENDPOINT, WEST_KEY, WEST_SECRET, Api, failure_of, status_of

SCENARIO = """
name: oa-test
description: west cannot book; getAgendas is down for maintenance
provider: onlineafspraken
rules:
  - name: west-cannot-book
    match: {operation: getResources, tenant: praktijk-west}
    fault: {type: respond, error: SlotNotBookable, message: Agenda vol}
  - name: agendas-down
    match: {operation: getAgendas}
    fault: {type: respond, status: 503}
demo:
  - {request: GET /onlineafspraken/APIREST, params: {method: getAgendas}}
"""


def test_scenario_rules_match_method_and_tenant(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / "oa-test.yaml").write_text(SCENARIO, encoding="utf-8")
    app = create_app(Settings(seed=1, scenarios_dir=tmp_path, scenarios=["oa-test"]), clock=clock)
    with TestClient(app) as client:
        default, west = Api(client, clock), Api(client, clock, WEST_KEY, WEST_SECRET)
        assert status_of(default.call("getResources")) == "success"
        assert failure_of(west.call("getResources")) == ("M10", "Agenda vol")
        response = client.get(ENDPOINT, params=default.query("getAgendas", {}))
        assert response.status_code == 503
        root = etree.fromstring(response.content)
        assert failure_of(root)[0] == "M16"
        assert root.findtext("Status/Timestamp") == str(int(clock.timestamp()))
