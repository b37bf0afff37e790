"""The journal is bounded in bytes as well as entries, and its byte count is honest about the memory it holds."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

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
        journal.add(big_entry(n, headers=20, value_bytes=1000))  # about 20 kB each, 4 MB in all
    assert journal.bytes <= 1 * MiB
    kept = journal.find()
    assert 45 < len(kept) < 55
    assert kept[0].id == "req-00000199"


def traced(action: Callable[[], object]) -> int:
    """How many bytes of Python's memory ``action`` leaves allocated (what it frees again not counted)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        action()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def fill(journal: Journal, entries: int) -> None:
    for n in range(entries):
        journal.add(big_entry(n, headers=30, value_bytes=500))


def test_journal_byte_count_is_the_memory_it_holds() -> None:
    journal = Journal(maxlen=100_000, max_bytes=1024 * MiB)
    grown = traced(lambda: fill(journal, 600))
    # 30 headers of 500 bytes with a name of 11 or 12 bytes: 15.4 kB packed per entry, 9.2 MB for 600.
    assert 9_200_000 < journal.bytes < 9_800_000, journal.bytes
    assert 0.9 * journal.bytes <= grown <= 1.1 * journal.bytes, (grown, journal.bytes)


def test_reading_an_entry_keeps_nothing() -> None:
    journal = Journal()
    fill(journal, 50)
    entries = journal.find()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        shown = [entry.to_dict() for entry in entries]
        del shown
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 16 * 1024, kept


def test_a_cleared_journal_gives_its_memory_back() -> None:
    journal = Journal(maxlen=100_000, max_bytes=1024 * MiB)

    def fill_then_clear() -> None:
        fill(journal, 600)
        assert journal.bytes > 9 * MiB
        journal.clear()

    assert traced(fill_then_clear) < 64 * 1024


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
