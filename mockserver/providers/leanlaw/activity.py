"""A firm's billable activity: fixed fees, time entries and expenses over the last months, and their invoices.

Each past month's billable lines of a matter go on one invoice dated early the next month; the
invoice amount is the sum of its lines to the cent. Older invoices are final and mostly paid;
last month's are still in the billing cycle (draft, review, approved, final), and a third of
last month's matters are not invoiced yet (month-end billing takes the first days of a month).
The current month is unbilled, so there is always work to change and delete.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from mockserver.core.seeding import uuid_from
from mockserver.providers.leanlaw import codes
from mockserver.providers.leanlaw.config import Sizes
from mockserver.providers.leanlaw.models import Expense, FixedFee, Invoice, Matter, TimeEntry
from mockserver.providers.leanlaw.store import LeanLawStore

#: What the time is spent on, by practice area (anything else: the general work).
WORK = {
    "Litigation": (
        "Draft motion to compel discovery responses",
        "Prepare for deposition of opposing party",
        "Research case law on statute of limitations",
        "Review document production",
    ),
    "Corporate": (
        "Draft operating agreement",
        "Revise asset purchase agreement per client comments",
        "Prepare closing checklist",
    ),
    "Estate Planning": ("Draft trust instrument and pour-over will", "Meet with client to sign estate documents"),
    "Family Law": ("Prepare financial declaration", "Attend mediation", "Draft parenting plan"),
    "Real Estate": ("Analyze lease terms and prepare issues list", "Review title commitment"),
    "Employment": ("Review employee handbook", "Draft separation agreement"),
    "Intellectual Property": ("Prepare trademark application", "Clearance search review"),
}
GENERAL_WORK = (
    "Telephone conference with client",
    "Correspondence with opposing counsel",
    "Review and revise engagement letter",
)
EXPENSES = (
    ("Court filing fee", "E112", 5000, 45000),
    ("Courier delivery", "E107", 1500, 9000),
    ("Deposition transcript", "E115", 25000, 150000),
    ("Westlaw research charges", "E106", 2000, 30000),
    ("Photocopies", "E101", 500, 7500),
    ("Mileage to hearing", "E110", 2000, 12000),
    ("Expert witness retainer", "E119", 100000, 500000),
)
FIXED_FEES = (("Flat fee", 150000, 750000), ("Phase fee", 250000, 1000000))

TIMEKEEPERS = ("principal", "attorney", "paralegal", "timekeeper")

Gen = Callable[[str], random.Random]


def stamp_on(day: date, generator: random.Random, start_hour: int = 8, end_hour: int = 18) -> datetime:
    """A moment during the working hours of ``day`` (UTC), to the second."""
    seconds = generator.randrange(start_hour * 3600, end_hour * 3600)
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(seconds=seconds)


def seed_activity(store: LeanLawStore, gen: Gen, sizes: Sizes, start: date, today: date) -> None:
    """Fixed fees, time and expenses on the matters opened before the window, then the invoices."""
    # The newest tenth of the matters has no activity, so DeleteMatter has something to delete.
    matters = list(store.matters.values())
    active = [m for m in matters[: len(matters) * 9 // 10] if not m.archived]
    if not active:
        return
    seed_fixed_fees(store, gen("fixed-fees"), sizes, active, start, today)
    seed_time_entries(store, gen("time-entries"), sizes, active, start, today)
    seed_expenses(store, gen("expenses"), sizes, active, start, today)
    seed_invoices(store, gen("invoices"), today)


def _workday(generator: random.Random, start: date, today: date) -> date:
    day = start + timedelta(days=generator.randrange(0, (today - start).days + 1))
    while day.weekday() >= 5 and day > start:
        day -= timedelta(days=1)
    return day


def seed_fixed_fees(
    store: LeanLawStore, generator: random.Random, sizes: Sizes, active: list[Matter], start: date, today: date
) -> None:
    flat = [m for m in active if m.matter_type == "fixedFee"]
    for index in range(sizes.fixed_fees if flat else 0):
        matter = flat[index % len(flat)]
        label, low, high = generator.choice(FIXED_FEES)
        day = _workday(generator, start, today)
        created = stamp_on(day, generator)
        topic = matter.name.split(" - ", 1)[-1]
        fee = FixedFee(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            user_id=matter.responsible_id,
            matter_id=matter.id,
            date=day,
            description=f"{label}: {topic}",
            amount_cents=generator.randrange(low, high, 2500),
        )
        store.add(store.fixed_fees, fee)


def seed_time_entries(
    store: LeanLawStore, generator: random.Random, sizes: Sizes, active: list[Matter], start: date, today: date
) -> None:
    keepers = [u for u in store.users.values() if u.role in TIMEKEEPERS] or list(store.users.values())
    fees: defaultdict[str, list[FixedFee]] = defaultdict(list)
    for item in store.fixed_fees.values():
        fees[item.matter_id].append(item)
    work = {m.id: WORK.get(_area(store, m), ()) + GENERAL_WORK for m in active}
    activities, tasks = sorted(codes.selectable("activity")), sorted(codes.selectable("task"))
    for _ in range(sizes.time_entries):
        matter = generator.choice(active)
        user = generator.choice(keepers)
        day = _workday(generator, max(start, matter.opened or start), today)
        created = stamp_on(day, generator)
        fee = generator.choice(fees[matter.id]) if fees.get(matter.id) else None
        billing = "fixedFee" if fee else ("billable" if matter.matter_type == "hourly" else "nonBillable")
        if billing == "billable" and generator.random() < 0.08:
            billing = "nonBillable"
        ledes = matter.ledes.enabled
        entry = TimeEntry(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            user_id=user.id,
            matter_id=matter.id,
            date=day,
            time=f"{created.hour:02d}:{created.minute:02d}:00" if generator.random() < 0.5 else None,
            description=generator.choice(work[matter.id]),
            hours=generator.randrange(1, 61) / 10,
            rate_cents=user.rate_cents if billing == "billable" else None,
            billing_type=billing,
            fixed_fee_id=fee.id if fee else None,
            activity_code=generator.choice(activities) if ledes else None,
            task_code=generator.choice(tasks) if ledes else None,
        )
        store.add(store.time_entries, entry)


def _area(store: LeanLawStore, matter: Matter) -> str:
    return store.practice_areas[matter.practice_area_id].label if matter.practice_area_id else ""


def seed_expenses(
    store: LeanLawStore, generator: random.Random, sizes: Sizes, active: list[Matter], start: date, today: date
) -> None:
    billable = [m for m in active if m.matter_type in ("hourly", "contingency")] or active
    for _ in range(sizes.expenses):
        matter = generator.choice(billable)
        description, code, low, high = generator.choice(EXPENSES)
        day = _workday(generator, max(start, matter.opened or start), today)
        created = stamp_on(day, generator)
        expense = Expense(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            user_id=matter.responsible_id if generator.random() < 0.7 else None,
            matter_id=matter.id,
            date=day,
            description=description,
            amount_cents=generator.randrange(low, high, 5),
            expense_code=code if matter.ledes.enabled else None,
            check_number=str(generator.randrange(1000, 9999)) if generator.random() < 0.2 else None,
        )
        store.add(store.expenses, expense)


def seed_invoices(store: LeanLawStore, generator: random.Random, today: date) -> None:
    """One invoice per matter and past month with billable lines; lines are marked billed on it."""
    this_month = today.replace(day=1)
    lines: defaultdict[tuple[str, date], list[TimeEntry | Expense | FixedFee]] = defaultdict(list)
    for collection in (store.time_entries, store.expenses, store.fixed_fees):
        for line in collection.values():
            month = line.date.replace(day=1)
            # Time on a fixed fee goes on the fee's invoice (below); non-billable time is never invoiced.
            if month < this_month and (not isinstance(line, TimeEntry) or line.billing_type == "billable"):
                lines[(line.matter_id, month)].append(line)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    number = 1001
    for (matter_id, month), billed in sorted(
        lines.items(), key=lambda item: (item[0][1], store.matters[item[0][0]].seq)
    ):
        amount = sum(_line_cents(line) for line in billed)
        if amount <= 0 or (month == last_month and generator.random() < 0.35):
            continue
        issued = min(this_month + timedelta(days=generator.randrange(0, 5)), today)
        if month < last_month:
            issued = (month + timedelta(days=32)).replace(day=1) + timedelta(days=generator.randrange(0, 5))
        state = generator.choice(("draft", "review", "approved", "final")) if month == last_month else "final"
        paid = 0
        if state == "final" and month < last_month:
            paid = amount if generator.random() < 0.75 else generator.choice((0, amount // 2))
        created = stamp_on(issued, generator)
        invoice = Invoice(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            client_id=store.matters[matter_id].client_id,
            matter_id=matter_id,
            invoice_date=issued,
            due_date=issued + timedelta(days=30),
            number=str(number),
            state=state,
            amount_cents=amount,
            paid_cents=paid,
        )
        number += 1
        store.add(store.invoices, invoice)
        for line in billed:
            line.invoice_id = invoice.id
    for entry in store.time_entries.values():
        if entry.fixed_fee_id is not None:
            entry.invoice_id = store.fixed_fees[entry.fixed_fee_id].invoice_id


def _line_cents(line: TimeEntry | Expense | FixedFee) -> int:
    """What a line adds to its invoice: billable time at its rate, expenses, fixed fees."""
    if isinstance(line, TimeEntry):
        return line.amount_cents or 0
    return line.amount_cents
