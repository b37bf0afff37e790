"""The journal is bounded in bytes as well as entries, and its byte count is honest about the memory it holds."""

from __future__ import annotations

import gc
import tracemalloc

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.journal import Journal, JournalEntry
from mockserver.settings import Settings

MiB = 1024 * 1024


def big_entry(n: int, headers: int, value_bytes: int) -> JournalEntry:
    raw = tuple((f"x-header-{h}".encode(), bytes([65 + n % 26]) * value_bytes) for h in range(headers))
    return JournalEntry(
        id=f"req-{n:08d}", time="", method="GET", path=f"/ons/t/clients/{n}", raw_headers=raw, stamp=0.0
    )


def test_journal_drops_the_oldest_past_its_byte_bound() -> None:
    journal = Journal(maxlen=10_000, max_bytes=1 * MiB)
    for n in range(200):
        journal.add(big_entry(n, headers=20, value_bytes=1000))  # about 23 kB each, 4.6 MB in all
    assert journal.bytes <= 1 * MiB
    kept = journal.find()
    assert 30 < len(kept) < 50
    assert kept[0].id == "req-00000199"


def test_journal_byte_count_is_within_half_of_the_memory_it_holds() -> None:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        journal = Journal(maxlen=100_000, max_bytes=1024 * MiB)
        for n in range(300):
            journal.add(big_entry(n, headers=30, value_bytes=500))
        held = tracemalloc.get_traced_memory()[0] - before
        for entry in journal.find():
            entry.to_dict()  # reading settles entries: redacted headers instead of raw ones
        settled = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert journal.bytes / 1.5 <= held <= journal.bytes * 1.5, (held, journal.bytes)
    assert settled <= journal.bytes * 1.5, (settled, journal.bytes)


def test_server_journal_stays_within_its_bytes_under_large_headers(clock: Clock) -> None:
    app = create_app(Settings(seed=1, journal_max_bytes=2 * MiB), clock=clock)
    headers = {f"x-pad-{n}": "v" * 1000 for n in range(25)}
    with TestClient(app) as client:
        for _ in range(300):  # about 8 MB of headers in all
            last = client.get("/ons/t/teams", headers=headers)
        journal = app.state.mock.journal
        assert journal.bytes <= 2 * MiB
        listed = client.get("/__admin/requests", params={"limit": 1}).json()
    assert listed["requests"][0]["id"] == last.headers["x-request-id"]
    assert listed["total"] < 300
