"""Bad input of every kind: a failed Status with a message and a code, HTTP 200, never a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.onlineafspraken.conftest import ENDPOINT, Api, failure_of

Query = list[tuple[str, str]]


def without(query: Query, name: str) -> Query:
    return [(k, v) for k, v in query if k != name]


def signed(method: str, **params: object) -> Callable[[Api], Query]:
    return lambda api: api.query(method, params)


# (id, request builder, expected code, part of the message)
CASES: list[tuple[str, Callable[[Api], Query], str, str]] = [
    ("no-parameters", lambda api: [], "B57", "parameter method not found"),
    ("no-api-key", lambda api: without(api.query("getAgendas", {}), "api_key"), "B57", "api_key"),
    ("no-salt", lambda api: without(api.query("getAgendas", {}), "api_salt"), "B57", "api_salt"),
    ("no-signature", lambda api: without(api.query("getAgendas", {}), "api_signature"), "B57", "api_signature"),
    ("empty-method", lambda api: [("method", ""), *api.query("getAgendas", {})[1:]], "B57", "method"),
    ("duplicate-api-key", lambda api: [*api.query("getAgendas", {}), ("api_key", "oa-demo-key")], "M06", "api_key"),
    ("duplicate-salt", lambda api: [*api.query("getAgendas", {}), ("api_salt", "1")], "M06", "api_salt"),
    ("duplicate-by-case", signed("getAgenda", Id=270, id=271), "M06", "Id/id"),
    # Two names repeated: the one whose second spelling comes first is named (Foo/foo before Id/id).
    ("first-repeat-named", signed("getAgenda", Id=270, Foo=1, foo=2, id=271), "M06", "API parameter Foo/foo was"),
    (
        "unknown-api-key",
        lambda api: [(k, "nope" if k == "api_key" else v) for k, v in api.query("getAgendas", {})],
        "M01",
        "",
    ),
    ("unknown-method", signed("getUnicorns"), "M07", "getUnicorns"),
    ("missing-id", signed("getAgenda"), "B57", "API required parameter Id not found."),
    ("missing-resource-id", signed("getResource"), "B57", "API required parameter id not found."),
    ("non-numeric-id", signed("getAgenda", Id="abc"), "M08", "whole number"),
    ("negative-limit", signed("getCustomers", Limit=-1), "M08", "Limit"),
    ("bad-offset", signed("getCustomers", Offset="x"), "M08", "Offset"),
    ("unknown-agenda", signed("getAgenda", Id=1), "M09", "Agenda 1"),
    ("unknown-resource", signed("getResource", id=1), "M09", "Resource 1"),
    ("unknown-type", signed("getAppointmentType", Id=1), "M09", "Appointment type 1"),
    ("unknown-customer", signed("getCustomer", Id=1), "M09", "Customer 1"),
    ("unknown-appointment", signed("getAppointment", Id=1), "M09", "Appointment 1"),
    ("fields-unknown-agenda", signed("getFields", AgendaId=1), "M09", "Agenda 1"),
    ("bad-date", signed("getAppointments", AgendaId=270, StartDate="2026-13-01"), "M08", "StartDate"),
    ("date-wrong-order", signed("getAppointments", AgendaId=270, StartDate="03-03-2026"), "M08", "YYYY-MM-DD"),
    (
        "end-before-start",
        signed("getAppointments", AgendaId=270, StartDate="2026-03-05", EndDate="2026-03-01"),
        "M08",
        "",
    ),
    ("missing-start-date", signed("getAppointments", AgendaId=270), "B57", "StartDate"),
    ("bad-flag", signed("getAppointments", AgendaId=270, StartDate="2026-03-01", IncludeCancelled=2), "M08", "0 or 1"),
    ("bad-updated-after", signed("getCustomers", UpdatedAfter="yesterday"), "M08", "UpdatedAfter"),
    (
        "bad-time",
        signed(
            "setAppointment",
            AgendaId=270,
            AppointmentTypeId=1810,
            CustomerId=14180,
            Date="2026-03-03",
            StartTime="25:00",
        ),
        "M08",
        "StartTime",
    ),
    (
        "unknown-customer-booking",
        signed(
            "setAppointment", AgendaId=270, AppointmentTypeId=1810, CustomerId=1, Date="2026-03-03", StartTime="10:00"
        ),
        "M09",
        "Customer 1",
    ),
    (
        "type-of-other-agenda",
        signed("getBookableTimes", AgendaId=271, AppointmentTypeId=1810, Date="2026-03-03"),
        "M08",
        "does not belong",
    ),
    (
        "days-range-too-long",
        signed("getBookableDays", AgendaId=270, AppointmentTypeId=1810, StartDate="2026-03-01", EndDate="2027-06-01"),
        "M08",
        "366",
    ),
    ("bad-cancel-mode", signed("cancelAppointment", Id=1, Mode="admin"), "M08", "Mode"),
    ("bad-confirmations", signed("cancelAppointment", Id=1, Mode="company", Confirmations=7), "M08", "Confirmations"),
    ("bad-email", signed("setCustomer", FirstName="A", LastName="B", Email="not-an-address"), "M08", "Email"),
    (
        "short-password",
        signed("setCustomer", FirstName="A", LastName="B", Email="a@b.nl", Username="ab", Password="123"),
        "M08",
        "6",
    ),
    ("bad-gender", signed("setCustomer", FirstName="A", LastName="B", Email="a@b.nl", Gender="X"), "M08", "Gender"),
    (
        "bad-mobile",
        signed("setCustomer", FirstName="A", LastName="B", Email="a@b.nl", MobilePhone="abc"),
        "M08",
        "MobilePhone",
    ),
    ("customer-missing-email", signed("setCustomer", FirstName="A", LastName="B"), "B57", "Email"),
    (
        "block-ends-before-start",
        signed("CHAddBlock", AgendaId=270, Date="2026-03-03", StartTime="10:00", EndTime="09:00"),
        "M08",
        "EndTime",
    ),
    ("confirm-without-code", signed("confirmAppointment", id=1), "B57", "ConfirmationCode"),
]


@pytest.mark.parametrize(("builder", "code", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_fails_in_body_with_code(
    shared_api: Api, builder: Callable[[Api], Query], code: str, fragment: str
) -> None:
    root = shared_api.send(builder(shared_api))
    got_code, message = failure_of(root)
    assert (got_code, fragment in message) == (code, True), message
    assert message
    assert root.findtext("Status/Timestamp") == str(shared_api.now())


def raw(client: TestClient, method: str, path: str = ENDPOINT, **kwargs: object) -> etree._Element:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=UTF-8"
    return etree.fromstring(response.content)


def test_json_body_is_malformed_request(api: Api) -> None:
    root = raw(api.client, "POST", content=b'{"method": "getAgendas"}', headers={"content-type": "application/json"})
    assert failure_of(root)[0] == "M14"


def test_body_that_is_not_utf8_is_malformed_request(api: Api) -> None:
    body = b"method=getAgendas&Name=\xff\xfe"
    root = raw(api.client, "POST", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert failure_of(root)[0] == "M14"


def test_percent_encoded_bytes_that_are_not_utf8_are_malformed_request(api: Api) -> None:
    root = raw(api.client, "GET", f"{ENDPOINT}?method=getAgendas&Name=%ff")
    assert failure_of(root)[0] == "M14"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/onlineafspraken/nothing"), ("PUT", ENDPOINT), ("DELETE", ENDPOINT + "/"), ("GET", "/onlineafspraken")],
)
def test_framework_failures_use_the_envelope(api: Api, method: str, path: str) -> None:
    root = raw(api.client, method, path)
    code, message = failure_of(root)
    assert code == "M15" and message
    assert root.findtext("Status/Timestamp") == str(api.now())


def test_body_over_the_size_limit_is_refused(clock: Clock) -> None:
    app = create_app(Settings(seed=1, max_body_bytes=64), clock=clock)
    with TestClient(app) as client:
        api = Api(client, clock)
        query = api.query("getAgendas", {"Padding": "x" * 100})
        root = raw(client, "POST", data=dict(query))
    assert failure_of(root) == ("M14", "The request body is larger than 64 bytes.")


def test_a_parameter_name_xml_cannot_carry_is_echoed_replaced_not_a_crash(client: TestClient) -> None:
    # Found by Schemathesis: the M06 message named "\x1f", which lxml refused to write (a 500).
    response = client.post(ENDPOINT, data={"\x1f": "a"}, params={"\x1f": "b"})
    assert response.status_code == 200
    code, message = failure_of(etree.fromstring(response.content))
    assert code == "M06"
    assert message == "API parameter \ufffd was given more than once."
