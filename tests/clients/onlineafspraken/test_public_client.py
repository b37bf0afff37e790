"""The public PyPI client `onlineafspraken` 0.2.8, unmodified, in its own virtualenv: every call it offers works.

Expected values are the named records of fixtures/onlineafspraken.yaml (agenda 270 "Praktijk Centrum",
type 1810 "Intakegesprek", resource 620 "Spreekkamer 1", customer Jan de Vries) and the vendor's rules.
The client signs with the wall clock (its salt is ``datetime.now()``), so the server runs on system time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.clients.session import ClientCallFailed, ClientSession, client_session
from tests.conftest import run_live

pytestmark = pytest.mark.live

GENERAL = "onlineafspraken.api.general"
AVAILABILITY = "onlineafspraken.api.availability"
APPOINTMENT = "onlineafspraken.api.appointment"
CUSTOMERS = "onlineafspraken.api.customers"
DEFAULT = ("oa-demo-key", "oa-demo-secret")
WEST = ("oa-west-key", "oa-west-secret")
ONE_FIELD = {
    "name": "one-field",
    "fixtures": {"onlineafspraken": {"records": {"fields": [{"label": "Opmerkingen", "key": "Opmerkingen"}]}}},
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with run_live(create_app(Settings(seed=1234), clock=Clock())) as live:
        yield live.url


@contextmanager
def client(server: str, tmp_path: Path, credentials: tuple[str, str]) -> Iterator[ClientSession]:
    # The client reads its configuration from the environment when imported (python-decouple); the
    # variable name's typo is the client's own.
    env = {
        "ONLINE_AFSRPAKEN_API_URL": server + "/onlineafspraken/APIREST",
        "ONLINE_AFSPRAKEN_KEY": credentials[0],
        "ONLINE_AFSPRAKEN_SECRET": credentials[1],
    }
    with client_session("onlineafspraken", env, tmp_path) as session:
        yield session


def jan(customers: list[dict[str, Any]]) -> dict[str, Any]:
    (found,) = [c for c in customers if (c["first_name"], c["last_name"]) == ("Jan", "Vries")]
    return found


def test_catalog_calls(server: str, tmp_path: Path) -> None:
    with client(server, tmp_path, DEFAULT) as oa:
        agendas = oa.call(f"{GENERAL}:get_agendas")
        assert [a["id"] for a in agendas] == [270, 271]
        assert (agendas[0]["name"], agendas[0]["align_grid"], agendas[0]["is_default"]) == ("Praktijk Centrum", 15, 1)
        agenda = oa.call(f"{GENERAL}:get_agenda", 270)
        assert (agenda["id"], agenda["name"], agenda["date_format"]) == (270, "Praktijk Centrum", "D d/m/Y")
        types = oa.call(f"{GENERAL}:get_appointment_types")
        assert [(t["id"], t["name"], t["duration"], t["buffer"]) for t in types[:2]] == [
            (1810, "Intakegesprek", 30, 10),
            (1811, "Controle", 15, 0),
        ]
        kind = oa.call(f"{GENERAL}:get_appointment_type", 1810)
        assert (kind["name"], kind["category"], kind["duration"]) == ("Intakegesprek", "Spreekuur", 30)
        resources = oa.call(f"{GENERAL}:get_resources")
        assert (resources[0]["id"], resources[0]["name"]) == (620, "Spreekkamer 1")
        resource = oa.call(f"{GENERAL}:get_resource", 620)
        assert (resource["name"], resource["email"]) == ("Spreekkamer 1", "spreekkamer1@praktijk.example")
        assert oa.call(f"{GENERAL}:requires_confirmation") == {"required": {"required": "0"}}


def test_customer_calls(server: str, tmp_path: Path) -> None:
    with client(server, tmp_path, DEFAULT) as oa:
        listed = oa.call(f"{CUSTOMERS}:get_customers")
        customers = listed["objects"]["Customer"]
        assert listed["status"]["status"] == "success" and len(customers) == 26  # 1 named + sizes.customers 25
        assert all(isinstance(c["account_number"], int) for c in customers)
        named = jan(customers)
        assert (named["insertions"], named["email"], named["city"]) == ("de", "jan.devries@example.nl", "Utrecht")
        one = oa.call(f"{CUSTOMERS}:get_customer", named["id"])
        assert (one["id"], one["first_name"], one["last_name"]) == (named["id"], "Jan", "Vries")
        login = oa.call(f"{CUSTOMERS}:login_customer", "jdevries", "geheim123")
        assert login["customer"]["id"] == named["id"]
        with pytest.raises(ClientCallFailed) as refused:
            oa.call(f"{CUSTOMERS}:login_customer", "jdevries", "wrong-password")
        assert str(refused.value).startswith("OnlineAfsprakenError: ")
        recovery = oa.call(f"{CUSTOMERS}:password_recovery", "jan.devries@example.nl")
        assert (recovery["status"]["status"], recovery["data"]["id"]) == ("success", named["id"])
        created = oa.call(f"{CUSTOMERS}:set_customer", "Piet", "Jansen", "piet.jansen@example.nl", account_number=4242)
        assert created["status"] == 1
        piet = oa.call(f"{CUSTOMERS}:get_customer", created["id"])
        assert (piet["first_name"], piet["last_name"], piet["account_number"]) == ("Piet", "Jansen", 4242)


def test_get_fields_reads_one_field(server: str, tmp_path: Path) -> None:
    # The client models Objects as {"Field": one field}: with two or more fields xmltodict gives it a list
    # and its own validation fails. The call works against an agenda with one field, set here for the
    # tenant with a scenario's fixture override.
    applied = httpx.post(server + "/__admin/scenarios", params={"tenant": "default"}, content=yaml.safe_dump(ONE_FIELD))
    assert applied.status_code == 201
    try:
        with client(server, tmp_path, DEFAULT) as oa:
            fields = oa.call(f"{CUSTOMERS}:get_fields", 270)
    finally:
        assert httpx.delete(server + "/__admin/scenarios/one-field", params={"tenant": "default"}).status_code == 200
    field = fields["objects"]["Field"]
    assert (field["label"], field["key"], field["type"], field["required"]) == (
        "Opmerkingen",
        "Opmerkingen",
        "Appointment",
        0,
    )


def book_first_time(oa: ClientSession, customer_id: int) -> dict[str, Any]:
    """Bookable days from today, the first day's times, and an appointment on the first time."""
    today = date.today()
    days = oa.call(
        f"{AVAILABILITY}:get_bookable_days", 270, 1810, today.isoformat(), (today + timedelta(14)).isoformat()
    )
    assert days, "no bookable day in the next two weeks"
    assert all(date.fromisoformat(d["date"]).weekday() < 5 for d in days)  # opening hours are Monday-Friday
    times = oa.call(f"{AVAILABILITY}:get_bookable_times", 270, 1810, days[0]["date"])
    assert times and {(t["date"], t["appointment_type_id"]) for t in times} == {(days[0]["date"], 1810)}
    first = times[0]
    booked = oa.call(f"{APPOINTMENT}:set_appointment", 270, first["start_time"], first["date"], customer_id, 1810)
    return {"time": first, **booked}


