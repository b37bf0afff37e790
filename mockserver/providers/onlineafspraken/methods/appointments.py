"""Appointments: list, get, set, cancel, confirm, remove."""

from __future__ import annotations

from mockserver.providers.onlineafspraken.appointments import Booking
from mockserver.providers.onlineafspraken.errors import InvalidParameter
from mockserver.providers.onlineafspraken.methods.paging import page
from mockserver.providers.onlineafspraken.methods.registry import method
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import Reply


@method("getAppointments")
def get_appointments(store: OnlineAfsprakenStore, params: Params) -> Reply:
    agenda_id = params.require_int("AgendaId")
    first = params.require_day("StartDate")
    last = params.day("EndDate")
    if last is not None and last < first:
        raise InvalidParameter("API parameter EndDate lies before StartDate.")
    found = store.find_appointments(
        agenda_id,
        first,
        last,
        customer_id=params.integer("CustomerId"),
        type_id=params.integer("AppointmentTypeId"),
        resource_id=params.integer("ResourceId"),
        include_cancelled=params.flag("IncludeCancelled"),
    )
    items, stats = page(found, params)
    return Reply(objects=[("Appointment", store.appointment_elements(a)) for a in items], stats=stats)


@method("getAppointment")
def get_appointment(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Single appointment at the root (research §1.4, HOSNI's schema).
    appointment = store.appointment(params.require_int("Id"))
    return Reply(root=[("Appointment", store.appointment_elements(appointment))])


@method("setAppointment")
def set_appointment(store: OnlineAfsprakenStore, params: Params) -> Reply:
    appointment_id = params.integer("Id")
    booking = Booking(
        agenda_id=params.require_int("AgendaId"),
        day=params.require_day("Date"),
        start=params.require_time("StartTime"),
        type_id=params.require_int("AppointmentTypeId"),
        customer_id=params.require_int("CustomerId"),
        resource_id=params.integer("ResourceId"),
        name=params.text("Name"),
        description=params.raw("Description"),
        custom=tuple((key, value) for key in store.field_keys("Appointment") if (value := params.raw(key)) is not None),
    )
    end = params.time_of_day("EndTime")
    if end is not None and end <= booking.start:
        raise InvalidParameter("API parameter EndTime must be later than StartTime.")
    if appointment_id is None:
        for key in store.required_fields("Appointment", booking.type_id):
            params.require(key)
    appointment = store.book(booking, appointment_id)
    return Reply(objects=[("Appointment", {"Id": appointment.id, "Status": appointment.status})])


@method("cancelAppointment")
def cancel_appointment(store: OnlineAfsprakenStore, params: Params) -> Reply:
    appointment_id = params.require_int("Id")
    mode = params.text("Mode", "customer")
    if mode not in ("customer", "company"):
        raise InvalidParameter(f"API parameter Mode must be customer or company, got {mode!r}.")
    # The reference names it Confirmations; HOSNI sends Confirmation (research §1.6).
    confirmations = params.first_of("Confirmations", "Confirmation")
    if confirmations is not None and confirmations not in ("0", "1", "2", "3"):
        raise InvalidParameter(f"API parameter Confirmations must be 0, 1, 2 or 3, got {confirmations!r}.")
    store.cancel(
        appointment_id,
        by_company=mode == "company",
        remarks=params.text("Remarks"),
        dry_run=params.flag("DryRun"),
    )
    return Reply()


@method("confirmAppointment")
def confirm_appointment(store: OnlineAfsprakenStore, params: Params) -> Reply:
    appointment_id = params.require_int("id")
    confirmed = store.confirm(appointment_id, params.require("ConfirmationCode"))
    # The vendor's reference names Confirmed (1/0) without a place; the public client (PyPI onlineafspraken
    # 0.2.8, ConfirmAppointmentResponse) reads it at Response/Appointment/Confirmed.
    return Reply(root=[("Appointment", {"Id": appointment_id, "Confirmed": int(confirmed)})])


@method("removeAppointment")
def remove_appointment(store: OnlineAfsprakenStore, params: Params) -> Reply:
    store.remove(params.require_int("Id"))
    return Reply()
