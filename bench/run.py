"""`make bench`: mockserver against a bare FastAPI app serving the same bytes, and the budgets of both.

1. Start-up of both apps and the small commands (bench/startup.py).
2. Throughput: each target of bench/targets.py through `mockserver serve` with its default flags
   (request log at info, to a file) and through the bare app (uvicorn, no access log), alternating
   the two for a few rounds per concurrency so that other load on the machine hits both alike; the
   best round of each counts. The load generator is wrk (or oha) when on PATH, else bench/loadgen.py,
   which shares the CPUs with the servers: then the output says so and shows the ceiling it reached.
   Each server's CPU time per request (from /proc) is shown beside, a figure other load barely moves.
3. Memory: mockserver's resident set after at least a minute of that load.
4. Scale: 100,000 records in one collection per provider (bench/scale.py).

Exit status 1 when a budget (bench/budgets.py) is missed.

    make bench
    make bench ARGS="--json bench.json --rounds 5"
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import budgets
import loadgens
import scale
import startup
from budgets import Verdict
from loadgens import Loadgen, Measure, Request
from targets import TARGETS, Target

#: The vendor's limit of 4 requests in flight per Ons certificate would refuse most of 16 connections
#: with one certificate (cheap 429s, which would flatter the ratio); this is the only flag changed.
SERVE_OPTIONS = ["--option", "ons.in_flight_limit=1000"]


@dataclass
class Row:
    target: str
    connections: int
    bare: Measure
    mock: Measure
    bare_cpu_us: float
    mock_cpu_us: float
    #: With --engine-check: mockserver with a scenario whose rules never match these requests.
    rules: Measure | None = None

    @property
    def ratio(self) -> float:
        return self.mock.rps / self.bare.rps if self.bare.rps else 0.0

    @property
    def cpu_ratio(self) -> float:
        """The bare app's CPU time per request over mockserver's: the requests/s ratio on a quiet core."""
        return self.bare_cpu_us / self.mock_cpu_us if self.mock_cpu_us else 0.0

    @property
    def engine_share(self) -> float | None:
        return self.rules.rps / self.mock.rps if self.rules is not None and self.mock.rps else None


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def running(command: list[str], port: int, log: Path, env: dict[str, str]) -> Iterator[int]:
    """Start ``command`` (output to ``log``), wait for /__admin/health, yield its pid, stop it."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, cwd=startup.PROJECT, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 30
        while startup.status_of(port, "/__admin/health") != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start:\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.01)
        yield proc.pid
    finally:
        startup.stop(proc)


