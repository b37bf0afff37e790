"""fixtures/ons.yaml and the Ons switches are checked at start, with errors naming file and field."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from mockserver.config_errors import ConfigError
from mockserver.providers.ons import OnsProvider
from mockserver.providers.ons.config import OnsConfig, load_config
from mockserver.settings import PROJECT_DIR

SHIPPED = yaml.safe_load((PROJECT_DIR / "fixtures" / "ons.yaml").read_text())


def test_shipped_fixtures_load_with_three_connectors() -> None:
    config = load_config(SHIPPED, "fixtures/ons.yaml", {})
    assert [c.tenant for c in config.connectors] == ["TE1002", "TE1002", "DF0000"]
    assert config.default.cn == "hr_integration-TE1002-free_text"


def test_missing_fixture_file_gives_one_default_connector() -> None:
    config = load_config(None, "fixtures/ons.yaml", {})
    assert [c.cn for c in config.connectors] == [config.default_connector]


@pytest.mark.parametrize(
    ("change", "options", "field"),
    [
        ({"connectors": [{"cn": "Bad CN", "tenant": "T"}]}, {}, "connectors[0].cn"),
        ({"connectors": [{"cn": "a-TE1002-b", "tenant": "T", "read": ["salaries"]}]}, {}, "connectors[0].read"),
        ({"default_connector": "ghost-TE1002-x"}, {}, "(top level)"),
        ({"sizes": {"clients": -1}}, {}, "sizes.clients"),
        ({"jobs": {"ready_after_polls": "soon"}}, {}, "jobs.ready_after_polls"),
        ({"records": {"invoices": []}}, {}, "records"),
        ({"records": {"clients": [{"id": 5000, "birthName": "X"}]}}, {}, "records"),
        ({"records": {"clients": [{"id": 5, "dateOfBirth": "5 mei"}]}}, {}, "records.clients[0].dateOfBirth"),
        ({}, {"spec_mod": True}, "options.spec_mod"),
        ({}, {"in_flight_limit": 0}, "options.in_flight_limit"),
        ({"options": {"spec_mode": True}}, {}, "options"),
    ],
)
def test_bad_fixtures_or_options_raise_config_error_naming_the_field(
    change: dict[str, Any], options: dict[str, Any], field: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config({**SHIPPED, **change}, "fixtures/ons.yaml", options)
    assert caught.value.source == "fixtures/ons.yaml"
    assert caught.value.field == field


def test_credentials_list_every_connector_default_first() -> None:
    config = OnsConfig.model_validate(
        {
            "default_connector": "b-TE1002-x",
            "connectors": [{"cn": "a-TE1002-x", "tenant": "A", "write": []}, {"cn": "b-TE1002-x", "tenant": "B"}],
        }
    )
    assert OnsProvider().credentials(config) == [
        {"tenant": "B", "cn": "b-TE1002-x", "rights": {"read": ["*"], "write": ["*"]}, "default": True},
        {"tenant": "A", "cn": "a-TE1002-x", "rights": {"read": ["*"], "write": []}, "default": False},
    ]


def test_curl_example_uses_the_certificate_header_and_a_known_client() -> None:
    config = load_config(SHIPPED, "fixtures/ons.yaml", {})
    line = OnsProvider().curl_example(config, "http://127.0.0.1:8080")
    assert line == (
        "curl -s -H 'Accept: application/json' -H 'X-Client-Cert-CN: hr_integration-TE1002-free_text' "
        "http://127.0.0.1:8080/ons/t/clients/1"
    )
