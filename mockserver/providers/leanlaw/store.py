"""LeanLawStore: one firm's records, its reads and deletes, and the rules that refuse a delete.

The refusals are the ones the OpenAPI document's operation descriptions state: a client with
matters, a matter with any activity (time, expenses, fixed fees, invoices), a billed time entry,
expense or fixed fee, a fixed fee assigned to time entries, a practice area assigned to matters.
Creates and updates are in ``changes.py``; both stamp ``modifiedAt`` from the virtual clock.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from mockserver.core.persist import SavedFields
from mockserver.providers.leanlaw import lists, query
from mockserver.providers.leanlaw.errors import BusinessRuleViolation
from mockserver.providers.leanlaw.models import (
    Record,
    money,
)
from mockserver.providers.leanlaw.writes import FirmWrites, refuse_billed

R = TypeVar("R", bound=Record)

#: Operation → the store attribute holding its records.
COLLECTIONS = {
    "ListClients": "clients",
    "ListMatters": "matters",
    "ListTimeEntries": "time_entries",
    "ListExpenses": "expenses",
    "ListFixedFees": "fixed_fees",
    "ListInvoices": "invoices",
    "ListUsers": "users",
    "ListPracticeAreas": "practice_areas",
    "ListCustomFields": "custom_fields",
}


class LeanLawStore(FirmWrites, SavedFields):
    """One firm's store: lists, balances, deletes and the admin view. Never imports the web framework."""

    SAVED = (*COLLECTIONS.values(), "_ids", "_seq", "version")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: (operation, sort) -> (store version, the collection in that order).
        self._orders: dict[tuple[str, tuple[tuple[str, bool], ...]], tuple[int, list[Any]]] = {}

    def after_load(self) -> None:
        self._orders = {}

    # -- reads ---------------------------------------------------------------------------------

    def listing(self, operation: str, q: query.ListQuery) -> tuple[list[Any], int]:
        """One list endpoint's page and total (every match after the filters).

        Without filters the whole collection is the match: its order for the asked sort is kept
        until the store next changes, so paging through it costs the page, not the collection.
        """
        spec = lists.SPECS[operation]
        if q.filters:
            records = list(getattr(self, COLLECTIONS[operation]).values())
            matched = query.sort(spec, q, query.matching(spec, q, records, self), self)
        else:
            key = (operation, q.sort)
            cached = self._orders.get(key)
            if cached is None or cached[0] != self.version:
                records = list(getattr(self, COLLECTIONS[operation]).values())
                cached = self._orders[key] = (self.version, query.sort(spec, q, records, self))
            matched = cached[1]
        return matched[q.offset : q.offset + q.limit], len(matched)

    def balances(self, client_id: str) -> dict[str, float]:
        """ClientBalances: open final invoices, and those past their due date by 0, 30, 60, 90 days."""
        self.client(client_id)
        today = self.today()
        sums = dict.fromkeys(("balance", "overdue", "overdue30", "overdue60", "overdue90"), 0)
        for invoice in self.invoices.values():
            if invoice.client_id != client_id or invoice.state != "final" or invoice.balance_cents <= 0:
                continue
            sums["balance"] += invoice.balance_cents
            late = (today - invoice.due_date).days if invoice.due_date else -1
            for name, days in (("overdue", 0), ("overdue30", 30), ("overdue60", 60), ("overdue90", 90)):
                if late > days:
                    sums[name] += invoice.balance_cents
        return {name: money(cents) for name, cents in sums.items()}

    # -- deletes and the rules that refuse them ----------------------------------------------

    def delete_client(self, client_id: str) -> None:
        with self.lock:
            self.client(client_id)
            if any(m.client_id == client_id for m in self.matters.values()):
                raise BusinessRuleViolation("Clients that have associated matters cannot be deleted.")
            self.remove(self.clients, client_id)

    def delete_matter(self, matter_id: str) -> None:
        with self.lock:
            self.matter(matter_id)
            for name, records in (
                ("time entries", self.time_entries),
                ("expenses", self.expenses),
                ("fixed fees", self.fixed_fees),
                ("invoices", self.invoices),
            ):
                if any(r.matter_id == matter_id for r in records.values()):
                    raise BusinessRuleViolation(
                        f"Matters that have associated activity ({name}) cannot be deleted. "
                        "Archive the matter with UpdateMatter instead."
                    )
            self.remove(self.matters, matter_id)

    def delete_time_entry(self, entry_id: str) -> None:
        with self.lock:
            refuse_billed(self.time_entry(entry_id), "Time entries", "deleted")
            self.remove(self.time_entries, entry_id)

    def delete_expense(self, expense_id: str) -> None:
        with self.lock:
            refuse_billed(self.expense(expense_id), "Expenses", "deleted")
            self.remove(self.expenses, expense_id)

    def delete_fixed_fee(self, fee_id: str) -> None:
        with self.lock:
            refuse_billed(self.fixed_fee(fee_id), "Fixed fees", "deleted")
            if any(t.fixed_fee_id == fee_id for t in self.time_entries.values()):
                raise BusinessRuleViolation("Fixed fees that are assigned to time entries cannot be deleted.")
            self.remove(self.fixed_fees, fee_id)

    def delete_practice_area(self, area_id: str) -> None:
        with self.lock:
            self.practice_area(area_id)
            if any(m.practice_area_id == area_id for m in self.matters.values()):
                raise BusinessRuleViolation("Practice areas that are assigned to matters cannot be deleted.")
            self.remove(self.practice_areas, area_id)

    # -- admin view ----------------------------------------------------------------------------

    def collections(self) -> list[str]:
        return sorted(COLLECTIONS.values())

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        if collection not in COLLECTIONS.values():
            return None
        return [_plain(asdict(r)) for r in getattr(self, collection).values()]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value
