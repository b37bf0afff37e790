"""Deterministic Ons data: Dutch Faker records, one seeded generator per collection."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mockserver.core import seeding
from mockserver.core.localtime import AMSTERDAM
from mockserver.providers.ons.config import OnsConfig
from mockserver.providers.ons.models import RESOURCES, coerce
from mockserver.providers.ons.timefmt import truncate_millis

if TYPE_CHECKING:
    from faker import Faker

#: Generated records get ids from here on; hand-written ones stay below.
FIRST_GENERATED_ID = 1001
PREFIXES = ("", "", "", "", "van", "de", "van der", "van den", "ter")
RELIGIONS = ("Geen", "Rooms-katholiek", "Protestants", "Islamitisch", "Onbekend")
LOCATION_TYPES = ("Locatie", "Afdeling", "Kamer")


@dataclass
class Seeded:
    """Everything a fresh tenant store starts with."""

    clients: list[dict[str, Any]] = field(default_factory=list)
    employees: list[dict[str, Any]] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    care_plans: list[dict[str, Any]] = field(default_factory=list)
    #: employee id -> [(team id, begin date, end date or None)]
    memberships: dict[int, list[tuple[int, date, date | None]]] = field(default_factory=dict)
    #: collection -> [(record, deleted at)]
    tombstones: dict[str, list[tuple[dict[str, Any], datetime]]] = field(default_factory=dict)


class Words:
    """Faker's draws from a locale's word lists (first names, last names, cities), made as Faker makes them:
    for a tuple, ``random_element`` is ``random.choice`` of its own ``random`` (Faker 40), taken here without
    its layers of calls. Anything else is the generator's own method."""

    first_name_male: Callable[[], str]
    first_name_female: Callable[[], str]
    last_name: Callable[[], str]
    city: Callable[[], str]

    def __init__(self, generator: Any) -> None:
        self._generator = generator
        draw = seeding.draws(generator.random)
        for method, name in WORD_LISTS:
            words = next((getattr(p, name) for p in generator.providers if hasattr(p, name)), None)
            setattr(self, method, _picker(words, draw) if isinstance(words, tuple) else getattr(generator, method))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._generator, name)


#: Words' methods and the word list each draws from.
WORD_LISTS = (
    ("first_name_male", "first_names_male"),
    ("first_name_female", "first_names_female"),
    ("last_name", "last_names"),
    ("city", "cities"),
)


def _picker(words: tuple[str, ...], draw: Callable[[int], int]) -> Callable[[], str]:
    count = len(words)

    def pick() -> str:
        return words[draw(count)]

    return pick


#: Builds one generated record: (faker, generator, id, now) -> record.
Maker = Callable[["Faker", random.Random, int, datetime], dict[str, Any]]


@lru_cache(maxsize=4096)
def initials_of(first: str) -> str:
    """ "Anna Maria" -> "A.M." (first names repeat: kept per name)."""
    return "".join(part[0] + "." for part in first.split())


def person_names(fake: Faker, gen: random.Random, gender: str) -> dict[str, Any]:
    first = fake.first_name_male() if gender == "M" else fake.first_name_female()
    birth_name = fake.last_name().split(" ")[-1]
    prefix = PREFIXES[seeding.draws(gen)(len(PREFIXES))]  # gen.choice(PREFIXES)
    initials = initials_of(first)
    surname = f"{prefix} {birth_name}" if prefix else birth_name
    title = "Dhr." if gender == "M" else "Mevr."
    return {
        "firstName": first,
        "name": f"{title} {initials} {surname}",
        "lastName": surname,
        "birthName": birth_name,
        "birthNamePrefix": prefix or None,
        "prefix": prefix or None,
        "initials": initials,
        "preferredNameType": "0",
        "gender": gender,
    }


