"""A firm's starting data: people, practice areas, custom fields, clients and matters (activity: ``activity.py``).

Every collection draws from its own generator (core/seeding), so the same seed gives the same
firm, and a bigger client list does not change the users. Dates are placed relative to the clock
when the store is built.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from mockserver.core.seeding import faker, rng, uuid_from
from mockserver.core.state import StoreContext
from mockserver.providers.leanlaw import activity, codes
from mockserver.providers.leanlaw.activity import stamp_on
from mockserver.providers.leanlaw.config import LeanLawConfig, Sizes
from mockserver.providers.leanlaw.models import (
    Client,
    CustomField,
    CustomFieldOption,
    LedesConfiguration,
    Matter,
    PracticeArea,
    User,
)
from mockserver.providers.leanlaw.store import LeanLawStore

PROVIDER = "leanlaw"

#: (role, lowest and highest hourly rate in dollars); cycled through for the firm's users.
ROLE_RATES = (
    ("principal", 450, 650),
    ("attorney", 275, 425),
    ("paralegal", 125, 175),
    ("attorney", 275, 425),
    ("timekeeper", 95, 140),
    ("accountant", 0, 0),
    ("attorney", 275, 425),
    ("paralegal", 125, 175),
    ("principal", 450, 650),
    ("operator", 0, 0),
)

#: Practice area → what its matters are about.
PRACTICE = {
    "Litigation": ("Breach of contract", "Commercial dispute", "Insurance coverage", "Collections action"),
    "Corporate": ("Entity formation", "Asset purchase", "Series A financing", "Shareholder agreement"),
    "Estate Planning": ("Estate plan", "Trust administration", "Probate", "Guardianship"),
    "Family Law": ("Dissolution", "Custody modification", "Prenuptial agreement", "Child support review"),
    "Real Estate": ("Lease negotiation", "Property acquisition", "Title dispute", "Easement"),
    "Employment": ("Wrongful termination claim", "Handbook review", "Wage and hour audit", "Non-compete"),
    "Intellectual Property": ("Trademark registration", "Patent licensing", "Copyright infringement"),
    "Immigration": ("H-1B petition", "Family-based green card", "Naturalization"),
}

COURTS = (
    "King County Superior Court",
    "U.S. District Court, W.D. Washington",
    "Multnomah County Circuit Court",
    "U.S. Bankruptcy Court",
)

#: (entity, name, value type): the firm's custom field definitions.
CUSTOM_FIELDS = (
    ("client", "Referral source", "text"),
    ("client", "Conflict check cleared", "boolean"),
    ("client", "Client since", "date"),
    ("matter", "Court", "enum"),
    ("matter", "Budget", "number"),
    ("matter", "Statute of limitations", "date"),
    ("user", "Bar number", "text"),
)

MATTER_TYPES = ("hourly", "fixedFee", "contingency", "probono", "internal")
MATTER_TYPE_WEIGHTS = (70, 12, 8, 5, 5)


def build_store(ctx: StoreContext) -> LeanLawStore:
    """One firm's store, the same for the same seed, tenant, sizes and build time."""
    config: LeanLawConfig = ctx.config
    firm = config.firm(ctx.tenant)
    store = LeanLawStore(ctx.clock, rng(ctx.seed, PROVIDER, ctx.tenant, "new-ids"), firm.name if firm else ctx.tenant)
    sizes = config.sizes
    today = ctx.clock.now().date()
    start = _months_back(today, sizes.months)

    def gen(collection: str) -> random.Random:
        return rng(ctx.seed, PROVIDER, ctx.tenant, collection)

    seed_custom_fields(store, gen("custom-fields"), start)
    seed_users(store, gen("users"), faker(ctx.seed, PROVIDER, ctx.tenant, "users", locale="en_US"), sizes, start)
    seed_practice_areas(store, gen("practice-areas"), sizes, start)
    seed_clients(store, gen("clients"), faker(ctx.seed, PROVIDER, ctx.tenant, "clients", locale="en_US"), sizes, start)
    seed_matters(store, gen("matters"), sizes, start, today)
    activity.seed_activity(store, gen, sizes, start, today)
    return store


