"""Bookable days and times, and closing the agenda with blocks."""

from __future__ import annotations

from mockserver.providers.onlineafspraken.methods.registry import method
from mockserver.providers.onlineafspraken.models import bookable_day_elements
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import Reply


@method("getBookableDays")
def get_bookable_days(store: OnlineAfsprakenStore, params: Params) -> Reply:
    days = store.bookable_days(
        params.require_int("AgendaId"),
        params.require_int("AppointmentTypeId"),
        params.require_day("StartDate"),
        params.require_day("EndDate"),
        params.integer("ResourceId"),
    )
    return Reply(objects=[("BookableDay", bookable_day_elements(d)) for d in days])


@method("getBookableTimes")
def get_bookable_times(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # StartTime/EndTime are accepted but, as RANDOCK notes of the real server, change nothing.
    params.time_of_day("StartTime")
    params.time_of_day("EndTime")
    slots = store.bookable_times(
        params.require_int("AgendaId"),
        params.require_int("AppointmentTypeId"),
        params.require_day("Date"),
        params.integer("ResourceId"),
    )
    return Reply(objects=[("BookableTime", s.elements(store.timestamp_of(s.start))) for s in slots])


@method("CHAddBlock")
def add_block(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The reply is the only place the block's id is ever shown (vendor reference, research §1.6).
    block = store.add_block(
        params.require_int("AgendaId"),
        params.require_day("Date"),
        params.require_time("StartTime"),
        params.require_time("EndTime"),
        resource_id=params.integer("ResourceId"),
        type_id=params.integer("AppointmentType"),
    )
    return Reply(objects=[("Block", block.elements())])


@method("CHRemoveBlock")
def remove_block(store: OnlineAfsprakenStore, params: Params) -> Reply:
    store.remove_block(params.require_int("AgendaId"), params.require_int("id"))
    return Reply()
