"""`mockserver demo NAME`: serve with a scenario on a free loopback port, run its script, print what a client saw."""

from __future__ import annotations

import argparse
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from mockserver.commands import SUMMARIES, fail
from mockserver.config_errors import ConfigError
from mockserver.core.clock import Clock
from mockserver.core.render import parse_xml
from mockserver.core.scenarios.loader import load_file, resolve
from mockserver.core.scenarios.model import DemoStep, Scenario
from mockserver.settings import Settings
from mockserver.threaded import serve_in_thread

TIMESTAMP = re.compile(rb"<Timestamp>(\d+)</Timestamp>")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=SUMMARIES["demo"],
        description="Start a server on a free 127.0.0.1 port with scenario NAME applied, send the scenario's "
        "demo requests, and print each answer: status, latency, and the rule and fault that caused it.",
        epilog="Exit status 2: the scenario was refused or has no demo script; 1: the server did not start.",
    )
    parser.add_argument("name", metavar="NAME|FILE")
    parser.add_argument("--scenarios-dir", type=Path, default=None, help="where NAME.yaml files live")
    parser.add_argument("--seed", type=int, default=42, help="seed of the server's data (default 42)")
    parser.add_argument("--timeout", type=float, default=60.0, help="stop the script after this many seconds")
    parser.set_defaults(handler=run)


@dataclass
class Seen:
    """One call as the client saw it."""

    number: int
    request: str
    at_ms: float
    latency_ms: float
    outcome: str
    request_id: str | None
    status: int | None


def run(args: argparse.Namespace) -> int:
    directory = args.scenarios_dir if args.scenarios_dir is not None else Settings().scenarios_dir
    from mockserver.app import create_app
    from mockserver.commands.scenarios import catalog

    try:
        path = resolve(args.name, directory)
        scenario = load_file(path, catalog())
        if not scenario.demo:
            raise ConfigError(str(path), "has no demo script (a 'demo' list of requests)", "demo")
        app = create_app(Settings(seed=args.seed, scenarios=[str(path)], scenarios_dir=directory))
    except ConfigError as exc:
        return fail("demo", str(exc))
    print(f"scenario {scenario.name}: {scenario.description}")
    try:
        with serve_in_thread(app, log_level="critical") as server:
            base = server.url
            print(f"server   {base} (seed {args.seed})\n")
            Script(base, scenario, args.timeout).play()
    except RuntimeError as exc:
        fail("demo", str(exc))
        return 1
    return 0


