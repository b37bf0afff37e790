"""The public PyPI client `oncrawl-mcp-server` 0.4.6 (its OnCrawlClient), unmodified, in its own virtualenv.

Every method of the client is called against a live server and succeeds. The client keeps its base URL
in a class attribute (``OnCrawlClient.BASE_URL``) rather than reading it from the environment, so it is
driven by drive.py, run with the client's own interpreter (``python -I``: nothing of the project is
importable there), which sets the attribute the way a user of the client would and calls each method
once. Expected values come from fixtures/oncrawl.yaml (project 5f1e…a001 "Demo shop", crawl 5f1e…c002
of 2,000 pages after crawl 5f1e…c001, comparison 5f1e…cc01) and the vendor's data API rules.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.clients.session import client_python
from tests.conftest import run_live

pytestmark = pytest.mark.live

DRIVER = Path(__file__).with_name("drive.py")
WORKSPACE, PROJECT = "5f1e00000000000000000001", "5f1e0000000000000000a001"
OLD_CRAWL, CRAWL, COC = "5f1e0000000000000000c001", "5f1e0000000000000000c002", "5f1e0000000000000000cc01"


def test_every_client_call_succeeds(clock: Clock, tmp_path: Path) -> None:
    with run_live(create_app(Settings(seed=1234), clock=clock)) as server:
        done = subprocess.run(
            [str(client_python("oncrawl")), "-I", str(DRIVER), f"{server.url}/oncrawl/api/v2/", "oc-demo-token-full"]
            + [WORKSPACE, PROJECT, CRAWL, COC],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=tmp_path,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["list_projects"][0] == PROJECT
    assert out["get_project"] == [OLD_CRAWL, CRAWL]
    assert out["get_fields"] == 30 and out["get_fields_links"] == 9
    hits_404, shown = out["search_pages"]
    assert hits_404 > 0 and shown == 5
    assert out["search_all_pages"] == [hits_404, hits_404]
    links_total = out["search_links"][0]
    assert out["search_links"][1] == 10
    assert out["search_all_links"] == [links_total, links_total]
    assert out["export_links"] == links_total + 1  # a CSV header, then one line per link
    assert out["export_links_json"] == links_total
    assert out["aggregate"] == ["depth", "count"]
    assert out["aggregate_ranges"] == ["0", "1-10", "10+"]
    assert out["export_pages_json"] == 2000
    assert out["export_pages_csv"] == "url;status_code"
    assert out["search_clusters"] == 5
    assert out["search_structured_data"] > 0
    assert out["get_crawl_over_crawl_fields"] == 11
    assert out["search_crawl_over_crawl"] >= 0
    assert out["aggregate_crawl_over_crawl"] == ["content_changed", "new", "removed", "status_changed", "unchanged"]
    assert out["error"].startswith("OnCrawl API error 400")