def capture(port: int, target: Target) -> dict[str, str]:
    """mockserver's answer to the target, which the bare app will serve byte for byte."""
    request = target.build()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(request.method, request.path, body=request.body or None, headers=request.headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(
                f"{target.name}: {request.method} {request.path} answered {response.status}: {body[:300]!r}"
            )
        content_type = response.getheader("content-type") or "application/octet-stream"
    finally:
        conn.close()
    return {"method": request.method, "route": target.route, "body": body.decode("utf-8"), "content_type": content_type}


class Bench:
    def __init__(self, args: argparse.Namespace, gen: Loadgen) -> None:
        self.args = args
        self.gen = gen
        #: Seconds of load mockserver has taken, and the requests it answered.
        self.load_seconds = 0.0
        self.requests = 0

    def measure(
        self, pid: int, port: int, request: Request, connections: int, duration: float
    ) -> tuple[Measure, float]:
        """One run, and the server's CPU time per request in microseconds."""
        before = cpu_seconds(pid)
        result = self.gen.run(port, request, connections, duration)
        used = cpu_seconds(pid) - before
        return result, used / result.requests * 1e6 if result.requests else float("nan")

    def compare(self, servers: dict[str, tuple[int, int]], target: Target, connections: int) -> Row:
        best: dict[str, tuple[Measure, float]] = {}
        cpu: dict[str, float] = {}
        request = target.build()  # signed now: the salt stays within the server's window
        for label, (_, port) in servers.items():
            self.gen.run(port, request, connections, self.args.warmup)
            if label == "mock":
                self.load_seconds += self.args.warmup
        for _ in range(self.args.rounds):
            for label, (pid, port) in servers.items():
                result, per_request = self.measure(pid, port, request, connections, self.args.duration)
                if label == "mock":
                    self.load_seconds += self.args.duration
                    self.requests += result.requests
                if label not in best or result.rps > best[label][0].rps:
                    best[label] = (result, per_request)
                cpu[label] = min(cpu.get(label, float("inf")), per_request)
        rules = best["rules"][0] if "rules" in best else None
        return Row(target.name, connections, best["bare"][0], best["mock"][0], cpu["bare"], cpu["mock"], rules)

    def top_up(self, pid: int, port: int) -> None:
        """More load on mockserver, the targets in turn, until it has had LOAD_SECONDS in all."""
        index = 0
        while self.load_seconds < budgets.LOAD_SECONDS:
            target = TARGETS[index % len(TARGETS)]
            seconds = min(5, math.ceil(budgets.LOAD_SECONDS - self.load_seconds))
            self.requests += self.gen.run(port, target.build(), 16, seconds).requests
            self.load_seconds += seconds
            index += 1


def row_lines(row: Row) -> list[str]:
    def line(label: str, m: Measure, cpu_us: float) -> str:
        return (
            f"    {label:<10} {m.rps:>8,.0f} req/s  p50 {m.p50_ms:6.2f} ms  p99 {m.p99_ms:6.2f} ms  "
            f"CPU {cpu_us:5.0f} us/request  ({m.requests:,} requests, {m.not_2xx} not 2xx)"
        )

    lines = [
        f"  {row.connections} connections:",
        line("bare", row.bare, row.bare_cpu_us),
        line("mockserver", row.mock, row.mock_cpu_us),
        f"    {'ratio':<10} {row.ratio:>8.0%} of the bare app's requests/s, "
        f"{row.cpu_ratio:.0%} by CPU time per request",
    ]
    if row.rules is not None:
        lines.append(
            f"    {'+rules':<10} {row.rules.rps:>8,.0f} req/s = {row.engine_share:.0%} of mockserver without them"
        )
    return lines


def rss_mib(pid: int) -> float:
    return scale.rss_mib(pid)


def throughput(args: argparse.Namespace, gen: Loadgen, workdir: Path) -> tuple[list[Row], Verdict, dict[str, object]]:
    bench = Bench(args, gen)
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    mock_port, bare_port = startup.free_port(), startup.free_port()
    mock_log = workdir / "mockserver.log"
    rows: list[Row] = []
    options = [*SERVE_OPTIONS, *(arg for name in args.scenario for arg in ("--scenario", name))]
    env = startup.clean_env()
    with ExitStack() as stack:
        mock_pid = stack.enter_context(running(startup.serve_command(mock_port, options), mock_port, mock_log, env))
        bodies = {target.name: capture(mock_port, target) for target in TARGETS}
        servers = {"bare": (0, bare_port), "mock": (mock_pid, mock_port)}
        if args.engine_check:
            port = startup.free_port()
            command = startup.serve_command(port, [*options, "--scenario", args.engine_check])
            servers["rules"] = (stack.enter_context(running(command, port, workdir / "rules.log", env)), port)
            if {t.name: len(capture(port, t)["body"]) for t in TARGETS} != {
                n: len(b["body"]) for n, b in bodies.items()
            }:
                raise RuntimeError("with --engine-check the answers differ: its rules must match none of the targets")
        (workdir / "bodies.json").write_text(json.dumps(bodies), encoding="utf-8")
        bare_env = startup.clean_env(BENCH_BODIES=str(workdir / "bodies.json"))
        bare_command = [*startup.bare_command(bare_port), "--no-access-log", "--log-level", "warning"]
        with running(bare_command, bare_port, workdir / "bare.log", bare_env) as bare_pid:
            servers["bare"] = (bare_pid, bare_port)
            for target in TARGETS:
                body = bodies[target.name]
                print(
                    f"{target.what}: {body['method']} {target.build().path.split('?')[0]}  ({len(body['body'])} bytes)"
                )
                for connections in levels:
                    row = bench.compare(servers, target, connections)
                    rows.append(row)
                    print("\n".join(row_lines(row)), flush=True)
        bench.top_up(mock_pid, mock_port)
        rss = rss_mib(mock_pid)
    logged = sum(1 for line in mock_log.read_text(errors="replace").splitlines() if '" 200 OK' in line)
    print(f"request log: {logged:,} lines written for at least {bench.requests:,} requests measured")
    print(f"mockserver RSS after {bench.load_seconds:.0f} s of load: {rss:.1f} MiB")
    if not gen.native:
        ceiling = max(row.bare.rps for row in rows)
        print(
            f"NOTE: no wrk or oha on PATH; the Python load generator shares the CPUs with the servers and "
            f"reached at most {ceiling:,.0f} req/s on the bare app, which caps both sides: the ratios are flattered."
        )
    figures = {"load_seconds": bench.load_seconds, "rss_mib": rss, "request_log_lines": logged}
    return rows, budgets.judge_memory(rss, bench.load_seconds), figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Whole seconds: wrk takes no less.
    parser.add_argument("--duration", type=int, default=2, help="seconds per measurement (default 2)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per comparison (default 2)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per comparison (default 1)")
    parser.add_argument("--concurrency", default="16,64", help="connection counts (default 16,64: both judged)")
    parser.add_argument("--startup-runs", type=int, default=5, help="start-ups of each app (default 5)")
    parser.add_argument("--loadgen", choices=("auto", "wrk", "oha", "python"), default="auto")
    parser.add_argument("--skip", action="append", default=[], choices=("startup", "throughput", "scale"))
    parser.add_argument(
        "--scenario", action="append", default=[], metavar="NAME|FILE", help="serve mockserver with this scenario"
    )
    parser.add_argument(
        "--engine-check",
        metavar="FILE",
        help="also run mockserver with this scenario (rules that match none of the targets) in the same rounds; "
        f"budget: at least {budgets.ENGINE_SHARE:.0%} of mockserver's requests/s without it",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    gen = loadgens.choose(args.loadgen)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"mockserver benchmark: {os.cpu_count()} CPUs, load average {load}; load generator {gen.name}")
    verdicts: list[Verdict] = []
    document: dict[str, object] = {"loadgen": gen.name, "load_before": os.getloadavg()}

    if "startup" not in args.skip:
        print("\n== start-up (bench/startup.py)")
        result = startup.measure_startup(args.startup_runs)
        print("\n".join(f"  {line}" for line in startup.report(result)))
        verdicts.append(budgets.judge_startup(result.missed(), f"ratio {result.ratio:.2f}"))
        document["startup"] = result.as_dict()

    if "throughput" not in args.skip:
        print(f"\n== throughput, {args.rounds} rounds of {args.duration:g} s per server, best round")
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            rows, memory, figures = throughput(args, gen, Path(tmp))
        ratios = {(row.target, row.connections): (row.ratio, row.cpu_ratio) for row in rows}
        not_2xx: dict[str, int] = {}
        for row in rows:
            not_2xx[row.target] = not_2xx.get(row.target, 0) + row.mock.not_2xx
        verdicts += budgets.judge_throughput(ratios, not_2xx)
        shares = {(row.target, row.connections): row.engine_share for row in rows if row.engine_share is not None}
        verdicts += budgets.judge_engine(shares)
        verdicts.append(memory)
        document["throughput"] = [asdict(row) | {"ratio": row.ratio, "cpu_ratio": row.cpu_ratio} for row in rows]
        document["memory"] = figures

    if "scale" not in args.skip:
        print(f"\n== scale: {scale.RECORDS:,} records in one collection (bench/scale.py)")
        results = scale.measure_all()
        for scaled in results:
            print(scale.report(scaled))
        verdicts += budgets.judge_scale(results)
        document["scale"] = [asdict(scaled) | {"growth_mib": scaled.growth_mib} for scaled in results]

    verdicts += [budgets.skipped(part) for part in ("startup", "throughput", "scale") if part in args.skip]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n== budgets (load average now {load})")
    for verdict in verdicts:
        print(verdict.line())
    if args.json:
        document["verdicts"] = [asdict(v) for v in verdicts]
        Path(args.json).write_text(json.dumps(document, indent=2), encoding="utf-8")
    return budgets.exit_status(verdicts)


if __name__ == "__main__":
    sys.exit(main())