def derive_person(values: dict[str, Any]) -> None:
    """Fill the derived name fields (lastName, prefix, initials, name) a connector may leave out."""
    prefix = values.get("birthNamePrefix")
    birth = values.get("birthName") or ""
    values.setdefault("prefix", prefix)
    values.setdefault("lastName", f"{prefix} {birth}" if prefix else birth)
    first = values.get("firstName") or ""
    if first:
        values.setdefault("initials", "".join(part[0] + "." for part in first.split()))
    if not values.get("name"):
        values["name"] = " ".join(p for p in (values.get("initials"), values["lastName"]) if p)
    values.setdefault("preferredNameType", "0")


EMAIL_DOMAINS = ("example.nl", "example.com", "example.org")


# Seeding 100,000 records must take seconds: the draws below use ``seeding.draws`` (what ``randrange(n)``,
# ``randint(a, b)`` as ``a + draw(b - a + 1)`` and ``choice`` draw with, after their argument checks), so the same
# seed still gives the very same records (tests/providers/ons/test_seed.py pins a digest).


def mobile_number(gen: random.Random) -> str:
    return f"06{seeding.draws(gen)(10**8):08d}"


@lru_cache(maxsize=4096)
def ascii_part(text: str) -> str:
    """``text`` lower-cased, accents dropped, only letters, digits and dots kept (names repeat: kept per name)."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text.lower()) if ch.isascii() and (ch.isalnum() or ch == ".")
    )


def email_of(names: dict[str, Any], gen: random.Random) -> str:
    """An address made from the person's own name (cheaper than Faker's, and it matches the name)."""
    first = names["firstName"].split()[0]
    local = ascii_part(first) + "." + ascii_part(names["birthName"])
    draw = seeding.draws(gen)
    return f"{local}{draw(100)}@{EMAIL_DOMAINS[draw(len(EMAIL_DOMAINS))]}"


def bsn(gen: random.Random) -> str:
    """A nine-digit BSN that passes the "elfproef" (weights 9..2 and -1, sum divisible by 11)."""
    bits = gen.getrandbits
    while True:
        d = []
        for _ in range(8):
            # draw(10) inline: four bits, drawn again while 10 or more (what randrange(10) does).
            digit = bits(4)
            while digit >= 10:
                digit = bits(4)
            d.append(digit)
        last = (9 * d[0] + 8 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6] + 2 * d[7]) % 11
        if last < 10 and (d[0] or d[1]):
            return f"{d[0]}{d[1]}{d[2]}{d[3]}{d[4]}{d[5]}{d[6]}{d[7]}{last}"


def birth_date(gen: random.Random, now: datetime, youngest: int, oldest: int) -> date:
    """Drawn relative to the clock (Faker's date_of_birth reads today's date, which breaks determinism)."""
    low = youngest * 365
    return now.date() - timedelta(days=low + seeding.draws(gen)(oldest * 365 - low + 1))


def audit_times(gen: random.Random, now: datetime) -> tuple[datetime, datetime]:
    draw = seeding.draws(gen)
    days = 30 + draw(2971)
    created = truncate_millis(now - timedelta(days=days, seconds=draw(86_400)))
    updated = truncate_millis(created + (now - created) * gen.random())
    return created, updated


def make_client(fake: Faker, gen: random.Random, record_id: int, now: datetime) -> dict[str, Any]:
    draw = seeding.draws(gen)
    gender = "MF"[draw(2)]
    created, updated = audit_times(gen, now)
    names = person_names(fake, gen, gender)
    birth = birth_date(gen, now, 18, 99)
    begin = created.date()
    return {
        "id": record_id,
        **names,
        "givenName": names["firstName"].split()[0],
        "identificationNo": str(100000 + record_id),
        "dateOfBirth": birth,
        "emailAddress": email_of(names, gen),
        "mobilePhone": mobile_number(gen),
        "civilStatus": draw(10),
        "hometown": fake.city(),
        "nationality": "NL",
        "language": "nl",
        "religion": RELIGIONS[draw(len(RELIGIONS))],
        "secretClient": gen.random() < 0.05,
        "uuid": seeding.uuid_from(gen),
        "careAllocations": [
            {
                "id": record_id * 10 + 1,
                "clientId": record_id,
                "beginDate": begin,
                "destination": "EIGEN_OMGEVING",
                "reason": "IN_CARE",
            }
        ],
        "bsn": bsn(gen),
        "createdAt": created,
        "updatedAt": updated,
    }


def make_employee(fake: Faker, gen: random.Random, record_id: int, now: datetime) -> dict[str, Any]:
    gender = gen.choice("MF")
    created, updated = audit_times(gen, now)
    names = person_names(fake, gen, gender)
    mobile = mobile_number(gen)
    return {
        "id": record_id,
        **names,
        "identificationNo": f"M{record_id:05d}",
        "dateOfBirth": birth_date(gen, now, 18, 67),
        "emailAddress": email_of(names, gen),
        "mobilePhone": mobile,
        "workMobilePhone": mobile,
        "unknownEmployee": False,
        "uuid": seeding.uuid_from(gen),
        "type": 1 if gen.random() < 0.1 else 0,
        "employeePrivacySettings": {
            "employeeObjectId": record_id,
            "shareBirthDay": gen.random() < 0.5,
            "sharePrivateEmailAddress": False,
            "sharePrivateTelephoneNumber": False,
            "shareResidence": False,
        },
        "createdAt": created,
        "updatedAt": updated,
    }


def make_team(fake: Faker, gen: random.Random, record_id: int, now: datetime) -> dict[str, Any]:
    day = now.date() - timedelta(days=gen.randint(200, 4000))
    midnight = datetime.combine(day, time(), AMSTERDAM)
    return {
        "id": record_id,
        "beginDate": midnight.astimezone(UTC),
        "identificationNo": f"{record_id:04d}",
        "name": f"Team {fake.city()}",
        "externCode": "",
        "poolTeam": gen.random() < 0.15,
        "costCenterNumber": f"{gen.randint(1000, 9999)}",
        "parentObjectId": 0,
        "addresses": [],
    }


def make_location(
    fake: Faker, gen: random.Random, record_id: int, now: datetime, parents: list[dict[str, Any]]
) -> dict[str, Any]:
    created, updated = audit_times(gen, now)
    parent = gen.choice(parents) if parents else None
    kind = gen.choice(LOCATION_TYPES)
    return {
        "id": record_id,
        "beginDate": created,
        "identificationNo": str(record_id),
        "name": f"{kind} {fake.street_name()}",
        "locationType": kind,
        "capacity": gen.randint(0, 40),
        "intramuralLocation": kind != "Locatie",
        "parentObjectId": parent["id"] if parent else 0,
        "materializedPath": f"{parent['materializedPath']}.{record_id}" if parent else str(record_id),
        "icon": 0,
        "medicineAllowed": gen.random() < 0.5,
        "ggzAllowed": gen.random() < 0.2,
        "waitingListAllowed": gen.random() < 0.3,
        "hideCorrespondenceName": False,
        "createdAt": created,
        "updatedAt": updated,
    }


def make_care_plans(
    gen: random.Random, next_id: int, client: dict[str, Any], employee_ids: list[int], now: datetime
) -> list[dict[str, Any]]:
    """A client's plans: some old ones, one active, sometimes a draft."""
    plans: list[dict[str, Any]] = []
    draw = seeding.draws(gen)
    statuses = ["OLD"] * draw(3) + ["ACTIVE"] + (["DRAFT"] if gen.random() < 0.3 else [])
    start = client["createdAt"]
    for status in statuses:
        created = truncate_millis(start + (now - start) * gen.random() * 0.5)
        plan: dict[str, Any] = {
            "id": next_id + len(plans),
            "clientId": client["id"],
            "employeeId": employee_ids[draw(len(employee_ids))] if employee_ids else None,
            "carePlanEntries": [],
            "status": status,
            "beginDate": created if status != "DRAFT" else None,
            "endDate": truncate_millis(created + (now - created) * 0.5) if status == "OLD" else None,
            "createdAt": created,
            "updatedAt": created,
            "createdBy": "seed",
        }
        plans.append(plan)
        start = created
    return plans


