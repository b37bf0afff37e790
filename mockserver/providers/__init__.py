"""The emulated APIs, listed explicitly (no discovery), and the vendors of the design still to come."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockserver.providers.base import Provider

#: Every vendor of the design, in the order the README lists them: name -> title.
VENDORS = {
    "ons": "Nedap Ons",
    "onlineafspraken": "OnlineAfspraken.nl",
    "oncrawl": "OnCrawl",
    "leanlaw": "LeanLaw",
    "onix": "Onix Work",
}
#: The providers served, in the README's order: name -> its class ("module:Class", imported when built).
#: The one list of them: help texts and settings checks read the names without importing a provider.
PROVIDERS = {
    "ons": "mockserver.providers.ons:OnsProvider",
    "onlineafspraken": "mockserver.providers.onlineafspraken:OnlineAfsprakenProvider",
    "oncrawl": "mockserver.providers.oncrawl:OnCrawlProvider",
    "leanlaw": "mockserver.providers.leanlaw:LeanLawProvider",
    "onix": "mockserver.providers.onix:OnixProvider",
}
EMULATED = tuple(PROVIDERS)


def all_providers() -> list[Provider]:
    """One fresh instance of each provider, in the order the README lists them."""
    built = []
    for spec in PROVIDERS.values():
        module, _, name = spec.partition(":")
        built.append(getattr(importlib.import_module(module), name)())
    return built


def unknown_provider(name: str, emulated: Iterable[str] = EMULATED) -> str:
    """Why ``name`` cannot be used, with the one list of emulated providers every message gives."""
    served = ", ".join(emulated)
    if name in VENDORS:
        return f"provider {name!r} is not emulated yet; emulated providers: {served}"
    return f"unknown provider {name!r}; emulated providers: {served}"


def not_emulated_titles() -> list[str]:
    return [title for name, title in VENDORS.items() if name not in EMULATED]
