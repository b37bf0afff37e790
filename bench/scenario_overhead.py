"""What the scenario engine costs a request it does not match, measured in process (no sockets, no client).

Three apps answer the same Ons requests through the full ASGI pipeline: without the scenario
middleware, with it but nothing applied, and with a scenario whose rules name Ons but never match
these requests (the worst no-match case: an operation rule forces route matching). Rounds are
interleaved and the fastest round of each is shown. On a busy machine those figures still swing
by 10-20%, so the budget is judged on the middleware's own cost (timed around an app that does
nothing, 5,000 calls, best of 9) as a share of the fastest request without the engine.

    .venv/bin/python bench/scenario_overhead.py [--rounds 15] [--requests 400]

Budget: non-matching rules cost at most 10% over the app without the engine. Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from mockserver.app import create_app  # noqa: E402
from mockserver.core.context import SCOPE_KEY, RequestContext  # noqa: E402
from mockserver.core.scenarios.middleware import ScenarioMiddleware  # noqa: E402
from mockserver.settings import Settings  # noqa: E402

BUDGET = 0.10
NO_MATCH = """\
name: no-match
description: Rules on Ons that the measured requests never match.
provider: ons
rules:
  - {name: creates-drop, match: {operation: create_client}, fault: {type: drop}}
  - {name: exports-locked, match: {operation: get_export_job}, fault: {type: locked, polls: 3}}
  - {name: slow-care-plans, match: {path: /ons/t/dossier/*}, fault: {type: delay, delay: {type: fixed, ms: 1}}}
"""
HEADERS = [
    (b"host", b"bench"),
    (b"accept", b"application/json"),
    (b"user-agent", b"bench"),
    (b"x-client-cert-cn", b"hr_integration-TE1002-free_text"),
]


def build(kind: str, scenario: Path) -> Any:
    app = create_app(Settings(seed=42, scenarios=[str(scenario)] if kind == "non-matching rules" else []))
    if kind == "no engine":
        app.user_middleware = [m for m in app.user_middleware if m.cls is not ScenarioMiddleware]
    return app


async def per_request_us(app: Any, path: str, n: int) -> float:
    statuses: set[int] = set()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.add(message["status"])

    started = time.perf_counter()
    for _ in range(n):
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": HEADERS,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8080),
            "state": {},
        }
        await app(scope, receive, send)
    if statuses != {200}:
        raise SystemExit(f"{path}: unexpected statuses {sorted(statuses)}")
    return (time.perf_counter() - started) / n * 1e6


async def measure(rounds: int, requests: int) -> bool:
    kinds = ("no engine", "idle engine", "non-matching rules")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "no-match.yaml"
        scenario.write_text(NO_MATCH, encoding="utf-8")
        apps = {kind: build(kind, scenario) for kind in kinds}
        for path in ("/ons/t/teams", "/ons/t/clients/1"):
            for app in apps.values():
                await per_request_us(app, path, requests // 2)
            times: dict[str, list[float]] = {kind: [] for kind in kinds}
            for _ in range(rounds):
                for kind, app in apps.items():
                    times[kind].append(await per_request_us(app, path, requests))
            base = min(times["no engine"])
            print(f"GET {path}")
            for kind in kinds:
                best, median = min(times[kind]), statistics.median(times[kind])
                print(f"  {kind:<20} best {best:7.1f} us/request  median {median:7.1f}  ({best / base - 1:+.1%})")
            alone = await middleware_alone(apps, path)
            share = alone / base
            print(f"  engine's own cost with non-matching rules: {share:.1%} of a request without the engine")
            ok &= share <= BUDGET
    return ok


async def middleware_alone(apps: dict[str, Any], path: str) -> float:
    """The scenario middleware around an app that does nothing: its own cost, free of the pipeline's noise."""

    async def nothing(scope: Any, receive: Any, send: Any) -> None:
        return None

    def alone(app: Any) -> ScenarioMiddleware:
        options = next(m.kwargs for m in app.user_middleware if m.cls is ScenarioMiddleware)
        return ScenarioMiddleware(nothing, **options)

    wrapped = {"idle engine": alone(apps["idle engine"]), "non-matching rules": alone(apps["non-matching rules"])}
    for kind, middleware in wrapped.items():
        best = float("inf")
        for _ in range(9):
            started = time.perf_counter()
            for _ in range(5000):
                ctx = RequestContext("bench", 0.0, provider="ons")
                scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": HEADERS,
                         "client": ("127.0.0.1", 50000), SCOPE_KEY: ctx}  # fmt: skip
                await middleware(scope, None, None)  # type: ignore[arg-type]
            best = min(best, (time.perf_counter() - started) / 5000 * 1e6)
        print(f"  middleware alone, {kind:<18} {best:5.2f} us/request")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=400, help="requests per round and app")
    args = parser.parse_args()
    ok = asyncio.run(measure(args.rounds, args.requests))
    print(f"budget: non-matching rules within {BUDGET:.0%} of no engine: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
