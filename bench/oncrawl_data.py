"""OnCrawl data API on a 100,000-page crawl: seeding time, a filtered search page, a full CSV export.

Budgets (issue: OnCrawl): seeding under 3 s, a filtered search page under 50 ms, a full CSV export
streamed at 50,000 rows/s or more with flat memory. The server runs in this process on a loopback
port (uvicorn in a thread) and is called over HTTP; the peak resident memory during the export is
compared with the size of the file it streams. Figures depend on what else the machine runs.

    .venv/bin/python bench/oncrawl_data.py [--pages 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from mockserver.threaded import serve_in_thread

CRAWL = "5f1e0000000000000000b001"
TOKEN = "oc-bench-token"
SEED_BUDGET_S, SEARCH_BUDGET_MS, EXPORT_BUDGET_ROWS_S = 3.0, 50.0, 50_000
FIXTURES = """
tenants:
  - name: bench
    workspaces: [{{id: 5f1e0000000000000000b000, name: Bench}}]
    tokens: [{{token: {token}}}]
    projects:
      - name: Big shop
        start_url: https://www.big-shop.example/
        crawls: [{{id: {crawl}, pages: {pages}, days_ago: 1}}]
sizes: {{projects: 0}}
"""


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class PeakRss:
    """Samples the resident set size every 5 ms while the block runs."""

    def __enter__(self) -> PeakRss:
        self.base = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    fixtures = Path(tempfile.mkdtemp(prefix="oncrawl-bench-"))
    (fixtures / "oncrawl.yaml").write_text(FIXTURES.format(token=TOKEN, crawl=CRAWL, pages=args.pages))
    app = create_app(Settings(seed=42, fixtures=fixtures), clock=Clock())
    headers = {"Authorization": f"Bearer {TOKEN}"}
    failed = False
    with serve_in_thread(app) as server, httpx.Client(base_url=server.url, headers=headers, timeout=120) as http:
        url = f"/oncrawl/api/v2/data/crawl/{CRAWL}/pages"
        http.get("/oncrawl/api/v2/projects").raise_for_status()  # builds the tenant's store, not the crawl
        started = time.perf_counter()
        first = http.post(url, json={"limit": 1})
        seeded = time.perf_counter() - started
        first.raise_for_status()
        assert first.json()["meta"]["total_hits"] == args.pages
        print(f"seed {args.pages:,} pages (first data call, HTTP included): {seeded:.2f} s (budget {SEED_BUDGET_S} s)")
        failed |= seeded > SEED_BUDGET_S

        cold, warm = [], []
        for round_no in range(args.rounds):
            oql = {
                "and": [
                    {"field": ["status_code", "equals", 200]},
                    {"field": ["depth", "gte", 3 + round_no % 3]},
                    {"field": ["urlpath", "contains", "/product/"]},
                    {"field": ["load_time", "lt", 400 + round_no]},
                ]
            }
            body = {"fields": ["url", "title", "depth", "follow_inlinks"], "oql": oql, "limit": 100}
            body["sort"] = [{"field": "follow_inlinks", "order": "desc"}]
            for bucket, offset in ((cold, 0), (warm, 500)):
                started = time.perf_counter()
                http.post(url, json={**body, "offset": offset}).raise_for_status()
                bucket.append((time.perf_counter() - started) * 1000)
        print(
            f"filtered, sorted search page of 100 (4 conditions): new filter median {statistics.median(cold):.1f} ms, "
            f"next page median {statistics.median(warm):.1f} ms (budget {SEARCH_BUDGET_MS:.0f} ms)"
        )
        failed |= statistics.median(cold) > SEARCH_BUDGET_MS

        fields = ["url", "status_code", "depth", "title", "indexable", "follow_inlinks", "load_time", "canonical_url"]
        for name, chosen in (("8 fields", fields), ("all 30 fields", None)):
            body = (
                {"fields": chosen}
                if chosen
                else {"fields": [f["name"] for f in http.get(f"{url}/fields").json()["fields"]]}
            )
            rows = size = 0
            with PeakRss() as memory:
                started = time.perf_counter()
                with http.stream("POST", url, params={"export": "true", "file_type": "csv"}, json=body) as response:
                    for chunk in response.iter_bytes():
                        rows += chunk.count(b"\n")
                        size += len(chunk)
                elapsed = time.perf_counter() - started
            rate = (rows - 1) / elapsed
            grown = (memory.peak - memory.base) / 1e6
            print(
                f"CSV export, {name}: {rows - 1:,} rows, {size / 1e6:.1f} MB in {elapsed:.2f} s = {rate:,.0f} rows/s "
                f"(budget {EXPORT_BUDGET_ROWS_S:,}); peak memory +{grown:.1f} MB while streaming {size / 1e6:.1f} MB"
            )
            failed |= rate < EXPORT_BUDGET_ROWS_S
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
