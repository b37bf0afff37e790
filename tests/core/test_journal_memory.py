"""How the journal holds an entry: packed into one bytes object, or as received when it cannot be packed."""

from __future__ import annotations

from mockserver.core.journal import Journal, JournalEntry
from mockserver.settings import Settings


def entry(**fields: object) -> JournalEntry:
    return JournalEntry(id="req-00000001", time="", method="GET", path="/x", **fields)  # type: ignore[arg-type]


def test_an_entry_reads_the_same_once_the_journal_packed_it() -> None:
    raw = entry(
        raw_headers=((b"Content-Type", b"application/json"), (b"X-Empty", b"")),
        raw_body=b'{"a": 1}',
        raw_response_headers=((b"content-type", b"text/plain"),),
        raw_response_body=b"done",
        response_type="text/plain",
    )
    journal = Journal()
    journal.add(raw)
    assert raw.raw_headers is None and raw.packed is not None
    shown = raw.to_dict()
    assert shown["request_headers"] == {"content-type": "application/json", "x-empty": ""}
    assert shown["request_body"] == {"a": 1} and shown["request_body_encoding"] == "json"
    assert shown["response_headers"] == {"content-type": "text/plain"}
    assert shown["response_body"] == "done" and shown["response_body_encoding"] == "text"


def test_headers_with_a_nul_are_kept_as_received() -> None:
    odd = entry(raw_headers=((b"x-odd", b"a\x00b"),), raw_response_body=b"ok")
    Journal().add(odd)
    assert odd.packed is None
    assert odd.raw_headers == ((b"x-odd", b"a\x00b"),)
    assert odd.to_dict()["request_headers"] == {"x-odd": "a\x00b"}


def test_a_large_entry_is_packed_like_any_other() -> None:
    big = entry(raw_response_body=b"x" * 300_000)
    journal = Journal(body_bytes=400_000)
    journal.add(big)
    assert isinstance(big.packed, bytes)
    assert big.to_dict()["response_body"] == "x" * 300_000
    assert 300_000 < journal.bytes < 301_000


def test_entries_without_headers_or_bodies_read_as_empty() -> None:
    bare = entry()
    Journal().add(bare)
    shown = bare.to_dict()
    assert shown["request_headers"] == {} and shown["response_headers"] == {}
    assert shown["request_body"] is None and shown["response_body"] is None
    assert shown["notes"] == []


def test_the_journal_holds_12_mib_by_default() -> None:
    assert Settings().journal_max_bytes == 12 * 1024 * 1024
    assert Journal().max_bytes == 12 * 1024 * 1024
