"""Each APIREST method: what it returns, where the objects sit, and how state moves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import PROJECT_DIR, Settings
from tests.providers.onlineafspraken.conftest import Api, objects

TUESDAY = "2026-03-03"


def book(api: Api, agenda_id: int, type_id: str, customer_id: int, start: str = "14:00", **extra: object) -> str:
    root = api.ok(
        "setAppointment",
        AgendaId=agenda_id,
        AppointmentTypeId=type_id,
        CustomerId=customer_id,
        Date=TUESDAY,
        StartTime=start,
        **extra,
    )
    return objects(root, "Appointment")[0]["Id"]


def test_get_agenda_puts_agenda_at_root(api: Api, agenda_id: int) -> None:
    root = api.ok("getAgenda", Id=agenda_id)
    assert root.find("Objects") is None
    assert root.findtext("Agenda/Name") == "Praktijk Centrum"
    assert root.findtext("Agenda/IsDefault") == "1"


def test_get_appointment_type_keeps_objects(api: Api, intake: dict) -> None:
    root = api.ok("getAppointmentType", Id=intake["Id"])
    found = objects(root, "AppointmentType")
    assert [(t["Duration"], t["Buffer"]) for t in found] == [("30", "10")]


def test_get_appointment_types_filters_by_agenda(api: Api, agenda_id: int) -> None:
    all_types = objects(api.ok("getAppointmentTypes"), "AppointmentType")
    own = objects(api.ok("getAppointmentTypes", AgendaId=agenda_id), "AppointmentType")
    assert 0 < len(own) < len(all_types)


def test_get_resource_puts_resource_at_root(api: Api) -> None:
    first = objects(api.ok("getResources"), "Resource")[0]
    root = api.ok("getResource", id=first["Id"])
    assert root.findtext("Resource/Name") == first["Name"]
    assert root.find("Objects") is None


def test_get_fields_lists_appointment_and_registration_fields(api: Api, agenda_id: int) -> None:
    found = objects(api.ok("getFields", AgendaId=agenda_id), "Field")
    assert {(f["Key"], f["Type"]) for f in found} == {
        ("Opmerkingen", "Appointment"),
        ("Aantal_deelnemers", "Appointment"),
        ("Klantnummer", "Registration"),
    }
    assert list(found[0]) == ["Id", "Label", "Key", "Type", "Required"]


def test_get_customers_pages_with_stats(api: Api) -> None:
    root = api.ok("getCustomers", Limit=10, Offset=20)
    stats = {child.tag: child.text for child in root.find("Status/Stats")}
    assert stats == {"Limit": "10", "Offset": "20", "Records": "6", "TotalRecords": "26"}
    assert len(objects(root, "Customer")) == 6


@pytest.mark.parametrize(("offset", "total"), [(0, "26"), (30, "26")])
def test_get_customers_with_limit_zero_only_counts(api: Api, offset: int, total: str) -> None:
    root = api.ok("getCustomers", Limit=0, Offset=offset)
    stats = {child.tag: child.text for child in root.find("Status/Stats")}
    assert stats == {"Limit": "0", "Offset": str(offset), "Records": "0", "TotalRecords": total}
    assert root.find("Objects") is None


def test_get_customers_offset_past_the_end_gives_an_empty_page(api: Api) -> None:
    root = api.ok("getCustomers", Limit=10, Offset=26)
    stats = {child.tag: child.text for child in root.find("Status/Stats")}
    assert stats == {"Limit": "10", "Offset": "26", "Records": "0", "TotalRecords": "26"}
    assert root.find("Objects") is None


def test_get_customers_default_limit_is_100(api: Api) -> None:
    root = api.ok("getCustomers")
    assert root.findtext("Status/Stats/Limit") == "100"
    assert root.findtext("Status/Stats/Records") == root.findtext("Status/Stats/TotalRecords") == "26"


def test_get_customers_updated_after_returns_only_newer(api: Api, clock: Clock) -> None:
    assert len(objects(api.ok("getCustomers", UpdatedAfter="2026-03-02 10:30:30"), "Customer")) == 0
    clock.advance(60)
    created = objects(api.ok("setCustomer", FirstName="Els", LastName="Bakker", Email="els@example.nl"), "Customer")
    root = api.ok("getCustomers", UpdatedAfter="2026-03-02 10:30:30")
    assert [c["Id"] for c in objects(root, "Customer")] == [created[0]["Id"]]
    # HOSNI's client spells it UpdateAfter
    assert objects(api.ok("getCustomers", UpdateAfter="2026-03-02 10:30:30"), "Customer") == objects(root, "Customer")


def test_empty_list_omits_objects_but_keeps_stats(api: Api) -> None:
    root = api.ok("getCustomers", Email="nobody@example.nl")
    assert root.find("Objects") is None
    assert root.findtext("Status/Stats/TotalRecords") == "0"


def test_get_customer_puts_customer_at_root(api: Api, customer_id: int) -> None:
    root = api.ok("getCustomer", Id=customer_id)
    assert root.findtext("Customer/FirstName") == "Jan"
    assert root.findtext("Customer/Insertions") == "de"
    assert root.find("Customer/Klantnummer") is not None  # registration field


def test_set_customer_creates_then_updates(api: Api, clock: Clock) -> None:
    created = api.ok(
        "setCustomer",
        FirstName="Els",
        LastName="Bakker",
        Email="els@example.nl",
        BirthDate="1980-05-17",
        Gender="F",
        Klantnummer="K-77",
    )
    new = objects(created, "Customer")[0]
    assert set(new) == {"Id", "Status"}
    clock.advance(5)
    updated = api.ok("setCustomer", Id=new["Id"], City="Zwolle")
    assert objects(updated, "Customer")[0]["Id"] == new["Id"]
    customer = api.ok("getCustomer", Id=new["Id"]).find("Customer")
    assert customer.findtext("City") == "Zwolle"
    assert customer.findtext("FirstName") == "Els"
    assert customer.findtext("BirthDate") == "1980-05-17"
    assert customer.findtext("Klantnummer") == "K-77"
    assert customer.findtext("UpdateTime") == "2026-03-02 10:30:05"
    assert customer.findtext("CreateTime") == "2026-03-02 10:30:00"


def test_login_customer_with_right_and_wrong_password(api: Api) -> None:
    root = api.ok("loginCustomer", Username="jdevries", Password="geheim123")
    assert root.findtext("Customer/Email") == "jan.devries@example.nl"
    assert api.fail("loginCustomer", Username="jdevries", Password="fout")[0] == "M12"


def test_login_customer_works_for_customer_created_with_username(api: Api) -> None:
    api.ok("setCustomer", FirstName="A", LastName="B", Email="ab@example.nl", Username="ab1", Password="secret1")
    assert api.ok("loginCustomer", Username="ab1", Password="secret1").findtext("Customer/FirstName") == "A"
    code, _ = api.fail(
        "setCustomer", FirstName="C", LastName="D", Email="cd@example.nl", Username="ab1", Password="x" * 8
    )
    assert code == "M13"


def test_password_recovery_knows_only_existing_addresses(api: Api) -> None:
    root = api.ok("passwordRecovery", Email="JAN.DEVRIES@example.nl")
    assert root.find("Objects") is None
    # The customer under <Data>, as the public client (PyPI onlineafspraken) reads the answer.
    data = root.find("Data")
    assert data is not None
    assert (data.findtext("FirstName"), data.findtext("LastName"), data.findtext("Email")) == (
        "Jan",
        "Vries",
        "jan.devries@example.nl",
    )
    assert api.fail("passwordRecovery", Email="nobody@example.nl")[0] == "M09"


def test_get_appointments_filters_and_pages(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    mine = book(api, agenda_id, intake["Id"], customer_id, Opmerkingen="eerste keer")
    root = api.ok("getAppointments", AgendaId=agenda_id, StartDate=TUESDAY, EndDate=TUESDAY, CustomerId=customer_id)
    found = objects(root, "Appointment")
    assert [a["Id"] for a in found] == [mine]
    assert found[0]["StartTime"] == f"{TUESDAY} 14:00:00"
    assert found[0]["FinishTime"] == f"{TUESDAY} 14:30:00"
    assert found[0]["BlockedTime"] == f"{TUESDAY} 14:40:00"
    assert found[0]["CustomerName"] == "Jan de Vries"
    assert found[0]["Opmerkingen"] == "eerste keer"
    assert root.findtext("Status/Stats/TotalRecords") == "1"
    resources = root.find("Objects/Appointment/Resources")
    assert [c.tag for c in resources] == ["ResourceId", "AssignedStartTime", "AssignedFinishTime"]


def test_get_appointments_stats_count_all_matches(api: Api, agenda_id: int) -> None:
    root = api.ok("getAppointments", AgendaId=agenda_id, StartDate="2026-01-01", EndDate="2026-12-31", Limit=1)
    total = int(root.findtext("Status/Stats/TotalRecords"))
    assert total >= 1
    assert root.findtext("Status/Stats/Records") == "1"
    assert len(objects(root, "Appointment")) == 1


def test_get_appointment_puts_appointment_at_root(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id)
    root = api.ok("getAppointment", Id=appointment_id)
    assert root.find("Objects") is None
    assert root.findtext("Appointment/Id") == appointment_id
    assert root.findtext("Appointment/Label") == "2"  # approved: this tenant needs no confirmation


def test_appointment_label_moves_to_in_progress_then_finished(
    api: Api, clock: Clock, agenda_id: int, intake: dict, customer_id: int
) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id, "14:00")
    clock.advance(24 * 3600 + 3.5 * 3600 + 60)  # Tuesday 14:01 server time
    assert api.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "5"
    clock.advance(3600)
    assert api.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "3"


def test_cancel_appointment_dry_run_changes_nothing(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id)
    root = api.ok("cancelAppointment", Id=appointment_id, DryRun=1)
    assert root.find("Objects") is None
    assert api.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "2"


def test_cancel_appointment_sets_label_cancelled(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id)
    api.ok("cancelAppointment", Id=appointment_id, Mode="company", Remarks="ziek", Confirmations=1)
    assert api.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "4"
    listed = api.ok("getAppointments", AgendaId=agenda_id, StartDate=TUESDAY, EndDate=TUESDAY, CustomerId=customer_id)
    assert listed.find("Objects") is None  # cancelled ones are left out by default
    with_cancelled = api.ok(
        "getAppointments",
        AgendaId=agenda_id,
        StartDate=TUESDAY,
        EndDate=TUESDAY,
        CustomerId=customer_id,
        IncludeCancelled=1,
    )
    assert [a["Label"] for a in objects(with_cancelled, "Appointment")] == ["4"]
    assert api.fail("cancelAppointment", Id=appointment_id)[0] == "M11"


def test_customer_cannot_cancel_an_appointment_that_started(
    api: Api, clock: Clock, agenda_id: int, intake: dict, customer_id: int
) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id, "14:00")
    clock.advance(28 * 3600)  # Tuesday 14:30
    assert api.fail("cancelAppointment", Id=appointment_id)[0] == "M11"
    api.ok("cancelAppointment", Id=appointment_id, Mode="company")


def test_confirm_appointment_moves_pending_to_approved(west: Api, client: TestClient) -> None:
    agenda_id = objects(west.ok("getAgendas"), "Agenda")[0]["Id"]
    kind = next(
        t
        for t in objects(west.ok("getAppointmentTypes", AgendaId=agenda_id), "AppointmentType")
        if t["Name"] == "Intakegesprek"
    )
    customer = objects(west.ok("getCustomers", Limit=1), "Customer")[0]["Id"]
    appointment_id = book(west, int(agenda_id), kind["Id"], int(customer))
    assert west.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "1"
    stored = client.get("/__admin/state/onlineafspraken/appointments", params={"tenant": "praktijk-west"}).json()
    code = next(a["confirmation_code"] for a in stored["records"] if str(a["id"]) == appointment_id)
    # Response/Appointment/Confirmed: where the public client (PyPI onlineafspraken) reads it.
    wrong = west.ok("confirmAppointment", id=appointment_id, ConfirmationCode="nope")
    assert (wrong.findtext("Appointment/Id"), wrong.findtext("Appointment/Confirmed")) == (appointment_id, "0")
    assert wrong.find("Objects") is None
    right = west.ok("confirmAppointment", id=appointment_id, ConfirmationCode=code)
    assert (right.findtext("Appointment/Id"), right.findtext("Appointment/Confirmed")) == (appointment_id, "1")
    assert west.ok("getAppointment", Id=appointment_id).findtext("Appointment/Label") == "2"
    assert west.fail("confirmAppointment", id=appointment_id, ConfirmationCode=code)[0] == "M11"


def test_remove_appointment_deletes_it(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    appointment_id = book(api, agenda_id, intake["Id"], customer_id)
    assert api.ok("removeAppointment", Id=appointment_id).find("Objects") is None
    assert api.fail("getAppointment", Id=appointment_id)[0] == "M09"
    assert api.fail("removeAppointment", Id=appointment_id)[0] == "M09"


@pytest.mark.parametrize(("which", "expected"), [("api", "0"), ("west", "1")])
def test_requires_confirmation_follows_tenant(request: pytest.FixtureRequest, which: str, expected: str) -> None:
    caller: Api = request.getfixturevalue(which)
    root = caller.ok("requiresConfirmation")
    # Response/Required/Required: the shape the public client (PyPI onlineafspraken) reads.
    assert root.findtext("Required/Required") == expected
    assert root.find("Objects") is None


def test_set_appointment_requires_required_custom_fields(tmp_path: Path, clock: Clock) -> None:
    fixtures = yaml.safe_load((PROJECT_DIR / "fixtures" / "onlineafspraken.yaml").read_text(encoding="utf-8"))
    fixtures["records"]["fields"][1]["required"] = True  # Aantal_deelnemers
    (tmp_path / "onlineafspraken.yaml").write_text(yaml.safe_dump(fixtures), encoding="utf-8")
    with TestClient(create_app(Settings(seed=1, fixtures=tmp_path), clock=clock)) as client:
        api = Api(client, clock)
        fields = objects(api.ok("getFields", AgendaId=270), "Field")
        assert [f["Key"] for f in fields if f["Required"] == "1"] == ["Aantal_deelnemers"]
        booking = {"AgendaId": 270, "AppointmentTypeId": 1810, "CustomerId": 14180, "Date": TUESDAY}
        missing = api.fail("setAppointment", StartTime="14:00", **booking)
        assert missing == ("B57", "API required parameter Aantal_deelnemers not found.")
        done = api.ok("setAppointment", StartTime="14:00", Aantal_deelnemers="3", **booking)
        appointment_id = objects(done, "Appointment")[0]["Id"]
        assert api.ok("getAppointment", Id=appointment_id).findtext("Appointment/Aantal_deelnemers") == "3"


def test_remove_block_of_unknown_id_fails(api: Api, agenda_id: int) -> None:
    assert api.fail("CHRemoveBlock", AgendaId=agenda_id, id=1)[0] == "M09"


def test_method_names_match_without_regard_to_case(api: Api) -> None:
    assert objects(api.ok("GETAGENDAS"), "Agenda")
