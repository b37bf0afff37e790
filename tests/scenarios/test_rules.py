"""Rules: matching, counters, windows, states, sequences and seeded dice, seen through HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.scenarios.conftest import ALPHA, BETA, Sleeps, journal

Apply = Callable[..., dict[str, Any]]
FAIL = {"type": "respond", "status": 500}


def statuses(client: TestClient, n: int, path: str = "/toy/items/1", headers: dict[str, str] = ALPHA) -> list[int]:
    return [client.get(path, headers=headers).status_code for _ in range(n)]


def test_respond_by_error_name_uses_the_providers_envelope_and_headers(toy: TestClient, apply: Apply) -> None:
    fault = {"type": "respond", "error": "Maintenance", "headers": {"Retry-After": "30"}}
    apply({"name": "down", "provider": "toy", "rules": [{"match": {"operation": "get_item"}, "fault": fault}]})
    response = toy.get("/toy/items/1", headers=ALPHA)
    assert response.status_code == 503
    assert response.json() == {"code": "maintenance", "message": "down for maintenance"}
    assert response.headers["retry-after"] == "30"


def test_respond_by_status_goes_through_error_for_status(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"method": "GET", "path": "/toy/items/*"}, "fault": {"type": "respond", "status": 502}}
    apply({"name": "bad-gateway", "provider": "toy", "rules": [rule]})
    response = toy.get("/toy/items/7", headers=ALPHA)
    assert response.status_code == 502
    assert response.json() == {"code": "toy_error", "message": "Bad Gateway"}


def test_rule_that_does_not_match_leaves_requests_alone(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "create_item"}, "fault": {"type": "respond", "status": 500}}
    apply({"name": "creates-fail", "provider": "toy", "rules": [rule]})
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200
    assert toy.get("/toy/items", headers=ALPHA).status_code == 200
    assert toy.get("/__admin/health").status_code == 200


def test_first_n_matches_fire_then_requests_pass(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "get_item"}, "first": 2, "fault": {"type": "respond", "status": 500}}
    apply({"name": "first-two", "provider": "toy", "rules": [rule]})
    assert statuses(toy, 4) == [500, 500, 200, 200]


def test_after_n_matches_fires_only_later(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "get_item"}, "after": 2, "fault": {"type": "respond", "status": 500}}
    apply({"name": "after-two", "provider": "toy", "rules": [rule]})
    assert statuses(toy, 4) == [200, 200, 500, 500]


def test_every_nth_match_fires(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "get_item"}, "every": 3, "fault": {"type": "respond", "status": 500}}
    apply({"name": "every-third", "provider": "toy", "rules": [rule]})
    assert statuses(toy, 6) == [200, 200, 500, 200, 200, 500]


def test_window_of_virtual_time_opens_and_closes(toy: TestClient, apply: Apply, clock: Clock) -> None:
    rule = {"window": {"start": 60, "end": 120}, "fault": {"type": "respond", "status": 503}}
    apply({"name": "window", "provider": "toy", "rules": [rule]})
    assert statuses(toy, 1) == [200]
    clock.advance(60)
    assert statuses(toy, 1) == [503]
    clock.advance(59.5)
    assert statuses(toy, 1) == [503]
    clock.advance(0.5)
    assert statuses(toy, 1) == [200]


def test_when_then_states_move_like_wiremock(toy: TestClient, apply: Apply) -> None:
    rules = [
        {"name": "create-moves", "match": {"operation": "create_item"}, "then": "created"},
        {"name": "gone-before", "match": {"operation": "get_item"}, "when": "started",
         "fault": {"type": "respond", "status": 404}},
    ]  # fmt: skip
    apply({"name": "states", "provider": "toy", "rules": rules})
    assert statuses(toy, 1) == [404]
    assert toy.post("/toy/items", json={"number": "5"}, headers=ALPHA).status_code == 201
    assert statuses(toy, 1) == [200]
    assert toy.get("/__admin/scenarios").json()["scenarios"][0]["state"] == "created"


def test_sequence_steps_then_moves_state_when_used_up(toy: TestClient, apply: Apply) -> None:
    seq = [{"type": "respond", "status": 503}, {"type": "pass"}, {"type": "respond", "status": 500}]
    rules = [
        {"name": "flaky", "match": {"operation": "get_item"}, "sequence": seq, "then": "broken"},
        {"name": "broken", "when": "broken", "fault": {"type": "respond", "status": 410}},
    ]
    apply({"name": "seq", "provider": "toy", "rules": rules})
    assert statuses(toy, 5) == [503, 200, 500, 410, 410]


def test_sequence_with_loop_starts_over(toy: TestClient, apply: Apply) -> None:
    seq = [{"type": "respond", "status": 503}, {"type": "pass"}]
    apply({"name": "loop", "provider": "toy", "rules": [{"sequence": seq, "loop": True}]})
    assert statuses(toy, 5) == [503, 200, 503, 200, 503]


def test_headers_and_query_values_narrow_a_match(toy: TestClient, apply: Apply) -> None:
    match = {"headers": {"x-trace": "yes*"}, "query": {"mode": "slow"}}
    apply({"name": "narrow", "provider": "toy", "rules": [{"match": match, "fault": FAIL}]})
    assert toy.get("/toy/items/1", headers={**ALPHA, "x-trace": "yes-1"}).status_code == 200
    assert toy.get("/toy/items/1?mode=slow", headers=ALPHA).status_code == 200
    assert toy.get("/toy/items/1?mode=slow", headers={**ALPHA, "x-trace": "yes-1"}).status_code == 500


def test_match_on_tenant_uses_the_callers_credential(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"tenant": "beta"}, "fault": {"type": "respond", "status": 500}}
    apply({"name": "beta-only", "provider": "toy", "rules": [rule]})
    assert statuses(toy, 1, headers=ALPHA) == [200]
    assert statuses(toy, 1, headers=BETA) == [500]


def test_scenario_applied_to_one_tenant_does_not_touch_another(toy: TestClient, apply: Apply) -> None:
    apply({"name": "alpha-down", "provider": "toy", "rules": [{"fault": {"type": "respond", "status": 503}}]}, "alpha")
    assert statuses(toy, 2, headers=ALPHA) == [503, 503]
    assert statuses(toy, 2, headers=BETA) == [200, 200]
    assert toy.post("/toy/items", json={"number": "9"}, headers=BETA).status_code == 201
    assert toy.delete("/__admin/scenarios/alpha-down", params={"tenant": "alpha"}).status_code == 200
    assert statuses(toy, 1, headers=ALPHA) == [200]


def test_same_scenario_applied_per_tenant_counts_separately(toy: TestClient, apply: Apply) -> None:
    scenario = {"name": "first-one", "provider": "toy", "rules": [{"first": 1, "fault": FAIL}]}
    apply(scenario, "alpha")
    apply(scenario, "beta")
    assert statuses(toy, 2, headers=ALPHA) == [500, 200]
    assert statuses(toy, 2, headers=BETA) == [500, 200]


def dice_outcomes(toy: TestClient, apply: Apply, seed: int, n: int = 60) -> list[int]:
    rule = {"probability": 0.3, "fault": {"type": "respond", "status": 500}}
    apply({"name": "dice", "provider": "toy", "seed": seed, "rules": [rule]})
    return statuses(toy, n)


def test_seeded_probability_repeats_for_the_same_seed_and_differs_for_another(toy: TestClient, apply: Apply) -> None:
    first = dice_outcomes(toy, apply, seed=7)
    again = dice_outcomes(toy, apply, seed=7)
    other = dice_outcomes(toy, apply, seed=8)
    assert first == again
    assert first != other
    assert 5 <= first.count(500) <= 35


def test_journal_records_rule_fault_and_dice(toy: TestClient, apply: Apply) -> None:
    rule = {"name": "coin", "probability": 0.5, "fault": {"type": "respond", "status": 500}}
    apply({"name": "coin", "provider": "toy", "seed": 3, "rules": [rule]})
    statuses(toy, 20)
    entries = journal(toy, provider="toy")
    fired = [e for e in entries if e["status"] == 500]
    passed = [e for e in entries if e["status"] == 200]
    assert fired and passed, entries
    assert all(e["rule"] == "coin/coin" and e["fault"] == "respond 500" and e["dice"] < 0.5 for e in fired)
    assert all(e["rule"] is None and e["fault"] is None and e["dice"] >= 0.5 for e in passed)
    assert all(e["operation"] == "get_item" and e["tenant"] == "alpha" for e in entries)


def test_delay_distribution_is_seeded_and_slept(toy: TestClient, apply: Apply, sleeps: Sleeps) -> None:
    delay = {"type": "lognormal", "median_ms": 50, "sigma": 0.5, "max_ms": 400}
    apply({"name": "slow", "provider": "toy", "seed": 11, "rules": [{"fault": {"type": "delay", "delay": delay}}]})
    assert statuses(toy, 20) == [200] * 20
    first = list(sleeps)
    sleeps.clear()
    apply({"name": "slow", "provider": "toy", "seed": 11, "rules": [{"fault": {"type": "delay", "delay": delay}}]})
    statuses(toy, 20)
    assert first == list(sleeps)
    assert len(set(first)) > 10 and all(0 < s <= 0.4 for s in first)


def test_fixed_and_uniform_delays(toy: TestClient, apply: Apply, sleeps: Sleeps) -> None:
    rules = [
        {"match": {"operation": "get_item"}, "fault": {"type": "delay", "delay": {"type": "fixed", "ms": 25}}},
        {"match": {"operation": "list_items"},
         "fault": {"type": "respond", "status": 504, "delay": {"type": "uniform", "min_ms": 10, "max_ms": 20}}},
    ]  # fmt: skip
    apply({"name": "delays", "provider": "toy", "rules": rules})
    assert statuses(toy, 1) == [200]
    assert statuses(toy, 1, path="/toy/items") == [504]
    assert sleeps[0] == 0.025 and 0.01 <= sleeps[1] <= 0.02
