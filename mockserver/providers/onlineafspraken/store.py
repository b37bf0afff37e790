"""One tenant's agenda: agendas, resources, types, fields, customers, appointments and blocks."""

from __future__ import annotations

import random
import threading
from dataclasses import fields, replace
from datetime import date, datetime, time
from typing import Any

from mockserver.core.clock import Clock
from mockserver.core.persist import SavedFields
from mockserver.providers.onlineafspraken.appointments import AppointmentBook
from mockserver.providers.onlineafspraken.errors import LoginFailed, ObjectNotFound, UsernameTaken
from mockserver.providers.onlineafspraken.localtime import WallTime, fmt_date, fmt_datetime
from mockserver.providers.onlineafspraken.models import (
    Agenda,
    Appointment,
    AppointmentType,
    Block,
    Customer,
    Elements,
    Field,
    Resource,
)
from mockserver.providers.onlineafspraken.written import WrittenRecords

#: Id ranges per collection, so ids of different kinds never look alike.
ID_START = {
    "agendas": 270,
    "resources": 620,
    "appointment_types": 1810,
    "fields": 24830,
    "customers": 14180,
    "appointments": 25790,
    "blocks": 9100,
}
COLLECTIONS = tuple(ID_START)


class OnlineAfsprakenStore(AppointmentBook, SavedFields):
    """All records of one tenant; every method takes and returns plain values, never HTTP."""

    SAVED = (*COLLECTIONS, "codes", "_next_ids")

    def __init__(self, clock: Clock, wall: WallTime, *, requires_confirmation: bool, codes: random.Random) -> None:
        self.clock = clock
        self.wall = wall
        self.requires_confirmation = requires_confirmation
        self.codes = codes
        self.lock = threading.RLock()
        self.agendas: dict[int, Agenda] = {}
        self.resources: dict[int, Resource] = {}
        self.appointment_types: dict[int, AppointmentType] = {}
        self.fields: dict[int, Field] = {}
        self.customers: dict[int, Customer] = {}
        self.appointments: dict[int, Appointment] = {}
        self.blocks: dict[int, Block] = {}
        self._next_ids = dict(ID_START)
        #: Catalog records as written text, for the getters that answer them (never saved).
        self.written = WrittenRecords()

    def after_load(self) -> None:
        # Restored records are new objects: the text of the ones they replace is no use any more.
        self.written = WrittenRecords()

    # -- basics ---------------------------------------------------------------------------

    def now(self) -> datetime:
        """The server's wall time now, to the second."""
        return self.wall.local(self.clock.timestamp())

    def next_id(self, collection: str) -> int:
        value = self._next_ids[collection]
        self._next_ids[collection] = value + 1
        return value

    def timestamp_of(self, local: datetime) -> int:
        return self.wall.timestamp(local)

    # -- agendas, resources, appointment types, fields -------------------------------------

    def list_agendas(self) -> list[Agenda]:
        return list(self.agendas.values())

    def agenda(self, agenda_id: int) -> Agenda:
        found = self.agendas.get(agenda_id)
        if found is None:
            raise ObjectNotFound(f"Agenda {agenda_id} not found.")
        return found

    def list_resources(self, agenda_id: int | None = None) -> list[Resource]:
        return [r for r in self.resources.values() if agenda_id is None or r.agenda_id == agenda_id]

    def resource(self, resource_id: int) -> Resource:
        found = self.resources.get(resource_id)
        if found is None:
            raise ObjectNotFound(f"Resource {resource_id} not found.")
        return found

    def list_appointment_types(self, agenda_id: int | None = None) -> list[AppointmentType]:
        return [t for t in self.appointment_types.values() if agenda_id is None or t.agenda_id == agenda_id]

    def appointment_type(self, type_id: int) -> AppointmentType:
        found = self.appointment_types.get(type_id)
        if found is None:
            raise ObjectNotFound(f"Appointment type {type_id} not found.")
        return found

    def list_fields(self, agenda_id: int, type_id: int | None = None) -> list[Field]:
        self.agenda(agenda_id)
        if type_id is not None:
            self.appointment_type(type_id)
        return [f for f in self.fields.values() if type_id is None or f.applies_to(type_id)]

    def field_keys(self, kind: str) -> list[str]:
        return [f.key for f in self.fields.values() if f.type == kind]

    def required_fields(self, kind: str, type_id: int | None = None) -> list[str]:
        return [
            f.key
            for f in self.fields.values()
            if f.type == kind
            and f.required
            and (type_id is None or not f.appointment_type_ids or type_id in f.appointment_type_ids)
        ]

    # -- customers ------------------------------------------------------------------------

    def find_customers(
        self,
        *,
        updated_after: datetime | None = None,
        email: str | None = None,
        birth_date: date | None = None,
        account_number: str | None = None,
    ) -> list[Customer]:
        found = []
        for c in self.customers.values():
            if updated_after is not None and c.update_time <= updated_after:
                continue
            if email is not None and c.email.casefold() != email.casefold():
                continue
            if birth_date is not None and c.birth_date != birth_date:
                continue
            if account_number is not None and c.account_number != account_number:
                continue
            found.append(c)
        return found

    def customer(self, customer_id: int) -> Customer:
        found = self.customers.get(customer_id)
        if found is None:
            raise ObjectNotFound(f"Customer {customer_id} not found.")
        return found

    def save_customer(self, customer_id: int | None, values: dict[str, Any], custom: dict[str, str]) -> Customer:
        """setCustomer: create (no id) or update the given fields; username and password only on create."""
        now = self.now()
        with self.lock:
            if customer_id is None:
                username = values.get("username")
                if username and any(c.username == username for c in self.customers.values()):
                    raise UsernameTaken(f"The username {username!r} is already in use.")
                customer = Customer(
                    id=self.next_id("customers"), create_time=now, update_time=now, custom=dict(custom), **values
                )
                self.customers[customer.id] = customer
                return customer
            current = self.customer(customer_id)
            values = {k: v for k, v in values.items() if k not in ("username", "password")}
            updated = replace(current, update_time=now, custom={**current.custom, **custom}, **values)
            self.customers[customer_id] = updated
            return updated

    def login(self, username: str, password: str) -> Customer:
        for c in self.customers.values():
            if c.username is not None and c.username == username:
                if c.password is not None and c.password == password:
                    return c
                break
        raise LoginFailed()

    def recover_password(self, email: str) -> Customer:
        for c in self.customers.values():
            if c.email.casefold() == email.casefold():
                return c
        raise ObjectNotFound(f"No customer with e-mail address {email}.")

    def customer_elements(self, customer: Customer) -> Elements:
        return customer.elements(self.field_keys("Registration"))

    def appointment_elements(self, appointment: Appointment) -> Elements:
        customer = self.customers.get(appointment.customer_id) if appointment.customer_id is not None else None
        name = customer.full_name if customer is not None else ""
        return appointment.elements(self.now(), name, self.field_keys("Appointment"))

    # -- admin state view -------------------------------------------------------------------

    def collections(self) -> list[str]:
        return list(COLLECTIONS)

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        if collection not in COLLECTIONS:
            return None
        records: dict[int, Any] = getattr(self, collection)
        return [plain(r) for r in records.values()]


def plain(record: Any) -> dict[str, Any]:
    """A record as JSON-friendly data (dates as the API writes them)."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, datetime):
            value = fmt_datetime(value)
        elif isinstance(value, date):
            value = fmt_date(value)
        elif isinstance(value, dict) and f.name == "opening_hours":
            value = {str(day): [f"{a:%H:%M}-{b:%H:%M}" for a, b in spans] for day, spans in value.items()}
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out