def _months_back(today: date, months: int) -> date:
    """The first day of the month ``months`` months before today's."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _before(start: date, generator: random.Random, days: int = 720) -> datetime:
    return stamp_on(start - timedelta(days=generator.randrange(1, days)), generator)


def seed_custom_fields(store: LeanLawStore, generator: random.Random, start: date) -> None:
    created = _before(start, generator, 1500)
    for entity, name, value_type in CUSTOM_FIELDS:
        options = [CustomFieldOption(uuid_from(generator), court) for court in COURTS] if value_type == "enum" else []
        field = CustomField(uuid_from(generator), store.next_seq(), created, created, entity, name, value_type, options)
        store.add(store.custom_fields, field)


def _field(store: LeanLawStore, entity: str, name: str) -> CustomField:
    return next(f for f in store.custom_fields.values() if f.entity == entity and f.name == name)


def seed_users(store: LeanLawStore, generator: random.Random, fake: Any, sizes: Sizes, start: date) -> None:
    domain = "".join(ch for ch in store.firm.lower() if ch.isalnum())[:20] or "firm"
    bar = _field(store, "user", "Bar number")
    for index in range(sizes.users):
        role, low, high = ROLE_RATES[index % len(ROLE_RATES)]
        first, last = fake.first_name(), fake.last_name()
        created = _before(start, generator, 1500)
        user = User(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            first_name=first,
            last_name=last,
            initials=(first[0] + last[0]).upper(),
            role=role,
            email=f"{first}.{last}{index + 1}@{domain}.example".lower().replace("'", ""),
            rate_cents=generator.randrange(low, high + 1, 5) * 100 if high else 0,
        )
        if role in ("principal", "attorney"):
            user.custom[bar.id] = (str(generator.randrange(10000, 60000)), None)
        store.add(store.users, user)


def seed_practice_areas(store: LeanLawStore, generator: random.Random, sizes: Sizes, start: date) -> None:
    for index, label in enumerate(list(PRACTICE)[: sizes.practice_areas]):
        created = _before(start, generator, 1500)
        area = PracticeArea(uuid_from(generator), store.next_seq(), created, created, label, default=index == 0)
        store.add(store.practice_areas, area)


def seed_clients(store: LeanLawStore, generator: random.Random, fake: Any, sizes: Sizes, start: date) -> None:
    referral = _field(store, "client", "Referral source")
    cleared = _field(store, "client", "Conflict check cleared")
    since = _field(store, "client", "Client since")
    for index in range(sizes.clients):
        company = generator.random() < 0.6
        first, last = fake.first_name(), fake.last_name()
        name = fake.company() if company else f"{first} {last}"
        created = _before(start, generator)
        modified = created + timedelta(days=generator.randrange(0, 60)) if generator.random() < 0.3 else created
        contact: dict[str, str | None] = {
            "companyName": name if company else None,
            "firstName": first,
            "lastName": last,
            "email": f"{first}.{last}@{fake.domain_name()}".lower().replace("'", ""),
            "phone": fake.numerify("(###) ###-####"),
            "street": fake.street_address(),
            "city": fake.city(),
            "state": fake.state_abbr(),
            "zip": fake.zipcode(),
            "country": "United States",
        }
        client = Client(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=modified,
            name=name,
            reference=f"C{1001 + index}" if generator.random() < 0.9 else None,
            contact=contact,
            notes="Prefers e-mail; invoices to accounts payable." if generator.random() < 0.2 else None,
        )
        if generator.random() < 0.5:
            client.custom[referral.id] = (generator.choice(("Website", "Bar referral", "Existing client")), None)
        client.custom[cleared.id] = (True, None)
        client.custom[since.id] = (created.date().isoformat(), None)
        store.add(store.clients, client)


def seed_matters(store: LeanLawStore, generator: random.Random, sizes: Sizes, start: date, today: date) -> None:
    """Matters for most clients; the last tenth of the clients has none (so they can be deleted)."""
    clients = list(store.clients.values())
    with_matters = clients[: max(1, len(clients) * 9 // 10)] if clients else []
    lawyers = [u for u in store.users.values() if u.role in ("principal", "attorney")] or list(store.users.values())
    principals = [u for u in store.users.values() if u.role == "principal"] or lawyers
    areas = list(store.practice_areas.values())
    court, budget = _field(store, "matter", "Court"), _field(store, "matter", "Budget")
    for index in range(sizes.matters if with_matters else 0):
        owner = with_matters[index] if index < len(with_matters) else generator.choice(with_matters)
        area = generator.choice(areas)
        topic = generator.choice(PRACTICE[area.label])
        opened = start + timedelta(days=generator.randrange(-400, max(1, (today - start).days // 2)))
        created = stamp_on(opened, generator)
        kind = generator.choices(MATTER_TYPES, MATTER_TYPE_WEIGHTS)[0]
        litigation = area.label == "Litigation"
        matter = Matter(
            id=uuid_from(generator),
            seq=store.next_seq(),
            created=created,
            modified=created,
            name=f"{owner.name} - {topic}",
            reference=f"{owner.reference}-{index + 1:03d}" if owner.reference else None,
            matter_type=kind,
            client_id=owner.id,
            responsible_id=generator.choice(lawyers).id,
            originator_ids=[generator.choice(principals).id],
            practice_area_id=area.id,
            opened=opened,
            archived=opened < start - timedelta(days=300) and generator.random() < 0.5,
            billing_instructions="Bill monthly; LEDES 1998B." if litigation else None,
            ledes=_ledes(litigation and generator.random() < 0.3),
        )
        if litigation:
            option = generator.choice(court.options)
            matter.custom[court.id] = (option.label, option.option_id)
        if generator.random() < 0.4:
            matter.custom[budget.id] = (float(generator.randrange(5, 80) * 1000), None)
        store.add(store.matters, matter)


def _ledes(enabled: bool) -> LedesConfiguration:
    if not enabled:
        return LedesConfiguration()
    return LedesConfiguration(True, True, True, False, [codes.ACTIVITY_SET, codes.TASK_SET, codes.EXPENSE_SET])
