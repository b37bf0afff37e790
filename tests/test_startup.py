"""Start-up does only what the first request needs: what is imported and built, checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.deferred_route import DeferredRoute, warm_routes
from mockserver.core.pending_routes import PendingRoutes
from mockserver.settings import Settings

#: An Ons connector of the default fixtures (full rights on tenant TE1002).
ONS = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text", "Accept": "application/json"}
#: Loaded on first use or by the warm-up after the server listens, never by start-up itself.
LATER = (
    "faker",
    "lxml",
    "pydantic.v1",
    "h11",
    "cryptography",
    "mockserver.core.faults",  # the scenario models and loader: with the first scenario read
    "mockserver.core.scenarios.model",
    "mockserver.core.scenarios.loader",
)


def modules_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON document (what it found)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=True
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_building_the_app_and_answering_health_loads_none_of_the_later_modules() -> None:
    found = modules_after(
        f"""
        import json, sys
        from starlette.testclient import TestClient
        from mockserver.app import create_app
        from mockserver.settings import Settings
        import mockserver.server
        app = create_app(Settings(seed=1))
        status = TestClient(app).get("/__admin/health").status_code
        loaded = [m for m in {LATER!r} if m in sys.modules]
        routes = [m for m in sys.modules if m.startswith("mockserver.providers.") and ".routes" in m]
        mounted = [name for name, pending in app.state.pending.items() if pending.mounted]
        print(json.dumps({{"status": status, "loaded": loaded + routes, "mounted": mounted}}))
        """
    )
    assert found["status"] == 200
    assert found["loaded"] == []
    assert found["mounted"] == []  # no provider's routes yet: each is mounted by its first request


def test_a_providers_first_request_mounts_its_routes_and_builds_the_one_it_needs() -> None:
    app = create_app(Settings(seed=1))
    pending = app.state.pending
    assert set(pending) == {"ons", "onlineafspraken", "oncrawl", "leanlaw", "onix"}
    with TestClient(app) as client:
        assert client.get("/ons/t/teams", headers=ONS).status_code == 200
        assert [name for name, p in pending.items() if p.mounted] == ["ons"]
        ons = [r for r in app.routes if isinstance(r, DeferredRoute) and r.path.startswith("/ons/")]
        assert len(ons) > 20
        assert [r.path for r in ons if r.pending is None] == ["/ons/t/teams"]  # FastAPI's own route now
        assert client.get("/ons/t/no-such-thing", headers=ONS).status_code == 404  # the vendor's 404, as before


def test_warming_up_mounts_and_builds_everything_and_the_app_answers_as_before() -> None:
    app = create_app(Settings(seed=1))
    with TestClient(app) as client:
        loop_runs = client.portal.call  # the app's event loop, where the warm-up mounts routes
        for pending in app.state.pending.values():
            pending.router()
            loop_runs(mount_on_loop, pending)
        deferred = [r for r in app.routes if isinstance(r, DeferredRoute)]
        assert len(deferred) > 100 and all(r.pending is not None for r in deferred)
        assert warm_routes(app.routes) >= len(deferred)  # the admin app's routes are counted too
        assert all(r.pending is None for r in deferred)
        assert warm_routes(app.routes) == 0
        assert client.get("/__admin/health").json()["status"] == "ok"
        assert client.get("/ons/t/teams", headers=ONS).status_code == 200


async def mount_on_loop(pending: PendingRoutes) -> None:
    pending.mount()


def test_the_command_line_loads_no_server_module_for_help() -> None:
    found = modules_after(
        """
        import contextlib, io, json, sys
        from mockserver.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["--help"])
        heavy = ("fastapi", "pydantic", "uvicorn", "yaml", "faker", "lxml", "httpx", "mockserver.core.scenarios.engine")
        print(json.dumps({"loaded": [m for m in heavy if m in sys.modules]}))
        """
    )
    assert found["loaded"] == []


def test_credentials_and_sign_load_no_route_nor_web_framework() -> None:
    found = modules_after(
        """
        import contextlib, io, json, sys
        from mockserver.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["credentials"])
            main(["sign", "getAgendas"])
        heavy = ("fastapi", "starlette", "uvicorn", "faker", "lxml", "httpx", "mockserver.core.scenarios.engine")
        routes = [m for m in sys.modules if m.startswith("mockserver.providers.") and ".routes" in m]
        print(json.dumps({"loaded": [m for m in heavy if m in sys.modules] + routes}))
        """
    )
    assert found["loaded"] == []
