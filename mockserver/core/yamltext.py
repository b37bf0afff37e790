"""YAML text to data with a safe loader: libyaml's when PyYAML has it (its wheels do), ten times faster."""

from __future__ import annotations

from typing import Any

import yaml

#: CSafeLoader when PyYAML was built with libyaml, else the pure-Python SafeLoader; both build plain data.
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``, faster; raises yaml.YAMLError."""
    return yaml.load(text, Loader=Loader)  # a safe loader: CSafeLoader or SafeLoader
