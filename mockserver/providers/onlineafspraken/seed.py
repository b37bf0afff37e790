"""A tenant's starting agenda: named fixture records first, then deterministic Faker (nl_NL) data."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from mockserver.core.seeding import faker, rng
from mockserver.core.state import StoreContext
from mockserver.providers.onlineafspraken.booking import Busy
from mockserver.providers.onlineafspraken.config import OnlineAfsprakenConfig, opening_hours_by_weekday
from mockserver.providers.onlineafspraken.localtime import WallTime
from mockserver.providers.onlineafspraken.models import (
    LABEL_APPROVED,
    LABEL_CANCELLED,
    LABEL_PENDING,
    Agenda,
    AppointmentType,
    Customer,
    Field,
    Resource,
    Slot,
)
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore

PROVIDER = "onlineafspraken"
TYPE_NAMES = ("Intakegesprek", "Consult", "Controle", "Behandeling", "Adviesgesprek", "Nieuwe aansluiting")
DURATIONS = (15, 20, 30, 45, 60)
BUFFERS = (0, 0, 5, 10, 15)
CATEGORIES = ("Algemeen", "Spreekuur", "Service")
#: How many names, streets and cities Faker draws per tenant for generated customers.
POOL = 256


def build_store(ctx: StoreContext) -> OnlineAfsprakenStore:
    config: OnlineAfsprakenConfig = ctx.config
    tenant = config.tenant_by_name(ctx.tenant)
    if tenant is None:
        raise KeyError(f"unknown onlineafspraken tenant {ctx.tenant!r}")
    parts = (PROVIDER, ctx.tenant)
    store = OnlineAfsprakenStore(
        ctx.clock,
        WallTime(config.options.dutch_summer_time),
        requires_confirmation=tenant.requires_confirmation,
        codes=rng(ctx.seed, *parts, "confirmation_codes"),
    )
    seed_agendas(store, config, ctx.seed, parts)
    seed_resources(store, config, ctx.seed, parts)
    seed_types(store, config, ctx.seed, parts)
    seed_fields(store, config)
    seed_customers(store, config, ctx.seed, parts)
    seed_appointments(store, config, ctx.seed, parts)
    return store


def seed_agendas(store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]) -> None:
    fake = faker(seed, *parts, "agendas")
    default_hours = opening_hours_by_weekday(config.opening_hours)
    for record in config.records.agendas:
        hours = opening_hours_by_weekday(record.opening_hours) if record.opening_hours is not None else default_hours
        agenda = Agenda(
            store.next_id("agendas"),
            record.name,
            hours,
            record.align_grid,
            record.date_format,
            record.time_format,
            is_default=not store.agendas,
        )
        store.agendas[agenda.id] = agenda
    for _ in range(config.sizes.agendas):
        name = f"Agenda {fake.company()}"
        agenda = Agenda(store.next_id("agendas"), name, default_hours, is_default=not store.agendas)
        store.agendas[agenda.id] = agenda


def _agenda_at(store: OnlineAfsprakenStore, index: int) -> int | None:
    ids = list(store.agendas)
    return ids[index] if index < len(ids) else None


def seed_resources(
    store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]
) -> None:
    fake = faker(seed, *parts, "resources")
    for record in config.records.resources:
        agenda_id = _agenda_at(store, record.agenda)
        if agenda_id is None:
            continue
        resource = Resource(store.next_id("resources"), agenda_id, record.name, email=record.email, phone=record.phone)
        store.resources[resource.id] = resource
    for agenda_id in list(store.agendas):
        for number in range(1, config.sizes.resources_per_agenda + 1):
            resource = Resource(
                store.next_id("resources"),
                agenda_id,
                f"Medewerker {number} ({fake.first_name()})",
                email=fake.email(),
            )
            store.resources[resource.id] = resource


def seed_types(store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]) -> None:
    draw = rng(seed, *parts, "appointment_types")
    categories = {name: 4690 + n for n, name in enumerate(CATEGORIES)}
    for record in config.records.appointment_types:
        agenda_id = _agenda_at(store, record.agenda)
        if agenda_id is None:
            continue
        resource_id = None
        if record.resource is not None:
            own = [r.id for r in store.resources.values() if r.agenda_id == agenda_id]
            resource_id = own[record.resource] if record.resource < len(own) else None
        category = record.category or CATEGORIES[0]
        kind = AppointmentType(
            store.next_id("appointment_types"),
            agenda_id,
            record.name,
            record.duration,
            record.buffer,
            description=record.description,
            price=record.price,
            min_hours_before=record.min_hours_before,
            max_hours_before=record.max_hours_before,
            category=category,
            category_id=categories.setdefault(category, 4690 + len(categories)),
            resource_id=resource_id,
        )
        store.appointment_types[kind.id] = kind
    agenda_ids = list(store.agendas)
    if not agenda_ids:
        return
    named = {t.name for t in store.appointment_types.values()}
    names = [n for n in TYPE_NAMES if n not in named] or list(TYPE_NAMES)
    for n in range(config.sizes.appointment_types):
        category = draw.choice(CATEGORIES)
        kind = AppointmentType(
            store.next_id("appointment_types"),
            agenda_ids[n % len(agenda_ids)],
            names[n % len(names)] if n < len(names) else f"{names[n % len(names)]} {n // len(names) + 1}",
            draw.choice(DURATIONS),
            draw.choice(BUFFERS),
            price=f"{draw.choice((0, 0, 25, 45, 60))}.00",
            category=category,
            category_id=categories[category],
        )
        store.appointment_types[kind.id] = kind


def seed_fields(store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig) -> None:
    for record in config.records.fields:
        field = Field(store.next_id("fields"), record.label, record.key, record.type, record.required)
        store.fields[field.id] = field


def seed_customers(
    store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]
) -> None:
    fake = faker(seed, *parts, "customers")
    draw = rng(seed, *parts, "customers", "times")
    now = store.now()
    for record in config.records.customers:
        created = now - timedelta(days=400)
        customer_id = store.next_id("customers")
        customer = Customer(
            customer_id,
            record.first_name,
            record.last_name,
            record.email,
            created,
            created,
            account_number=record.account_number or f"{customer_id:06d}",
            insertions=record.insertions,
            phone=record.phone,
            city=record.city,
            username=record.username,
            password=record.password,
        )
        store.customers[customer.id] = customer
    if not config.sizes.customers:
        return
    # Faker is slow per call: draw pools of names and places once, then combine them with the rng.
    men = [fake.first_name_male() for _ in range(POOL)]
    women = [fake.first_name_female() for _ in range(POOL)]
    last_names = [fake.last_name() for _ in range(POOL)]
    streets = [fake.street_name() for _ in range(POOL)]
    cities = [fake.city() for _ in range(POOL)]
    domains = [fake.free_email_domain() for _ in range(8)]
    for _ in range(config.sizes.customers):
        created = now - timedelta(days=draw.randint(30, 900), seconds=draw.randint(0, 86_399))
        updated = min(
            now - timedelta(days=1), created + timedelta(days=draw.randint(0, 400), seconds=draw.randint(0, 86_399))
        )
        customer_id = store.next_id("customers")
        gender = draw.choice("MF")
        first = draw.choice(men if gender == "M" else women)
        last = draw.choice(last_names)
        local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        customer = Customer(
            customer_id,
            first,
            last,
            f"{local}{customer_id % 1000}@{draw.choice(domains)}",
            created.replace(microsecond=0),
            updated.replace(microsecond=0),
            # Digits only: clients read AccountNumber as a number (PyPI onlineafspraken: int).
            account_number=f"{customer_id:06d}",
            birth_date=now.date() - timedelta(days=draw.randint(18 * 365, 85 * 365)),
            gender=gender,
            street=draw.choice(streets),
            house_nr=str(draw.randint(1, 250)),
            zip_code=f"{draw.randint(1000, 9999)}{chr(65 + draw.randint(0, 25))}{chr(65 + draw.randint(0, 25))}",
            city=draw.choice(cities),
            phone=f"0{draw.randint(10, 79)}{draw.randint(1_000_000, 9_999_999)}",
            mobile_phone=f"06{draw.randint(10_000_000, 99_999_999)}",
        )
        store.customers[customer.id] = customer


def seed_appointments(
    store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]
) -> None:
    """Appointments spread over the weeks around today, each on a slot that was free when placed."""
    draw = rng(seed, *parts, "appointments")
    kinds = [k for k in store.appointment_types.values() if store.candidates(store.agendas[k.agenda_id], k, None)]
    customers = list(store.customers)
    wanted = config.sizes.appointments
    if not kinds or not customers or not wanted:
        return
    now = store.now()
    today = now.date()
    # Wide enough that every agenda has room: about ten appointments per agenda per day.
    span = max(49, wanted // (10 * len(store.agendas)) + 1)
    past = span * 3 // 7
    taken: dict[tuple[int, date], list[Busy]] = {}
    placed = 0
    for _ in range(wanted * 3):
        if placed >= wanted:
            break
        kind = draw.choice(kinds)
        day = today + timedelta(days=draw.randint(-past, span - past))
        busy = taken.setdefault((kind.agenda_id, day), [])
        slot = random_free_slot(store, kind, day, busy, draw)
        if slot is None:
            continue
        roll = draw.random()
        label = LABEL_APPROVED
        if roll < 0.1:
            label = LABEL_CANCELLED
        elif roll < 0.2 and slot.start > now:
            label = LABEL_PENDING
        appointment = store.insert(
            kind,
            kind.agenda_id,
            draw.choice(customers),
            slot.resource_id,
            slot.start,
            name=kind.name,
            label=label,
            created=min(now, slot.start - timedelta(days=3)),
        )
        placed += 1
        if appointment.occupies_time:
            busy.append(Busy(appointment.start, appointment.blocked_until, appointment.resource_id))


def random_free_slot(
    store: OnlineAfsprakenStore, kind: AppointmentType, day: date, busy: list[Busy], draw: random.Random
) -> Slot | None:
    """One random grid start on ``day`` with a random resource, if that is free (cheap, for seeding).

    Seeded history may lie in the past, so the booking-horizon rules do not apply here.
    """
    agenda = store.agendas[kind.agenda_id]
    intervals = agenda.opening_hours.get(day.weekday())
    if not intervals:
        return None
    opens, closes = draw.choice(intervals)
    first = datetime.combine(day, opens)
    room = (datetime.combine(day, closes) - first) // timedelta(minutes=1) - kind.duration
    if room < 0:
        return None
    start = first + timedelta(minutes=draw.randint(0, room // agenda.align_grid) * agenda.align_grid)
    resource_id = draw.choice(store.candidates(agenda, kind, None))
    end = start + timedelta(minutes=kind.duration + kind.buffer)
    if any(b.hits(start, end, resource_id, kind.id) for b in busy):
        return None
    return Slot(start, start + timedelta(minutes=kind.duration), resource_id, kind.id)