class Script:
    """Plays a scenario's demo steps and prints one timeline line per call."""

    def __init__(self, base: str, scenario: Scenario, timeout: float) -> None:
        self.base = base
        self.scenario = scenario
        self.deadline = time.monotonic() + timeout
        self.started = time.perf_counter()
        self.client = httpx.Client(base_url=base)
        self.location: str | None = None
        self.server_timestamp: int | None = None
        self.count = 0
        self.journalled: set[str] = set()
        self.lock = threading.Lock()
        self.seen: list[Seen] = []

    def play(self) -> None:
        print(f"{'#':>3}  {'at':>8}  {'request':<38} {'answer':<44} {'latency':>9}  rule / fault")
        with self.client:
            for step in self.scenario.demo:
                if time.monotonic() > self.deadline:
                    print("(stopped: --timeout reached)")
                    break
                if step.advance:
                    self.client.post("/__admin/clock", json={"action": "advance", "seconds": step.advance})
                    print(f"{'':>3}  {'':>8}  -- virtual clock moved {step.advance:+g} s --")
                if step.note:
                    print(f"{'':>3}  {'':>8}  -- {step.note} --")
                if step.parallel and step.repeat > 1:
                    with ThreadPoolExecutor(max_workers=min(step.repeat, 32)) as pool:
                        results = list(pool.map(self.call, [step] * step.repeat))
                    for seen in results:
                        self.show(seen)
                else:
                    for _ in range(step.repeat):
                        self.show(self.call(step))
        faulted = sum(1 for s in self.seen if s.status is None or s.status >= 400 or "failed" in s.outcome)
        print(f"\n{len(self.seen)} calls, {faulted} faulted or failed, {len(self.seen) - faulted} fine")

    def call(self, step: DemoStep) -> Seen:
        method, _, path = step.request.partition(" ")
        if path == "{location}":
            path = self.location or "/"
        params: list[tuple[str, str]] = list(step.params.items())
        if step.sign is not None:
            params = self.signed(params, step.sign)
        with self.lock:
            self.count += 1
            number = self.count
        began = time.perf_counter()
        try:
            response = self.client.request(
                method,
                path,
                params=httpx.QueryParams(tuple(params)),
                headers=step.headers,
                json=step.json_body,
                timeout=step.timeout,
            )
        except httpx.HTTPError as exc:
            latency = (time.perf_counter() - began) * 1000
            outcome = f"{type(exc).__name__}: {str(exc)[:40] or 'no answer'}"
            return Seen(number, step.request, (began - self.started) * 1000, latency, outcome, None, None)
        latency = (time.perf_counter() - began) * 1000
        if "location" in response.headers:
            self.location = response.headers["location"]
        found = TIMESTAMP.search(response.content)
        if found:
            self.server_timestamp = int(found.group(1))
        outcome = f"{response.status_code} {answer_hint(response)}"
        at = (began - self.started) * 1000
        request_id = response.headers.get("x-request-id")
        return Seen(number, f"{method} {path}", at, latency, outcome, request_id, response.status_code)

    def signed(self, params: list[tuple[str, str]], sign: str) -> list[tuple[str, str]]:
        from mockserver.providers.onlineafspraken.signing import signed_query

        tenant = self.client.get("/__admin/credentials").json()["onlineafspraken"][0]
        pairs = dict(params)
        method = pairs.pop("method", "getAgendas")
        salt = self.server_timestamp if sign == "server-timestamp" and self.server_timestamp else None
        if salt is None:
            salt = int(Clock().timestamp())  # the client's own (wall) clock, not the server's
        return signed_query(method, pairs.items(), tenant["api_key"], tenant["api_secret"], salt)

    def show(self, seen: Seen) -> None:
        self.seen.append(seen)
        rule = self.why(seen)
        print(
            f"{seen.number:>3}  {seen.at_ms:>6.0f}ms  {seen.request[:38]:<38} {seen.outcome[:44]:<44} "
            f"{seen.latency_ms:>7.1f}ms  {rule}"
        )

    def why(self, seen: Seen) -> str:
        """The rule and fault from the journal: by request id, or the newest unclaimed entry for a lost answer."""
        for _ in range(20):  # a dropped connection is journalled a moment after the client sees it
            entries = self.client.get("/__admin/requests", params={"limit": 200}).json()["requests"]
            entry = next((e for e in entries if e["id"] == seen.request_id), None) if seen.request_id else None
            if entry is None and seen.request_id is None:
                lost = (e for e in reversed(entries) if e["status"] is None and e["id"] not in self.journalled)
                entry = next(lost, None)
            if entry is not None:
                self.journalled.add(entry["id"])
                parts = [entry.get("rule") or "-", entry.get("fault") or ""]
                if entry.get("dice") is not None:
                    parts.append(f"dice {entry['dice']:.3f}")
                return "  ".join(p for p in parts if p)
            time.sleep(0.01)
        return "?"


def answer_hint(response: httpx.Response) -> str:
    """A few words of the body: the vendor's error message or failed status."""
    kind = response.headers.get("content-type", "")
    if "xml" in kind:
        try:
            root = parse_xml(response.content)
        except (ValueError, SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
            return "(unparsable body)"
        status = root.findtext("Status/Status")
        if status:
            return f"{status} {root.findtext('Status/Message') or ''}".strip()
    if "json" in kind and response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            return "(unparsable body)"
        entries = body.get("errorResponseEntries") if isinstance(body, dict) else None
        if entries:
            return str(entries[0].get("message", ""))
        return str(body)[:40]
    return kind.split(";")[0] or "(no body)"
