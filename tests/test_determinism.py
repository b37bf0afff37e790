"""Same seed and a frozen clock: byte-identical responses; another seed: other data."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CN = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text"}

# (method, path, headers, body): reads, a create, an update, streams in three formats, a job.
SEQUENCE: list[tuple[str, str, dict[str, str], bytes | None]] = [
    ("GET", "/ons/t/clients/1001", {"Accept": "application/json"}, None),
    ("GET", "/ons/t/employees/1002", {"Accept": "application/xml"}, None),
    ("GET", "/ons/t/teams", {}, None),
    ("GET", "/ons/t/locations", {"Accept": "application/xml"}, None),
    ("GET", "/ons/t/clients/1005/care_plans", {}, None),
    ("POST", "/ons/t/clients", {"Content-Type": "application/json"}, b'{"birthName": "Bos", "firstName": "Eva"}'),
    ("GET", "/ons/t/clients/1064", {}, None),  # ids follow 60 generated clients and 3 tombstones
    (
        "PUT",
        "/ons/t/employees/1001",
        {"Content-Type": "application/xml"},
        b"<employee><homePhone>0101</homePhone></employee>",
    ),
    ("GET", "/ons/t/clients/x-stream-connect/data", {}, None),
    ("GET", "/ons/t/employees/x-stream-connect/data", {"Accept": "application/x-ndjson"}, None),
    ("GET", "/ons/t/locations/x-stream-connect/data.xml", {"Accept": "application/xml"}, None),
    ("GET", "/ons/t/employees/x-stream-connect/updates?since=2026-01-01T00:00:00", {}, None),
    ("GET", "/ons/t/clients/x-stream-connect/deletes?since=2020-01-01T00:00:00Z", {}, None),
    ("POST", "/ons/t/reports/exports", {"Content-Type": "application/json"}, b'{"collection": "employees"}'),
    ("GET", "/ons/t/reports/exports/1", {}, None),
]


def run(seed: int) -> list[tuple[int, dict[str, str], bytes]]:
    clock = Clock()
    clock.freeze(AT)
    with TestClient(create_app(Settings(seed=seed), clock=clock)) as client:
        out = []
        for method, path, headers, body in SEQUENCE:
            response = client.request(method, path, headers={**CN, **headers}, content=body)
            kept = {k: v for k, v in response.headers.items() if k in ("content-type", "location")}
            out.append((response.status_code, kept, response.content))
        return out


def test_same_seed_and_frozen_clock_give_byte_identical_responses() -> None:
    first, second = run(1234), run(1234)
    assert [status for status, _, _ in first] == [
        200,
        200,
        200,
        200,
        200,
        201,
        200,
        202,
        200,
        200,
        200,
        200,
        200,
        201,
        423,
    ]
    assert first[5][1]["location"] == "/ons/t/clients/1064"
    assert first == second


def test_different_seed_gives_different_data() -> None:
    first, other = run(1234), run(4321)
    assert first[0][2] != other[0][2]
    assert first[8][2] != other[8][2]
    assert [status for status, _, _ in first] == [status for status, _, _ in other]


def test_openapi_document_is_the_same_under_any_hash_seed() -> None:
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, json; from mockserver.app import create_app; from mockserver.settings import Settings; "
        "print(hashlib.sha256(json.dumps(create_app(Settings()).openapi(), sort_keys=True).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert len(hashlib.sha256().hexdigest()) == len(digests.pop())
