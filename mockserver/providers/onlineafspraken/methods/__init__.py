"""The APIREST methods, one handler each; ``lookup`` finds one by name."""

from __future__ import annotations

from mockserver.providers.onlineafspraken.methods import appointments, availability, catalog, customers
from mockserver.providers.onlineafspraken.methods.registry import METHODS, Handler

_MODULES = (catalog, customers, appointments, availability)
_BY_FOLDED = {name.casefold(): name for name in METHODS}


def lookup(name: str) -> tuple[str, Handler] | None:
    """The vendor's spelling and handler of a method; names match without regard to case (PHP does)."""
    canonical = _BY_FOLDED.get(name.casefold())
    return (canonical, METHODS[canonical]) if canonical is not None else None


def method_names() -> list[str]:
    return sorted(METHODS)


__all__ = ["METHODS", "lookup", "method_names"]
