"""Registry: which provider a request path belongs to."""

from __future__ import annotations

from mockserver.app import Registry
from mockserver.providers import all_providers


def slow_for_path(registry: Registry, path: str) -> str | None:
    for provider in registry.by_name.values():
        if path == provider.prefix or path.startswith(provider.prefix + "/"):
            return provider.name
    return None


def test_name_for_path_finds_the_provider_by_its_prefix_segment_only() -> None:
    registry = Registry(all_providers())
    paths = ["/ons", "/ons/", "/ons/t/clients/1", "/onsx/t", "ons/t", "//ons/t", "", "/", "/__admin/health"]
    paths += [p.prefix + "/x" for p in registry.by_name.values()] + [p.prefix + "x" for p in registry.by_name.values()]
    for path in paths:
        assert registry.name_for_path(path) == slow_for_path(registry, path), path
    assert registry.name_for_path("/ons/t/clients/1") == "ons"
