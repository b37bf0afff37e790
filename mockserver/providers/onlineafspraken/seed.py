"""A tenant's starting agenda: named fixture records first, then deterministic Faker (nl_NL) data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from mockserver.core.seeding import faker, rng
from mockserver.core.state import StoreContext
from mockserver.providers.onlineafspraken.booking import slots_on
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
    for n in range(config.sizes.appointment_types):
        category = draw.choice(CATEGORIES)
        kind = AppointmentType(
            store.next_id("appointment_types"),
            agenda_ids[n % len(agenda_ids)],
            TYPE_NAMES[n % len(TYPE_NAMES)],
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
        customer = Customer(
            store.next_id("customers"),
            record.first_name,
            record.last_name,
            record.email,
            created,
            created,
            insertions=record.insertions,
            phone=record.phone,
            city=record.city,
            username=record.username,
            password=record.password,
        )
        store.customers[customer.id] = customer
    for _ in range(config.sizes.customers):
        created = now - timedelta(days=draw.randint(30, 900), seconds=draw.randint(0, 86_399))
        updated = min(
            now - timedelta(days=1), created + timedelta(days=draw.randint(0, 400), seconds=draw.randint(0, 86_399))
        )
        customer_id = store.next_id("customers")
        gender = draw.choice("MF")
        first = fake.first_name_male() if gender == "M" else fake.first_name_female()
        customer = Customer(
            customer_id,
            first,
            fake.last_name(),
            fake.email(),
            created.replace(microsecond=0),
            updated.replace(microsecond=0),
            account_number=f"K{customer_id:06d}",
            birth_date=fake.date_of_birth(minimum_age=18, maximum_age=85),
            gender=gender,
            street=fake.street_name(),
            house_nr=str(draw.randint(1, 250)),
            zip_code=fake.postcode().replace(" ", ""),
            city=fake.city(),
            phone=fake.phone_number(),
            mobile_phone=f"06{draw.randint(10_000_000, 99_999_999)}",
        )
        store.customers[customer.id] = customer


def seed_appointments(
    store: OnlineAfsprakenStore, config: OnlineAfsprakenConfig, seed: int, parts: tuple[str, ...]
) -> None:
    """Appointments spread over the weeks around today, each on a slot that was free when placed."""
    draw = rng(seed, *parts, "appointments")
    kinds = list(store.appointment_types.values())
    customers = list(store.customers)
    if not kinds or not customers:
        return
    today = store.now().date()
    for _ in range(config.sizes.appointments * 3):
        if len(store.appointments) >= config.sizes.appointments:
            break
        kind = draw.choice(kinds)
        day = today + timedelta(days=draw.randint(-21, 28))
        slots = free_slots(store, kind, day)
        if not slots:
            continue
        slot = draw.choice(slots)
        roll = draw.random()
        label = LABEL_APPROVED
        if roll < 0.1:
            label = LABEL_CANCELLED
        elif roll < 0.2 and slot.start > store.now():
            label = LABEL_PENDING
        store.insert(
            kind,
            kind.agenda_id,
            draw.choice(customers),
            slot.resource_id,
            slot.start,
            name=kind.name,
            label=label,
            created=min(store.now(), slot.start - timedelta(days=3)),
        )


def free_slots(store: OnlineAfsprakenStore, kind: AppointmentType, day: date) -> list[Slot]:
    """Slots on ``day`` without the booking-horizon rules (seeded history may lie in the past)."""
    agenda = store.agendas[kind.agenda_id]
    relaxed = replace(kind, min_hours_before=-24 * 400, max_hours_before=24 * 400)
    resources = store.candidates(agenda, kind, None)
    return slots_on(day, agenda, relaxed, resources, store.busy(agenda.id), store.now())
