"""`make bench`: start-up time, and the full pipeline against a bare FastAPI app serving the same bytes.

Both servers run under uvicorn with one worker on loopback; the load generator (bench/loadgen.py)
shares the machine, so compare the ratio rather than the absolute figures. Budgets (DESIGN.md):
start-up to a healthy /__admin/health under 1 s, pipeline at least 60% of the bare app's requests/s.
Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import loadgen

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
STARTUP_BUDGET_S = 1.0
RATIO_BUDGET = 0.60
#: The scenario engine with rules that match nothing keeps at least this share of the pipeline's requests/s.
ENGINE_BUDGET = 0.90
#: name -> path; the bare app answers the same paths.
ENDPOINTS = {"clients": "/ons/t/clients/{id}", "teams": "/ons/t/teams"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mockserver_command() -> list[str]:
    """The installed `mockserver` script next to this Python, as a user runs it."""
    script = Path(sys.executable).parent / "mockserver"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mockserver"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")}
    env.update(extra)
    return env


def wait_ready(proc: subprocess.Popen[bytes], url: str, timeout: float = 15.0) -> float:
    """Seconds until ``url`` answers 200, polled every 5 ms; bounded."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} not ready after {timeout} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def serve_args(port: int, scenarios: list[str]) -> list[str]:
    args = [*mockserver_command(), "serve", "--port", str(port), "--log-level", "warning"]
    # The vendor's limit of 4 requests in flight per certificate would answer 429 to a load generator
    # holding 16 connections with one certificate; the benchmark measures the pipeline, not that limit.
    args += ["--option", "ons.in_flight_limit=1000"]
    for scenario in scenarios:
        args += ["--scenario", scenario]
    return args


