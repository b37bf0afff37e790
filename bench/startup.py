"""Start-up: time to the first 200 from /__admin/health, mockserver against a bare FastAPI app; small commands.

Both servers are started the same way: their console script from this Python's bin directory
(`mockserver serve`, `uvicorn bare_app:app`), default settings, one worker, a port picked here.
A run's figure is the wall time from starting the process to the first 200 answer, polled every
few milliseconds. Runs alternate (mockserver, bare, mockserver, bare, ...) so a machine whose
speed drifts moves both; the ratio is the median of the per-pair ratios.

    python bench/startup.py --runs 7          # a table, exit 1 when a budget is missed
    python bench/startup.py --runs 7 --json   # the same figures as one JSON document

From Python: ``measure_startup(runs=5)`` returns a ``Startup`` (medians, ratio, every sample).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
HEALTH = "/__admin/health"
#: mockserver's time to a ready /__admin/health, at most this many times the bare app's.
RATIO_BUDGET = 1.25
#: `mockserver --help`, `sign` and `credentials`: wall seconds, at most.
COMMAND_BUDGET_S = 0.3
#: The small commands timed: label -> arguments after `mockserver`.
COMMANDS: dict[str, tuple[str, ...]] = {
    "--help": ("--help",),
    "sign": ("sign", "getAgendas"),
    "credentials": ("credentials",),
}
POLL_S = 0.003


@dataclass
class Startup:
    """Every sample in seconds, and the figures derived from them."""

    runs: int
    serve: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    #: CPU seconds each server process had used when its first 200 came (Linux only; else 0.0).
    serve_cpu: list[float] = field(default_factory=list)
    bare_cpu: list[float] = field(default_factory=list)
    commands: dict[str, list[float]] = field(default_factory=dict)
    #: os.getloadavg() before the first run and after the last.
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def serve_median(self) -> float:
        return statistics.median(self.serve)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)

    @property
    def ratio(self) -> float:
        """mockserver over the bare app: the median of the ratios of runs taken side by side."""
        return statistics.median(s / b for s, b in zip(self.serve, self.bare, strict=True))

    @property
    def cpu_ratio(self) -> float:
        """mockserver's CPU to ready over the bare app's (medians); 0.0 where it cannot be read."""
        bare = statistics.median(self.bare_cpu) if self.bare_cpu else 0.0
        return statistics.median(self.serve_cpu) / bare if bare else 0.0

    @property
    def command_medians(self) -> dict[str, float]:
        return {label: statistics.median(times) for label, times in self.commands.items()}

    def missed(self) -> list[str]:
        """The budgets missed, one line each (empty: all held)."""
        out = []
        if self.serve and self.ratio > RATIO_BUDGET:
            out.append(f"start-up ratio {self.ratio:.2f} > {RATIO_BUDGET}")
        for label, median in self.command_medians.items():
            if median > COMMAND_BUDGET_S:
                out.append(f"mockserver {label}: {median:.3f} s > {COMMAND_BUDGET_S} s")
        return out

    def as_dict(self) -> dict[str, object]:
        document = asdict(self)
        if self.serve:
            document.update(serve_median=self.serve_median, bare_median=self.bare_median, ratio=self.ratio)
            document.update(cpu_ratio=self.cpu_ratio)
        document["command_medians"] = self.command_medians
        return document


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def script(name: str) -> list[str]:
    """A console script next to this Python, as a user runs it (else ``python -m``)."""
    path = Path(sys.executable).parent / name
    return [str(path)] if path.exists() else [sys.executable, "-m", name]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")}
    env.update(extra)
    return env


def serve_command(port: int, extra: Sequence[str] = ()) -> list[str]:
    return [*script("mockserver"), "serve", "--port", str(port), *extra]


def bare_command(port: int) -> list[str]:
    # uvicorn's own defaults, as `mockserver serve` keeps its own (request log at info).
    return [*script("uvicorn"), "bare_app:app", "--app-dir", str(BENCH_DIR), "--port", str(port)]


def status_of(port: int, path: str) -> int | None:
    """The status of GET ``path`` on 127.0.0.1:``port``, or None when nothing answers yet."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_first_200(
    command: Sequence[str], port: int, *, env: Mapping[str, str] | None = None, timeout: float = 30.0
) -> float:
    """Seconds from starting ``command`` until GET /__admin/health on ``port`` answers 200; the process is stopped."""
    return start_to_first_200(command, port, env=env, timeout=timeout)[0]


