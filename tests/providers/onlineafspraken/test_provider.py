"""The provider as a whole: transport, tenancy, journal, admin views, options, config errors."""

from __future__ import annotations

import shlex
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.config_errors import ConfigError
from mockserver.core.clock import Clock
from mockserver.providers.onlineafspraken import OnlineAfsprakenProvider
from mockserver.providers.onlineafspraken.errors import ERRORS, error_for_status
from mockserver.providers.onlineafspraken.methods import method_names
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import Settings
from tests.conftest import free_port
from tests.providers.onlineafspraken.conftest import ENDPOINT, KEY, SECRET, Api, failure_of, objects, status_of

CONTRACT_METHODS = {
    "getAgendas", "getAgenda", "getAppointmentTypes", "getAppointmentType", "getResources", "getResource",
    "getFields", "getCustomers", "getCustomer", "setCustomer", "loginCustomer", "passwordRecovery",
    "getAppointments", "getAppointment", "setAppointment", "cancelAppointment", "confirmAppointment",
    "removeAppointment", "getBookableDays", "getBookableTimes", "requiresConfirmation", "CHAddBlock", "CHRemoveBlock",
}  # fmt: skip


def test_every_contract_method_is_served() -> None:
    assert set(method_names()) == CONTRACT_METHODS
    assert OnlineAfsprakenProvider().operations(None) == sorted(CONTRACT_METHODS)  # type: ignore[arg-type]


def test_post_form_is_merged_with_query(api: Api) -> None:
    query = api.query("getAgenda", {"Id": 270})
    in_url = [(k, v) for k, v in query if k == "method"]
    in_body = [(k, v) for k, v in query if k != "method"]
    response = api.client.post(f"{ENDPOINT}?{urlencode(in_url)}", data=dict(in_body))
    root = etree.fromstring(response.content)
    assert status_of(root) == "success"
    assert root.findtext("Agenda/Id") == "270"


def test_post_form_alone_works(api: Api) -> None:
    assert status_of(api.send(api.query("getAgendas", {}), post=True)) == "success"


def test_trailing_slash_endpoint_answers(api: Api) -> None:
    response = api.client.get(ENDPOINT + "/", params=api.query("getAgendas", {}))
    assert status_of(etree.fromstring(response.content)) == "success"


def test_tenants_do_not_see_each_others_writes(api: Api, west: Api) -> None:
    api.ok("setCustomer", FirstName="Alleen", LastName="Hier", Email="alleen@example.nl")
    assert objects(api.ok("getCustomers", Email="alleen@example.nl"), "Customer")
    assert west.ok("getCustomers", Email="alleen@example.nl").find("Objects") is None


def test_journal_names_method_tenant_and_key_but_hides_signature(api: Api, west: Api) -> None:
    api.ok("getAgendas")
    west.ok("getResources")
    body = api.client.get("/__admin/requests", params={"operation": "getResources"}).json()
    assert [(e["tenant"], e["credential"]) for e in body["requests"]] == [("praktijk-west", "oa-west-key")]
    assert "api_signature=<redacted>" in body["requests"][0]["query"]


def test_failed_auth_still_journals_operation(api: Api) -> None:
    query = [(k, "0" * 64 if k == "api_signature" else v) for k, v in api.query("getCustomers", {})]
    api.send(query)
    entries = api.client.get("/__admin/requests", params={"operation": "getCustomers"}).json()["requests"]
    assert len(entries) == 1 and entries[0]["status"] == 200


def test_admin_credentials_list_each_tenant(client: TestClient) -> None:
    listed = client.get("/__admin/credentials").json()["onlineafspraken"]
    assert listed[0] == {"tenant": "default", "api_key": KEY, "api_secret": SECRET}
    assert [c["tenant"] for c in listed] == ["default", "praktijk-west"]


@pytest.mark.parametrize(
    "collection", ["agendas", "resources", "appointment_types", "fields", "customers", "appointments", "blocks"]
)
def test_admin_state_view_dumps_collections(client: TestClient, collection: str) -> None:
    response = client.get(f"/__admin/state/onlineafspraken/{collection}")
    assert response.status_code == 200
    assert isinstance(response.json()["records"], list)


def test_admin_state_view_refuses_unknown_collection(client: TestClient) -> None:
    response = client.get("/__admin/state/onlineafspraken/unicorns")
    assert response.status_code == 404
    assert "appointments" in response.json()["error"]


def test_reset_forgets_writes(api: Api) -> None:
    api.ok("setCustomer", FirstName="Weg", LastName="Straks", Email="weg@example.nl")
    api.client.post("/__admin/reset", params={"provider": "onlineafspraken", "tenant": "default"})
    assert api.ok("getCustomers", Email="weg@example.nl").find("Objects") is None