@contextmanager
def running(args: list[str], health: str, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(proc, health)
        yield proc
    except RuntimeError:
        stop(proc)
        assert proc.stderr is not None
        sys.stderr.write(proc.stderr.read().decode(errors="replace"))
        raise
    finally:
        stop(proc)
        if proc.stderr is not None:
            proc.stderr.close()


def measure_startup(runs: int, scenarios: list[str]) -> list[float]:
    """Seconds from process start to a 200 from /__admin/health, default fixtures."""
    times = []
    for _ in range(runs):
        port = free_port()
        proc = subprocess.Popen(
            serve_args(port, scenarios), env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            times.append(wait_ready(proc, f"http://127.0.0.1:{port}/__admin/health"))
        finally:
            stop(proc)
    return times


def capture(port: int, paths: dict[str, str]) -> dict[str, dict[str, str]]:
    """The pipeline's bytes for each benchmarked path (the bare app will serve exactly these)."""
    out = {}
    for name, path in paths.items():
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}; the benchmark needs a 200")
            out[name] = {"body": response.read().decode("utf-8"), "content_type": response.headers["content-type"]}
    return out


def load(port: int, path: str, concurrency: int, duration: float, warmup: float) -> loadgen.Result:
    async def both() -> loadgen.Result:
        if warmup > 0:
            await loadgen.run("127.0.0.1", port, path, concurrency=concurrency, duration=warmup)
        return await loadgen.run("127.0.0.1", port, path, concurrency=concurrency, duration=duration)

    try:
        import uvloop

        return uvloop.run(both())
    except ImportError:
        return asyncio.run(both())


def compare(ports: dict[str, int], path: str, concurrency: int, args: argparse.Namespace) -> dict[str, loadgen.Result]:
    """Alternate the servers for several rounds, so a burst of load elsewhere hits each alike.

    Requests/s is the best round of each server (``--stat best``, the default: outside load only
    ever slows a round down, so the fastest round is the least disturbed one) or the median round;
    latencies are pooled from every round.
    """
    rounds: dict[str, list[loadgen.Result]] = {label: [] for label in ports}
    for index in range(args.rounds):
        for label, port in ports.items():
            warmup = args.warmup if index == 0 else 0.0
            rounds[label].append(load(port, path, concurrency, args.duration, warmup))
    pick = max if args.stat == "best" else statistics.median
    merged = {}
    for label, results in rounds.items():
        total = loadgen.Result()
        for result in results:
            total.requests += result.requests
            total.errors += result.errors
            total.latencies += result.latencies
            for status, count in result.statuses.items():
                total.statuses[status] = total.statuses.get(status, 0) + count
        chosen_rps = pick([r.rps for r in results])
        total.seconds = total.requests / chosen_rps if chosen_rps else 0.0
        merged[label] = total
    return merged


def row(label: str, result: loadgen.Result) -> str:
    bad = sum(n for status, n in result.statuses.items() if status != 200) + result.errors
    return (
        f"  {label:<10} {result.rps:>9,.0f} req/s   p50 {result.percentile(0.50):6.2f} ms   "
        f"p99 {result.percentile(0.99):6.2f} ms   ({result.requests} requests, {bad} not 200)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=1.5, help="seconds per measurement (default 1.5)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per comparison (default 5)")
    parser.add_argument(
        "--stat",
        choices=("best", "median"),
        default="best",
        help="requests/s of a server: its best round (default) or its median round",
    )
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up before the first round")
    parser.add_argument(
        "--concurrency", default="1,16", help="comma-separated connection counts (default 1,16; budget on the last)"
    )
    parser.add_argument("--startup-runs", type=int, default=5, help="start-ups to time (default 5, median reported)")
    parser.add_argument("--client-id", default="1", help="the Ons client id to fetch (default 1)")
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME|FILE",
        help="pass --scenario to mockserver serve, to measure the scenario engine (repeatable)",
    )
    parser.add_argument(
        "--engine-check",
        metavar="NAME|FILE",
        help="also run a second pipeline with this scenario (rules that never match the benchmarked "
        "requests) in the same rounds, and report its requests/s against the pipeline without it",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    paths = {name: path.format(id=args.client_id) for name, path in ENDPOINTS.items()}

    print(f"mockserver benchmark: one uvicorn worker each, loopback, {os.cpu_count()} CPUs shared with the client")
    if args.scenario:
        print(f"scenarios: {', '.join(args.scenario)}")
    startup = measure_startup(args.startup_runs, args.scenario)
    startup_median = statistics.median(startup)
    print(
        f"start-up to healthy /__admin/health: median {startup_median:.3f} s "
        f"(min {min(startup):.3f}, max {max(startup):.3f}, {len(startup)} runs)"
    )

    figures: dict[str, dict[str, dict[str, float]]] = {}
    ratios: dict[str, float] = {}
    shares: dict[str, float] = {}
    workdir = Path(tempfile.mkdtemp(prefix="mockserver-bench-"))
    try:
        pipe_port, bare_port, rules_port = free_port(), free_port(), free_port()
        ports = {"bare": bare_port, "pipeline": pipe_port}
        with ExitStack() as servers:
            health = f"http://127.0.0.1:{pipe_port}/__admin/health"
            servers.enter_context(running(serve_args(pipe_port, args.scenario), health, clean_env()))
            if args.engine_check:
                ports["+rules"] = rules_port
                rules_args = serve_args(rules_port, [*args.scenario, args.engine_check])
                servers.enter_context(running(rules_args, f"http://127.0.0.1:{rules_port}/__admin/health", clean_env()))
            bodies = capture(pipe_port, paths)
            if args.engine_check:
                # Seeded dates follow the clock at start-up, so only the shape of the answers can be compared.
                shape = {n: (len(b["body"]), b["content_type"]) for n, b in bodies.items()}
                rules_bodies = capture(rules_port, paths)
                if {n: (len(b["body"]), b["content_type"]) for n, b in rules_bodies.items()} != shape:
                    raise RuntimeError("the pipeline with --engine-check answers differently; its rules must not match")
            (workdir / "bodies.json").write_text(json.dumps(bodies), encoding="utf-8")
            bare_cmd = [sys.executable, "-m", "uvicorn", "bare_app:app", "--app-dir", str(BENCH_DIR)]
            bare_cmd += ["--port", str(bare_port), "--log-level", "warning", "--no-access-log"]
            bare_env = clean_env(BENCH_BODIES=str(workdir / "bodies.json"))
            probe = f"http://127.0.0.1:{bare_port}{paths['teams']}"
            with running(bare_cmd, probe, bare_env):
                for name, path in paths.items():
                    print(f"GET {path}  ({len(bodies[name]['body'])} bytes, {bodies[name]['content_type']})")
                    for concurrency in levels:
                        print(
                            f" {concurrency} connection{'s' if concurrency > 1 else ''}, {args.rounds} rounds, "
                            f"{args.stat} round:"
                        )
                        results = compare(ports, path, concurrency, args)
                        for label in ports:
                            print(row(label, results[label]))
                        ratio = results["pipeline"].rps / results["bare"].rps if results["bare"].rps else 0.0
                        print(f"  {'ratio':<10} {ratio:>9.0%} of the bare app")
                        engine: dict[str, float] = {}
                        if args.engine_check and results["pipeline"].rps:
                            share = results["+rules"].rps / results["pipeline"].rps
                            shares[name] = share
                            print(f"  {'+rules':<10} {share:>9.0%} of the pipeline without rules")
                            engine = {"rules_rps": results["+rules"].rps, "rules_vs_pipeline": share}
                        ratios[name] = ratio
                        figures.setdefault(name, {})[str(concurrency)] = {
                            "bare_rps": results["bare"].rps,
                            "pipeline_rps": results["pipeline"].rps,
                            "ratio": ratio,
                            "bare_p50_ms": results["bare"].percentile(0.5),
                            "bare_p99_ms": results["bare"].percentile(0.99),
                            "pipeline_p50_ms": results["pipeline"].percentile(0.5),
                            "pipeline_p99_ms": results["pipeline"].percentile(0.99),
                            "pipeline_not_200": sum(n for s, n in results["pipeline"].statuses.items() if s != 200),
                            **engine,
                        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    ok_startup = startup_median < STARTUP_BUDGET_S
    ok_ratio = all(r >= RATIO_BUDGET for r in ratios.values())
    print(f"budget start-up < {STARTUP_BUDGET_S:.0f} s: {'ok' if ok_startup else 'MISSED'} ({startup_median:.3f} s)")
    worst = min(ratios.values(), default=0.0)
    print(
        f"budget pipeline >= {RATIO_BUDGET:.0%} of bare at {levels[-1]} connections: "
        f"{'ok' if ok_ratio else 'MISSED'} (lowest {worst:.0%})"
    )
    ok_engine = all(share >= ENGINE_BUDGET for share in shares.values())
    if args.engine_check:
        print(
            f"budget engine with non-matching rules >= {ENGINE_BUDGET:.0%} of the pipeline "
            f"at {levels[-1]} connections: "
            f"{'ok' if ok_engine else 'MISSED'} (lowest {min(shares.values(), default=0.0):.0%})"
        )
    if args.json:
        document = {"startup_s": startup, "startup_median_s": startup_median, "endpoints": figures}
        Path(args.json).write_text(json.dumps(document, indent=2), encoding="utf-8")
    return 0 if ok_startup and ok_ratio and ok_engine else 1


if __name__ == "__main__":
    raise SystemExit(main())
