"""Scale: 100,000 records in one collection of a provider, seeded and then served in full with flat memory.

Per provider the collection its clients read in bulk: Ons clients (the x-stream-connect data stream,
NDJSON), LeanLaw time entries (every page of 1,000), OnCrawl a crawl's pages (the CSV export).
OnlineAfspraken places appointments on free slots and pages customers by 100s at most, and Onix has
no listing of a large collection; neither has a bulk read to measure. Each provider gets its own
`mockserver serve` (default flags, the default fixtures with that one size changed); seeding is the
first call that needs the tenant's store, and the resident memory is read from /proc before the full
read, every 10 ms during it, and after it.

    .venv/bin/python bench/scale.py            # the three providers, budgets checked
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from startup import PROJECT, clean_env, free_port, script, status_of, stop

RECORDS = 100_000
MIB = 1024 * 1024


@dataclass
class Scaled:
    provider: str
    collection: str
    records: int
    seed_s: float
    rss_before_mib: float
    rss_peak_mib: float
    rss_after_mib: float
    streamed_bytes: int
    stream_s: float

    @property
    def growth_mib(self) -> float:
        """How far the resident memory rose above its level before the full read, at its highest."""
        return max(self.rss_peak_mib, self.rss_after_mib) - self.rss_before_mib


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class Peak:
    """The highest resident set of ``pid`` while the block runs, sampled every 10 ms."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = rss_mib(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mib(self.pid))

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def server(fixtures: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    command = [*script("mockserver"), "serve", "--port", str(port), "--fixtures", str(fixtures)]
    command += ["--max-records", str(2 * RECORDS)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=clean_env(), cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while status_of(port, "/__admin/health") != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mockserver did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.01)
        yield proc, port
    finally:
        stop(proc)


def call(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, int]:
    """(status, bytes of the body), the body read in pieces and dropped."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
        return response.status, size
    finally:
        conn.close()


def ok(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> int:
    status, size = call(port, method, path, headers, body)
    if status != 200:
        raise RuntimeError(f"{method} {path} answered {status}")
    return size


@dataclass(frozen=True)
class Case:
    provider: str
    collection: str
    #: Changes the provider's default fixtures so that the collection holds RECORDS records.
    grow: Callable[[dict], None]
    #: The first call that needs the store (it is built then); the full read of the collection.
    seed: Callable[[int], int]
    read_all: Callable[[int], int]


ONS = {"Accept": "application/json", "X-Client-Cert-CN": "hr_integration-TE1002-free_text"}
LEANLAW = {"Authorization": "Bearer ll-hartwell-full-0001"}
ONCRAWL = {"Authorization": "Bearer oc-demo-token-full", "Content-Type": "application/json"}
CRAWL = "5f1e0000000000000000c002"


def set_size(key: str) -> Callable[[dict], None]:
    def grow(raw: dict) -> None:
        raw["sizes"][key] = RECORDS

    return grow


def grow_crawl(raw: dict) -> None:
    crawl = next(c for p in raw["tenants"][0]["projects"] for c in p.get("crawls", []) if c["id"] == CRAWL)
    crawl["pages"] = RECORDS


def leanlaw_pages(port: int) -> int:
    size = offset = 0
    while True:
        status, got = call(port, "GET", f"/leanlaw/v2/time-entries?limit=1000&offset={offset}", LEANLAW)
        if status != 200:
            raise RuntimeError(f"LeanLaw time entries at offset {offset}: {status}")
        size += got
        offset += 1000
        if offset >= RECORDS:
            return size


def oncrawl_export(port: int) -> int:
    fields = json.dumps({"fields": ["url", "status_code", "depth", "title", "follow_inlinks", "load_time"]}).encode()
    path = f"/oncrawl/api/v2/data/crawl/{CRAWL}/pages?export=true&file_type=csv"
    return ok(port, "POST", path, ONCRAWL, fields)


CASES = [
    Case(
        "ons",
        "clients (GET /t/clients/x-stream-connect/data, NDJSON)",
        set_size("clients"),
        lambda port: ok(port, "GET", "/ons/t/clients/1", ONS),
        lambda port: ok(port, "GET", "/ons/t/clients/x-stream-connect/data", {**ONS, "Accept": "application/x-ndjson"}),
    ),
    Case(
        "leanlaw",
        "time entries (GET /v2/time-entries, 100 pages of 1,000)",
        set_size("time_entries"),
        lambda port: ok(port, "GET", "/leanlaw/v2/time-entries?limit=1", LEANLAW),
        leanlaw_pages,
    ),
    Case(
        "oncrawl",
        "a crawl's pages (POST /data/crawl/{id}/pages?export=true, CSV)",
        grow_crawl,
        lambda port: ok(port, "POST", f"/oncrawl/api/v2/data/crawl/{CRAWL}/pages", ONCRAWL, b'{"limit": 1}'),
        oncrawl_export,
    ),
]


def measure(case: Case, workdir: Path) -> Scaled:
    fixtures = workdir / case.provider
    shutil.copytree(PROJECT / "fixtures", fixtures)
    path = fixtures / f"{case.provider}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    case.grow(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with server(fixtures, workdir / f"{case.provider}.log") as (proc, port):
        started = time.perf_counter()
        case.seed(port)
        seeded = time.perf_counter() - started
        before = rss_mib(proc.pid)
        with Peak(proc.pid) as peak:
            started = time.perf_counter()
            size = case.read_all(port)
            streamed = time.perf_counter() - started
        after = rss_mib(proc.pid)
    return Scaled(case.provider, case.collection, RECORDS, seeded, before, peak.peak, after, size, streamed)


def measure_all(providers: list[str] | None = None) -> list[Scaled]:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        return [measure(case, Path(tmp)) for case in CASES if providers is None or case.provider in providers]


def report(result: Scaled) -> str:
    return (
        f"  {result.provider:<8} {result.records:,} {result.collection}\n"
        f"           seeded in {result.seed_s:.2f} s; full read {result.streamed_bytes / MIB:.1f} MiB in "
        f"{result.stream_s:.2f} s; RSS {result.rss_before_mib:.0f} MiB before, {result.rss_peak_mib:.0f} at most "
        f"during, {result.rss_after_mib:.0f} after (+{result.growth_mib:.1f} MiB)"
    )


def main(argv: list[str] | None = None) -> int:
    from budgets import judge_scale

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", action="append", help="only this provider (repeatable)")
    args = parser.parse_args(argv)
    results = measure_all(args.provider)
    for result in results:
        print(report(result))
    verdicts = judge_scale(results)
    for verdict in verdicts:
        print(verdict.line())
    return 0 if all(v.ok for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
