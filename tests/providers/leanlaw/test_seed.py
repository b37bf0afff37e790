"""The seeded firm: the same for the same seed, linked consistently, and invoices that add up."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from mockserver.core.clock import Clock
from mockserver.core.state import StoreContext
from mockserver.providers.leanlaw.config import load_config
from mockserver.providers.leanlaw.seed import build_store
from mockserver.providers.leanlaw.store import LeanLawStore


def firm(clock: Clock, seed: int = 1234, tenant: str = "demo", **sizes: int) -> LeanLawStore:
    config = load_config({"sizes": sizes} if sizes else None, "test", {})
    return build_store(StoreContext(seed, "leanlaw", tenant, clock, config))


@pytest.fixture
def store(clock: Clock) -> LeanLawStore:
    return firm(clock)


def test_same_seed_gives_the_same_firm(clock: Clock) -> None:
    first, second = firm(clock), firm(clock)
    for name in first.collections():
        assert first.dump(name) == second.dump(name)


def test_other_seed_or_tenant_gives_other_data(clock: Clock) -> None:
    base = firm(clock)
    assert firm(clock, seed=99).dump("clients") != base.dump("clients")
    assert firm(clock, tenant="other").dump("clients") != base.dump("clients")


def test_more_clients_do_not_change_the_users(clock: Clock) -> None:
    assert firm(clock, clients=60).dump("users") == firm(clock).dump("users")


def test_sizes_are_honoured(store: LeanLawStore) -> None:
    counts = {name: len(getattr(store, name)) for name in store.collections()}
    assert counts["clients"] == 25
    assert counts["matters"] == 40
    assert counts["time_entries"] == 400
    assert counts["expenses"] == 60
    assert counts["fixed_fees"] == 12
    assert counts["users"] == 8
    assert counts["invoices"] > 0


def test_every_reference_points_at_a_record(store: LeanLawStore) -> None:
    for matter in store.matters.values():
        assert matter.client_id in store.clients
        assert matter.responsible_id in store.users
        assert all(u in store.users for u in matter.originator_ids)
        assert matter.practice_area_id in store.practice_areas
    for line in [*store.time_entries.values(), *store.expenses.values(), *store.fixed_fees.values()]:
        assert line.matter_id in store.matters
        assert line.user_id is None or line.user_id in store.users
        assert line.invoice_id is None or line.invoice_id in store.invoices
    for entry in store.time_entries.values():
        if entry.fixed_fee_id is not None:
            assert store.fixed_fees[entry.fixed_fee_id].matter_id == entry.matter_id


def test_invoices_add_up_to_their_lines(store: LeanLawStore) -> None:
    totals: defaultdict[str, int] = defaultdict(int)
    for entry in store.time_entries.values():
        if entry.invoice_id:
            totals[entry.invoice_id] += entry.amount_cents or 0
    for line in [*store.expenses.values(), *store.fixed_fees.values()]:
        if line.invoice_id:
            totals[line.invoice_id] += line.amount_cents
    for invoice in store.invoices.values():
        assert invoice.amount_cents == totals[invoice.id]
        assert 0 <= invoice.balance_cents <= invoice.amount_cents
        assert invoice.client_id == store.matters[invoice.matter_id].client_id


def test_billable_time_is_hours_times_rate(store: LeanLawStore) -> None:
    entry = next(e for e in store.time_entries.values() if e.billing_type == "billable")
    assert entry.rate_cents is not None
    assert entry.amount_cents == round(entry.hours * entry.rate_cents)


def test_current_month_is_unbilled_and_older_months_billed(store: LeanLawStore, clock: Clock) -> None:
    month = clock.now().date().replace(day=1)
    assert all(e.invoice_id is None for e in store.time_entries.values() if e.date >= month)
    older = [e for e in store.time_entries.values() if e.date < date(2026, 2, 1) and e.billing_type == "billable"]
    assert older and all(e.invoice_id is not None for e in older)


def test_some_of_last_months_work_awaits_billing(store: LeanLawStore) -> None:
    february = [e for e in store.time_entries.values() if e.date >= date(2026, 2, 1) and e.billing_type == "billable"]
    assert any(e.invoice_id is None for e in february)
    assert any(e.invoice_id is not None for e in february)


def test_activity_lies_in_the_window_and_not_in_the_future(store: LeanLawStore, clock: Clock) -> None:
    today = clock.now().date()
    dates = [e.date for e in store.time_entries.values()]
    assert min(dates) >= date(2025, 9, 1)
    assert max(dates) <= today
    assert all(r.created <= clock.now() for r in store.clients.values())


def test_some_records_are_free_to_delete(store: LeanLawStore) -> None:
    with_matters = {m.client_id for m in store.matters.values()}
    assert any(c not in with_matters for c in store.clients)
    busy = {r.matter_id for c in (store.time_entries, store.expenses, store.fixed_fees) for r in c.values()}
    assert any(m not in busy for m in store.matters)


def test_one_default_practice_area(store: LeanLawStore) -> None:
    assert sum(a.default for a in store.practice_areas.values()) == 1
