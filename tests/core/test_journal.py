"""The bounded journal: order, filters, bounds, redaction."""

from mockserver.core.journal import (
    SECRET_QUERY_KEYS,
    Journal,
    JournalEntry,
    JournalFilter,
    redact_headers,
    redact_query,
)


def entry(n: int, **fields: object) -> JournalEntry:
    base: dict[str, object] = {"id": f"req-{n}", "time": "t", "method": "GET", "path": f"/ons/t/clients/{n}"}
    base.update(fields)
    return JournalEntry(**base)  # type: ignore[arg-type]


def test_find_returns_newest_first() -> None:
    journal = Journal()
    for n in range(3):
        journal.add(entry(n))
    assert [e.id for e in journal.find()] == ["req-2", "req-1", "req-0"]


def test_journal_drops_the_oldest_past_its_bound() -> None:
    journal = Journal(maxlen=2)
    for n in range(5):
        journal.add(entry(n))
    assert len(journal) == 2
    assert [e.id for e in journal.find()] == ["req-4", "req-3"]


def test_filters_combine_and_glob_paths_match() -> None:
    journal = Journal()
    journal.add(entry(1, provider="ons", status=200, tenant="a"))
    journal.add(entry(2, provider="ons", status=404, tenant="b", method="PUT"))
    journal.add(entry(3, provider="onlineafspraken", status=200, path="/onlineafspraken/APIREST"))
    assert journal.count(JournalFilter(provider="ons")) == 2
    assert journal.count(JournalFilter(status=200)) == 2
    assert journal.count(JournalFilter(method="put")) == 1
    assert journal.count(JournalFilter(tenant="a")) == 1
    assert journal.count(JournalFilter(path="/ons/t/clients/*")) == 2
    assert journal.count(JournalFilter(path="/ons/t/clients/1")) == 1
    assert journal.count(JournalFilter(path="/ons/t/clients")) == 0


def test_find_limit_and_clear() -> None:
    journal = Journal()
    for n in range(10):
        journal.add(entry(n))
    assert len(journal.find(limit=3)) == 3
    journal.clear()
    assert journal.find() == []


def test_secrets_never_reach_the_journal() -> None:
    headers = redact_headers([(b"Authorization", b"Bearer s3cret"), (b"Accept", b"application/json")])
    assert headers == {"authorization": "<redacted>", "accept": "application/json"}
    # A provider declares its own secret parameters; core adds them to the common ones.
    query = redact_query(
        "method=getAgendas&api_key=k&api_signature=abc&api_salt=1", SECRET_QUERY_KEYS | {"api_signature"}
    )
    assert "abc" not in query
    assert "api_key=k" in query and "api_signature=<redacted>" in query


def test_passwords_and_percent_encoded_secret_names_are_redacted() -> None:
    query = redact_query(
        "user=u&password=pw1&api%5Fsignature=sig&Api_Signature=sig2", SECRET_QUERY_KEYS | {"api_signature"}
    )
    assert query == "user=u&password=<redacted>&api%5Fsignature=<redacted>&Api_Signature=<redacted>"


def test_entry_redacts_raw_headers_when_read_and_never_returns_them() -> None:
    raw = ((b"Authorization", b"Bearer s3cret"), (b"X-Client-Cert-CN", b"hr"))
    record = entry(1, raw_headers=raw)
    data = record.to_dict()
    assert data["request_headers"] == {"authorization": "<redacted>", "x-client-cert-cn": "hr"}
    assert "raw_headers" not in data and "s3cret" not in repr(data) and "s3cret" not in repr(record)
    assert record.to_dict() == data


def test_entry_formats_its_arrival_stamp_when_read() -> None:
    record = entry(1, time="", stamp=1772443800.1239)
    assert record.to_dict()["time"] == "2026-03-02T09:30:00.123+00:00"
    assert "stamp" not in record.to_dict()