def hand_written(config: OnsConfig, collection: str, now: datetime) -> list[dict[str, Any]]:
    """The fixture file's records, typed; timestamps default to the store's birth."""
    records = []
    for raw in config.records.get(collection, []):
        values, _ = coerce(RESOURCES[collection], raw)
        values["id"] = raw["id"]
        values.setdefault("createdAt", truncate_millis(now))
        values.setdefault("updatedAt", values["createdAt"])
        if collection == "care_plans":
            values.setdefault("status", "DRAFT")
            values.setdefault("carePlanEntries", [])
            values.setdefault("createdBy", "fixture")
        if collection in ("clients", "employees"):
            derive_person(values)
            values.setdefault("uuid", f"00000000-0000-4000-8000-{values['id']:012d}")
        records.append(values)
    return records


def seed_store(seed: int, tenant: str, config: OnsConfig, now: datetime) -> Seeded:
    """Build a tenant's starting data. Each collection has its own generator, so growing one never shifts another."""
    sizes = config.sizes
    out = Seeded()

    def tools(collection: str) -> tuple[Faker, random.Random]:
        # The locale's generator without the Faker proxy, its word lists drawn directly: the same draws, faster.
        fake: Faker = Words(seeding.faker(seed, "ons", tenant, collection).factories[0])  # type: ignore[assignment]
        return fake, seeding.rng(seed, "ons", tenant, collection)

    def collection(name: str, make: Maker, count: int) -> list[dict[str, Any]]:
        """Hand-written records, ``count`` generated ones, then the tombstones, all from one generator."""
        fake, gen = tools(name)
        records = hand_written(config, name, now)
        records += [make(fake, gen, FIRST_GENERATED_ID + i, now) for i in range(count)]
        out.tombstones[name] = [
            (make(fake, gen, FIRST_GENERATED_ID + count + i, now), deleted_at(gen, now)) for i in range(sizes.deleted)
        ]
        return records

    out.teams = collection("teams", make_team, sizes.teams)

    fake, gen = tools("locations")
    out.locations = hand_written(config, "locations", now)
    for location in out.locations:
        location.setdefault("materializedPath", str(location["id"]))
    for i in range(sizes.locations):
        out.locations.append(make_location(fake, gen, FIRST_GENERATED_ID + i, now, out.locations))
    out.tombstones["locations"] = [
        (make_location(fake, gen, FIRST_GENERATED_ID + sizes.locations + i, now, []), deleted_at(gen, now))
        for i in range(sizes.deleted)
    ]

    out.employees = collection("employees", make_employee, sizes.employees)
    out.clients = collection("clients", make_client, sizes.clients)

    _, gen = tools("memberships")
    team_ids = [t["id"] for t in out.teams]
    for employee_id, teams in config.memberships.items():
        out.memberships[employee_id] = [(team_id, date(2020, 1, 1), None) for team_id in teams]
    for employee in out.employees:
        if employee["id"] in out.memberships or not team_ids:
            continue
        chosen = gen.sample(team_ids, k=min(len(team_ids), gen.randint(1, 2)))
        begin = employee["createdAt"].date()
        out.memberships[employee["id"]] = [(team_id, begin, None) for team_id in chosen]

    _, gen = tools("care_plans")
    out.care_plans = hand_written(config, "care_plans", now)
    employee_ids = [e["id"] for e in out.employees]
    next_id = FIRST_GENERATED_ID
    for client in out.clients:
        if client["id"] >= FIRST_GENERATED_ID and gen.random() < sizes.care_plan_share:
            plans = make_care_plans(gen, next_id, client, employee_ids, now)
            out.care_plans += plans
            next_id += len(plans)
    return out


def deleted_at(gen: random.Random, now: datetime) -> datetime:
    return truncate_millis(now - timedelta(days=gen.randint(1, 60), seconds=gen.randint(0, 86_399)))
