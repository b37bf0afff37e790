"""The requests `make bench` measures, one per kind of work, all against the default fixtures.

Each target is a request to mockserver and the route the bare FastAPI app serves it on (with the
bytes mockserver answered). The OnlineAfspraken call is signed when the measurement starts: its
salt must be within five minutes of the server's clock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from loadgens import Request

from mockserver.providers.onlineafspraken.signing import signed_query

ONS_CN = "hr_integration-TE1002-free_text"
CRAWL = "5f1e0000000000000000c002"
SEARCH = {"fields": ["url", "status_code", "depth", "title"], "oql": {"field": ["depth", "lte", 2]}, "limit": 10}


@dataclass(frozen=True)
class Target:
    name: str
    what: str
    #: The route of the bare app that answers it (a FastAPI path, parameters allowed).
    route: str
    build: Callable[[], Request]


def oa_signed() -> Request:
    pairs = signed_query("getAgendas", [], "oa-demo-key", "oa-demo-secret", int(time.time()))
    return Request("GET", "/onlineafspraken/APIREST?" + urlencode(pairs))


TARGETS = [
    Target(
        "ons-record",
        "Ons: one client (JSON)",
        "/ons/t/clients/{client_id}",
        lambda: Request("GET", "/ons/t/clients/1", {"Accept": "application/json", "X-Client-Cert-CN": ONS_CN}),
    ),
    Target(
        "ons-list",
        "Ons: the teams (JSON list)",
        "/ons/t/teams",
        lambda: Request("GET", "/ons/t/teams", {"Accept": "application/json", "X-Client-Cert-CN": ONS_CN}),
    ),
    Target("oa-signed", "OnlineAfspraken: getAgendas, signed (XML)", "/onlineafspraken/APIREST", oa_signed),
    Target(
        "leanlaw-list",
        "LeanLaw: a page of 10 clients",
        "/leanlaw/v2/clients",
        lambda: Request("GET", "/leanlaw/v2/clients?limit=10", {"Authorization": "Bearer ll-hartwell-full-0001"}),
    ),
    Target(
        "oncrawl-search",
        "OnCrawl: a filtered search of a crawl's pages",
        "/oncrawl/api/v2/data/crawl/{crawl_id}/pages",
        lambda: Request(
            "POST",
            f"/oncrawl/api/v2/data/crawl/{CRAWL}/pages",
            {"Authorization": "Bearer oc-demo-token-full", "Content-Type": "application/json"},
            json.dumps(SEARCH).encode(),
        ),
    ),
]
