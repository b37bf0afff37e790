"""An app's scenario service: load by name or file, apply, reset with the state, reload changed files."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mockserver.config_errors import ConfigError
from mockserver.core.clock import ClockRangeError
from mockserver.core.provider import Provider, detached
from mockserver.core.scenarios.catalog import Catalog, ProviderFacts
from mockserver.core.scenarios.engine import ActiveScenario, ScenarioEngine
from mockserver.core.scenarios.overrides import FixtureOverrides
from mockserver.core.scenarios.view import flat_routes

if TYPE_CHECKING:
    from mockserver.core.scenarios.model import Scenario
    from mockserver.core.state import MockState

#: One applied scenario as the fixture plan sees it: (scenario, tenant or None, source).
Applied = tuple["Scenario", str | None, str]

log = logging.getLogger("mockserver.scenarios")


def provider_facts(provider: Provider, routes: Iterable[Any]) -> ProviderFacts:
    """Operations (endpoint names, or what the provider lists itself) and error names of one provider."""
    holder: Any = SimpleNamespace(routes=list(routes))
    operations = set(provider.operations(holder))
    operations.update(name for r in holder.routes if (name := getattr(r, "name", None)))
    return ProviderFacts(frozenset(operations), frozenset(provider.errors))


def catalog_of(
    providers: Iterable[Provider], routes: Iterable[Any] | None = None, fixtures: FixtureOverrides | None = None
) -> Catalog:
    """Check scenarios against these providers: the app's mounted routes, or each provider's own router.

    Fixture overrides are validated over ``fixtures`` (the server's files), else over the providers' defaults.
    """
    providers = list(providers)
    all_routes = flat_routes(routes) if routes is not None else None
    facts: dict[str, ProviderFacts] = {}
    for provider in providers:
        if all_routes is None:
            mine = flat_routes(provider.build_router(detached(provider)).routes)
        else:
            prefix = provider.prefix + "/"
            mine = [r for r in all_routes if str(r.path or "").startswith(prefix)]
        facts[provider.name] = provider_facts(provider, mine)
    return Catalog(facts, fixtures if fixtures is not None else FixtureOverrides.defaults(providers))


class UnknownScenarioName(ConfigError):
    """A name that is not one of the scenarios directory's; it was looked up in that listing only."""

    def __init__(self, name: str, available: list[str]) -> None:
        shown = name if len(name) <= 80 else name[:77] + "..."
        names = ", ".join(available) or "none"
        message = f"unknown scenario {shown!r}; shipped: {names} (send any other scenario in the body)"
        super().__init__("name", message)


class ScenarioService:
    """Scenario files and admin bodies in, applied scenarios out; a bad one is refused whole.

    With a MockState, fixture overrides of the applied scenarios decide each provider's config (merged in
    the order the scenarios were applied); a change resets the stores built from the old config.
    """

    def __init__(
        self,
        engine: ScenarioEngine,
        catalog: Catalog | Callable[[], Catalog],
        scenarios_dir: Path,
        state: MockState | None = None,
    ) -> None:
        self.engine = engine
        self._catalog = catalog
        self.scenarios_dir = scenarios_dir
        self.state = state
        #: Files applied from disk, for --watch: path -> tenant it was applied to.
        self.files: dict[Path, tuple[str, str | None]] = {}
        #: Adds the tenants made at run time to a provider's config (``core.tenants``); None: none.
        self.extend: Callable[[str, Any], Any] | None = None
        self._lock = threading.RLock()

    @property
    def catalog(self) -> Catalog:
        """What scenarios are checked against; given as a function, it is called once, when first needed."""
        if not isinstance(self._catalog, Catalog):
            self._catalog = self._catalog()
        return self._catalog

    def available(self) -> list[str]:
        from mockserver.core.scenarios.loader import available_names

        return available_names(self.scenarios_dir)

    def load(self, name_or_path: str) -> tuple[Scenario, Path]:
        from mockserver.core.scenarios.loader import load_file, resolve

        path = resolve(name_or_path, self.scenarios_dir)
        return load_file(path, self.catalog), path

    def apply_shipped(self, name: str, tenant: str | None = None) -> ActiveScenario:
        """Apply a scenario of the scenarios directory by its listed name; nothing else is looked up."""
        available = self.available()
        if name not in available:
            raise UnknownScenarioName(name, available)
        return self.apply_file(name, tenant)

    def apply_file(self, name_or_path: str, tenant: str | None = None) -> ActiveScenario:
        """Apply a shipped name or any file path: for the command line and settings, never for a request."""
        scenario, path = self.load(name_or_path)
        with self._lock:
            active = self._apply(scenario, tenant, str(path))
            self.files[path.resolve()] = (scenario.name, tenant)
        return active

    def apply_text(self, text: str, source: str, tenant: str | None = None) -> ActiveScenario:
        from mockserver.core.scenarios.loader import load_text

        scenario = load_text(text, source, self.catalog)
        with self._lock:
            return self._apply(scenario, tenant, source)

    def remove(self, name: str, tenant: str | None = None) -> bool:
        with self._lock:
            removed = self.engine.remove(name, tenant)
            if removed:
                self.files = {p: key for p, key in self.files.items() if key != (name, tenant)}
                self._install(self._plan(self._applied(), strict=False))
        return removed

    def clear(self) -> int:
        with self._lock:
            self.files.clear()
            count = self.engine.clear()
            self._install(self._plan([], strict=False))
        return count

    def reload(self, path: Path) -> bool:
        """Re-read one applied file; a broken edit is logged and the old version stays."""
        key = self.files.get(path.resolve())
        if key is None:
            return False
        from mockserver.core.scenarios.loader import load_file

        try:
            scenario = load_file(path, self.catalog)
        except ConfigError as exc:
            log.error("scenario not reloaded: %s", exc)
            return False
        name, tenant = key
        with self._lock:
            try:
                self._apply(scenario, tenant, str(path), replaces=(name, tenant))
            except ConfigError as exc:
                log.error("scenario not reloaded: %s", exc)
                return False
            self.files[path.resolve()] = (scenario.name, tenant)
        log.info("scenario %s reloaded from %s", scenario.name, path)
        return True

    def plan_for(
        self, actives: Iterable[ActiveScenario], extend: Callable[[str, Any], Any] | None = None
    ) -> dict[str, tuple[Any, dict[str, Any]]]:
        """The configs these applied scenarios' fixture overrides make (ConfigError when they do not merge),
        with run-time tenants added by ``extend`` (default: the server's)."""
        return self._plan([(a.scenario, a.tenant, a.source) for a in actives], strict=True, extend=extend)

    def reinstall(self) -> None:
        """The configs again, after tenants were added or removed; no store is rebuilt."""
        with self._lock:
            self._install(self._plan(self._applied(), strict=False), rebuild=False)

    def restore(self, actives: list[ActiveScenario], plan: Mapping[str, tuple[Any, dict[str, Any]]]) -> None:
        """Replace the applied scenarios with restored ones (``plan`` from ``plan_for``); the clock is not moved."""
        with self._lock:
            self.files.clear()
            self.engine.replace(actives)
            self._install(plan)

    def on_reset(self, provider: str | None, tenant: str | None) -> None:
        self.engine.reset(provider, tenant)

    # -- fixture overrides --------------------------------------------------------------------

    def _apply(
        self, scenario: Scenario, tenant: str | None, source: str, replaces: tuple[str, str | None] | None = None
    ) -> ActiveScenario:
        """Apply after checking that its fixture overrides merge with those already applied (else nothing changes)."""
        gone = {(scenario.name, tenant), replaces}
        order = [item for item in self._applied() if (item[0].name, item[1]) not in gone]
        plan = self._plan([*order, (scenario, tenant, source)], strict=True)
        if replaces is not None and replaces != (scenario.name, tenant):
            self.engine.remove(*replaces)
        try:
            active = self.engine.apply(scenario, tenant, source=source)
        except ClockRangeError as exc:
            raise ConfigError(source, str(exc), "clock") from None
        self._install(plan)
        return active

    def _applied(self) -> list[Applied]:
        return [(a.scenario, a.tenant, a.source) for a in self.engine.active()]

    def _plan(
        self, applied: list[Applied], *, strict: bool, extend: Callable[[str, Any], Any] | None = None
    ) -> dict[str, tuple[Any, dict[str, Any]]]:
        """Per provider: the server-wide config and each overriding tenant's own, from ``applied`` in order."""
        fixtures = self.catalog.fixtures
        if self.state is None or fixtures is None:
            return {}
        extend = extend or self.extend or (lambda provider, config: config)
        plan: dict[str, tuple[Any, dict[str, Any]]] = {}
        for provider in fixtures.bases:
            mine = [(tenant, (source, s.fixtures[provider])) for s, tenant, source in applied if provider in s.fixtures]
            wide = [override for tenant, override in mine if tenant is None]
            server = extend(provider, fixtures.config(provider, wide, strict=strict))
            tenants = {tenant for tenant, _ in mine if tenant is not None}
            own = {
                t: extend(
                    provider, fixtures.config(provider, [o for tenant, o in mine if tenant in (None, t)], strict=strict)
                )
                for t in sorted(tenants)
            }
            plan[provider] = (server, own)
        return plan

    def _install(self, plan: Mapping[str, tuple[Any, dict[str, Any]]], *, rebuild: bool = True) -> None:
        if self.state is None:
            return
        for provider, (server, own) in plan.items():
            dropped = self.state.set_configs(provider, server, own, rebuild=rebuild)
            if dropped:
                log.info("fixtures of %s changed: %d store(s) will be rebuilt", provider, dropped)

    async def watch(self, stop: asyncio.Event, *, step_ms: int = 50) -> None:
        """Reload applied scenario files when they change, until ``stop`` is set."""
        from watchfiles import awatch

        directories = sorted({str(p.parent) for p in self.files}) or [str(self.scenarios_dir)]
        async for changes in awatch(*directories, stop_event=stop, step=step_ms, debounce=200, recursive=False):
            for _, changed in changes:
                await asyncio.to_thread(self.reload, Path(changed))


def watching_lifespan(app: Any, service: ScenarioService) -> None:
    """Wrap the app's lifespan so a watcher task runs while the server does."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(instance: Any) -> AsyncIterator[Mapping[str, Any] | None]:
        stop = asyncio.Event()
        task = asyncio.create_task(service.watch(stop))
        try:
            async with inner(instance) as state:
                yield state
        finally:
            stop.set()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=5)

    app.router.lifespan_context = lifespan