def test_appointment_calls(server: str, tmp_path: Path) -> None:
    with client(server, tmp_path, DEFAULT) as oa:
        customer_id = jan(oa.call(f"{CUSTOMERS}:get_customers")["objects"]["Customer"])["id"]
        booked = book_first_time(oa, customer_id)
        assert booked["status"] == 1
        day = booked["time"]["date"]
        shown = oa.call(f"{APPOINTMENT}:get_appointment", booked["id"])
        assert (shown["customer_id"], shown["appointment_type_id"]) == (customer_id, 1810)
        assert shown["start_time"] == f"{day}T{booked['time']['start_time']}:00"
        # The client reads a list only when there are two or more (xmltodict gives one as a mapping):
        # ask for the month, which holds seeded appointments besides the new one.
        month = (date.fromisoformat(day) + timedelta(30)).isoformat()
        listed = oa.call(f"{APPOINTMENT}:get_appointments", 270, start_date=day, end_date=month)
        assert len(listed) >= 2 and booked["id"] in [a["id"] for a in listed]
        assert oa.call(f"{APPOINTMENT}:cancel_appointment", booked["id"]) == {}
        assert oa.call(f"{APPOINTMENT}:remove_appointment", booked["id"])["Status"]["Status"] == "success"
        with pytest.raises(ClientCallFailed) as gone:
            oa.call(f"{APPOINTMENT}:get_appointment", booked["id"])
        assert str(gone.value) == f"OnlineAfsprakenError: Appointment {booked['id']} not found."


def test_confirmation_calls(server: str, tmp_path: Path) -> None:
    with client(server, tmp_path, WEST) as oa:
        assert oa.call(f"{GENERAL}:requires_confirmation") == {"required": {"required": "1"}}
        customer_id = jan(oa.call(f"{CUSTOMERS}:get_customers")["objects"]["Customer"])["id"]
        booked = book_first_time(oa, customer_id)
        state = httpx.get(
            server + "/__admin/state/onlineafspraken/appointments", params={"tenant": "praktijk-west"}
        ).json()
        (record,) = [r for r in state["records"] if r["id"] == booked["id"]]
        confirmed = oa.call(f"{APPOINTMENT}:confirm_appointment", booked["id"], record["confirmation_code"])
        assert confirmed["appointment"] == {"confirmed": 1}


def test_the_one_call_not_served_fails_as_the_vendor_would(server: str, tmp_path: Path) -> None:
    with client(server, tmp_path, DEFAULT) as oa, pytest.raises(ClientCallFailed) as failed:
        oa.call(f"{CUSTOMERS}:login_customer_with_facebook", "1234567890")
    assert str(failed.value) == "OnlineAfsprakenError: API method loginCustomerWithFacebook does not exist."
