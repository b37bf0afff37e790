"""Appointments and blocks of one tenant: finding, booking, cancelling, confirming, removing.

Label and Status move as the vendor's getAppointment reference describes them (research §1.7):
Label 1 pending, 2 approved, 3 finished, 4 cancelled, 5 in progress; Status 1 enabled,
2 disabled, 3 deleted. A new appointment is pending when the agenda requires confirmation,
approved otherwise; confirmAppointment moves pending to approved; cancelAppointment sets
Label 4 and frees the slot; removeAppointment deletes it (Status 3, gone from the API).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from mockserver.providers.onlineafspraken.booking import Busy, busy_by_day, days_between, slots_on
from mockserver.providers.onlineafspraken.errors import (
    InvalidAppointmentState,
    InvalidParameter,
    ObjectNotFound,
    SlotNotBookable,
)
from mockserver.providers.onlineafspraken.models import (
    LABEL_APPROVED,
    LABEL_CANCELLED,
    LABEL_PENDING,
    STATUS_DELETED,
    Agenda,
    Appointment,
    AppointmentType,
    Block,
    Customer,
    Resource,
    Slot,
)

#: getBookableDays looks at most this many days ahead in one call.
MAX_DAYS = 366


@dataclass(frozen=True)
class Booking:
    """What setAppointment asks for."""

    agenda_id: int
    type_id: int
    customer_id: int
    day: date
    start: time
    resource_id: int | None = None
    name: str | None = None
    description: str | None = None
    custom: tuple[tuple[str, str], ...] = ()


class AppointmentBook:
    """The appointment half of the store (mixed into OnlineAfsprakenStore)."""

    lock: threading.RLock
    codes: random.Random
    requires_confirmation: bool
    appointments: dict[int, Appointment]
    blocks: dict[int, Block]
    resources: dict[int, Resource]
    now: Callable[[], datetime]
    next_id: Callable[[str], int]
    agenda: Callable[[int], Agenda]
    appointment_type: Callable[[int], AppointmentType]
    resource: Callable[[int], Resource]
    customer: Callable[[int], Customer]

    # -- reading ------------------------------------------------------------------------

    def appointment(self, appointment_id: int) -> Appointment:
        found = self.appointments.get(appointment_id)
        if found is None or found.status == STATUS_DELETED:
            raise ObjectNotFound(f"Appointment {appointment_id} not found.")
        return found

    def find_appointments(
        self,
        agenda_id: int,
        first: date,
        last: date | None = None,
        *,
        customer_id: int | None = None,
        type_id: int | None = None,
        resource_id: int | None = None,
        include_cancelled: bool = False,
    ) -> list[Appointment]:
        self.agenda(agenda_id)
        found = [
            a
            for a in self.appointments.values()
            if a.agenda_id == agenda_id
            and a.status != STATUS_DELETED
            and a.start.date() >= first
            and (last is None or a.start.date() <= last)
            and (customer_id is None or a.customer_id == customer_id)
            and (type_id is None or a.appointment_type_id == type_id)
            and (resource_id is None or a.resource_id == resource_id)
            and (include_cancelled or a.label != LABEL_CANCELLED)
        ]
        found.sort(key=lambda a: (a.start, a.id))
        return found

    # -- availability ---------------------------------------------------------------------

    def busy(self, agenda_id: int, exclude: int | None = None) -> list[Busy]:
        spans = [
            Busy(a.start, a.blocked_until, a.resource_id)
            for a in self.appointments.values()
            if a.agenda_id == agenda_id and a.occupies_time and a.id != exclude
        ]
        spans += [
            Busy(b.start, b.end, b.resource_id, b.appointment_type_id)
            for b in self.blocks.values()
            if b.agenda_id == agenda_id
        ]
        return spans

    def candidates(self, agenda: Agenda, kind: AppointmentType, resource_id: int | None) -> list[int | None]:
        """Resources that may take an appointment of ``kind``, in id order."""
        if kind.agenda_id != agenda.id:
            raise InvalidParameter(f"Appointment type {kind.id} does not belong to agenda {agenda.id}.")
        if resource_id is not None:
            resource = self.resource(resource_id)
            if resource.agenda_id != agenda.id:
                raise InvalidParameter(f"Resource {resource_id} does not belong to agenda {agenda.id}.")
            if kind.resource_id is not None and kind.resource_id != resource_id:
                return []
            return [resource_id]
        if kind.resource_id is not None:
            return [kind.resource_id]
        own: list[int | None] = [r.id for r in self.resources.values() if r.agenda_id == agenda.id and r.status == 1]
        return own or [None]

    def bookable_times(
        self, agenda_id: int, type_id: int, day: date, resource_id: int | None = None, exclude: int | None = None
    ) -> list[Slot]:
        agenda = self.agenda(agenda_id)
        kind = self.appointment_type(type_id)
        resources = self.candidates(agenda, kind, resource_id)
        return slots_on(day, agenda, kind, resources, self.busy(agenda_id, exclude), self.now())

    def bookable_days(
        self, agenda_id: int, type_id: int, first: date, last: date, resource_id: int | None = None
    ) -> list[date]:
        if last < first:
            raise InvalidParameter("API parameter EndDate lies before StartDate.")
        if (last - first).days >= MAX_DAYS:
            raise InvalidParameter(f"getBookableDays covers at most {MAX_DAYS} days per call.")
        agenda = self.agenda(agenda_id)
        kind = self.appointment_type(type_id)
        resources = self.candidates(agenda, kind, resource_id)
        by_day = busy_by_day(self.busy(agenda_id))
        now = self.now()
        return [d for d in days_between(first, last) if slots_on(d, agenda, kind, resources, by_day.get(d, []), now)]

    # -- changing -------------------------------------------------------------------------

    def book(self, booking: Booking, appointment_id: int | None = None) -> Appointment:
        """setAppointment: create, or move/update an existing one; only onto a bookable slot."""
        with self.lock:
            current = self.appointment(appointment_id) if appointment_id is not None else None
            if current is not None and not current.occupies_time:
                raise InvalidAppointmentState(f"Appointment {current.id} is cancelled and cannot be changed.")
            kind = self.appointment_type(booking.type_id)
            customer = self.customer(booking.customer_id)
            start = datetime.combine(booking.day, booking.start)
            slots = self.bookable_times(
                booking.agenda_id, booking.type_id, booking.day, booking.resource_id, exclude=appointment_id
            )
            slot = next((s for s in slots if s.start == start), None)
            if slot is None:
                raise SlotNotBookable(
                    f"{start:%Y-%m-%d %H:%M} is not bookable for appointment type {kind.id}"
                    f" in agenda {booking.agenda_id}."
                )
            now = self.now()
            custom = dict(booking.custom)
            if current is None:
                return self.insert(
                    kind,
                    booking.agenda_id,
                    customer.id,
                    slot.resource_id,
                    start,
                    name=booking.name or kind.name,
                    description=booking.description or "",
                    custom=custom,
                    label=LABEL_PENDING if self.requires_confirmation else LABEL_APPROVED,
                )
            appointment = current
            appointment.agenda_id = booking.agenda_id
            appointment.appointment_type_id = kind.id
            appointment.customer_id = customer.id
            appointment.resource_id = slot.resource_id
            appointment.start = start
            appointment.duration = kind.duration
            appointment.buffer = kind.buffer
            appointment.name = booking.name or appointment.name
            if booking.description is not None:
                appointment.description = booking.description
            appointment.custom = {**appointment.custom, **custom}
            appointment.update_time = now
            self.appointments[appointment.id] = appointment
            return appointment

    def insert(
        self,
        kind: AppointmentType,
        agenda_id: int,
        customer_id: int | None,
        resource_id: int | None,
        start: datetime,
        *,
        name: str,
        description: str = "",
        custom: dict[str, str] | None = None,
        label: int = LABEL_APPROVED,
        created: datetime | None = None,
    ) -> Appointment:
        """Store a new appointment as given (no availability check: callers have done that)."""
        now = created or self.now()
        appointment = Appointment(
            id=self.next_id("appointments"),
            agenda_id=agenda_id,
            appointment_type_id=kind.id,
            customer_id=customer_id,
            resource_id=resource_id,
            start=start,
            duration=kind.duration,
            buffer=kind.buffer,
            name=name,
            description=description,
            create_time=now,
            update_time=now,
            confirmation_code=f"{self.codes.getrandbits(32):08x}",
            label=label,
            custom=dict(custom or {}),
        )
        with self.lock:
            self.appointments[appointment.id] = appointment
        return appointment

    def cancel(self, appointment_id: int, *, by_company: bool, remarks: str | None, dry_run: bool) -> Appointment:
        """cancelAppointment: Label 4 (the slot frees up); DryRun only checks the rules."""
        with self.lock:
            appointment = self.appointment(appointment_id)
            if appointment.label == LABEL_CANCELLED:
                raise InvalidAppointmentState(f"Appointment {appointment_id} is already cancelled.")
            if not by_company and appointment.start <= self.now():
                raise InvalidAppointmentState(
                    f"Appointment {appointment_id} has already started; only the company can cancel it."
                )
            if dry_run:
                return appointment
            appointment.label = LABEL_CANCELLED
            if by_company and remarks:
                appointment.remarks = remarks
            appointment.update_time = self.now()
            return appointment

    def confirm(self, appointment_id: int, code: str) -> bool:
        """confirmAppointment: a pending appointment with the right code becomes approved."""
        with self.lock:
            appointment = self.appointment(appointment_id)
            if appointment.label != LABEL_PENDING:
                raise InvalidAppointmentState(f"Appointment {appointment_id} is not waiting for confirmation.")
            if code != appointment.confirmation_code:
                return False
            appointment.label = LABEL_APPROVED
            appointment.update_time = self.now()
            return True

    def remove(self, appointment_id: int) -> None:
        """removeAppointment: permanently gone for the API (kept as Status 3 for the admin view)."""
        with self.lock:
            appointment = self.appointment(appointment_id)
            appointment.status = STATUS_DELETED
            appointment.update_time = self.now()

    def add_block(
        self,
        agenda_id: int,
        day: date,
        start: time,
        end: time,
        *,
        resource_id: int | None = None,
        type_id: int | None = None,
    ) -> Block:
        self.agenda(agenda_id)
        if resource_id is not None:
            self.resource(resource_id)
        if type_id is not None:
            self.appointment_type(type_id)
        begins = datetime.combine(day, start)
        ends = datetime.combine(day, end)
        if ends <= begins:
            raise InvalidParameter("API parameter EndTime must be later than StartTime.")
        with self.lock:
            block = Block(self.next_id("blocks"), agenda_id, begins, ends, resource_id, type_id)
            self.blocks[block.id] = block
            return block

    def remove_block(self, agenda_id: int, block_id: int) -> None:
        with self.lock:
            block = self.blocks.get(block_id)
            if block is None or block.agenda_id != agenda_id:
                raise ObjectNotFound(f"Block {block_id} not found in agenda {agenda_id}.")
            del self.blocks[block_id]
