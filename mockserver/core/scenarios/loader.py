"""Read and check scenario files: YAML or JSON in, a Scenario out, or a ConfigError naming file, rule and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mockserver.config_errors import ConfigError, field_path
from mockserver.core.faults import DELAY_TYPES, FAULT_TYPES, Fault, LockedFault, RateLimitFault, RespondFault
from mockserver.core.scenarios import STARTED
from mockserver.core.scenarios.catalog import Catalog
from mockserver.core.scenarios.model import Scenario
from mockserver.core.scenarios.parse import TooLarge, parse

SUFFIXES = (".yaml", ".yml", ".json")
#: Most rules one scenario may have (every request is tried against each rule of its provider).
MAX_RULES = 1_000


def resolve(name_or_path: str, scenarios_dir: Path) -> Path:
    """A NAME is ``scenarios_dir/NAME.yaml``; anything else is a file path."""
    for suffix in SUFFIXES:
        candidate = scenarios_dir / f"{name_or_path}{suffix}"
        if "/" not in name_or_path and candidate.is_file():
            return candidate
    path = Path(name_or_path)
    if path.is_file():
        return path
    available = ", ".join(available_names(scenarios_dir)) or "none"
    raise ConfigError(name_or_path, f"no such scenario file or name in {scenarios_dir} (available: {available})")


def available_names(scenarios_dir: Path) -> list[str]:
    if not scenarios_dir.is_dir():
        return []
    return sorted(p.stem for p in scenarios_dir.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load_file(path: Path, catalog: Catalog) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read scenario file ({exc.strerror})") from None
    return load_text(text, str(path), catalog)


def load_text(text: str, source: str, catalog: Catalog) -> Scenario:
    """Parse YAML (JSON is YAML too) within bounds and check it fully; nothing is applied here."""
    try:
        raw = parse(text)
    except TooLarge as exc:
        raise ConfigError(source, str(exc)) from None
    except yaml.YAMLError as exc:
        raise ConfigError(source, f"not valid YAML: {_yaml_problem(exc)}") from None
    return load_data(raw, source, catalog)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return " ".join(str(problem).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"


def load_data(raw: Any, source: str, catalog: Catalog) -> Scenario:
    if not isinstance(raw, dict):
        raise ConfigError(source, "a scenario must be a mapping with at least 'name' and 'rules'")
    rules = raw.get("rules")
    if isinstance(rules, list) and len(rules) > MAX_RULES:
        raise ConfigError(source, f"{len(rules)} rules; a scenario may have at most {MAX_RULES}", "rules")
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(exc, raw, source) from None
    check_names(scenario, source, catalog)
    return scenario


def _first_error(exc: ValidationError, raw: dict[str, Any], source: str) -> ConfigError:
    error = exc.errors()[0]
    loc = _without_tags(list(error["loc"]))
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "union_tag_invalid":
        tag = (error.get("ctx") or {}).get("tag")
        expected = DELAY_TYPES if loc and loc[-1] == "delay" else FAULT_TYPES
        message = f"unknown type {tag!r}; valid: {', '.join(expected)}"
    elif error["type"] == "extra_forbidden":
        message = "unknown field"
    return ConfigError(source, message, _where(loc, raw))


def _without_tags(loc: list[Any]) -> list[Any]:
    """pydantic puts the discriminator's value into the location; the user never wrote it there."""
    out: list[Any] = []
    for i, part in enumerate(loc):
        before = loc[i - 1] if i else None
        in_fault = before == "fault" or (isinstance(before, int) and i >= 2 and loc[i - 2] == "sequence")
        if (in_fault and part in FAULT_TYPES) or (before == "delay" and part in DELAY_TYPES):
            continue
        out.append(part)
    return out


