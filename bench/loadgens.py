"""The load generators `make bench` can drive: wrk or oha when on PATH (native, not the bottleneck), else loadgen.py.

Each one runs one closed-loop measurement (``concurrency`` keep-alive connections for ``duration``
seconds on one request) and returns a Measure: requests/s, p50 and p99 latency, and the answers
that were not 2xx.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import loadgen


@dataclass(frozen=True)
class Request:
    """One benchmarked request: the same bytes sent again and again."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    not_2xx: int = 0


class Wrk:
    """wrk with one thread (C, event-driven: tens of thousands of requests/s on one core)."""

    name = "wrk"
    native = True

    def __init__(self, path: str) -> None:
        self.path = path

    def run(self, port: int, request: Request, concurrency: int, duration: float) -> Measure:
        with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
            script = Path(tmp) / "request.lua"
            script.write_text(lua(request), encoding="utf-8")
            command = [
                self.path,
                "-t1",
                f"-c{concurrency}",
                f"-d{max(1, round(duration))}s",
                "--latency",
                "-s",
                str(script),
            ]
            command.append(f"http://127.0.0.1:{port}{request.path}")
            done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
        return parse_wrk(done.stdout)


def lua(request: Request) -> str:
    """A wrk script sending ``request`` (long brackets: no escaping needed for JSON or query strings)."""

    def text(value: str | bytes) -> str:
        value = value.decode("utf-8") if isinstance(value, bytes) else value
        return f"[==[{value}]==]"

    lines = [f"wrk.method = {text(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {text(request.body)}")
    lines += [f"wrk.headers[ {text(name)} ] = {text(value)}" for name, value in request.headers.items()]
    return "\n".join(lines) + "\n"


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(out: str) -> Measure:
    """Requests/s, the 50% and 99% latencies of --latency, the count and the non-2xx/3xx answers."""

    def latency(share: str) -> float:
        found = re.search(rf"^\s*{share}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"no {share}% latency in wrk's output:\n{out}")
        return float(found.group(1)) * UNITS_MS[found.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    count = re.search(r"(\d+) requests in", out)
    if rps is None or count is None:
        raise RuntimeError(f"cannot read wrk's output:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    not_2xx = (int(bad.group(1)) if bad else 0) + (sum(int(n) for n in errors.groups()) if errors else 0)
    return Measure(float(rps.group(1)), latency("50"), latency("99"), int(count.group(1)), not_2xx)


class Oha:
    """oha (Rust, multi-threaded), asked for its JSON summary."""

    name = "oha"
    native = True

    def __init__(self, path: str) -> None:
        self.path = path

    def run(self, port: int, request: Request, concurrency: int, duration: float) -> Measure:
        command = [
            self.path,
            "--no-tui",
            "--json",
            "-c",
            str(concurrency),
            "-z",
            f"{duration:g}s",
            "-m",
            request.method,
        ]
        for name, value in request.headers.items():
            command += ["-H", f"{name}: {value}"]
        if request.body:
            command += ["-d", request.body.decode("utf-8")]
        command.append(f"http://127.0.0.1:{port}{request.path}")
        done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"oha failed ({done.returncode}): {done.stderr.strip()}")
        summary = json.loads(done.stdout)
        statuses = {int(k): v for k, v in summary.get("statusCodeDistribution", {}).items()}
        requests = sum(statuses.values())
        percentiles = summary["latencyPercentiles"]
        return Measure(
            summary["summary"]["requestsPerSec"],
            percentiles["p50"] * 1000,
            percentiles["p99"] * 1000,
            requests,
            sum(n for status, n in statuses.items() if not 200 <= status < 300),
        )


class PythonLoadgen:
    """bench/loadgen.py: asyncio in this process, sharing the CPUs with the servers (it caps both)."""

    name = "python (bench/loadgen.py)"
    native = False

    def run(self, port: int, request: Request, concurrency: int, duration: float) -> Measure:
        async def measure() -> loadgen.Result:
            return await loadgen.run(
                "127.0.0.1",
                port,
                request.path,
                concurrency=concurrency,
                duration=duration,
                method=request.method,
                headers=request.headers,
                body=request.body,
            )

        try:
            import uvloop

            result = uvloop.run(measure())
        except ImportError:
            result = asyncio.run(measure())
        bad = sum(n for status, n in result.statuses.items() if not 200 <= status < 300) + result.errors
        return Measure(result.rps, result.percentile(0.5), result.percentile(0.99), result.requests, bad)


Loadgen = Wrk | Oha | PythonLoadgen


def choose(wanted: str = "auto") -> Loadgen:
    """wrk, else oha, else the Python one (``wanted`` names one of them to insist on it)."""
    if wanted in ("auto", "wrk") and (path := shutil.which("wrk")):
        return Wrk(path)
    if wanted in ("auto", "oha") and (path := shutil.which("oha")):
        return Oha(path)
    if wanted in ("auto", "python"):
        return PythonLoadgen()
    raise RuntimeError(f"load generator {wanted!r} is not on PATH")
