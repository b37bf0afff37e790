"""Settings: flags > MOCKSERVER_* environment > config file > defaults, and bad values named precisely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mockserver.config_errors import ConfigError
from mockserver.settings import ENV_TWINS, PROJECT_DIR, Settings, build_settings


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mockserver.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_build_settings_with_nothing_gives_defaults() -> None:
    settings = build_settings({}, {})
    assert settings == Settings()
    assert settings.host == "127.0.0.1"
    assert settings.port == 8080
    assert settings.fixtures == PROJECT_DIR / "fixtures"


def test_build_settings_cli_beats_env_beats_file_beats_default(tmp_path: Path) -> None:
    config = write_config(tmp_path, "port: 7001\nseed: 7\njournal_size: 70\nlog_level: debug\n")
    env = {"MOCKSERVER_CONFIG": str(config), "MOCKSERVER_PORT": "7002", "MOCKSERVER_SEED": "8"}
    settings = build_settings({"port": "7003"}, env)
    assert settings.port == 7003  # flag
    assert settings.seed == 8  # environment over file
    assert settings.journal_size == 70  # file over default
    assert settings.log_level == "debug"
    assert settings.admin_token is None  # default


def test_build_settings_config_flag_beats_config_env(tmp_path: Path) -> None:
    chosen = write_config(tmp_path, "seed: 1\n")
    other = tmp_path / "other.yaml"
    other.write_text("seed: 2\n", encoding="utf-8")
    settings = build_settings({"config": str(chosen)}, {"MOCKSERVER_CONFIG": str(other)})
    assert settings.seed == 1


def test_build_settings_options_merge_per_switch_across_layers(tmp_path: Path) -> None:
    config = write_config(tmp_path, "options:\n  ons: {spec_mode: true, in_flight_limit: 2}\n")
    env = {"MOCKSERVER_CONFIG": str(config), "MOCKSERVER_OPTION": "ons.in_flight_limit=3,onlineafspraken.x=y"}
    settings = build_settings({"options": {"ons": {"require_certificate": True}}}, env)
    assert settings.options == {
        "ons": {"spec_mode": True, "in_flight_limit": 3, "require_certificate": True},
        "onlineafspraken": {"x": "y"},
    }


def test_build_settings_relative_paths_in_config_file_are_relative_to_the_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, "fixtures: data/fixtures\ntls_cert: certs/server.pem\n")
    settings = build_settings({}, {"MOCKSERVER_CONFIG": str(config)})
    assert settings.fixtures == tmp_path / "data" / "fixtures"
    assert settings.tls_cert == tmp_path / "certs" / "server.pem"


ENV_CASES: list[tuple[str, str, str, Any]] = [
    ("HOST", "0.0.0.0", "host", "0.0.0.0"),
    ("PORT", "9000", "port", 9000),
    ("SEED", "99", "seed", 99),
    ("FIXTURES", "/srv/fixtures", "fixtures", Path("/srv/fixtures")),
    ("SCENARIOS_DIR", "/srv/scenarios", "scenarios_dir", Path("/srv/scenarios")),
    ("PROVIDER_PORT", "ons=9001, onlineafspraken=9002", "provider_ports", {"ons": 9001, "onlineafspraken": 9002}),
    ("TLS_CERT", "/c/server.pem", "tls_cert", Path("/c/server.pem")),
    ("TLS_KEY", "/c/server-key.pem", "tls_key", Path("/c/server-key.pem")),
    ("TLS_CLIENT_CA", "/c/ca.pem", "tls_client_ca", Path("/c/ca.pem")),
    ("LOG_LEVEL", "WARNING", "log_level", "warning"),
    ("JOURNAL_SIZE", "50", "journal_size", 50),
    ("MAX_BODY_BYTES", "2048", "max_body_bytes", 2048),
    ("JOURNAL_MAX_BYTES", "1048576", "journal_max_bytes", 1048576),
    ("JOURNAL_BODY_BYTES", "4096", "journal_body_bytes", 4096),
    ("MAX_HEADER_BYTES", "16384", "max_header_bytes", 16384),
    ("HEADER_TIMEOUT", "2.5", "header_timeout", 2.5),
    ("MAX_CONNECTIONS", "64", "max_connections", 64),
    ("MAX_RECORDS", "5000", "max_records", 5000),
    ("ADMIN_MAX_BODY_BYTES", "4096", "admin_max_body_bytes", 4096),
    ("ADMIN_TOKEN", "s3cret", "admin_token", "s3cret"),
    ("FREEZE_AT", "2026-03-02T09:30:00Z", "freeze_at", datetime(2026, 3, 2, 9, 30, tzinfo=UTC)),
    ("SCENARIO", "ons-429-storm, ./mine.yaml", "scenarios", ["ons-429-storm", "./mine.yaml"]),
    ("WATCH", "true", "watch", True),
    ("OPTION", "ons.spec_mode=true", "options", {"ons": {"spec_mode": True}}),
    ("STATE_FILE", "/srv/state/mockserver.json", "state_file", Path("/srv/state/mockserver.json")),
]


@pytest.mark.parametrize(("env", "raw", "field", "expected"), ENV_CASES, ids=[c[0] for c in ENV_CASES])
def test_build_settings_env_twin_sets_its_field(env: str, raw: str, field: str, expected: Any) -> None:
    settings = build_settings({}, {"MOCKSERVER_" + env: raw})
    assert getattr(settings, field) == expected


def test_every_env_twin_is_covered_by_a_test() -> None:
    tested = {case[0] for case in ENV_CASES} | {"CONFIG"}
    assert tested == set(ENV_TWINS)
    assert set(ENV_TWINS.values()) == set(Settings.model_fields)


def test_build_settings_env_config_is_read(tmp_path: Path) -> None:
    config = write_config(tmp_path, "seed: 5\n")
    assert build_settings({}, {"MOCKSERVER_CONFIG": str(config)}).seed == 5


def test_build_settings_empty_env_value_is_ignored() -> None:
    assert build_settings({}, {"MOCKSERVER_PORT": "", "MOCKSERVER_SEED": "  "}) == Settings()


def test_build_settings_naive_freeze_at_is_utc() -> None:
    settings = build_settings({"freeze_at": "2026-03-02T09:30:00"}, {})
    assert settings.freeze_at == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


BAD_VALUES: list[tuple[dict[str, Any], dict[str, str], str]] = [
    ({"port": "eighty"}, {}, "command line: --port: "),
    ({"port": "70000"}, {}, "command line: --port: "),
    ({}, {"MOCKSERVER_PORT": "-1"}, "environment: MOCKSERVER_PORT: "),
    ({}, {"MOCKSERVER_SEED": "x"}, "environment: MOCKSERVER_SEED: "),
    ({"log_level": "loud"}, {}, "command line: --log-level: unknown log level 'loud'"),
    ({}, {"MOCKSERVER_JOURNAL_SIZE": "0"}, "environment: MOCKSERVER_JOURNAL_SIZE: "),
    ({}, {"MOCKSERVER_FREEZE_AT": "yesterday"}, "environment: MOCKSERVER_FREEZE_AT: "),
    ({}, {"MOCKSERVER_WATCH": "sometimes"}, "environment: MOCKSERVER_WATCH: "),
    (
        {"provider_ports": {"nope": 9001}},
        {},
        "command line: --provider-port: unknown provider 'nope'; emulated providers: ons, onlineafspraken",
    ),
    ({}, {"MOCKSERVER_PROVIDER_PORT": "ons"}, "environment: MOCKSERVER_PROVIDER_PORT: "),
    ({}, {"MOCKSERVER_PROVIDER_PORT": "ons=0"}, "environment: MOCKSERVER_PROVIDER_PORT: port for ons"),
    ({}, {"MOCKSERVER_OPTION": "spec_mode=true"}, "environment: MOCKSERVER_OPTION: option must look like"),
    ({}, {"MOCKSERVER_OPTION": "nope.x=1"}, "environment: MOCKSERVER_OPTION: unknown provider 'nope'"),
]


@pytest.mark.parametrize(("cli", "env", "message"), BAD_VALUES)
def test_build_settings_bad_value_raises_config_error_naming_its_origin(
    cli: dict[str, Any], env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        build_settings(cli, env)
    assert str(info.value).startswith(message)


def test_build_settings_bad_value_in_config_file_names_file_and_field(tmp_path: Path) -> None:
    config = write_config(tmp_path, "port: many\n")
    with pytest.raises(ConfigError) as info:
        build_settings({"config": str(config)}, {})
    assert info.value.source == str(config)
    assert info.value.field == "port"


def test_build_settings_unknown_key_in_config_file_is_named(tmp_path: Path) -> None:
    config = write_config(tmp_path, "prot: 8080\n")
    with pytest.raises(ConfigError) as info:
        build_settings({"config": str(config)}, {})
    assert info.value.field == "prot"
    assert "unknown setting" in str(info.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("port: [1\n", "not valid YAML"), ("- just\n- a list\n", "must be a mapping")],
)
def test_build_settings_invalid_config_file_is_named(tmp_path: Path, text: str, reason: str) -> None:
    config = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        build_settings({"config": str(config)}, {})
    assert info.value.source == str(config)
    assert reason in str(info.value)


def test_build_settings_missing_config_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(ConfigError) as info:
        build_settings({}, {"MOCKSERVER_CONFIG": str(missing)})
    assert str(info.value) == f"{missing}: cannot read config file (No such file or directory)"


def test_build_settings_empty_config_file_gives_defaults(tmp_path: Path) -> None:
    config = write_config(tmp_path, "")
    assert build_settings({"config": str(config)}, {}).port == 8080
