"""The dashboard's first contentful paint from a warm server, in headless Chromium; exits 1 past its budget."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from mockserver.app import create_app
from mockserver.settings import Settings
from mockserver.threaded import serve_in_thread

BUDGET_MS = 200.0
CHROMIUM = Path(os.environ.get("MOCKSERVER_CHROMIUM", "/usr/bin/chromium"))
FCP = "performance.getEntriesByName('first-contentful-paint')"


def paints(loads: int) -> list[float]:
    """First contentful paint (ms) of each load of /__admin/ui, after one load that warms the server."""
    out: list[float] = []
    with serve_in_thread(create_app(Settings(seed=1234))) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            for i in range(loads + 1):
                page.goto(server.url + "/__admin/ui")
                page.wait_for_function(f"{FCP}.length > 0")
                if i:
                    out.append(float(page.evaluate(f"{FCP}[0].startTime")))
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=5, help="measured page loads (default 5)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"dashboard: {CHROMIUM} is missing (make chromium installs it)", file=sys.stderr)
        return 1
    measured = paints(args.loads)
    median = statistics.median(measured)
    verdict = "ok" if median <= BUDGET_MS else "MISSED"
    print(
        f"dashboard first paint: median {median:.0f} ms, best {min(measured):.0f} ms over {len(measured)} loads "
        f"(budget {BUDGET_MS:.0f} ms) {verdict}"
    )
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
