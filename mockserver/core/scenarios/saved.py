"""Applied scenarios as plain data and back: their definition, state, counters and dice (for snapshots)."""

from __future__ import annotations

from typing import Any

from mockserver.config_errors import ConfigError
from mockserver.core.persist import PersistError, decode, encode
from mockserver.core.scenarios.catalog import Catalog
from mockserver.core.scenarios.engine import ActiveScenario, ScenarioEngine

#: The keys of one saved scenario, in the order they are written.
KEYS = ("name", "tenant", "source", "state", "applied_at", "clock_shift", "definition", "rules")
RULE_KEYS = ("name", "matches", "fired", "position", "dice", "samples")


def dump_active(active: ActiveScenario) -> dict[str, Any]:
    """One applied scenario: what it is (its definition, checked again on load) and where it stands."""
    return {
        "name": active.scenario.name,
        "tenant": active.tenant,
        "source": active.source,
        "state": active.state,
        "applied_at": active.applied_at,
        "clock_shift": active.clock_shift,
        "definition": active.scenario.model_dump(mode="json", by_alias=True, exclude_unset=True),
        "rules": [
            {
                "name": rule.name,
                "matches": rule.matches,
                "fired": rule.fired,
                "position": rule.position,
                "dice": encode(rule.dice),
                "samples": encode(rule.samples),
            }
            for rule in active.rules
        ],
    }


def load_active(data: Any, where: str, engine: ScenarioEngine, catalog: Catalog) -> ActiveScenario:
    """An ActiveScenario from ``dump_active``'s data, checked whole; PersistError naming the field otherwise.

    It is not applied: the caller installs it (``ScenarioEngine.replace``) once everything else is checked too.
    """
    from mockserver.core.scenarios.loader import load_data  # the scenario models, once one is restored

    _keys(data, KEYS, where)
    try:
        scenario = load_data(data["definition"], f"{where}.definition", catalog)
    except ConfigError as exc:
        raise PersistError(f"{where}.definition" + (f".{exc.field}" if exc.field else ""), exc.reason) from None
    if scenario.name != data["name"]:
        raise PersistError(f"{where}.name", f"is {data['name']!r} but the definition is {scenario.name!r}")
    tenant, source = data["tenant"], data["source"]
    if tenant is not None and not (isinstance(tenant, str) and tenant):
        raise PersistError(f"{where}.tenant", "must be a tenant name or null")
    if not isinstance(source, str):
        raise PersistError(f"{where}.source", "must be a string")
    applied_at = _number(data["applied_at"], f"{where}.applied_at")
    active = ActiveScenario(scenario, tenant, source, engine.seed, applied_at)
    active.clock_shift = _number(data["clock_shift"], f"{where}.clock_shift")
    if data["state"] not in scenario.known_states():
        raise PersistError(f"{where}.state", f"{scenario.name} knows no state {data['state']!r}")
    active.state = data["state"]
    rules = data["rules"]
    if not isinstance(rules, list) or len(rules) != len(active.rules):
        raise PersistError(f"{where}.rules", f"must list the {len(active.rules)} rule(s) of the definition")
    for i, (saved, rule) in enumerate(zip(rules, active.rules, strict=True)):
        at = f"{where}.rules[{i}]"
        _keys(saved, RULE_KEYS, at)
        if saved["name"] != rule.name:
            raise PersistError(f"{at}.name", f"is {saved['name']!r}; the definition's rule is {rule.name!r}")
        for counter in ("matches", "fired", "position"):
            value = saved[counter]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise PersistError(f"{at}.{counter}", "must be a whole number, 0 or more")
            setattr(rule, counter, value)
        for dice in ("dice", "samples"):
            generator = decode(saved[dice], f"{at}.{dice}")
            if type(generator) is not type(rule.dice):
                raise PersistError(f"{at}.{dice}", 'must be {"$random": [...]}')
            setattr(rule, dice, generator)
    return active


def _keys(data: Any, keys: tuple[str, ...], where: str) -> None:
    if not isinstance(data, dict):
        raise PersistError(where, "must be an object")
    for key in keys:
        if key not in data:
            raise PersistError(f"{where}.{key}", "missing")
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise PersistError(f"{where}.{unknown[0]}", f"unknown; known: {', '.join(keys)}")


def _number(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
        raise PersistError(where, "must be a number")
    return float(value)
