"""The APIREST methods, one handler each; ``lookup`` finds one by name."""

from __future__ import annotations

from mockserver.providers.onlineafspraken.methods import appointments, availability, catalog, customers
from mockserver.providers.onlineafspraken.methods.registry import METHODS, Handler

_MODULES = (catalog, customers, appointments, availability)
_BY_FOLDED = {name.casefold(): (name, handler) for name, handler in METHODS.items()}


def lookup(name: str) -> tuple[str, Handler] | None:
    """The vendor's spelling and handler of a method; names match without regard to case (PHP does)."""
    return _BY_FOLDED.get(name.casefold())


def method_names() -> list[str]:
    return sorted(METHODS)


__all__ = ["METHODS", "lookup", "method_names"]