def _where(loc: list[Any], raw: dict[str, Any]) -> str:
    """``rule 'name' (rules[2]): fault.status`` when the problem is inside a rule."""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = raw.get("rules")
        named = None
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            named = rules[loc[1]].get("name")
        label = f"rule {named!r} (rules[{loc[1]}])" if named else f"rules[{loc[1]}]"
        rest = field_path(tuple(loc[2:])) if len(loc) > 2 else ""
        return f"{label}: {rest}" if rest and rest != "(top level)" else label
    return field_path(tuple(loc))


def _rule_where(scenario: Scenario, index: int, rest: str) -> str:
    name = scenario.rules[index].name
    label = f"rule {name!r} (rules[{index}])" if name else f"rules[{index}]"
    return f"{label}: {rest}"


def check_names(scenario: Scenario, source: str, catalog: Catalog) -> None:
    """Providers, operations, errors and states must exist; rule names must be unique."""
    valid_providers = ", ".join(catalog.providers) or "none"
    if scenario.provider is not None and scenario.provider not in catalog.providers:
        raise ConfigError(source, f"unknown provider {scenario.provider!r}; valid: {valid_providers}", "provider")
    check_fixtures(scenario, source, catalog)
    seen: set[str] = set()
    states = scenario.known_states()
    for index, rule in enumerate(scenario.rules):
        name = scenario.rule_name(index)
        if name in seen:
            raise ConfigError(source, f"rule name {name!r} is used twice", _rule_where(scenario, index, "name"))
        seen.add(name)
        provider = rule.match.provider or scenario.provider
        if provider is None:
            where = _rule_where(scenario, index, "match.provider")
            raise ConfigError(source, "no provider: set 'provider' on the scenario or in the rule's match", where)
        facts = catalog.providers.get(provider)
        if facts is None:
            where = _rule_where(scenario, index, "match.provider")
            raise ConfigError(source, f"unknown provider {provider!r}; valid: {valid_providers}", where)
        for operation in rule.match.operation or ():
            if operation not in facts.operations:
                valid = ", ".join(sorted(facts.operations)) or "none"
                where = _rule_where(scenario, index, "match.operation")
                raise ConfigError(source, f"unknown {provider} operation {operation!r}; valid: {valid}", where)
        faults = [rule.fault] if rule.fault is not None else list(rule.sequence or [])
        for step, fault in enumerate(faults):
            error = _error_name(fault)
            if error is not None and error not in facts.errors:
                valid = ", ".join(sorted(facts.errors)) or "none"
                rest = "fault.error" if rule.fault is not None else f"sequence[{step}].error"
                where = _rule_where(scenario, index, rest)
                raise ConfigError(source, f"unknown {provider} error {error!r}; valid: {valid}", where)
        for key in ("when", "then"):
            state = getattr(rule, key)
            if state is not None and state not in states:
                valid = ", ".join(sorted(states))
                where = _rule_where(scenario, index, key)
                raise ConfigError(source, f"unknown state {state!r}; declared states: {valid}", where)
        if rule.when is not None and rule.when != STARTED and scenario.states is None:
            reachable = {r.then for r in scenario.rules if r.then}
            if rule.when not in reachable:
                where = _rule_where(scenario, index, "when")
                hint = "no rule moves there with 'then'"
                raise ConfigError(source, f"unknown state {rule.when!r}: {hint}", where)


def check_fixtures(scenario: Scenario, source: str, catalog: Catalog) -> None:
    """Each override names a provider and, merged over its fixtures, passes that provider's own validation."""
    for provider, override in scenario.fixtures.items():
        if provider not in catalog.providers:
            valid = ", ".join(catalog.providers) or "none"
            raise ConfigError(source, f"unknown provider {provider!r}; valid: {valid}", f"fixtures.{provider}")
        if catalog.fixtures is not None:
            catalog.fixtures.check(provider, override, source)


def _error_name(fault: Fault) -> str | None:
    if isinstance(fault, RespondFault | RateLimitFault | LockedFault):
        return fault.error
    return getattr(fault, "error", None)
