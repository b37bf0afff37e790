"""Seeded data: the same for the same seed, per tenant, and one collection never shifts another."""

from __future__ import annotations

import yaml

from mockserver.core.clock import Clock
from mockserver.providers.ons.config import load_config
from mockserver.providers.ons.store import OnsStore
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
