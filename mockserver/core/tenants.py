"""Tenants made at run time (POST /__admin/tenants): one name, a tenant of every provider, removed again whole.

A new tenant's store starts as its template's does (the provider's first tenant: the same seeded records), and
is its own from then on; its credentials are made from its name, so the same name always gets the same ones.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockserver.core.provider import Provider
    from mockserver.core.scenarios.runtime import ScenarioService
    from mockserver.core.state import MockState

NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
#: Tenants that may exist at once (a test suite removes each when its test ends).
MAX_TENANTS = 1000


class TenantError(ValueError):
    """A tenant that cannot be made or removed; ``status`` is the admin API's answer (400, 404, 409)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


class RuntimeTenants:
    """The tenants made at run time, in order; every config the server installs has them (``extend``)."""

    def __init__(self, state: MockState, providers: Mapping[str, Provider], scenarios: ScenarioService) -> None:
        self.state = state
        self.providers = providers
        self.scenarios = scenarios
        self.names: list[str] = []
        self._fresh = itertools.count(1)
        self._lock = threading.RLock()
        scenarios.extend = self.extend

    def extend(self, provider: str, config: Any, names: list[str] | None = None) -> Any:
        """``config`` with the run-time tenants (or ``names``) added, where the provider can add them."""
        for name in self.names if names is None else names:
            config = self.providers[provider].add_tenant(config, name) or config
        return config

    def templates(self, names: list[str]) -> dict[tuple[str, str], str]:
        """(provider, tenant) -> the tenant whose seeded data each of ``names`` starts with."""
        out: dict[tuple[str, str], str] = {}
        for provider, impl in self.providers.items():
            config = self.state.configs.get(provider)
            fixture = impl.credentials(config) if config is not None else []
            if fixture and impl.add_tenant(config, "probe") is not None:
                out.update({(provider, name): str(fixture[0]["tenant"]) for name in names})
        return out

    def check(self, names: list[str], where: str = "name") -> None:
        """TenantError unless every name is new, well-formed and no fixture tenant's."""
        fixture = self.fixture_tenants()
        for i, name in enumerate(names):
            at = where if len(names) == 1 else f"{where}[{i}]"
            if not isinstance(name, str) or not NAME.match(name):
                raise TenantError(400, f"{at}: {name!r} is not a tenant name (a-z, digits and '-', up to 40)")
            if name in fixture:
                raise TenantError(409, f"{at}: {name!r} is a tenant of the fixtures")
            if names.index(name) != i:
                raise TenantError(400, f"{at}: {name!r} is listed twice")
        if len(names) > MAX_TENANTS:
            raise TenantError(409, f"at most {MAX_TENANTS} tenants made at run time; remove some first")

    def fixture_tenants(self) -> set[str]:
        found: set[str] = set()
        for provider, impl in self.providers.items():
            config = self.state.configs.get(provider)
            if config is not None:
                found.update(str(entry["tenant"]) for entry in impl.credentials(config))
        return found - set(self.names)

    def add(self, name: str | None = None) -> dict[str, Any]:
        """Make a tenant (named, or ``t-N``); its credentials per provider."""
        with self._lock:
            if name is None:
                name = next(n for n in (f"t-{i}" for i in self._fresh) if n not in self.names)
            if name in self.names:
                raise TenantError(409, f"name: tenant {name!r} exists already")
            self.check([name])
            if len(self.names) >= MAX_TENANTS:
                raise TenantError(409, f"at most {MAX_TENANTS} tenants made at run time; remove some first")
            self.names.append(name)
            self.state.templates.update(self.templates([name]))
            self.scenarios.reinstall()
        return {"tenant": name, "credentials": self.credentials(name)}

    def remove(self, name: str) -> dict[str, Any]:
        """Forget a run-time tenant: its credentials, its stores and the scenarios limited to it."""
        with self._lock:
            if name not in self.names:
                raise TenantError(
                    404, f"no tenant {name!r} was made at run time; made: {', '.join(self.names) or 'none'}"
                )
            for active in self.scenarios.engine.active():
                if active.tenant == name:
                    self.scenarios.remove(active.scenario.name, name)
            self.names.remove(name)
            for key in [key for key in self.state.templates if key[1] == name]:
                del self.state.templates[key]
            self.scenarios.reinstall()
            dropped = self.state.forget_tenant(name)
        return {"removed": name, "stores_dropped": dropped}

    def replace(self, names: list[str]) -> None:
        """Exactly these run-time tenants (a snapshot restored); the caller installs the configs."""
        with self._lock:
            self.names = list(names)
            self.state.templates.clear()
            self.state.templates.update(self.templates(self.names))

    def credentials(self, name: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for provider, impl in self.providers.items():
            config = self.state.configs.get(provider)
            if config is not None:
                out[provider] = [entry for entry in impl.credentials(config) if entry.get("tenant") == name]
        return out
