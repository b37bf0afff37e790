"""ScenarioMiddleware: ask the engine about each request and apply the effect (inside the journal)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.core import fault_asgi
from mockserver.core.context import context_of
from mockserver.core.scenarios.effects import Effect
from mockserver.core.scenarios.engine import ScenarioEngine
from mockserver.core.scenarios.view import build_view

if TYPE_CHECKING:
    from mockserver.core.scenarios.view import ProviderFacade


class ScenarioMiddleware:
    """Pure ASGI. With no rule for a request's provider it costs one dict lookup."""

    def __init__(
        self,
        app: ASGIApp,
        engine: ScenarioEngine,
        providers: Mapping[str, ProviderFacade],
        sleep: fault_asgi.Sleeper | None = None,
        max_body_bytes: int = 1_048_576,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.engine = engine
        self.providers = providers
        self.sleep = sleep if sleep is not None else asyncio.sleep

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.engine.has_rules:
            await self.app(scope, receive, send)
            return
        ctx = context_of(scope)
        name = ctx.provider if ctx is not None else None
        rules = self.engine.rules_for(name)
        if not rules or name is None or name not in self.providers:
            await self.app(scope, receive, send)
            return
        facade = self.providers[name]
        needs_params = self.engine.needs_params(rules)
        view, receive = await build_view(facade, name, scope, receive, ctx, needs_params, self.max_body_bytes)
        decision = self.engine.decide(view, rules)
        effect = decision.effect
        if ctx is not None:
            ctx.rule = decision.rule
            ctx.dice = decision.dice
            if effect is not None and effect.kind != "pass":
                ctx.fault = effect.label
                ctx.operation = ctx.operation or view.operation
        try:
            if effect is None:
                await self.app(scope, receive, send)
            else:
                await self._apply(effect, facade, scope, receive, send)
        finally:
            if effect is not None and effect.release is not None:
                effect.release()
            # A fault that answered in the handler's place still journals whose request it was.
            if ctx is not None and ctx.tenant is None and (effect is not None or view.caller_known):
                ctx.tenant, ctx.credential = view.tenant, view.credential

    async def _apply(self, effect: Effect, facade: ProviderFacade, scope: Scope, receive: Receive, send: Send) -> None:
        sleep = self.sleep
        if effect.delay and not effect.after_commit:
            await sleep(effect.delay)
        kind = effect.kind
        if kind in ("pass", "delay"):
            if effect.after_commit and effect.delay:
                captured = await fault_asgi.run_captured(self.app, scope, receive)
                await sleep(effect.delay)
                await fault_asgi.send_captured(captured, send)
            else:
                await self.app(scope, receive, send)
            return
        from mockserver.core.faults import DribbleFault, HangFault, TruncateFault  # loaded with any scenario

        if kind in ("truncate", "malformed", "dribble"):
            captured = await fault_asgi.run_captured(self.app, scope, receive)
            if effect.after_commit and effect.delay:
                await sleep(effect.delay)
            if isinstance(effect.fault, TruncateFault):
                await fault_asgi.truncate(effect.fault, captured, send)
            elif isinstance(effect.fault, DribbleFault):
                await fault_asgi.dribble(effect.fault, captured, send, sleep)
            else:
                await fault_asgi.send_captured(captured, send, fault_asgi.malformed(bytes(captured.body)))
            return
        if effect.after_commit:
            await fault_asgi.run_captured(self.app, scope, receive)
            if effect.delay:
                await sleep(effect.delay)
        if kind == "respond":
            response = facade.render(effect, scope, receive)
            await response(scope, receive, send)
        elif kind == "drop":
            await fault_asgi.drop_connection()
        elif isinstance(effect.fault, HangFault):
            if not effect.after_commit:
                await fault_asgi.drain_request(receive)
            await fault_asgi.hang(effect.fault, receive)
