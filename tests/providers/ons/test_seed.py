"""Seeded data: the same for the same seed, per tenant, and one collection never shifts another."""

from __future__ import annotations

import gc
import hashlib
import json
from datetime import UTC, datetime

import yaml

from mockserver.core.clock import Clock
from mockserver.core.localtime import AMSTERDAM
from mockserver.providers.ons.config import load_config
from mockserver.providers.ons.store import OnsStore
from mockserver.providers.ons.timefmt import truncate_millis
from mockserver.settings import PROJECT_DIR

SHIPPED = yaml.safe_load((PROJECT_DIR / "fixtures" / "ons.yaml").read_text())


def store(clock: Clock, seed: int = 1234, tenant: str = "TE1002", **sizes: int) -> OnsStore:
    raw = {**SHIPPED, "sizes": {**SHIPPED["sizes"], **sizes}}
    return OnsStore(seed, tenant, clock, load_config(raw, "fixtures/ons.yaml", {}))


def test_same_seed_same_records(clock: Clock) -> None:
    assert store(clock).dump("clients") == store(clock).dump("clients")


def test_growing_one_collection_does_not_shift_another(clock: Clock) -> None:
    small, large = store(clock), store(clock, clients=200)
    assert small.dump("teams") == large.dump("teams")
    assert small.dump("employees") == large.dump("employees")
    assert small.dump("clients") == large.dump("clients")[: len(small.dump("clients") or [])]


def test_tenants_get_data_of_their_own(clock: Clock) -> None:
    assert store(clock).dump("clients") != store(clock, tenant="DF0000").dump("clients")
    # hand-written records are the same in every tenant
    assert (
        store(clock).get("clients", 1)["identificationNo"]
        == store(clock, tenant="DF0000").get("clients", 1)["identificationNo"]
    )


def test_generated_records_are_consistent(clock: Clock) -> None:
    data = store(clock, clients=300)
    clients = {c["id"] for c in data.all("clients")}
    plans = data.all("care_plans")
    assert plans and all(p["clientId"] in clients for p in plans)
    for client_id in clients:
        statuses = [p["status"] for p in plans if p["clientId"] == client_id]
        assert statuses.count("ACTIVE") <= 1 and statuses.count("DRAFT") <= 1
    locations = {loc["id"]: loc for loc in data.all("locations")}
    for location in locations.values():
        parent = location.get("parentObjectId")
        if parent:
            assert location["materializedPath"] == f"{locations[parent]['materializedPath']}.{location['id']}"
    numbers = [c["identificationNo"] for c in data.all("clients")]
    assert len(numbers) == len(set(numbers))


def test_seeded_timestamps_follow_the_clock(clock: Clock) -> None:
    now = clock.now()
    data = store(clock)
    assert all(c["createdAt"] <= c["updatedAt"] <= now for c in data.all("clients"))
    clock.advance(86_400 * 365)
    later = store(clock)
    assert later.get("clients", 1001)["createdAt"] > data.get("clients", 1001)["createdAt"]


def test_a_seed_gives_the_records_it_always_gave(clock: Clock) -> None:
    """Seeding is tuned for speed (100,000 records in seconds); the records of a seed must not change with it.

    The digest was taken from the seeding as it was before that tuning."""
    clock.freeze(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    seeded = store(clock, clients=500)
    dump = [seeded.dump(c) for c in ("clients", "employees", "teams", "locations", "care_plans")]
    digest = hashlib.sha256(json.dumps(dump, sort_keys=True, default=str).encode()).hexdigest()
    assert digest == "836c57e6d7bb2d796958d078b856cbf5db45e37bbec8a952e3e23a22d08f90ff"


def test_building_a_store_leaves_the_cycle_collector_on(clock: Clock) -> None:
    store(clock, clients=50)
    assert gc.isenabled()


def test_truncating_to_milliseconds_keeps_the_instant_and_the_fold() -> None:
    moment = datetime(2026, 3, 2, 9, 30, 1, 123456, tzinfo=UTC)
    assert truncate_millis(moment) == datetime(2026, 3, 2, 9, 30, 1, 123000, tzinfo=UTC)
    assert truncate_millis(datetime(2026, 3, 2, 9, 30, 1, 5000, tzinfo=UTC)).microsecond == 5000
    # 02:30 on 2025-10-26 comes twice in Amsterdam; fold=1 is the second time, an hour later.
    repeated = datetime(2025, 10, 26, 2, 30, 0, 999999, tzinfo=AMSTERDAM, fold=1)
    cut = truncate_millis(repeated)
    assert (cut.fold, cut.microsecond) == (1, 999000)
    assert cut.astimezone(UTC) == datetime(2025, 10, 26, 1, 30, 0, 999000, tzinfo=UTC)
