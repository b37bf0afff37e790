"""Fixture files: ``<dir>/<provider>.yaml`` read and validated by each provider."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from mockserver.config_errors import ConfigError, yaml_problem
from mockserver.core.scenarios.overrides import ConfigLoader, FixtureBase
from mockserver.core.yamltext import safe_load

if TYPE_CHECKING:
    from mockserver.providers.base import Provider
    from mockserver.settings import Settings


def read_fixture_file(directory: Path, provider: str) -> tuple[Any, str]:
    """The raw YAML of one provider's fixtures (None when the file does not exist) and its name."""
    path = directory / f"{provider}.yaml"
    try:
        if not directory.is_dir():
            raise ConfigError(str(directory), "fixtures directory does not exist or is not a directory")
        if not path.exists():
            return None, str(path)
    except OSError as exc:
        # An unreadable directory (no search permission) fails the look-up itself, not only the read.
        raise ConfigError(str(directory), f"cannot read fixtures directory ({exc.strerror})") from None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read fixtures file ({exc.strerror})") from None
    try:
        return safe_load(text), str(path)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), yaml_problem(exc)) from None


def load_fixtures(settings: Settings, providers: list[Provider]) -> dict[str, FixtureBase]:
    """Each provider's fixtures file as read (kept for scenario fixture overrides) and its validated config."""
    bases: dict[str, FixtureBase] = {}
    for provider in providers:
        raw, source = read_fixture_file(settings.fixtures, provider.name)
        options = settings.options.get(provider.name, {})
        try:
            config = provider.load_config(raw, source, options)
        except ConfigError:
            raise _blame_option(settings, provider, raw, source, options) from None
        check_records(provider, config, settings.max_records, source)
        load = capped_loader(provider, settings.max_records)
        bases[provider.name] = FixtureBase(raw, source, options, load, config)
    return bases


def _blame_option(
    settings: Settings, provider: Provider, raw: Any, source: str, options: dict[str, Any]
) -> ConfigError:
    """The error to show when fixtures and switches together are refused: the file's own, else the switch's.

    A bad ``--option`` must name the flag (or variable, or config key) it came from, not the fixtures file.
    """
    try:
        provider.load_config(raw, source, {})
    except ConfigError as exc:
        return exc
    for name, value in options.items():
        try:
            provider.load_config(raw, source, {name: value})
        except ConfigError as exc:
            origin, field = settings.option_origin(provider.name, name)
            return ConfigError(origin, exc.reason, field)
    return ConfigError(source, "the switches are refused together", f"options.{provider.name}")


def check_records(provider: Provider, config: Any, max_records: int, source: str) -> None:
    """Refuse sizes that would generate more than ``max_records`` records per tenant (ConfigError at ``sizes``)."""
    count = provider.generated_records(config)
    if count > max_records:
        raise ConfigError(
            source, f"{count} generated records per tenant; at most {max_records} (--max-records)", "sizes"
        )


def capped_loader(provider: Provider, max_records: int) -> ConfigLoader:
    """The provider's ``load_config`` with check_records: a scenario's fixture override past the cap is a 400."""

    def load(raw: Any, source: str, options: Mapping[str, Any]) -> Any:
        config = provider.load_config(raw, source, options)
        check_records(provider, config, max_records, source)
        return config

    return load


def load_configs(settings: Settings, providers: list[Provider]) -> dict[str, Any]:
    return {name: base.config for name, base in load_fixtures(settings, providers).items()}
