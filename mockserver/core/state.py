"""MockState: the clock, the journal and every (provider, tenant) store, with reset."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mockserver.core.clock import Clock
from mockserver.core.journal import Journal


@dataclass(frozen=True)
class StoreContext:
    """What a store factory gets to build one tenant's store deterministically."""

    seed: int
    provider: str
    tenant: str
    clock: Clock
    config: Any


StoreFactory = Callable[[StoreContext], Any]


class MockState:
    """Owns all mutable state of one server. Stores are built lazily from the seed,
    so a reset simply forgets them and the next request rebuilds them as they were."""

    def __init__(
        self,
        *,
        seed: int,
        clock: Clock,
        journal: Journal,
        factories: dict[str, StoreFactory],
        configs: dict[str, Any],
    ) -> None:
        self.seed = seed
        self.clock = clock
        self.journal = journal
        self._factories = factories
        self.configs = configs
        #: Configs that replace ``configs[provider]`` for one tenant's store (fixture overrides of a tenant's scenario).
        self._tenant_configs: dict[tuple[str, str], Any] = {}
        self._stores: dict[tuple[str, str], Any] = {}
        #: (provider, tenant made at run time) -> the tenant whose seeded data its store starts with.
        self.templates: dict[tuple[str, str], str] = {}
        self._lock = threading.RLock()
        self._reset_hooks: list[Callable[[str | None, str | None], None]] = []

    @property
    def providers(self) -> list[str]:
        return list(self._factories)

    def store(self, provider: str, tenant: str) -> Any:
        """The store of one tenant of one provider, built on first use."""
        key = (provider, tenant)
        store = self._stores.get(key)
        if store is not None:
            return store
        with self._lock:
            store = self._stores.get(key)
            if store is None:
                ctx = self.context(provider, tenant)
                store = self._factories[provider](ctx)
                self._stores[key] = store
            return store

    def context(self, provider: str, tenant: str, templates: dict[tuple[str, str], str] | None = None) -> StoreContext:
        """What a tenant's store is built from; a tenant made at run time is seeded as its template is."""
        seeded = (self.templates if templates is None else templates).get((provider, tenant), tenant)
        return StoreContext(self.seed, provider, seeded, self.clock, self.config_for(provider, tenant))

    def config_for(self, provider: str, tenant: str) -> Any:
        """The config one tenant's store is built from: its own when it has one, else the provider's."""
        own = self._tenant_configs.get((provider, tenant))
        return own if own is not None else self.configs.get(provider)

    def set_configs(
        self, provider: str, config: Any, tenant_configs: dict[str, Any] | None = None, *, rebuild: bool = True
    ) -> int:
        """Swap a provider's config (and the per-tenant ones); stores built from a config that changed are
        forgotten, so they are rebuilt from the seed with the new one (unless ``rebuild`` is False: only tenants
        were added or removed). Reset hooks do not run: limits and scenario counters carry on. Returns how many
        stores were dropped."""
        with self._lock:
            before = {t: self.config_for(p, t) for (p, t) in self._stores if p == provider}
            self.configs[provider] = config
            for key in [k for k in self._tenant_configs if k[0] == provider]:
                del self._tenant_configs[key]
            for tenant, own in (tenant_configs or {}).items():
                self._tenant_configs[(provider, tenant)] = own
            doomed = [t for t, old in before.items() if rebuild and _changed(old, self.config_for(provider, t))]
            for tenant in doomed:
                del self._stores[(provider, tenant)]
        return len(doomed)

    def tenants(self, provider: str) -> list[str]:
        """Tenants whose store has been built."""
        return sorted(t for (p, t) in self._stores if p == provider)

    def built_store(self, provider: str, tenant: str) -> Any:
        """The tenant's store if it has been built, else None (never builds, never waits)."""
        return self._stores.get((provider, tenant))

    def built(self) -> Iterable[tuple[str, str]]:
        return list(self._stores)

    def replace_stores(self, stores: dict[tuple[str, str], Any]) -> None:
        """Put these (provider, tenant) stores in place of every built one (a snapshot restored); no reset hooks run."""
        with self._lock:
            self._stores = dict(stores)

    def forget_tenant(self, tenant: str) -> int:
        """Drop one tenant's stores of every provider, without reset hooks (other tenants' limits and tokens stay)."""
        with self._lock:
            doomed = [key for key in self._stores if key[1] == tenant]
            for key in doomed:
                del self._stores[key]
        return len(doomed)

    def on_reset(self, hook: Callable[[str | None, str | None], None]) -> None:
        """Call ``hook(provider, tenant)`` after every reset (limits, scenario counters...)."""
        self._reset_hooks.append(hook)

    def reset(self, provider: str | None = None, tenant: str | None = None) -> int:
        """Forget stores (all, one provider's, one tenant's); returns how many were dropped."""
        with self._lock:
            doomed = [
                key
                for key in self._stores
                if (provider is None or key[0] == provider) and (tenant is None or key[1] == tenant)
            ]
            for key in doomed:
                del self._stores[key]
        for hook in self._reset_hooks:
            hook(provider, tenant)
        return len(doomed)


def _changed(old: Any, new: Any) -> bool:
    return old is not new and bool(old != new)
