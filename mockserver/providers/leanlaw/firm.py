"""FirmData: one firm's collections, its ids and stamps on the virtual clock, and lookups by id (404)."""

from __future__ import annotations

import copy
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypedDict, TypeVar

from mockserver.core.clock import Clock
from mockserver.core.seeding import uuid_from
from mockserver.providers.leanlaw.errors import InvalidRequest, NotFound
from mockserver.providers.leanlaw.models import (
    Client,
    CustomField,
    Expense,
    FixedFee,
    Invoice,
    Matter,
    PracticeArea,
    Record,
    TimeEntry,
    User,
)

R = TypeVar("R", bound=Record)


class Fresh(TypedDict):
    """The fields every new record starts with (see ``Record``)."""

    id: str
    seq: int
    created: datetime
    modified: datetime


class FirmData:
    """The records of one firm (tenant), in insertion order."""

    def __init__(self, clock: Clock, ids: random.Random, firm: str = "") -> None:
        self.clock = clock
        self.firm = firm
        self._ids = ids
        self._seq = 0
        #: Moves on every change, so a cached list order knows when it is stale.
        self.version = 0
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}
        self.practice_areas: dict[str, PracticeArea] = {}
        self.custom_fields: dict[str, CustomField] = {}
        self.clients: dict[str, Client] = {}
        self.matters: dict[str, Matter] = {}
        self.time_entries: dict[str, TimeEntry] = {}
        self.expenses: dict[str, Expense] = {}
        self.fixed_fees: dict[str, FixedFee] = {}
        self.invoices: dict[str, Invoice] = {}

    # -- ids, stamps -------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.now().date()

    def new_id(self) -> str:
        return uuid_from(self._ids)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def fresh(self) -> Fresh:
        """What a record made now starts with: a new id, the next insertion number, both stamps now."""
        now = self.now()
        return Fresh(id=self.new_id(), seq=self.next_seq(), created=now, modified=now)

    def add(self, collection: dict[str, R], record: R) -> R:
        collection[record.id] = record
        self.version += 1
        return record

    def remove(self, collection: dict[str, R], record_id: str) -> None:
        del collection[record_id]
        self.version += 1

    @contextmanager
    def writing(self, record: Record) -> Iterator[None]:
        """One change to ``record`` under the store's lock: all of it or, on an error, none of it.

        ``modifiedAt`` moves when the change succeeds.
        """
        with self.lock:
            before = copy.deepcopy(record.__dict__)
            try:
                yield
            except BaseException:
                record.__dict__.update(before)
                raise
            record.modified = self.now()
            self.version += 1

    def client(self, record_id: str) -> Client:
        return _found(self.clients, record_id, "client")

    def matter(self, record_id: str) -> Matter:
        return _found(self.matters, record_id, "matter")

    def time_entry(self, record_id: str) -> TimeEntry:
        return _found(self.time_entries, record_id, "time entry")

    def expense(self, record_id: str) -> Expense:
        return _found(self.expenses, record_id, "expense")

    def fixed_fee(self, record_id: str) -> FixedFee:
        return _found(self.fixed_fees, record_id, "fixed fee")

    def user(self, record_id: str) -> User:
        return _found(self.users, record_id, "user")

    def practice_area(self, record_id: str) -> PracticeArea:
        return _found(self.practice_areas, record_id, "practice area")


def _found(records: dict[str, R], record_id: str, what: str) -> R:
    record = records.get(record_id)
    if record is None:
        raise NotFound(f"No {what} with id {record_id} was found.")
    return record


def referenced(records: dict[str, R], record_id: str, field: str, what: str) -> R:
    """A record a request body names: unknown is a 400 on that field (the path's own id gives 404)."""
    record = records.get(record_id)
    if record is None:
        raise InvalidRequest(f"No {what} with id {record_id} was found.", field=field)
    return record
