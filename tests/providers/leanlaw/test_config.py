"""fixtures/leanlaw.yaml and the switches: what loads, and what is refused with the field named."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from mockserver.config_errors import ConfigError
from mockserver.providers.leanlaw.config import load_config
from mockserver.settings import PROJECT_DIR


def test_shipped_fixtures_have_two_firms_with_three_kinds_of_key() -> None:
    raw = yaml.safe_load((PROJECT_DIR / "fixtures" / "leanlaw.yaml").read_text())
    config = load_config(raw, "fixtures/leanlaw.yaml", {})
    assert [f.tenant for f in config.firms] == ["hartwell", "cascade"]
    for firm in config.firms:
        assert {k.permissions for k in firm.keys} == {("read", "write", "read.rates"), ("read",), ("read", "write")}


@pytest.mark.parametrize(("text", "expected"), [("100/60", (100, 60.0)), ("5 / 0.5", (5, 0.5))])
def test_rate_limit_switch_reads_requests_per_seconds(text: str, expected: tuple[int, float]) -> None:
    window = load_config(None, "x", {"rate_limit": text}).options.rate_limit
    assert window is not None
    assert (window.requests, window.window_seconds) == expected


@pytest.mark.parametrize(
    ("raw", "options", "field"),
    [
        (None, {"rate_limit": "100"}, "options.rate_limit"),
        (None, {"post_status": 204}, "options.post_status"),
        (None, {"retry_after": -1}, "options.retry_after"),
        ({"firms": []}, {}, "firms"),
        ({"firms": [{"tenant": "a", "name": "A", "keys": [{"key": "short"}]}]}, {}, "firms[0].keys[0].key"),
        (
            {"firms": [{"tenant": "a", "name": "A", "keys": [{"key": "long-enough", "permissions": ["admin"]}]}]},
            {},
            "firms[0].keys[0].permissions",
        ),
        ({"options": {"post_status": 200}}, {}, "options"),
        ({"sizes": {"months": 0}}, {}, "sizes.months"),
    ],
)
def test_bad_config_names_the_field(raw: Any, options: dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(raw, "leanlaw.yaml", options)
    assert caught.value.field == field


def test_a_key_used_twice_is_refused() -> None:
    firm = {"tenant": "a", "name": "A", "keys": [{"key": "same-key-1"}]}
    with pytest.raises(ConfigError, match="key 'same-key-1' is used more than once"):
        load_config({"firms": [firm, {**firm, "tenant": "b"}]}, "x", {})
