"""The providers (or their handles) of one app, found by name or by request path."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class Prefixed(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def prefix(self) -> str: ...


P = TypeVar("P", bound=Prefixed)


class Registry(Generic[P]):
    """Items with a ``name`` and a ``prefix`` (providers, provider handles), by name and by path."""

    def __init__(self, items: Iterable[P]) -> None:
        self.by_name: dict[str, P] = {item.name: item for item in items}
        # Every request asks this (the journal does); with one-segment prefixes ("/ons") the path's
        # first segment finds the provider in one lookup.
        self._by_segment: dict[str, P] | None = {}
        for item in self.by_name.values():
            if item.prefix.count("/") != 1 or not item.prefix.startswith("/"):
                self._by_segment = None
                break
            self._by_segment.setdefault(item.prefix, item)

    def for_path(self, path: str) -> P | None:
        if self._by_segment is not None:
            end = path.find("/", 1)
            return self._by_segment.get(path if end < 0 else path[:end])
        for item in self.by_name.values():
            if path == item.prefix or path.startswith(item.prefix + "/"):
                return item
        return None

    def name_for_path(self, path: str) -> str | None:
        item = self.for_path(path)
        return item.name if item else None
