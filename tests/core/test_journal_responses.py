"""The journal keeps what was answered: headers and the body's first bytes, credentials redacted."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.journal import Journal, JournalEntry, record_of, weight
from mockserver.settings import Settings

LEANLAW_KEY = {"Authorization": "Bearer ll-hartwell-full-0001"}


def test_response_headers_that_set_a_credential_are_redacted() -> None:
    entry = JournalEntry(
        id="req-00000001",
        time="",
        method="POST",
        path="/x",
        raw_response_headers=((b"Set-Cookie", b"session=abc"), (b"X-Trace", b"t1")),
        raw_response_body=b'{"token": "issued-secret", "label": "Appeals"}',
        response_type="application/json",
    )
    shown = entry.to_dict()
    assert shown["response_headers"] == {"set-cookie": "<redacted>", "x-trace": "t1"}
    # A reply's fields are redacted as a request's: a login's reply carries the token it issues.
    assert shown["response_body"] == '{"token":"<redacted>","label":"Appeals"}'
    assert shown["response_body_encoding"] == "json"


def test_a_binary_response_is_kept_as_base64() -> None:
    entry = JournalEntry(id="r", time="", method="GET", path="/x", raw_response_body=b"\xff\xfe\x00")
    shown = entry.to_dict()
    assert shown["response_body"] == "//4A"
    assert shown["response_body_encoding"] == "base64"


def test_a_response_body_is_kept_up_to_journal_body_bytes(clock: Clock) -> None:
    app = create_app(Settings(seed=1234, journal_body_bytes=16), clock=clock)
    with TestClient(app) as client:
        answer = client.get("/leanlaw/v2/practice-areas", headers=LEANLAW_KEY)
        entry = client.get("/__admin/requests").json()["requests"][0]
    assert entry["response_body"] == answer.text[:16]
    assert entry["response_body_truncated"] is True
    assert entry["response_body_encoding"] == "text"  # sixteen bytes of JSON do not parse


def test_a_response_counts_towards_the_journals_bytes() -> None:
    bare = JournalEntry(id="r", time="", method="GET", path="/x")
    answered = JournalEntry(
        id="r", time="", method="GET", path="/x", raw_response_headers=((b"a", b"b"),), raw_response_body=b"x" * 1000
    )
    assert weight(record_of(answered)) >= weight(record_of(bare)) + 1000
    journal = Journal(maxlen=10, max_bytes=10_000)
    for _ in range(20):
        journal.add(JournalEntry(id="r", time="", method="GET", path="/x", raw_response_body=b"x" * 2000))
    assert journal.bytes <= 10_000
