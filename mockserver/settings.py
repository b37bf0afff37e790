"""One Settings model: CLI flags > MOCKSERVER_* environment > config file > defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from mockserver.config_errors import ConfigError, validate_model

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROVIDER_NAMES = ("ons", "onlineafspraken", "oncrawl", "leanlaw", "onix")
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
    max_body_bytes: int = Field(1_048_576, ge=1)
    admin_token: str | None = None
    freeze_at: datetime | None = None
    scenarios: list[str] = Field(default_factory=list)
    watch: bool = False
    #: Per-provider switches, e.g. {"ons": {"spec_mode": True}}.
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)

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
            if name not in PROVIDER_NAMES:
                raise ValueError(f"unknown provider {name!r}; valid providers: {', '.join(PROVIDER_NAMES)}")
        return value

    @field_validator("provider_ports")
    @classmethod
    def _valid_ports(cls, value: dict[str, int]) -> dict[str, int]:
        for name, port in value.items():
            if not 0 < port <= 65535:
                raise ValueError(f"port for {name} must be between 1 and 65535, got {port}")
        return value

    def option(self, provider: str, name: str, default: Any = None) -> Any:
        return self.options.get(provider, {}).get(name, default)


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
    return yaml.safe_load(raw)


def options_from_pairs(pairs: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for dotted, raw in pairs.items():
        provider, dot, name = dotted.partition(".")
        if not dot or not name:
            raise ValueError(f"option must look like PROVIDER.NAME=VALUE, got {dotted!r}")
        options.setdefault(provider, {})[name] = parse_option_value(raw)
    return options


def _env_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """The MOCKSERVER_* environment as raw settings values."""
    out: dict[str, Any] = {}
    simple = {
        "HOST": "host",
        "PORT": "port",
        "SEED": "seed",
        "CONFIG": "config",
        "FIXTURES": "fixtures",
        "SCENARIOS_DIR": "scenarios_dir",
        "TLS_CERT": "tls_cert",
        "TLS_KEY": "tls_key",
        "TLS_CLIENT_CA": "tls_client_ca",
        "LOG_LEVEL": "log_level",
        "JOURNAL_SIZE": "journal_size",
        "MAX_BODY_BYTES": "max_body_bytes",
        "ADMIN_TOKEN": "admin_token",
        "FREEZE_AT": "freeze_at",
        "WATCH": "watch",
    }
    for env, field in simple.items():
        value = environ.get(ENV_PREFIX + env)
        if value not in (None, ""):
            out[field] = value
    if environ.get(ENV_PREFIX + "PROVIDER_PORT"):
        out["provider_ports"] = parse_pairs(environ[ENV_PREFIX + "PROVIDER_PORT"], "MOCKSERVER_PROVIDER_PORT")
    if environ.get(ENV_PREFIX + "SCENARIO"):
        out["scenarios"] = [s.strip() for s in environ[ENV_PREFIX + "SCENARIO"].split(",") if s.strip()]
    if environ.get(ENV_PREFIX + "OPTION"):
        out["options"] = options_from_pairs(parse_pairs(environ[ENV_PREFIX + "OPTION"], "MOCKSERVER_OPTION"))
    return out


def _config_file_values(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read config file ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), f"not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "the config file must be a mapping of setting names to values")
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(str(path), f"unknown setting; valid: {', '.join(Settings.model_fields)}", unknown[0])
    return data


def _merge_options(*layers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for provider, values in (layer.get("options") or {}).items():
            merged.setdefault(provider, {}).update(values or {})
    return merged


def build_settings(cli: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Merge the layers; a bad value raises ConfigError naming where it came from."""
    cli_values = {k: v for k, v in (cli or {}).items() if v is not None and v != [] and v != {}}
    env_values = _env_values(environ or {})
    config_path = cli_values.get("config") or env_values.get("config")
    file_values = _config_file_values(Path(config_path)) if config_path else {}
    merged: dict[str, Any] = {**file_values, **env_values, **cli_values}
    options = _merge_options(file_values, env_values, cli_values)
    if options:
        merged["options"] = options
    source = "command line / MOCKSERVER_* environment"
    if config_path:
        source += f" / {config_path}"
    settings = validate_model(Settings, merged, source)
    return settings
