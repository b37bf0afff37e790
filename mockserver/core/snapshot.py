"""The state document: every built store, the applied scenarios and the clock, exported and imported whole.

Import checks the whole document and builds every store aside before anything changes; then it swaps them in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mockserver import __version__
from mockserver.config_errors import ConfigError
from mockserver.core.clock import ClockRangeError, check_timestamp
from mockserver.core.persist import PersistError
from mockserver.core.scenarios.saved import dump_active, load_active
from mockserver.core.state import MockState, StoreContext
from mockserver.core.tenants import TenantError

if TYPE_CHECKING:
    from mockserver.core.provider import Provider
    from mockserver.core.scenarios.engine import ActiveScenario
    from mockserver.core.scenarios.runtime import ScenarioService
    from mockserver.core.tenants import RuntimeTenants

FORMAT = "mockserver-state"
#: Raised whenever a saved field changes meaning; a document of another version is refused.
VERSION = 1
KEYS = ("format", "version", "mockserver", "seed", "clock", "tenants", "scenarios", "stores")
CLOCK_MODES = ("frozen", "system")
MAX_TENANT = 200


class SnapshotError(PersistError):
    """A document this server cannot take: ``field`` names where (``stores.ons.TE1002._data``)."""


@dataclass
class Prepared:
    """A checked document, ready to swap in: nothing of the running server has changed yet."""

    clock: tuple[str, float, float]
    tenants: list[str]
    scenarios: list[ActiveScenario]
    plan: Mapping[str, tuple[Any, dict[str, Any]]]
    stores: dict[tuple[str, str], Any]

    def summary(self) -> dict[str, Any]:
        return {
            "stores": len(self.stores),
            "tenants": len(self.tenants),
            "scenarios": len(self.scenarios),
            "clock_mode": self.clock[0],
        }


class Snapshots:
    """Export and import of one server's state (the admin routes and --state-file both use it)."""

    def __init__(
        self,
        state: MockState,
        providers: Mapping[str, Provider],
        scenarios: ScenarioService,
        tenants: RuntimeTenants,
    ) -> None:
        self.state = state
        self.providers = providers
        self.scenarios = scenarios
        self.tenants = tenants

    def export(self) -> dict[str, Any]:
        """The state document (stores that were never built are left out: the seed rebuilds them alike)."""
        stores: dict[str, dict[str, Any]] = {name: {} for name in self.providers}
        for provider, tenant in sorted(self.state.built()):
            store = self.state.built_store(provider, tenant)
            if store is not None:
                stores[provider][tenant] = self.providers[provider].dump_store(store)
        return {
            "format": FORMAT,
            "version": VERSION,
            "mockserver": __version__,
            "seed": self.state.seed,
            "clock": self.state.clock.saved(),
            "tenants": list(self.tenants.names),
            "scenarios": [dump_active(active) for active in self.scenarios.engine.active()],
            "stores": stores,
        }

    def prepare(self, document: Any) -> Prepared:
        """Check ``document`` whole and build what it describes aside; SnapshotError naming the first bad field."""
        try:
            return self._prepare(document)
        except SnapshotError:
            raise
        except PersistError as exc:
            raise SnapshotError(exc.field, exc.reason) from None

    def install(self, prepared: Prepared) -> None:
        """Swap a prepared document in: scenarios (and the configs their overrides make), stores, clock."""
        self.tenants.replace(prepared.tenants)
        self.scenarios.restore(prepared.scenarios, prepared.plan)
        self.state.replace_stores(prepared.stores)
        self.state.clock.load(*prepared.clock)

    def load(self, document: Any) -> dict[str, Any]:
        prepared = self.prepare(document)
        self.install(prepared)
        return prepared.summary()

    # -- checking --------------------------------------------------------------------------

    def _prepare(self, document: Any) -> Prepared:
        if not isinstance(document, dict):
            raise SnapshotError("", f"a state document is a JSON object with {', '.join(KEYS)}")
        if document.get("format") != FORMAT:
            raise SnapshotError("format", f"must be {FORMAT!r}, got {document.get('format')!r}")
        if document.get("version") != VERSION:
            raise SnapshotError("version", f"this server reads version {VERSION}, got {document.get('version')!r}")
        for key in KEYS:
            if key not in document:
                raise SnapshotError(key, "missing")
        unknown = sorted(set(document) - set(KEYS))
        if unknown:
            raise SnapshotError(unknown[0], f"unknown; known: {', '.join(KEYS)}")
        if document["seed"] != self.state.seed:
            written = document["seed"]
            raise SnapshotError(
                "seed", f"the document was written with seed {written!r}; this server runs {self.state.seed}"
            )
        clock = self._clock(document["clock"])
        names = document["tenants"]
        if not isinstance(names, list):
            raise SnapshotError("tenants", "must be a list of the tenants made at run time")
        try:
            self.tenants.check(names, "tenants")
        except TenantError as exc:
            raise SnapshotError("", str(exc)) from None  # it names the field: tenants[i]
        if not isinstance(document["scenarios"], list):
            raise SnapshotError("scenarios", "must be a list")
        actives = [
            load_active(item, f"scenarios[{i}]", self.scenarios.engine, self.scenarios.catalog)
            for i, item in enumerate(document["scenarios"])
        ]
        seen: dict[tuple[str, str | None], int] = {}
        for i, active in enumerate(actives):
            if active.key in seen:
                raise SnapshotError(f"scenarios[{i}]", f"{active.scenario.name} is listed twice for the same tenant")
            seen[active.key] = i
        try:
            plan = self.scenarios.plan_for(
                actives, lambda provider, config: self.tenants.extend(provider, config, names)
            )
        except ConfigError as exc:
            raise SnapshotError("scenarios", str(exc)) from None
        stores = self._stores(document["stores"], plan, self.tenants.templates(names))
        return Prepared(clock, names, actives, plan, stores)

    def _clock(self, data: Any) -> tuple[str, float, float]:
        if not isinstance(data, dict) or set(data) != {"mode", "timestamp", "offset_seconds"}:
            raise SnapshotError("clock", "must be {mode, timestamp, offset_seconds}")
        mode = data["mode"]
        if mode not in CLOCK_MODES:
            raise SnapshotError("clock.mode", f"must be one of {', '.join(CLOCK_MODES)}, got {mode!r}")
        numbers = []
        for key in ("timestamp", "offset_seconds"):
            value = data[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                raise SnapshotError(f"clock.{key}", "must be a number")
            numbers.append(float(value))
        try:
            check_timestamp(numbers[0])
        except ClockRangeError as exc:
            raise SnapshotError("clock.timestamp", str(exc)) from None
        return mode, numbers[0], numbers[1]

    def _stores(
        self, data: Any, plan: Mapping[str, tuple[Any, dict[str, Any]]], templates: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], Any]:
        if not isinstance(data, dict):
            raise SnapshotError("stores", "must be an object: provider -> tenant -> store")
        unknown = sorted(set(data) - set(self.providers))
        if unknown:
            raise SnapshotError(f"stores.{unknown[0]}", f"no such provider; known: {', '.join(self.providers)}")
        stores: dict[tuple[str, str], Any] = {}
        for name, tenants in data.items():
            if not isinstance(tenants, dict):
                raise SnapshotError(f"stores.{name}", "must be an object: tenant -> store")
            server, own = plan.get(name, (self.state.configs.get(name), {}))
            for tenant, saved in tenants.items():
                where = f"stores.{name}.{tenant}"
                if not tenant or len(tenant) > MAX_TENANT:
                    raise SnapshotError(where, f"a tenant name has 1 to {MAX_TENANT} characters")
                seeded: str = templates.get((name, tenant)) or tenant
                ctx = StoreContext(self.state.seed, name, seeded, self.state.clock, own.get(tenant, server))
                try:
                    stores[(name, tenant)] = self.providers[name].load_store(ctx, saved)
                except PersistError as exc:
                    raise SnapshotError(f"{where}.{exc.field}" if exc.field else where, exc.reason) from None
                except (LookupError, TypeError, ValueError, AttributeError) as exc:
                    raise SnapshotError(where, f"cannot be restored ({type(exc).__name__}: {exc})") from None
        return stores