def start_to_first_200(
    command: Sequence[str], port: int, *, env: Mapping[str, str] | None = None, timeout: float = 30.0
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the server process) from start to the first 200 from /__admin/health.

    The CPU figure depends far less on other load on the machine than the wall time does.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(command), env=dict(env or clean_env()), cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while time.perf_counter() - started < timeout:
            if status_of(port, HEALTH) == 200:
                return time.perf_counter() - started, cpu_seconds(proc.pid)
            if proc.poll() is not None:
                assert proc.stderr is not None
                reason = proc.stderr.read().decode(errors="replace").strip()
                raise RuntimeError(f"{command[0]} exited with status {proc.returncode}: {reason}")
            time.sleep(POLL_S)
        raise RuntimeError(f"{' '.join(command)}: no 200 from {HEALTH} within {timeout} s")
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()


def wall_time(command: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 30.0) -> float:
    """Seconds ``command`` takes from start to exit; a failure is an error, not a figure."""
    started = time.perf_counter()
    done = subprocess.run(
        list(command), env=dict(env or clean_env()), cwd=PROJECT, capture_output=True, timeout=timeout, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return elapsed


def bare_bodies(directory: Path) -> Path:
    """bare_app.py reads the bodies it serves from a file; start-up needs only its health route."""
    path = directory / "bodies.json"
    empty = {"body": "{}", "content_type": "application/json"}
    path.write_text(json.dumps({"clients": empty, "teams": empty}), encoding="utf-8")
    return path


def measure_startup(
    runs: int = 5,
    *,
    serve_args: Sequence[str] = (),
    servers: bool = True,
    commands: bool = True,
    warmup: int = 1,
    timeout: float = 30.0,
) -> Startup:
    """Time ``runs`` start-ups of each server (alternating) and ``runs`` of each small command.

    ``serve_args`` are added to `mockserver serve`; ``warmup`` runs of each are not counted (they fill
    the file cache and byte-compile). ``servers`` or ``commands`` False leaves that part out.
    """
    result = Startup(runs=runs, load_before=os.getloadavg())
    with tempfile.TemporaryDirectory() as workdir:
        bare_env = clean_env(BENCH_BODIES=str(bare_bodies(Path(workdir))))
        for index in range(warmup + runs if servers else 0):
            port = free_port()
            serve, serve_cpu = start_to_first_200(serve_command(port, serve_args), port, timeout=timeout)
            port = free_port()
            bare, bare_cpu = start_to_first_200(bare_command(port), port, env=bare_env, timeout=timeout)
            if index >= warmup:
                result.serve.append(serve)
                result.bare.append(bare)
                result.serve_cpu.append(serve_cpu)
                result.bare_cpu.append(bare_cpu)
    for label, args in COMMANDS.items() if commands else ():
        times = [wall_time([*script("mockserver"), *args], timeout=timeout) for _ in range(warmup + runs)]
        result.commands[label] = times[warmup:]
    result.load_after = os.getloadavg()
    return result


def report(result: Startup) -> list[str]:
    def spread(times: list[float]) -> str:
        return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"

    load = ", ".join(f"{x:.2f}" for x in result.load_before)
    lines = [f"{result.runs} runs each; load average before: {load}"]
    if result.serve:
        lines.append(f"mockserver serve  to 200 on {HEALTH}: {spread(result.serve)}")
        lines.append(f"bare FastAPI app  to 200 on {HEALTH}: {spread(result.bare)}")
        lines.append(f"ratio (median of pairs): {result.ratio:.2f}  (budget <= {RATIO_BUDGET})")
        if result.cpu_ratio:
            cpu = f"{statistics.median(result.serve_cpu):.2f} s against {statistics.median(result.bare_cpu):.2f} s"
            lines.append(f"CPU to the first 200 (medians): {cpu}, ratio {result.cpu_ratio:.2f}")
    for label, times in result.commands.items():
        lines.append(f"mockserver {label:<12} {spread(times)}  (budget <= {COMMAND_BUDGET_S} s)")
    lines.append(f"load average after: {', '.join(f'{x:.2f}' for x in result.load_after)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5; the median counts)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted runs of each first (default 1)")
    parser.add_argument("--no-servers", dest="servers", action="store_false", help="time the small commands only")
    parser.add_argument("--no-commands", dest="commands", action="store_false", help="time the servers only")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the table")
    args = parser.parse_args(argv)
    result = measure_startup(args.runs, servers=args.servers, commands=args.commands, warmup=args.warmup)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print("\n".join(report(result)))
        for line in result.missed():
            print(f"MISSED: {line}")
    return 1 if result.missed() else 0


if __name__ == "__main__":
    sys.exit(main())
