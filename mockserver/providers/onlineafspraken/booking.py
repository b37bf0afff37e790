"""Bookable times, computed from opening hours, the type's duration and buffer, and what is taken.

A start is bookable when the appointment (duration) fits inside one opening interval on the
agenda's grid (AlignGrid minutes from the interval's start), lies between the type's
MinTimeBeforeAppointment and MaxTimeBeforeAppointment hours from now, and its blocked span
(duration plus buffer) overlaps neither an appointment holding the same resource (with that
appointment's own buffer) nor a block covering the resource or the whole agenda.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mockserver.providers.onlineafspraken.models import Agenda, AppointmentType, Slot


@dataclass(frozen=True)
class Busy:
    """A taken span: for one resource, or the whole agenda (resource_id None); optionally one type only."""

    start: datetime
    end: datetime
    resource_id: int | None
    appointment_type_id: int | None = None

    def hits(self, start: datetime, end: datetime, resource_id: int | None, type_id: int) -> bool:
        if self.appointment_type_id is not None and self.appointment_type_id != type_id:
            return False
        if self.resource_id is not None and resource_id is not None and self.resource_id != resource_id:
            return False
        return self.start < end and start < self.end


def slots_on(
    day: date,
    agenda: Agenda,
    kind: AppointmentType,
    resource_ids: Sequence[int | None],
    busy: Iterable[Busy],
    now: datetime,
) -> list[Slot]:
    """Every bookable start on ``day``, each with the first free resource, in time order."""
    intervals = agenda.opening_hours.get(day.weekday(), [])
    if not intervals or not resource_ids:
        return []
    earliest = now + timedelta(hours=kind.min_hours_before)
    latest = now + timedelta(hours=kind.max_hours_before)
    day_start = datetime.combine(day, datetime.min.time())
    day_end = day_start + timedelta(days=1, minutes=kind.duration + kind.buffer)
    taken = [b for b in busy if b.start < day_end and day_start - timedelta(days=1) < b.end]
    length = timedelta(minutes=kind.duration)
    blocked = timedelta(minutes=kind.duration + kind.buffer)
    step = timedelta(minutes=max(agenda.align_grid, 1))
    slots: list[Slot] = []
    for opens, closes in intervals:
        start = datetime.combine(day, opens)
        close = datetime.combine(day, closes)
        while start + length <= close:
            if earliest <= start <= latest:
                for resource_id in resource_ids:
                    if not any(b.hits(start, start + blocked, resource_id, kind.id) for b in taken):
                        slots.append(Slot(start, start + length, resource_id, kind.id))
                        break
            start += step
    return slots


def days_between(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def busy_by_day(busy: Iterable[Busy]) -> dict[date, list[Busy]]:
    """Each taken span under every day it touches, so a day's check looks only at its own."""
    buckets: dict[date, list[Busy]] = {}
    for span in busy:
        for day in days_between(span.start.date(), span.end.date()):
            buckets.setdefault(day, []).append(span)
    return buckets
