"""Fixture files: ``<dir>/<provider>.yaml`` read and validated by each provider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mockserver.config_errors import ConfigError, yaml_problem
from mockserver.core.yamltext import safe_load


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
