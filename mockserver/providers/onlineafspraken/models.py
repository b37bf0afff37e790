"""The agenda's records and their XML element lists, in the real server's element order.

Element names and order: the captures in contracts/onlineafspraken/captures (Agenda,
AppointmentType, Resource) and research/provider-onlineafspraken-oncrawl.md §1.7 (the rest).
Every value is a text node; an empty value is an empty element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from mockserver.providers.onlineafspraken.config import Interval
from mockserver.providers.onlineafspraken.localtime import fmt_date, fmt_datetime, fmt_hm

#: Element content: text, or a list of sub-records for repeated elements (Appointment/Resources).
Elements = dict[str, Any]

# Appointment Label and Status values (research §1.7, from the vendor's getAppointment reference).
LABEL_PENDING, LABEL_APPROVED, LABEL_FINISHED, LABEL_CANCELLED, LABEL_IN_PROGRESS = 1, 2, 3, 4, 5
STATUS_ENABLED, STATUS_DISABLED, STATUS_DELETED = 1, 2, 3


@dataclass(frozen=True)
class Agenda:
    id: int
    name: str
    opening_hours: dict[int, list[Interval]]
    align_grid: int = 15
    date_format: str = "D d/m/Y"
    time_format: str = "H:i"
    is_default: bool = False

    def elements(self) -> Elements:
        return {
            "Id": self.id,
            "Name": self.name,
            "DateFormat": self.date_format,
            "TimeFormat": self.time_format,
            "AlignGrid": self.align_grid,
            "IsDefault": int(self.is_default),
        }


@dataclass(frozen=True)
class Resource:
    id: int
    agenda_id: int
    name: str
    code: str = ""
    description: str = ""
    phone: str = ""
    mobile_phone: str = ""
    email: str = ""
    status: int = 1
    label: int = 1

    def elements(self) -> Elements:
        return {
            "Id": self.id,
            "Name": self.name,
            "Code": self.code,
            "Description": self.description,
            "Phone": self.phone,
            "MobilePhone": self.mobile_phone,
            "Email": self.email,
            "Status": self.status,
            "Label": self.label,
        }


@dataclass(frozen=True)
class AppointmentType:
    id: int
    agenda_id: int
    name: str
    duration: int
    buffer: int = 0
    description: str = ""
    status: int = 1
    scheduling_type: str = "resource"
    price_type: int = 3
    price: str = "0.00"
    #: Hours before the start a booking must be made (at least / at most); the capture's 1 and 4320.
    min_hours_before: int = 1
    max_hours_before: int = 4320
    can_be_booked_by_consumer: bool = True
    category: str = ""
    category_id: int | None = None
    capacity: int = 1
    resource_id: int | None = None

    def elements(self) -> Elements:
        return {
            "Id": self.id,
            "Name": self.name,
            "Description": self.description,
            "Status": self.status,
            "SchedulingType": self.scheduling_type,
            "PriceType": self.price_type,
            "Price": self.price,
            "Duration": self.duration,
            "MinTimeBeforeAppointment": self.min_hours_before,
            "MaxTimeBeforeAppointment": self.max_hours_before,
            "Buffer": self.buffer,
            "CanBeBookedByConsumer": int(self.can_be_booked_by_consumer),
            "ExplicitEndDate": "",
            "Category": self.category,
            "CategoryId": self.category_id if self.category_id is not None else "",
            "Capacity": self.capacity,
            "ResourceId": self.resource_id if self.resource_id is not None else "",
        }


@dataclass(frozen=True)
class Field:
    id: int
    label: str
    key: str
    type: str = "Appointment"
    required: bool = False
    #: Appointment types the field is asked for (empty: all).
    appointment_type_ids: tuple[int, ...] = ()

    def applies_to(self, type_id: int) -> bool:
        return self.type != "Appointment" or not self.appointment_type_ids or type_id in self.appointment_type_ids

    def elements(self) -> Elements:
        return {"Id": self.id, "Label": self.label, "Key": self.key, "Type": self.type, "Required": int(self.required)}


@dataclass
class Customer:
    id: int
    first_name: str
    last_name: str
    email: str
    create_time: datetime
    update_time: datetime
    account_number: str = ""
    insertions: str = ""
    birth_date: date | None = None
    gender: str = ""
    street: str = ""
    house_nr: str = ""
    house_nr_addition: str = ""
    zip_code: str = ""
    city: str = ""
    country: str = "NL"
    phone: str = ""
    mobile_phone: str = ""
    status: int = 1
    username: str | None = None
    password: str | None = None
    custom: dict[str, str] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.insertions, self.last_name) if p)

    def elements(self, registration_keys: list[str]) -> Elements:
        out: Elements = {
            "Id": self.id,
            "AccountNumber": self.account_number,
            "FirstName": self.first_name,
            "LastName": self.last_name,
            "Insertions": self.insertions,
            "BirthDate": fmt_date(self.birth_date),
            "Gender": self.gender,
            "Street": self.street,
            "HouseNr": self.house_nr,
            "HouseNrAddition": self.house_nr_addition,
            "ZipCode": self.zip_code,
            "City": self.city,
            "Country": self.country,
            "Phone": self.phone,
            "MobilePhone": self.mobile_phone,
            "Email": self.email,
            "Status": self.status,
            "UpdateTime": fmt_datetime(self.update_time),
            "CreateTime": fmt_datetime(self.create_time),
        }
        for key in registration_keys:
            out[key] = self.custom.get(key, "")
        return out


@dataclass
class Appointment:
    id: int
    agenda_id: int
    appointment_type_id: int
    customer_id: int | None
    resource_id: int | None
    start: datetime
    duration: int
    buffer: int
    name: str
    create_time: datetime
    update_time: datetime
    confirmation_code: str
    description: str = ""
    capacity: int = 1
    status: int = STATUS_ENABLED
    label: int = LABEL_APPROVED
    remarks: str = ""
    custom: dict[str, str] = field(default_factory=dict)

    @property
    def finish(self) -> datetime:
        return self.start + timedelta(minutes=self.duration)

    @property
    def blocked_until(self) -> datetime:
        """BlockedTime: the end including the type's buffer."""
        return self.finish + timedelta(minutes=self.buffer)

    @property
    def occupies_time(self) -> bool:
        """Cancelled, disabled and removed appointments free their slot."""
        return self.status == STATUS_ENABLED and self.label != LABEL_CANCELLED

    def label_at(self, now: datetime) -> int:
        """An approved appointment shows as in progress while it runs and finished after it."""
        if self.label != LABEL_APPROVED or self.status != STATUS_ENABLED:
            return self.label
        if now >= self.finish:
            return LABEL_FINISHED
        if now >= self.start:
            return LABEL_IN_PROGRESS
        return self.label

    def elements(self, now: datetime, customer_name: str, appointment_keys: list[str]) -> Elements:
        out: Elements = {
            "Id": self.id,
            "Name": self.name,
            "Description": self.description,
            "StartTime": fmt_datetime(self.start),
            "FinishTime": fmt_datetime(self.finish),
            "BlockedTime": fmt_datetime(self.blocked_until),
            "Capacity": self.capacity,
            "AppointmentTypeId": self.appointment_type_id,
            "CustomerId": self.customer_id if self.customer_id is not None else "",
            "CustomerName": customer_name,
            "Status": self.status,
            "Label": self.label_at(now),
            "Resources": [
                {
                    "ResourceId": self.resource_id,
                    "AssignedStartTime": fmt_datetime(self.start),
                    "AssignedFinishTime": fmt_datetime(self.finish),
                }
            ]
            if self.resource_id is not None
            else [],
            "CreateTime": fmt_datetime(self.create_time),
            "UpdateTime": fmt_datetime(self.update_time),
        }
        for key in appointment_keys:
            out[key] = self.custom.get(key, "")
        return out


@dataclass
class Block:
    """A closed period (CHAddBlock): the whole agenda, or one resource, optionally one type."""

    id: int
    agenda_id: int
    start: datetime
    end: datetime
    resource_id: int | None = None
    appointment_type_id: int | None = None

    def elements(self) -> Elements:
        return {"Id": self.id}


@dataclass(frozen=True)
class Slot:
    """One bookable start for one resource."""

    start: datetime
    end: datetime
    resource_id: int | None
    appointment_type_id: int

    def elements(self, timestamp: int) -> Elements:
        return {
            "Date": fmt_date(self.start.date()),
            "StartTime": fmt_hm(self.start),
            "LabelTime": fmt_hm(self.start),
            "EndTime": fmt_hm(self.end),
            "Timestamp": timestamp,
            "AppointmentTypeId": self.appointment_type_id,
            "ResourceId": self.resource_id if self.resource_id is not None else "",
        }


def bookable_day_elements(day: date) -> Elements:
    return {"Date": fmt_date(day), "Month": f"{day.month:02d}", "Day": f"{day.day:02d}"}
