"""The seam between core and providers: gated middleware, provider-wide state, and no arrows running up."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from mockserver.core.middleware import ProviderGates
from mockserver.core.provider import ProviderHandle
from mockserver.settings import PROJECT_DIR


class Marking:
    """Provider middleware that marks every request it sees."""

    def __init__(self, app: Any, seen: list[str]) -> None:
        self.app, self.seen = app, seen

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.seen.append(scope["path"])
        await self.app(scope, receive, send)


def test_provider_middleware_sees_only_its_own_prefix() -> None:
    seen: list[str] = []
    reached: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])

    gate = ProviderGates(inner, gates={"/ons": [(Marking, {"seen": seen})]})
    paths = ["/ons", "/ons/t/clients", "/onsx/t", "/onlineafspraken/APIREST", "/__admin/health", "/", ""]
    for path in paths:
        asyncio.run(gate({"type": "http", "path": path}, None, None))
    assert seen == ["/ons", "/ons/t/clients"] and reached == paths


def test_a_providers_middleware_runs_outermost_first_and_only_for_http() -> None:
    order: list[str] = []

    class Named:
        def __init__(self, app: Any, name: str) -> None:
            self.app, self.name = app, name

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            order.append(self.name)
            await self.app(scope, receive, send)

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        order.append(f"app:{scope['type']}")

    gate = ProviderGates(inner, gates={"/ons": [(Named, {"name": "outer"}), (Named, {"name": "inner"})]})
    asyncio.run(gate({"type": "http", "path": "/ons/t/teams"}, None, None))
    asyncio.run(gate({"type": "lifespan", "path": "/ons/t/teams"}, None, None))
    assert order == ["outer", "inner", "app:http", "app:lifespan"]


def test_a_provider_prefix_of_two_segments_is_refused() -> None:
    with pytest.raises(ValueError, match="one path segment"):
        ProviderGates(None, gates={"/a/b": []})  # type: ignore[arg-type]


def test_provider_wide_state_is_dropped_by_resets_that_touch_the_provider(app: FastAPI) -> None:
    ons: ProviderHandle[Any, Any] = app.state.registry.by_name["ons"]
    window = ons.shared("window", list)
    gauge = ons.shared("gauge", list, survives_reset=True)
    assert ons.shared("window", dict) is window  # one holder per name
    window.get().append(1)
    gauge.get().append(1)
    app.state.mock.reset("onlineafspraken")
    assert window.get() == [1]
    app.state.mock.reset("ons", "TE1002")
    assert window.get() == [] and gauge.get() == [1]


def test_core_imports_neither_providers_nor_the_app() -> None:
    offending = []
    for path in sorted((PROJECT_DIR / "mockserver" / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith(("mockserver.providers", "mockserver.app")):
                    offending.append(f"{Path(path).name}: {name}")
    assert offending == []


def test_no_provider_reads_the_app_state() -> None:
    providers = PROJECT_DIR / "mockserver" / "providers"
    assert [p.name for p in providers.rglob("*.py") if "app.state" in p.read_text()] == []
