"""`mockserver scenarios list|validate FILE|show NAME`: the shipped fault scenarios, checked and explained."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mockserver.commands import SUMMARIES, fail
from mockserver.config_errors import ConfigError
from mockserver.core.faults import Fault
from mockserver.core.scenarios.catalog import Catalog
from mockserver.core.scenarios.loader import available_names, load_file, resolve
from mockserver.core.scenarios.model import Rule, Scenario
from mockserver.core.scenarios.runtime import catalog_of
from mockserver.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help=SUMMARIES["scenarios"],
        description="Fault scenarios are YAML files (see scenarios/README.md). NAME is a file in the scenarios "
        "directory without .yaml; FILE is any path.",
        epilog="Exit status 2: a scenario was refused (one line on stderr names the file, the rule and the field).",
    )
    parser.add_argument("--scenarios-dir", type=Path, default=None, help="where NAME.yaml files live")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every scenario in the scenarios directory, with its description")
    validate = actions.add_parser("validate", help="check scenario files; exit 2 on the first refused one")
    validate.add_argument("files", nargs="+", metavar="FILE|NAME")
    show = actions.add_parser("show", help="a scenario's rules in words")
    show.add_argument("name", metavar="NAME|FILE")
    parser.set_defaults(handler=run)


def scenarios_dir(args: argparse.Namespace) -> Path:
    return args.scenarios_dir if args.scenarios_dir is not None else Settings().scenarios_dir


def catalog() -> Catalog:
    """Every provider; fixture overrides are checked over the fixture files a plain ``serve`` would read."""
    from mockserver.core.scenarios.overrides import FixtureOverrides
    from mockserver.fixtures import load_fixtures
    from mockserver.providers import all_providers

    providers = all_providers()
    return catalog_of(providers, fixtures=FixtureOverrides(load_fixtures(Settings(), providers)))


def run(args: argparse.Namespace) -> int:
    directory = scenarios_dir(args)
    try:
        if args.action == "list":
            return list_scenarios(directory)
        if args.action == "validate":
            checked = catalog()
            for item in args.files:
                scenario = load_file(resolve(item, directory), checked)
                print(f"ok  {scenario.name}: {len(scenario.rules)} rule(s), states {sorted(scenario.known_states())}")
            return 0
        scenario = load_file(resolve(args.name, directory), catalog())
        print(describe(scenario))
        return 0
    except ConfigError as exc:
        return fail("scenarios", str(exc))


def list_scenarios(directory: Path) -> int:
    names = available_names(directory)
    if not names:
        print(f"no scenarios in {directory}")
        return 0
    checked = catalog()
    width = max(len(n) for n in names)
    for name in names:
        try:
            scenario = load_file(resolve(name, directory), checked)
            summary = scenario.description.split(". ")[0].rstrip(".")
        except ConfigError as exc:
            summary = f"REFUSED: {exc.reason}"
        print(f"{name:<{width}}  {summary}")
    return 0


def describe(scenario: Scenario) -> str:
    lines = [f"{scenario.name}: {scenario.description}".rstrip(": ")]
    if scenario.provider:
        lines.append(f"  provider: {scenario.provider}")
    if scenario.seed is not None:
        lines.append(f"  seed: {scenario.seed}")
    if scenario.clock is not None:
        if scenario.clock.freeze_at is not None:
            lines.append(f"  clock: frozen at {scenario.clock.freeze_at.isoformat()} when applied")
        if scenario.clock.advance_seconds:
            lines.append(f"  clock: moved {scenario.clock.advance_seconds:+g} s when applied (undone on removal)")
    for provider, override in scenario.fixtures.items():
        lines.append(f"  fixtures: {provider} {', '.join(override)} overridden while applied")
    lines.append(f"  states: {', '.join(sorted(scenario.known_states()))}")
    for index, rule in enumerate(scenario.rules):
        lines.append(f"  rule {scenario.rule_name(index)}: {rule_words(rule, scenario.provider)}")
    for step in scenario.demo:
        extra = f" x{step.repeat}" + (" in parallel" if step.parallel else "") if step.repeat > 1 else ""
        lines.append(f"  demo: {step.request}{extra}" + (f"  ({step.note})" if step.note else ""))
    return "\n".join(lines)


def rule_words(rule: Rule, provider: str | None) -> str:
    match = rule.match
    parts = [f"{match.provider or provider}"]
    if match.operation:
        parts.append("operation " + "|".join(match.operation))
    if match.method:
        parts.append("method " + "|".join(match.method))
    if match.path:
        parts.append(f"path {match.path}")
    if match.tenant:
        parts.append(f"tenant {match.tenant}")
    parts += [f"header {k}={v}" for k, v in match.headers.items()]
    parts += [f"query {k}={v}" for k, v in match.query.items()]
    when = []
    if rule.when:
        when.append(f"in state {rule.when}")
    if rule.first:
        when.append(f"first {rule.first} match(es)")
    if rule.after is not None:
        when.append(f"after {rule.after} match(es)")
    if rule.every:
        when.append(f"every {rule.every}th match")
    if rule.window:
        end = f"{rule.window.end:g}" if rule.window.end is not None else "ever"
        when.append(f"from {rule.window.start:g} s to {end} s after applied")
    if rule.probability is not None:
        when.append(f"with probability {rule.probability:g}")
    if rule.fault is not None:
        does = fault_words(rule.fault)
    elif rule.sequence is not None:
        does = "sequence [" + ", ".join(fault_words(f) for f in rule.sequence) + "]" + (" looping" if rule.loop else "")
    else:
        does = "pass"
    then = f", then state {rule.then}" if rule.then else ""
    return f"{' '.join(parts)}" + (f" ({', '.join(when)})" if when else "") + f" -> {does}{then}"


def fault_words(fault: Fault) -> str:
    words = fault.label()
    if fault.delay is not None and fault.type != "delay":
        words += f" after a {fault.delay.type} delay"
    elif fault.delay is not None:
        words = f"{fault.delay.type} delay " + ", ".join(
            f"{k}={v:g}" for k, v in fault.delay.model_dump().items() if isinstance(v, int | float)
        )
    return words + (" (after commit)" if fault.after_commit else "")
