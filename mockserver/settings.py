"""One Settings model: CLI flags > MOCKSERVER_* environment > config file > defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from mockserver.config_errors import ConfigError, field_path, yaml_problem
from mockserver.core.clock import check_timestamp
from mockserver.core.yamltext import safe_load
from mockserver.providers import EMULATED, unknown_provider

PROJECT_DIR = Path(__file__).resolve().parent.parent
#: Addresses that listen everywhere; a URL to reach such a server locally uses loopback instead.
WILDCARD_HOSTS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
ENV_PREFIX = "MOCKSERVER_"
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


class Settings(BaseModel):
    """Everything a server is started with. Tests build it directly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    seed: int = 42
    config: Path | None = None
    fixtures: Path = PROJECT_DIR / "fixtures"
    scenarios_dir: Path = PROJECT_DIR / "scenarios"
    provider_ports: dict[str, int] = Field(default_factory=dict)
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_client_ca: Path | None = None
    log_level: str = "info"
    journal_size: int = Field(10_000, ge=1)
    journal_max_bytes: int = Field(12_582_912, ge=65_536)
    journal_body_bytes: int = Field(65_536, ge=0)
    max_header_bytes: int = Field(32_768, ge=1_024)
    header_timeout: float = Field(10.0, gt=0)
    max_connections: int = Field(1_000, ge=1)
    max_records: int = Field(100_000, ge=0)
    max_body_bytes: int = Field(1_048_576, ge=1)
    admin_max_body_bytes: int = Field(1_048_576, ge=1)
    admin_token: str | None = None
    freeze_at: datetime | None = None
    scenarios: list[str] = Field(default_factory=list)
    watch: bool = False
    state_file: Path | None = None
    #: Per-provider switches, e.g. {"ons": {"spec_mode": True}}.
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: Where each switch was given, "PROVIDER.NAME" -> (source, field), for errors that name it.
    _option_origins: dict[str, tuple[str, str]] = PrivateAttr(default_factory=dict)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.lower() not in LOG_LEVELS:
            raise ValueError(f"unknown log level {value!r}; choose one of {', '.join(LOG_LEVELS)}")
        return value.lower()

    @field_validator("provider_ports", "options")
    @classmethod
    def _known_providers(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            if name not in EMULATED:
                raise ValueError(unknown_provider(name))
        return value

    @field_validator("provider_ports")
    @classmethod
    def _valid_ports(cls, value: dict[str, int]) -> dict[str, int]:
        for name, port in value.items():
            if not 0 < port <= 65535:
                raise ValueError(f"port for {name} must be between 1 and 65535, got {port}")
        return value

    @field_validator("freeze_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        # An instant without a zone is UTC, as everywhere else in the project (core.clock.parse_instant).
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value
        check_timestamp(value.timestamp())
        return value

    def option(self, provider: str, name: str, default: Any = None) -> Any:
        return self.options.get(provider, {}).get(name, default)

    def option_origin(self, provider: str, name: str) -> tuple[str, str]:
        """(source, field) of one switch: the flag, the variable, or the config file's key."""
        return self._option_origins.get(f"{provider}.{name}", ("settings", f"options.{provider}.{name}"))

    def base_url(self) -> str:
        """The URL a client on this machine reaches the main port at (a wildcard address becomes loopback)."""
        if self.port == 0:
            raise ConfigError(
                "--port / MOCKSERVER_PORT",
                "0 picks a free port at start, so the URL is not known here; pass --base-url with the one it printed",
            )
        scheme = "https" if self.tls_cert else "http"
        host = WILDCARD_HOSTS.get(self.host, self.host)
        return f"{scheme}://{f'[{host}]' if ':' in host else host}:{self.port}"


def parse_pairs(text: str, what: str) -> dict[str, str]:
    """``a=1,b=2`` (or one pair) into a mapping; refuses pairs without ``=``."""
    pairs: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, eq, value = item.partition("=")
        if not eq or not key.strip() or not value.strip():
            raise ValueError(f"{what} must look like NAME=VALUE, got {item!r}")
        pairs[key.strip()] = value.strip()
    return pairs


def parse_option_value(raw: str) -> Any:
    """Option values are YAML scalars: true, 3, 0.5, text."""
    return safe_load(raw)


def options_from_pairs(pairs: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for dotted, raw in pairs.items():
        provider, dot, name = dotted.partition(".")
        if not dot or not name:
            raise ValueError(f"option must look like PROVIDER.NAME=VALUE, got {dotted!r}")
        options.setdefault(provider, {})[name] = parse_option_value(raw)
    return options


#: Every MOCKSERVER_* variable and the setting it feeds (list-valued ones take comma-separated items).
ENV_TWINS: dict[str, str] = {
    "HOST": "host",
    "PORT": "port",
    "SEED": "seed",
    "CONFIG": "config",
    "FIXTURES": "fixtures",
    "SCENARIOS_DIR": "scenarios_dir",
    "PROVIDER_PORT": "provider_ports",
    "TLS_CERT": "tls_cert",
    "TLS_KEY": "tls_key",
    "TLS_CLIENT_CA": "tls_client_ca",
    "LOG_LEVEL": "log_level",
    "JOURNAL_SIZE": "journal_size",
    "JOURNAL_MAX_BYTES": "journal_max_bytes",
    "JOURNAL_BODY_BYTES": "journal_body_bytes",
    "MAX_HEADER_BYTES": "max_header_bytes",
    "HEADER_TIMEOUT": "header_timeout",
    "MAX_CONNECTIONS": "max_connections",
    "MAX_RECORDS": "max_records",
    "MAX_BODY_BYTES": "max_body_bytes",
    "ADMIN_MAX_BODY_BYTES": "admin_max_body_bytes",
    "ADMIN_TOKEN": "admin_token",
    "FREEZE_AT": "freeze_at",
    "SCENARIO": "scenarios",
    "WATCH": "watch",
    "OPTION": "options",
    "STATE_FILE": "state_file",
}
ENV_OF_FIELD = {field: ENV_PREFIX + env for env, field in ENV_TWINS.items()}
PATH_FIELDS = ("fixtures", "scenarios_dir", "tls_cert", "tls_key", "tls_client_ca", "state_file")


def _env_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """The MOCKSERVER_* environment as raw settings values."""
    out: dict[str, Any] = {}
    for env, field in ENV_TWINS.items():
        name = ENV_PREFIX + env
        value = environ.get(name)
        if value is None or value.strip() == "":
            continue
        try:
            if field == "provider_ports":
                out[field] = parse_pairs(value, name)
            elif field == "options":
                out[field] = options_from_pairs(parse_pairs(value, name))
            elif field == "scenarios":
                out[field] = [s.strip() for s in value.split(",") if s.strip()]
            else:
                out[field] = value
        except ValueError as exc:
            raise ConfigError("environment", str(exc), name) from None
    return out


def _config_file_values(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read config file ({exc.strerror})") from None
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), yaml_problem(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "the config file must be a mapping of setting names to values")
    unknown = sorted(set(data) - set(Settings.model_fields) - {"config"})
    if unknown:
        raise ConfigError(str(path), f"unknown setting; valid: {', '.join(Settings.model_fields)}", unknown[0])
    data.pop("config", None)
    # Paths in a config file are relative to the file, so it can live next to its fixtures.
    for field in PATH_FIELDS:
        value = data.get(field)
        if isinstance(value, str) and value and not Path(value).expanduser().is_absolute():
            data[field] = str(path.parent / value)
    return data


def _merge_options(*layers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        options = layer.get("options") or {}
        if not isinstance(options, Mapping):
            continue
        for provider, values in options.items():
            merged.setdefault(provider, {}).update(values if isinstance(values, Mapping) else {})
    return merged


def _origin(field: str, cli: Mapping[str, Any], env: Mapping[str, Any], config_path: str | None) -> tuple[str, str]:
    """Where a failing value came from, as (source, field) for a ConfigError."""
    if field in cli:
        flags = {"provider_ports": "--provider-port", "options": "--option", "scenarios": "--scenario"}
        return "command line", flags.get(field, "--" + field.replace("_", "-"))
    if field in env:
        return "environment", ENV_OF_FIELD.get(field, field)
    return (config_path or "settings"), field


def build_settings(cli: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Merge the layers (CLI > MOCKSERVER_* env > config file > defaults).

    A bad value raises ConfigError naming where it came from: the flag, the variable, or the file and field.
    """
    cli_values = {k: v for k, v in (cli or {}).items() if v is not None and v != [] and v != {}}
    env_values = _env_values(environ or {})
    config_path = cli_values.get("config") or env_values.get("config")
    file_values = _config_file_values(Path(config_path)) if config_path else {}
    merged: dict[str, Any] = {**file_values, **env_values, **cli_values}
    options = _merge_options(file_values, env_values, cli_values)
    if options or "options" in merged:
        merged["options"] = options
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        field = str(loc[0]) if loc else "(top level)"
        source, where = _origin(field, cli_values, env_values, str(config_path) if config_path else None)
        if len(loc) > 1 and source != "command line" and source != "environment":
            where = field_path(loc)
        raise ConfigError(source, first["msg"].removeprefix("Value error, "), where) from None
    settings._option_origins = _option_origins(file_values, env_values, cli_values, config_path)
    return settings


def _option_origins(
    file_values: Mapping[str, Any], env_values: Mapping[str, Any], cli_values: Mapping[str, Any], config: Any
) -> dict[str, tuple[str, str]]:
    """Per "PROVIDER.NAME", where its value came from (the last layer that set it wins, as in the merge)."""
    origins: dict[str, tuple[str, str]] = {}
    layers = (
        (file_values, str(config), "options.{key}"),
        (env_values, "environment", ENV_OF_FIELD["options"] + " {key}"),
        (cli_values, "command line", "--option {key}"),
    )
    for values, source, field in layers:
        for provider, switches in _merge_options(values).items():
            for name in switches:
                key = f"{provider}.{name}"
                origins[key] = (source, field.format(key=key))
    return origins
