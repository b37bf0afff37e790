"""The emulated APIs, listed explicitly (no discovery)."""

from __future__ import annotations

from mockserver.providers.base import Provider


def all_providers() -> list[Provider]:
    """One fresh instance of each provider, in the order the README lists them."""
    from mockserver.providers.leanlaw import LeanLawProvider
    from mockserver.providers.onix import OnixProvider
    from mockserver.providers.onlineafspraken import OnlineAfsprakenProvider
    from mockserver.providers.ons import OnsProvider

    return [OnsProvider(), OnlineAfsprakenProvider(), LeanLawProvider(), OnixProvider()]
