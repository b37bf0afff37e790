"""How the journal holds an entry: packed into one bytes object, or as received when it cannot be packed."""

from __future__ import annotations

from mockserver.core.journal import Journal, JournalEntry
from mockserver.settings import Settings


def entry(**fields: object) -> JournalEntry:
    named: dict[str, object] = {"id": "req-00000001", "time": "", "method": "GET", "path": "/x"}
    return JournalEntry(**(named | fields))  # type: ignore[arg-type]


def kept_and_read(raw: JournalEntry, journal: Journal | None = None) -> JournalEntry:
    journal = Journal() if journal is None else journal
    journal.add(raw)
    (read,) = journal.find(limit=1)
    return read


def test_an_entry_reads_the_same_once_the_journal_packed_it() -> None:
    raw = entry(
        raw_headers=((b"Content-Type", b"application/json"), (b"X-Empty", b"")),
        raw_body=b'{"a": 1}',
        raw_response_headers=((b"content-type", b"text/plain"),),
        raw_response_body=b"done",
        response_type="text/plain",
        query="token=abc&limit=5",
        status=201,
        stamp=1_700_000_000.25,
        dice=0.5,
        duration_ms=1.5,
        request_bytes=8,
        response_bytes=4,
        notes=("429: too many",),
        request_body_truncated=True,
    )
    read = kept_and_read(raw)
    assert read is not raw and read.seq == 1
    assert read.raw_headers == b"Content-Type\x00application/json\x00X-Empty\x00"  # packed: one object
    shown = read.to_dict()
    assert shown["request_headers"] == {"content-type": "application/json", "x-empty": ""}
    assert shown["request_body"] == {"a": 1} and shown["request_body_encoding"] == "json"
    assert shown["response_headers"] == {"content-type": "text/plain"}
    assert shown["response_body"] == "done" and shown["response_body_encoding"] == "text"
    assert shown["query"] == "token=<redacted>&limit=5"
    assert shown["time"] == "2023-11-14T22:13:20.250+00:00"
    assert (shown["status"], shown["dice"], shown["duration_ms"]) == (201, 0.5, 1.5)
    assert (shown["request_bytes"], shown["response_bytes"], shown["notes"]) == (8, 4, ["429: too many"])
    assert (shown["request_body_truncated"], shown["response_body_truncated"]) == (True, False)


def test_an_entry_without_a_stamp_or_dice_reads_them_as_none() -> None:
    read = kept_and_read(entry(time="earlier", response_body_truncated=True))
    assert (read.stamp, read.dice, read.time) == (None, None, "earlier")
    assert read.to_dict()["time"] == "earlier" and read.response_body_truncated is True


def test_headers_with_a_nul_are_kept_as_received() -> None:
    odd = entry(
        raw_headers=((b"x-odd", b"a\x00b"), (b"x-even", b"c")),
        raw_response_headers=((b"x-\x00", b""),),
        raw_response_body=b"ok",
    )
    read = kept_and_read(odd)
    assert read.raw_headers == [(b"x-odd", b"a\x00b"), (b"x-even", b"c")]
    assert read.to_dict()["request_headers"] == {"x-odd": "a\x00b", "x-even": "c"}
    assert read.to_dict()["response_headers"] == {"x-\x00": ""}


def test_text_outside_latin_1_reads_back_the_same() -> None:
    read = kept_and_read(entry(id="réq-€", path="/ons/t/clients/é", query="q=\udcff€"))
    assert (read.id, read.path, read.query) == ("réq-€", "/ons/t/clients/é", "q=\udcff€")


def test_a_large_entry_is_packed_like_any_other() -> None:
    big = entry(raw_response_body=b"x" * 300_000)
    journal = Journal(body_bytes=400_000)
    read = kept_and_read(big, journal)
    assert read.to_dict()["response_body"] == "x" * 300_000
    assert 300_000 < journal.bytes < 301_000


def test_entries_without_headers_or_bodies_read_as_empty() -> None:
    read = kept_and_read(entry())
    shown = read.to_dict()
    assert shown["request_headers"] == {} and shown["response_headers"] == {}
    assert shown["request_body"] is None and shown["response_body"] is None
    assert shown["notes"] == []


def test_the_journal_holds_12_mib_by_default() -> None:
    assert Settings().journal_max_bytes == 12 * 1024 * 1024
    assert Journal().max_bytes == 12 * 1024 * 1024
