"""Bookable days and times follow the agenda's state: bookings, buffers, cancellations, blocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mockserver.core.clock import Clock
from tests.providers.onlineafspraken.conftest import Api, objects

# The clock is frozen at 2026-03-02 09:30 UTC: Monday 10:30 server time (GMT+1).
TUESDAY = "2026-03-03"
SATURDAY = "2026-03-07"


def times(api: Api, agenda_id: int, type_id: str, day: str = TUESDAY, **extra: object) -> list[dict[str, str]]:
    root = api.ok("getBookableTimes", AgendaId=agenda_id, AppointmentTypeId=type_id, Date=day, **extra)
    return objects(root, "BookableTime")


def starts(api: Api, agenda_id: int, type_id: str, day: str = TUESDAY, **extra: object) -> list[str]:
    return [t["StartTime"] for t in times(api, agenda_id, type_id, day, **extra)]


def book(api: Api, agenda_id: int, type_id: str, customer_id: int, start: str, day: str = TUESDAY, **extra: object):
    return api.call(
        "setAppointment",
        AgendaId=agenda_id,
        AppointmentTypeId=type_id,
        CustomerId=customer_id,
        Date=day,
        StartTime=start,
        **extra,
    )


def resources_of(api: Api, agenda_id: int) -> list[str]:
    return [r["Id"] for r in objects(api.ok("getResources", AgendaId=agenda_id), "Resource")]


def test_bookable_times_follow_opening_hours_grid_and_duration(api: Api, agenda_id: int, intake: dict) -> None:
    found = times(api, agenda_id, intake["Id"])
    assert found, "a Tuesday with opening hours has bookable times"
    for slot in found:
        start = datetime.strptime(f"{slot['Date']} {slot['StartTime']}", "%Y-%m-%d %H:%M")
        end = datetime.strptime(f"{slot['Date']} {slot['EndTime']}", "%Y-%m-%d %H:%M")
        assert end - start == timedelta(minutes=30)
        assert start.minute % 15 == 0
        assert ("09:00" <= slot["StartTime"] and slot["EndTime"] <= "12:30") or (
            "13:30" <= slot["StartTime"] and slot["EndTime"] <= "17:00"
        )
        assert slot["LabelTime"] == slot["StartTime"]
        # Timestamp is the slot's start as Unix seconds; the wall time is GMT+1.
        assert int(slot["Timestamp"]) == int((start - timedelta(hours=1)).replace(tzinfo=UTC).timestamp())


def test_closed_day_has_no_bookable_times(api: Api, agenda_id: int, intake: dict) -> None:
    assert times(api, agenda_id, intake["Id"], SATURDAY) == []
    assert (
        api.ok("getBookableTimes", AgendaId=agenda_id, AppointmentTypeId=intake["Id"], Date=SATURDAY).find("Objects")
        is None
    )


def test_booking_a_slot_removes_it_for_that_resource_only(
    api: Api, agenda_id: int, intake: dict, customer_id: int
) -> None:
    first, second = resources_of(api, agenda_id)[:2]
    before_first = starts(api, agenda_id, intake["Id"], ResourceId=first)
    before_second = starts(api, agenda_id, intake["Id"], ResourceId=second)
    start = before_first[0]
    assert start in before_second
    root = book(api, agenda_id, intake["Id"], customer_id, start, ResourceId=first)
    assert objects(root, "Appointment")[0]["Status"] == "1"
    assert start not in starts(api, agenda_id, intake["Id"], ResourceId=first)
    assert starts(api, agenda_id, intake["Id"], ResourceId=second) == before_second
    # Without a resource the slot is still offered: the second resource can take it.
    assert start in starts(api, agenda_id, intake["Id"])


def test_slot_disappears_once_every_resource_is_booked(
    api: Api, agenda_id: int, intake: dict, customer_id: int
) -> None:
    start = "14:00"
    free = [t for t in times(api, agenda_id, intake["Id"]) if t["StartTime"] == start]
    assert free
    bookings = 0
    for _ in range(len(resources_of(api, agenda_id)) + 1):
        if start not in starts(api, agenda_id, intake["Id"]):
            break
        book(api, agenda_id, intake["Id"], customer_id, start)
        bookings += 1
    assert start not in starts(api, agenda_id, intake["Id"])
    assert bookings >= 1


def test_buffer_keeps_following_slots_closed(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    resource = resources_of(api, agenda_id)[0]
    api.ok("CHAddBlock", AgendaId=agenda_id, Date=TUESDAY, StartTime="13:30", EndTime="15:00")  # clear the way
    book(api, agenda_id, intake["Id"], customer_id, "15:00", ResourceId=resource)
    left = starts(api, agenda_id, intake["Id"], ResourceId=resource)
    # 15:00 + 30 min + 10 min buffer: 15:15 and 15:30 overlap, 15:45 is free again.
    assert "15:15" not in left and "15:30" not in left
    assert "15:45" in left


def test_cancelling_restores_the_slot(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    resource = resources_of(api, agenda_id)[0]
    start = starts(api, agenda_id, intake["Id"], ResourceId=resource)[0]
    appointment_id = objects(
        book(api, agenda_id, intake["Id"], customer_id, start, ResourceId=resource), "Appointment"
    )[0]["Id"]
    assert start not in starts(api, agenda_id, intake["Id"], ResourceId=resource)
    api.ok("cancelAppointment", Id=appointment_id)
    assert start in starts(api, agenda_id, intake["Id"], ResourceId=resource)


def test_removing_restores_the_slot(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    resource = resources_of(api, agenda_id)[0]
    start = starts(api, agenda_id, intake["Id"], ResourceId=resource)[-1]
    appointment_id = objects(
        book(api, agenda_id, intake["Id"], customer_id, start, ResourceId=resource), "Appointment"
    )[0]["Id"]
    api.ok("removeAppointment", Id=appointment_id)
    assert start in starts(api, agenda_id, intake["Id"], ResourceId=resource)


def test_moving_an_appointment_frees_its_old_slot(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    resource = resources_of(api, agenda_id)[0]
    free = starts(api, agenda_id, intake["Id"], ResourceId=resource)
    first, later = free[0], free[-1]
    appointment_id = objects(
        book(api, agenda_id, intake["Id"], customer_id, first, ResourceId=resource), "Appointment"
    )[0]["Id"]
    moved = book(api, agenda_id, intake["Id"], customer_id, later, ResourceId=resource, Id=appointment_id)
    assert objects(moved, "Appointment")[0]["Id"] == appointment_id
    left = starts(api, agenda_id, intake["Id"], ResourceId=resource)
    assert first in left and later not in left


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (TUESDAY, "12:15"),  # would end after the 12:30 closing
        (TUESDAY, "12:45"),  # lunch break
        (TUESDAY, "09:05"),  # off the 15-minute grid
        (SATURDAY, "10:00"),  # closed
        ("2026-03-02", "11:00"),  # today, less than MinTimeBeforeAppointment (1 hour) ahead
        ("2026-03-02", "09:00"),  # in the past
        ("2027-01-05", "10:00"),  # beyond MaxTimeBeforeAppointment (4320 hours)
    ],
)
def test_set_appointment_on_unbookable_slot_fails(
    api: Api, agenda_id: int, intake: dict, customer_id: int, day: str, start: str
) -> None:
    root = book(api, agenda_id, intake["Id"], customer_id, start, day=day)
    assert root.findtext("Status/Code") == "M10"


def test_set_appointment_on_taken_slot_fails(api: Api, agenda_id: int, intake: dict, customer_id: int) -> None:
    resource = resources_of(api, agenda_id)[0]
    start = starts(api, agenda_id, intake["Id"], ResourceId=resource)[0]
    book(api, agenda_id, intake["Id"], customer_id, start, ResourceId=resource)
    again = book(api, agenda_id, intake["Id"], customer_id, start, ResourceId=resource)
    assert again.findtext("Status/Code") == "M10"


def test_block_closes_times_and_removing_it_reopens_them(api: Api, agenda_id: int, intake: dict) -> None:
    before = starts(api, agenda_id, intake["Id"])
    block = api.ok("CHAddBlock", AgendaId=agenda_id, Date=TUESDAY, StartTime="09:00", EndTime="12:30")
    block_id = objects(block, "Block")[0]["Id"]
    during = starts(api, agenda_id, intake["Id"])
    assert not [s for s in during if s < "12:30"]
    api.ok("CHRemoveBlock", AgendaId=agenda_id, id=block_id)
    assert starts(api, agenda_id, intake["Id"]) == before


def test_block_for_one_resource_leaves_the_others(api: Api, agenda_id: int, intake: dict) -> None:
    first, second = resources_of(api, agenda_id)[:2]
    api.ok("CHAddBlock", AgendaId=agenda_id, Date=TUESDAY, StartTime="09:00", EndTime="17:00", ResourceId=first)
    assert starts(api, agenda_id, intake["Id"], ResourceId=first) == []
    assert starts(api, agenda_id, intake["Id"], ResourceId=second)


def test_bookable_days_skip_closed_and_fully_blocked_days(api: Api, agenda_id: int, intake: dict) -> None:
    def days() -> list[str]:
        root = api.ok(
            "getBookableDays",
            AgendaId=agenda_id,
            AppointmentTypeId=intake["Id"],
            StartDate="2026-03-03",
            EndDate="2026-03-09",
        )
        return [d["Date"] for d in objects(root, "BookableDay")]

    assert days() == ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"]
    api.ok("CHAddBlock", AgendaId=agenda_id, Date="2026-03-04", StartTime="00:00", EndTime="23:59")
    assert "2026-03-04" not in days()


def test_bookable_day_elements_are_zero_padded(api: Api, agenda_id: int, intake: dict) -> None:
    root = api.ok(
        "getBookableDays", AgendaId=agenda_id, AppointmentTypeId=intake["Id"], StartDate=TUESDAY, EndDate=TUESDAY
    )
    assert objects(root, "BookableDay") == [{"Date": TUESDAY, "Month": "03", "Day": "03"}]


def test_moving_the_clock_past_a_slot_closes_it(api: Api, clock: Clock, agenda_id: int, intake: dict) -> None:
    assert "09:00" in starts(api, agenda_id, intake["Id"]) or "09:15" in starts(api, agenda_id, intake["Id"])
    clock.advance(24 * 3600)  # Tuesday 10:30: everything before 11:30 is too soon
    assert all(s >= "11:30" for s in starts(api, agenda_id, intake["Id"]))