def test_same_seed_and_clock_give_identical_bodies(clock: Clock) -> None:
    bodies = []
    for _ in range(2):
        with TestClient(create_app(Settings(seed=99), clock=clock)) as client:
            api = Api(client, clock)
            query = api.query("getAppointments", {"AgendaId": 270, "StartDate": "2026-01-01"})
            bodies.append(
                client.get(ENDPOINT, params=query).content
                + client.get(ENDPOINT, params=api.query("getCustomers", {})).content
            )
    assert bodies[0] == bodies[1]


def test_summer_time_option_follows_the_captures(clock: Clock) -> None:
    clock.set(datetime(2026, 7, 15, 18, 38, 16, tzinfo=UTC))
    settings = Settings(seed=1, options={"onlineafspraken": {"dutch_summer_time": True}})
    with TestClient(create_app(settings, clock=clock)) as client:
        root = Api(client, clock).ok("getAgendas")
    # captures/getAgenda.xml: Timestamp 1626374296 came with Date 2021-07-15 20:38:16 (GMT+2)
    assert root.findtext("Status/Date") == "2026-07-15 20:38:16"


def test_salt_window_option_narrows_the_window(clock: Clock) -> None:
    settings = Settings(seed=1, options={"onlineafspraken": {"salt_window": 10}})
    with TestClient(create_app(settings, clock=clock)) as client:
        api = Api(client, clock)
        assert failure_of(api.send(api.query("getAgendas", {}, salt=api.now() - 11)))[0] == "M03"
        assert status_of(api.send(api.query("getAgendas", {}, salt=api.now() - 10))) == "success"


def test_unknown_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="strict_signaturez"):
        OnlineAfsprakenProvider().load_config(None, "x.yaml", {"strict_signaturez": True})


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"opening_hours": {"mon": ["17:00-09:00"]}}, "opening_hours"),
        ({"opening_hours": {"maandag": ["09:00-17:00"]}}, "opening_hours"),
        (
            {
                "tenants": [
                    {"name": "a", "api_key": "k", "api_secret": "s"},
                    {"name": "b", "api_key": "k", "api_secret": "t"},
                ]
            },
            "api_key",
        ),
        ({"sizes": {"customers": -1}}, "sizes.customers"),
    ],
)
def test_bad_fixtures_are_config_errors(raw: dict, field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        OnlineAfsprakenProvider().load_config(raw, "fixtures/onlineafspraken.yaml", {})


def test_injected_transport_status_keeps_its_status() -> None:
    assert error_for_status(503, "maintenance").status == 503
    assert error_for_status(404, "no route").status == 200


def test_error_table_has_unique_codes() -> None:
    codes = [cls.code for cls in ERRORS]
    assert len(codes) == len(set(codes))
    assert codes[0] == "B57"


def test_curl_example_signs_when_pasted(client: TestClient) -> None:
    config = client.app.state.mock.configs["onlineafspraken"]  # type: ignore[attr-defined]
    line = OnlineAfsprakenProvider().curl_example(config, "http://127.0.0.1:8080/")
    assert line.startswith('curl -s "$(mockserver sign getAgendas ')
    inner = line[len('curl -s "$(') : -len(')"')]
    assert shlex.split(inner)[4] == "http://127.0.0.1:8080/onlineafspraken/APIREST"
    assert "--api-key oa-demo-key --api-secret oa-demo-secret" in inner


def test_parameter_in_query_and_body_is_a_duplicate(api: Api) -> None:
    query = api.query("getAgenda", {"Id": 270})
    response = api.client.post(f"{ENDPOINT}?Id=270", data=dict(query))
    assert failure_of(etree.fromstring(response.content))[0] == "M06"


def test_upper_case_auth_parameter_names_are_not_signed(api: Api) -> None:
    query = [(k.upper() if k.startswith("api_") else k, v) for k, v in api.query("getAgendas", {})]
    assert status_of(api.send(query)) == "success"


@pytest.mark.live
def test_provider_on_its_own_port_serves_apirest_at_root(clock: Clock, live: Any) -> None:
    port = free_port()
    app = create_app(Settings(seed=1, provider_ports={"onlineafspraken": port}), clock=clock)
    with live(app, port=port) as server:
        query = signed_query("getAgendas", [], KEY, SECRET, int(clock.timestamp()))
        response = httpx.get(f"{server.url}/APIREST", params=query)
    assert response.status_code == 200
    assert status_of(etree.fromstring(response.content)) == "success"
