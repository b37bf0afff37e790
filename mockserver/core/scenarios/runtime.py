"""An app's scenario service: load by name or file, apply, reset with the state, reload changed files."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mockserver.config_errors import ConfigError
from mockserver.core.scenarios.engine import ActiveScenario, ScenarioEngine
from mockserver.core.scenarios.loader import Catalog, ProviderFacts, available_names, load_file, load_text, resolve
from mockserver.core.scenarios.model import Scenario
from mockserver.core.scenarios.view import flat_routes

if TYPE_CHECKING:
    from mockserver.providers.base import Provider

log = logging.getLogger("mockserver.scenarios")


def provider_facts(provider: Provider, routes: Iterable[Any]) -> ProviderFacts:
    """Operations (endpoint names, or what the provider lists itself) and error names of one provider."""
    holder: Any = SimpleNamespace(routes=list(routes))
    operations = set(provider.operations(holder))
    operations.update(name for r in holder.routes if (name := getattr(r, "name", None)))
    return ProviderFacts(frozenset(operations), frozenset(provider.errors))


def catalog_of(providers: Iterable[Provider], routes: Iterable[Any] | None = None) -> Catalog:
    """Check scenarios against these providers: the app's mounted routes, or each provider's own router."""
    all_routes = flat_routes(routes) if routes is not None else None
    facts: dict[str, ProviderFacts] = {}
    for provider in providers:
        if all_routes is None:
            mine = flat_routes(provider.build_router().routes)
        else:
            prefix = provider.prefix + "/"
            mine = [r for r in all_routes if str(r.path or "").startswith(prefix)]
        facts[provider.name] = provider_facts(provider, mine)
    return Catalog(facts)


class ScenarioService:
    """Scenario files and admin bodies in, applied scenarios out; a bad one is refused whole."""

    def __init__(self, engine: ScenarioEngine, catalog: Catalog, scenarios_dir: Path) -> None:
        self.engine = engine
        self.catalog = catalog
        self.scenarios_dir = scenarios_dir
        #: Files applied from disk, for --watch: path -> tenant it was applied to.
        self.files: dict[Path, tuple[str, str | None]] = {}

    def available(self) -> list[str]:
        return available_names(self.scenarios_dir)

    def load(self, name_or_path: str) -> tuple[Scenario, Path]:
        path = resolve(name_or_path, self.scenarios_dir)
        return load_file(path, self.catalog), path

    def apply_file(self, name_or_path: str, tenant: str | None = None) -> ActiveScenario:
        scenario, path = self.load(name_or_path)
        active = self.engine.apply(scenario, tenant, source=str(path))
        self.files[path.resolve()] = (scenario.name, tenant)
        return active

    def apply_text(self, text: str, source: str, tenant: str | None = None) -> ActiveScenario:
        scenario = load_text(text, source, self.catalog)
        return self.engine.apply(scenario, tenant, source=source)

    def remove(self, name: str, tenant: str | None = None) -> bool:
        removed = self.engine.remove(name, tenant)
        if removed:
            self.files = {p: key for p, key in self.files.items() if key != (name, tenant)}
        return removed

    def clear(self) -> int:
        self.files.clear()
        return self.engine.clear()

    def reload(self, path: Path) -> bool:
        """Re-read one applied file; a broken edit is logged and the old version stays."""
        key = self.files.get(path.resolve())
        if key is None:
            return False
        try:
            scenario = load_file(path, self.catalog)
        except ConfigError as exc:
            log.error("scenario not reloaded: %s", exc)
            return False
        name, tenant = key
        if scenario.name != name:
            self.engine.remove(name, tenant)
        self.engine.apply(scenario, tenant, source=str(path))
        self.files[path.resolve()] = (scenario.name, tenant)
        log.info("scenario %s reloaded from %s", scenario.name, path)
        return True

    def on_reset(self, provider: str | None, tenant: str | None) -> None:
        self.engine.reset(provider, tenant)

    async def watch(self, stop: asyncio.Event, *, step_ms: int = 50) -> None:
        """Reload applied scenario files when they change, until ``stop`` is set."""
        from watchfiles import awatch

        directories = sorted({str(p.parent) for p in self.files}) or [str(self.scenarios_dir)]
        async for changes in awatch(*directories, stop_event=stop, step=step_ms, debounce=200, recursive=False):
            for _, changed in changes:
                self.reload(Path(changed))


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
