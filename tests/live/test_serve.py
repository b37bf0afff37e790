"""A real `mockserver serve` process: health, a provider at the root of its own port, clean SIGTERM."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

pytestmark = pytest.mark.live

START_TIMEOUT = 15.0


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports (held open together while they are picked)."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in socks]
    finally:
        for sock in socks:
            sock.close()


def stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Kill if still running and collect the output (closes the pipes)."""
    if proc.poll() is None:
        proc.kill()
    out, err = proc.communicate(timeout=10)
    return out, err


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")}


def wait_healthy(proc: subprocess.Popen[str], base: str) -> httpx.Response:
    """Poll /__admin/health until 200; bounded in time, and fails fast if the process dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {stop(proc)[1]}")
        try:
            response = httpx.get(base + "/__admin/health", timeout=1)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.02)  # waiting for a real process to open its socket, not for virtual time
    raise AssertionError("server did not become healthy in time")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[subprocess.Popen[str], int, int]]:
    """`mockserver serve`: OnlineAfspraken also on its own port, clock frozen, an Ons switch, seed from env."""
    main_port, own_port = free_ports(2)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--port",
            str(main_port),
            "--provider-port",
            f"onlineafspraken={own_port}",
            "--log-level",
            "warning",
            "--freeze-at",
            "2026-03-02T09:30:00Z",
            "--option",
            "ons.require_certificate=true",
        ],
        env={**clean_env(), "MOCKSERVER_SEED": "7"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_healthy(proc, f"http://127.0.0.1:{main_port}")
        yield proc, main_port, own_port
    finally:
        stop(proc)


def test_serve_health_reports_seed_and_provider_port(server: tuple[subprocess.Popen[str], int, int]) -> None:
    _, main_port, own_port = server
    body = httpx.get(f"http://127.0.0.1:{main_port}/__admin/health").json()
    assert body["status"] == "ok"
    assert body["seed"] == 7
    ports = {p["name"]: p["port"] for p in body["providers"]}
    assert ports["onlineafspraken"] == own_port
    assert ports["ons"] is None
    assert body["clock"]["mode"] == "frozen"
    assert body["clock"]["now"].startswith("2026-03-02T09:30:00")


def test_serve_option_flag_reaches_the_provider(server: tuple[subprocess.Popen[str], int, int]) -> None:
    _, main_port, _ = server
    anonymous = httpx.get(f"http://127.0.0.1:{main_port}/ons/t/teams", headers={"Accept": "application/json"})
    named = httpx.get(
        f"http://127.0.0.1:{main_port}/ons/t/teams",
        headers={"Accept": "application/json", "X-Client-Cert-CN": "hr_integration-TE1002-free_text"},
    )
    assert anonymous.status_code == 403  # ons.require_certificate=true
    assert named.status_code == 200


def test_serve_provider_on_own_port_answers_at_the_root(server: tuple[subprocess.Popen[str], int, int]) -> None:
    _, main_port, own_port = server
    query = "/APIREST?method=getAgendas"
    via_prefix = httpx.get(f"http://127.0.0.1:{main_port}/onlineafspraken{query}")
    via_root = httpx.get(f"http://127.0.0.1:{own_port}{query}")
    assert via_root.status_code == via_prefix.status_code
    assert via_root.headers["content-type"] == via_prefix.headers["content-type"]
    assert via_root.content == via_prefix.content
    journal = httpx.get(f"http://127.0.0.1:{main_port}/__admin/requests", params={"limit": 2}).json()
    assert [(e["path"], e["provider"]) for e in journal["requests"]] == [
        ("/onlineafspraken/APIREST", "onlineafspraken"),
        ("/onlineafspraken/APIREST", "onlineafspraken"),
    ]


def test_serve_admin_api_is_reachable_on_the_provider_port(server: tuple[subprocess.Popen[str], int, int]) -> None:
    _, _, own_port = server
    assert httpx.get(f"http://127.0.0.1:{own_port}/__admin/health").json()["status"] == "ok"


def test_serve_sigterm_shuts_down_cleanly_and_frees_the_ports() -> None:
    main_port, own_port = free_ports(2)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", "--port", str(main_port), "--provider-port", f"ons={own_port}"],
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_healthy(proc, f"http://127.0.0.1:{main_port}")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    finally:
        _, err = stop(proc)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert f"mockserver 0.1.0 on http://127.0.0.1:{main_port}" in err
    assert "Application shutdown complete" in err
    for port in (main_port, own_port):
        with socket.socket() as sock, pytest.raises(ConnectionRefusedError):
            sock.connect(("127.0.0.1", port))


def first_line(*args: str, stream: str) -> tuple[subprocess.Popen[str], str]:
    """Start `mockserver serve ARGS` and read the first line of its stdout or stderr (bounded wait)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", *args],
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pipe = proc.stdout if stream == "stdout" else proc.stderr
    assert pipe is not None
    readable, _, _ = select.select([pipe], [], [], START_TIMEOUT)
    if not readable:
        stop(proc)
        raise AssertionError(f"no first line on {stream}")
    return proc, pipe.readline()


@pytest.mark.parametrize(("host", "shown"), [("127.0.0.1", "127.0.0.1"), ("::1", "[::1]")])
def test_serve_port_zero_picks_a_free_port_and_says_which(host: str, shown: str) -> None:
    proc, first = first_line("--host", host, "--port", "0", "--log-level", "info", stream="stderr")
    try:
        match = re.search(rf"on http://{re.escape(shown)}:(\d+), seed 42", first)
        assert match, first
        response = wait_healthy(proc, f"http://{shown}:{match.group(1)}")
        assert response.json()["status"] == "ok"
    finally:
        stop(proc)


def test_serve_port_zero_prints_one_parsable_line_at_any_log_level() -> None:
    proc, line = first_line("--port", "0", "--log-level", "critical", stream="stdout")
    try:
        assert re.fullmatch(r"mockserver listening on http://127\.0\.0\.1:\d+\n", line), line
        url = line.split()[-1]
        # Printed once the socket accepts connections: the first try succeeds, and health knows the port.
        health = httpx.get(url + "/__admin/health", timeout=5).json()
        assert health["port"] == int(url.rsplit(":", 1)[1])
    finally:
        out, err = stop(proc)
    assert out == "" and err == ""
