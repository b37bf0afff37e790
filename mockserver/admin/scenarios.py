"""/__admin/scenarios: list, apply (YAML or JSON body, or a shipped name), remove (one or all), set state, reset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from mockserver.config_errors import ConfigError
from mockserver.core.deferred_route import DeferredRoute

if TYPE_CHECKING:
    from mockserver.core.scenarios.runtime import ScenarioService


class StateChange(BaseModel):
    """Body of PUT /__admin/scenarios/{name}/state."""

    model_config = ConfigDict(extra="forbid")

    state: str


def build_scenarios_router(parent: FastAPI) -> APIRouter:
    router = APIRouter(tags=["scenarios"], route_class=DeferredRoute)

    def service() -> ScenarioService:
        scenarios: ScenarioService = parent.state.scenarios
        return scenarios

    def now() -> float:
        return service().engine.clock.timestamp()

    @router.get("/scenarios")
    def list_scenarios() -> dict[str, Any]:
        """Applied scenarios (state, counters) and the names shipped in the scenarios directory."""
        engine = service().engine
        return {
            "scenarios": [active.describe(now()) for active in engine.active()],
            "available": service().available(),
        }

    @router.post("/scenarios", status_code=201)
    async def apply_scenario(request: Request, tenant: str | None = None, name: str | None = None) -> dict[str, Any]:
        """Apply a scenario from the body (YAML or JSON), or a shipped one by its listed name (``?name=``).

        ``?name=`` is looked up only among the names ``GET /__admin/scenarios`` lists: never a path.
        ``?tenant=`` limits the scenario to one tenant.
        """
        body = await request.body()  # at most --admin-max-body-bytes (AdminBodyLimit)
        has_body = bool(body.strip())
        if has_body == (name is not None):
            raise HTTPException(400, "send a scenario as YAML or JSON in the body, or name a shipped one with ?name=")
        try:
            # Parsing and checking a large body takes a while: off the event loop, so other requests go on.
            if name is not None:
                active = await run_in_threadpool(service().apply_shipped, name, tenant)
            else:
                text = body.decode("utf-8", "replace")
                active = await run_in_threadpool(service().apply_text, text, "request body", tenant)
        except ConfigError as exc:
            raise HTTPException(400, str(exc)) from None
        return {"applied": active.describe(now())}

    @router.post("/scenarios/reset")
    def reset_scenarios(name: str | None = None, tenant: str | None = None) -> dict[str, Any]:
        """Every applied scenario (or one) back to ``started``, counters at zero, windows restarted."""
        count = service().engine.reset(tenant=tenant, name=name)
        if name is not None and count == 0:
            raise HTTPException(404, f"scenario {name!r} is not applied")
        return {"reset": count}

    @router.delete("/scenarios")
    def remove_all_scenarios() -> dict[str, int]:
        """Stop applying every scenario (clock jumps are undone)."""
        return {"removed": service().clear()}

    @router.delete("/scenarios/{name}")
    def remove_scenario(name: str, tenant: str | None = None) -> dict[str, Any]:
        """Stop applying a scenario (its clock jump is undone)."""
        if not service().remove(name, tenant):
            raise HTTPException(404, _not_applied(name, tenant))
        return {"removed": name, "tenant": tenant}

    @router.put("/scenarios/{name}/state")
    def set_scenario_state(name: str, change: StateChange, tenant: str | None = None) -> dict[str, Any]:
        """Move an applied scenario to a named state."""
        try:
            active = service().engine.set_state(name, change.state, tenant)
        except KeyError:
            raise HTTPException(404, _not_applied(name, tenant)) from None
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        return {"scenario": active.describe(now())}

    return router


def _not_applied(name: str, tenant: str | None) -> str:
    return f"scenario {name!r} is not applied" + (f" for tenant {tenant!r}" if tenant else "")
