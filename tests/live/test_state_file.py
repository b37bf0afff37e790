"""--state-file with a real `mockserver serve`: written on SIGTERM and read back, never half written, never
overwritten when it cannot be read."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import PROJECT_DIR
from tests.live.test_serve import clean_env, free_ports, stop

#: A start that reads megabytes of state takes seconds, more on a loaded machine.
START_TIMEOUT = 90.0

pytestmark = pytest.mark.live

FROZEN = "2026-03-02T09:30:00Z"
FROZEN_TS = 1772443800
ONS = {"Accept": "application/json"}
LEANLAW = {"Authorization": "Bearer ll-hartwell-full-0001"}
ONIX = {"Authorization": "Key onix-key-nordlys-5c1f0e93d2a84b76"}
ONCRAWL = {"Authorization": "Bearer oc-demo-token-full"}


def wait_healthy(proc: subprocess.Popen[str], base: str) -> None:
    """Poll /__admin/health until 200; bounded in time, and fails fast if the process dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {stop(proc)[1]}")
        try:
            if httpx.get(base + "/__admin/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)  # waiting for a real process to open its socket, not for virtual time
    raise AssertionError("server did not become healthy in time")


def start(state_file: Path, *args: str) -> subprocess.Popen[str]:
    port = free_ports(1)[0]
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--state-file", str(state_file)]
    proc = subprocess.Popen(
        [*command, "--freeze-at", FROZEN, "--log-level", "warning", *args],
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.base = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    return proc


@contextmanager
def running(state_file: Path, *args: str) -> Iterator[httpx.Client]:
    proc = start(state_file, *args)
    try:
        wait_healthy(proc, proc.base)  # type: ignore[attr-defined]
        with httpx.Client(base_url=proc.base, timeout=30) as client:  # type: ignore[attr-defined]
            yield client
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    finally:
        _, err = stop(proc)
    assert proc.returncode == 0, err


def write_records(client: httpx.Client) -> list[tuple[str, dict[str, str], list[tuple[str, str]] | None]]:
    """100 records through the vendor APIs of all five providers; the reads that show each of them."""
    reads: list[tuple[str, dict[str, str], list[tuple[str, str]] | None]] = []
    for n in range(30):
        created = client.post("/ons/t/clients", json={"firstName": f"Jan{n}", "birthName": f"Smit{n}"}, headers=ONS)
        assert created.status_code == 201, created.text
        reads.append((created.headers["location"], ONS, None))
    for n in range(25):
        pairs = [("FirstName", f"Els{n}"), ("LastName", "Visser"), ("Email", f"els{n}@example.nl")]
        query = signed_query("setCustomer", pairs, "oa-demo-key", "oa-demo-secret", FROZEN_TS)
        answer = client.get("/onlineafspraken/APIREST", params=query)
        assert "<Status>success</Status>" in answer.text, answer.text
        customer = answer.text.split("<Id>")[1].split("</Id>")[0]
        reads.append(("/onlineafspraken/APIREST", {}, signed_query(
            "getCustomer", [("Id", customer)], "oa-demo-key", "oa-demo-secret", FROZEN_TS
        )))  # fmt: skip
    for n in range(20):
        area = client.post("/leanlaw/v2/practice-areas", json={"label": f"Area {n}"}, headers=LEANLAW)
        assert area.status_code == 201, area.text
    reads.append(("/leanlaw/v2/practice-areas?limit=100", LEANLAW, None))
    for n in range(15):
        project = {"project": {"name": f"Site {n}", "start_url": f"https://site{n}.example/"}}
        created = client.post("/oncrawl/api/v2/projects", json=project, headers=ONCRAWL)
        assert created.status_code == 200, created.text
        reads.append((f"/oncrawl/api/v2/projects/{created.json()['project']['id']}", ONCRAWL, None))
    for n in range(10):
        body = {"orderImportId": f"ERP-{n}", "erpCustomerId": "CUST-1001"}
        order = client.post("/onix/v1/orders", json=body, headers=ONIX)
        assert order.status_code == 200, order.text
    # Onix has no read of an order: saving the same import id again answers the order's id, the same one.
    reads.extend(("/onix/v1/orders", ONIX, [("orderImportId", f"ERP-{n}")]) for n in range(10))
    return reads


def answers(client: httpx.Client, reads: list[tuple[str, dict[str, str], list[tuple[str, str]] | None]]) -> list[bytes]:
    out = []
    for path, headers, params in reads:
        if path == "/onix/v1/orders":
            response = client.post(path, json={**dict(params or []), "erpCustomerId": "CUST-1001"}, headers=headers)
        else:
            response = client.get(path, headers=headers, params=params)
        assert response.status_code == 200, (path, response.text)
        out.append(response.content)
    return out


def test_records_written_before_sigterm_are_there_byte_for_byte_after_a_restart(tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "mockserver.json"
    state_file.parent.mkdir()
    with running(state_file) as first:  # no file yet: a fresh start
        reads = write_records(first)
        assert len(reads) == 30 + 25 + 1 + 15 + 10
        before = answers(first, reads)
        assert first.get("/ons/t/clients/1094", headers=ONS).status_code == 404
    assert json.loads(state_file.read_text())["version"] == 1
    with running(state_file) as second:
        assert answers(second, reads) == before
        # Ids go on from where they were: the seed's clients end at 1063, 30 were added.
        assert second.post("/ons/t/clients", json={"birthName": "Nieuw"}, headers=ONS).headers["location"] == (
            "/ons/t/clients/1094"
        )
    assert [p.name for p in state_file.parent.iterdir()] == ["mockserver.json"]


def test_sigint_writes_the_file_too_and_a_missing_directory_stops_the_start(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    proc = start(state_file)
    try:
        wait_healthy(proc, proc.base)  # type: ignore[attr-defined]
        created = httpx.post(proc.base + "/ons/t/clients", json={"birthName": "Onderbroken"}, headers=ONS)  # type: ignore[attr-defined]
        assert created.status_code == 201
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    finally:
        _, err = stop(proc)
    assert proc.returncode == 0, err
    clients = json.loads(state_file.read_text())["stores"]["ons"]["TE1002"]["_data"]["clients"]["$map"]
    assert [record["birthName"] for key, record in clients if key == 1064] == ["Onderbroken"]
    nowhere = tmp_path / "no-such-directory" / "state.json"
    proc = start(nowhere)
    try:
        proc.wait(timeout=60)
    finally:
        _, err = stop(proc)
    assert proc.returncode == 2
    reason = f"its directory {nowhere.parent} does not exist, so it could not be written"
    assert err == f"mockserver serve: error: --state-file {nowhere}: {reason}\n"


def big_fixtures(tmp_path: Path, clients: int) -> Path:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(PROJECT_DIR / "fixtures", fixtures)
    ons = fixtures / "ons.yaml"
    ons.write_text(ons.read_text().replace("  clients: 60\n", f"  clients: {clients}\n"))
    return fixtures


def test_kill_9_while_a_snapshot_is_being_written_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    fixtures = big_fixtures(tmp_path, 8000)  # megabytes of state: the write takes a while to watch
    proc = start(state_file, "--fixtures", str(fixtures))
    try:
        wait_healthy(proc, proc.base)  # type: ignore[attr-defined]
        client = httpx.Client(base_url=proc.base, timeout=120)  # type: ignore[attr-defined]
        kept = client.post("/ons/t/clients", json={"birthName": "Bewaard"}, headers=ONS).headers["location"]
        assert client.post("/__admin/snapshot").status_code == 200
        previous = state_file.read_bytes()
        lost = client.post("/ons/t/clients", json={"birthName": "Verloren"}, headers=ONS).headers["location"]
        threading.Thread(target=lambda: _ignore_errors(client.post, "/__admin/snapshot"), daemon=True).start()
        temp = _wait_for_temp_file(tmp_path, proc)
        proc.kill()
        proc.wait(timeout=10)
        client.close()
    finally:
        stop(proc)
    assert temp.exists() and temp.stat().st_size > 0, "killed while the temp file was being written"
    assert state_file.read_bytes() == previous
    with running(state_file, "--fixtures", str(fixtures)) as again:
        assert again.get(kept, headers=ONS).status_code == 200
        assert again.get(lost, headers=ONS).status_code == 404


def _ignore_errors(call: object, *args: object) -> None:
    try:
        call(*args)  # type: ignore[operator]
    except httpx.HTTPError:
        pass  # the server is killed under it


def _wait_for_temp_file(directory: Path, proc: subprocess.Popen[str]) -> Path:
    """The snapshot's temp file once it holds some bytes (bounded: a minute, looks a few ms apart)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for path in directory.glob(".state.json.*.tmp"):
            try:
                if path.stat().st_size > 0:
                    return path
            except FileNotFoundError:
                continue  # renamed meanwhile: the write was quicker than this look
        assert proc.poll() is None
        time.sleep(0.005)  # waiting for another process's file, not for virtual time
    raise AssertionError("no temp file appeared while the snapshot was written")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "mockserver-state", "vers', "not a state document: not JSON"),
        (b'{"format": "mockserver-state", "version": 99}', "version: this server reads version 1, got 99"),
    ],
)
def test_a_state_file_that_cannot_be_read_stops_the_server_with_one_line_and_stays(
    tmp_path: Path, content: bytes, message: str
) -> None:
    state_file = tmp_path / "state.json"
    state_file.write_bytes(content)
    proc = start(state_file)
    try:
        proc.wait(timeout=60)
    finally:
        out, err = stop(proc)
    assert proc.returncode == 2
    assert err.count("\n") == 1, err
    assert err.startswith(f"mockserver serve: error: --state-file {state_file}: "), err
    assert message in err
    assert state_file.read_bytes() == content
    assert list(tmp_path.iterdir()) == [state_file]
