"""A 200 from /__admin/health means ready: every provider answers the very next request."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.live.test_serve import clean_env, free_ports, stop, wait_healthy

pytestmark = pytest.mark.live


def cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mockserver", *args], capture_output=True, text=True, env=clean_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def example_request(curl: str) -> tuple[str, dict[str, str]]:
    """The URL and headers of a provider's curl example (`mockserver credentials`)."""
    words = shlex.split(curl)
    headers = dict(words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H")
    return words[-1], headers


def test_every_provider_answers_as_soon_as_health_says_ok() -> None:
    (port,) = free_ports(1)
    base = f"http://127.0.0.1:{port}"
    examples = {p["name"]: p["curl"] for p in json.loads(cli("credentials", "--json", "--base-url", base))["providers"]}
    requests = {name: example_request(curl) for name, curl in examples.items() if name != "onlineafspraken"}
    # OnlineAfspraken's example signs its URL with `mockserver sign`; signed now, it stays valid for 300 s.
    requests["onlineafspraken"] = (cli("sign", "getAgendas", "--base-url", base + "/onlineafspraken/APIREST"), {})
    assert set(requests) == {"ons", "onlineafspraken", "oncrawl", "leanlaw", "onix"}

    proc = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    try:
        wait_healthy(proc, base)

        def fetch(name: str) -> httpx.Response:
            url, headers = requests[name]
            return httpx.get(url, headers=headers, timeout=30)

        # All at once, right after the first 200: none may meet a route or a store still being set up.
        with ThreadPoolExecutor(len(requests)) as pool:
            answers = dict(zip(requests, pool.map(fetch, requests), strict=True))
    finally:
        stop(proc)
    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(requests, 200)
    assert b"<Status>success</Status>" in answers["onlineafspraken"].content
