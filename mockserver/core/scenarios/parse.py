"""Scenario text to data within bounds: nesting depth and values (aliases counted where used), with libyaml."""

from __future__ import annotations

from typing import Any

import yaml

from mockserver.core.yamltext import Loader

#: Deepest nesting a scenario may have (real ones need about 8: fixtures.ons.records.clients[0].address.x).
MAX_DEPTH = 64
#: Most values (mappings, lists and scalars) a scenario may hold once its aliases are expanded.
MAX_VALUES = 250_000

_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class TooLarge(ValueError):
    """The document is nested too deeply or holds too many values; nothing was built from it."""


def check_bounds(text: str) -> None:
    """Walk the parser's events (no objects are built, no recursion) and refuse what is out of bounds.

    An alias counts as many values as the node it names, so a few lines of nested aliases
    ("billion laughs") cannot stand for millions of values.
    """
    parser = Loader(text)
    try:
        depth = 0
        values = 0
        sizes: dict[str, int] = {}
        opened: list[tuple[str | None, int]] = []
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooLarge(f"nested more than {MAX_DEPTH} levels deep")
                values += 1
                opened.append((event.anchor, values))
            elif isinstance(event, _CLOSE):
                depth -= 1
                anchor, start = opened.pop()
                if anchor is not None:
                    sizes[anchor] = values - start + 1
            elif isinstance(event, yaml.ScalarEvent):
                values += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                values += sizes.get(event.anchor or "", 1)
            if values > MAX_VALUES:
                raise TooLarge(f"more than {MAX_VALUES} values (aliases count as what they stand for)")
    finally:
        parser.dispose()


def parse(text: str) -> Any:
    """YAML (JSON is YAML too) to data, after check_bounds. Raises TooLarge or yaml.YAMLError."""
    check_bounds(text)
    return yaml.load(text, Loader=Loader)  # a safe loader: libyaml's when there
