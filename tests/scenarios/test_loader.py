"""Bad scenario files are refused whole, with a message naming the file, the rule and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mockserver.config_errors import ConfigError
from mockserver.core.scenarios.loader import load_data, load_file, load_text, resolve
from mockserver.core.scenarios.runtime import catalog_of
from mockserver.providers import all_providers
from tests.scenarios.toy import ToyProvider

CATALOG = catalog_of([*all_providers(), ToyProvider()])


def scenario(**rule: Any) -> dict[str, Any]:
    return {"name": "bad", "provider": "toy", "rules": [{"name": "the-rule", **rule}]}


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        (scenario(match={"provider": "nope"}), "rule 'the-rule' (rules[0]): match.provider", "unknown provider 'nope'"),
        (scenario(match={"operation": "fly"}), "rule 'the-rule' (rules[0]): match.operation", "unknown toy operation"),
        (scenario(fault={"type": "explode"}), "rule 'the-rule' (rules[0]): fault", "unknown type 'explode'"),
        (
            scenario(fault={"type": "respond", "error": "Nope"}),
            "rule 'the-rule' (rules[0]): fault.error",
            "unknown toy error 'Nope'; valid: Duplicate, Maintenance",
        ),
        (scenario(when="broken"), "rule 'the-rule' (rules[0]): when", "unknown state 'broken'"),
        (scenario(probability=1.5), "rule 'the-rule' (rules[0]): probability", "less than or equal to 1"),
        (scenario(probability=-0.1), "rule 'the-rule' (rules[0]): probability", "greater than or equal to 0"),
        (
            scenario(fault={"type": "delay", "delay": {"type": "fixed", "ms": -5}}),
            "rule 'the-rule' (rules[0]): fault.delay.ms",
            "greater than or equal to 0",
        ),
        (
            scenario(fault={"type": "hang", "max_seconds": -1}),
            "rule 'the-rule' (rules[0]): fault.max_seconds",
            "greater than 0",
        ),
        (scenario(window={"start": 10, "end": 5}), "rule 'the-rule' (rules[0]): window", "must be after start"),
        (
            scenario(fault={"type": "delay", "delay": {"type": "gamma"}}),
            "rule 'the-rule' (rules[0]): fault.delay",
            "unknown type 'gamma'; valid: fixed, uniform, lognormal",
        ),
        (scenario(fault={"type": "respond"}), "rule 'the-rule' (rules[0]): fault", "needs 'status' or 'error'"),
        (
            scenario(sequence=[{"type": "pass"}, {"type": "drop", "colour": 1}]),
            "rule 'the-rule' (rules[0]): sequence[1].colour",
            "unknown field",
        ),
        (scenario(fault={"type": "pass"}, sequence=[{"type": "pass"}]), "rule 'the-rule' (rules[0])", "not both"),
        ({"name": "Bad Name", "rules": []}, "name", "should match pattern"),
        ({"name": "no-provider", "rules": [{"fault": {"type": "drop"}}]}, "rules[0]: match.provider", "no provider"),
        ({"name": "fx", "fixtures": {"nope": {"a": 1}}}, "fixtures.nope", "unknown provider 'nope'; valid: ons"),
        (
            {"name": "fx", "fixtures": {"ons": {"sizes": {"clients": -1}}}},
            "fixtures.ons.sizes.clients",
            "greater than or equal to 0",
        ),
        ({"name": "fx", "fixtures": {"ons": [1]}}, "fixtures.ons", "valid dictionary"),
        ({"name": "empty", "provider": "toy"}, "(top level)", "needs rules, clock settings or fixture overrides"),
    ],
)
def test_bad_scenario_is_refused_naming_rule_and_field(raw: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_data(raw, "bad.yaml", CATALOG)
    assert caught.value.source == "bad.yaml"
    assert caught.value.field == field
    assert message in caught.value.reason
    assert str(caught.value).startswith(f"bad.yaml: {field}: ")


def test_unparsable_yaml_names_the_file_and_the_line() -> None:
    with pytest.raises(
        ConfigError,
        match=r"^broken.yaml: not valid YAML: line 3, column 3: (expected the|did not find expected) node content",
    ):
        load_text("name: x\nrules: [\n  - {", "broken.yaml", CATALOG)


def test_yaml_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_text("- just\n- a list\n", "list.yaml", CATALOG)


def test_duplicate_rule_names_are_refused() -> None:
    raw = {"name": "dup", "provider": "toy", "rules": [{"name": "a"}, {"name": "a"}]}
    with pytest.raises(ConfigError, match="used twice"):
        load_data(raw, "dup.yaml", CATALOG)


def test_states_declared_explicitly_allow_a_when_no_rule_reaches(tmp_path: Path) -> None:
    raw = {"name": "set-by-admin", "provider": "toy", "states": ["broken"],
           "rules": [{"when": "broken", "fault": {"type": "drop"}}]}  # fmt: skip
    path = tmp_path / "set-by-admin.yaml"
    path.write_text(yaml.safe_dump(raw))
    assert load_file(path, CATALOG).known_states() == {"started", "broken"}


def test_resolve_finds_a_name_in_the_directory_or_a_path(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("name: mine\n")
    assert resolve("mine", tmp_path) == tmp_path / "mine.yaml"
    assert resolve(str(tmp_path / "mine.yaml"), Path("/nonexistent")) == tmp_path / "mine.yaml"
    with pytest.raises(ConfigError, match=r"no such scenario file or name .* \(available: mine\)"):
        resolve("other", tmp_path)
