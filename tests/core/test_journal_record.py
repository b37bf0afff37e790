"""A journal record field by field: every value comes back as given, shared values are shared, sizes are CPython's."""

from __future__ import annotations

import pytest

from mockserver.core import journal_memory
from mockserver.core.journal import Journal, JournalEntry, JournalFilter
from mockserver.core.journal_memory import (
    Fields,
    Kept,
    fields,
    header_pairs,
    held,
    make_record,
    pack_headers,
    split,
    unsplit,
    weight,
)

HEADERS = frozenset({"x-secret"})
PARAMS = frozenset({"secret"})


def record(**given: object) -> tuple:
    """A record of distinct values that are none of JournalEntry's defaults, with ``given`` instead of some."""
    named: dict[str, object] = {
        "seq": 300,
        "id": "req-7",
        "time": "at noon",
        "method": "PATCH",
        "path": "/ons/t/teams/9",
        "query": "page=2&secret=s",
        "status": 418,
        "provider": "ons",
        "operation": "updateTeam",
        "tenant": "t",
        "credential": "key-1",
        "response_type": "text/csv",
        "rule": "slow-teams",
        "fault": "latency",
        "dice": 0.25,
        "notes": ["rule slow-teams", "fault latency"],
        "stamp": 1_700_000_000.5,
        "duration_ms": 12.75,
        "request_bytes": 11,
        "response_bytes": 2222,
        "request_body_truncated": True,
        "response_body_truncated": False,
        "secret_headers": HEADERS,
        "secret_params": PARAMS,
        "kept": Kept(((b"accept", b"text/csv"), (b"x-a", b"1")), ((b"content-type", b"text/csv"),), b"{}", b"a,b"),
    }
    return make_record(**(named | given))  # type: ignore[arg-type]


def test_every_field_of_a_record_reads_back_as_given() -> None:
    assert fields(record()) == Fields(
        seq=300,
        id="req-7",
        time="at noon",
        method="PATCH",
        path="/ons/t/teams/9",
        query="page=2&secret=s",
        status=418,
        provider="ons",
        operation="updateTeam",
        tenant="t",
        credential="key-1",
        response_type="text/csv",
        rule="slow-teams",
        fault="latency",
        dice=0.25,
        notes=("rule slow-teams", "fault latency"),
        stamp=1_700_000_000.5,
        duration_ms=12.75,
        request_bytes=11,
        response_bytes=2222,
        request_body_truncated=True,
        response_body_truncated=False,
        secret_headers=HEADERS,
        secret_params=PARAMS,
        kept=Kept(b"accept\0text/csv\0x-a\x001", b"content-type\0text/csv", b"{}", b"a,b"),
    )


def test_unset_values_read_back_unset_and_the_other_flags_the_other_way() -> None:
    read = fields(
        record(
            status=None,
            provider=None,
            operation=None,
            tenant=None,
            credential=None,
            response_type=None,
            rule=None,
            fault=None,
            dice=None,
            notes=[],
            stamp=None,
            request_body_truncated=False,
            response_body_truncated=True,
            kept=Kept(None, None, None, None),
        )
    )
    assert (read.status, read.provider, read.operation, read.tenant, read.credential) == (None,) * 5
    assert (read.response_type, read.rule, read.fault, read.dice, read.stamp) == (None,) * 5
    assert read.notes == () and (read.request_body_truncated, read.response_body_truncated) == (False, True)
    assert read.kept == Kept(b"", b"", b"", b"")
    assert (read.id, read.time, read.query, read.duration_ms, read.response_bytes) == (
        "req-7",
        "at noon",
        "page=2&secret=s",
        12.75,
        2222,
    )


def test_a_stamp_and_dice_of_zero_are_set_not_unset() -> None:
    read = fields(record(stamp=0.0, dice=0.0))
    assert (read.stamp, read.dice) == (0.0, 0.0)


def test_headers_with_a_nul_in_the_request_and_the_response_read_back_as_pairs() -> None:
    kept = Kept(((b"x-odd", b"a\0b"), (b"x-next", b"")), ((b"x-\0", b"v"), (b"ok", b"yes")), b"body", b"answer")
    read = fields(record(kept=kept)).kept
    assert read == Kept([(b"x-odd", b"a\0b"), (b"x-next", b"")], [(b"x-\0", b"v"), (b"ok", b"yes")], b"body", b"answer")


def test_a_nul_in_the_response_headers_alone_leaves_the_request_headers_packed() -> None:
    kept = Kept(((b"a", b"1"),), ((b"b", b"\0"),), None, None)
    assert fields(record(kept=kept)).kept == Kept(b"a\x001", [(b"b", b"\0")], b"", b"")


def test_text_with_lone_surrogates_reads_back_the_same() -> None:
    read = fields(record(id="req-\udc80", time="\udcff:00", query="q=\ud800é"))
    assert (read.id, read.time, read.query) == ("req-\udc80", "\udcff:00", "q=\ud800é")


def test_headers_packed_already_are_kept_as_they_are() -> None:
    packed = b"accept\0*/*"
    assert pack_headers(packed) is packed
    assert fields(record(kept=Kept(packed, b"", None, None))).kept.headers == packed


def test_headers_pack_into_names_and_values_between_nuls_unless_one_holds_a_nul() -> None:
    assert pack_headers([]) == b""
    assert pack_headers([(b"a", b"1")]) == b"a\x001"
    assert pack_headers([(b"a", b"1"), (b"b", b"")]) == b"a\x001\0b\0"
    odd = [(b"a", b"1"), (b"b\0", b"2")]
    assert pack_headers(odd) is odd


def test_packed_headers_read_as_pairs() -> None:
    assert header_pairs(None) == () and header_pairs(b"") == () and header_pairs([]) == ()
    assert header_pairs(b"a\x001\0b\0") == [(b"a", b"1"), (b"b", b"")]
    pairs = [(b"a", b"\0")]
    assert header_pairs(pairs) is pairs


def test_strings_many_records_repeat_are_one_object() -> None:
    def fresh(text: str) -> str:
        return "".join(list(text))  # a new str object on every call

    first, second = (
        record(
            method=fresh("PATCH"),
            provider=fresh("ons"),
            operation=fresh("updateTeam"),
            tenant=fresh("t-shared"),
            credential=fresh("key-1"),
            response_type=fresh("text/csv"),
            status=int(fresh("599")),
        )
        for _ in range(2)
    )
    for index in (2, 4, 5, 6, 7, 8, 9):
        assert first[index] is second[index], index


def test_a_status_not_seen_before_reads_back_and_is_shared_from_then_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_memory, "_STATUSES", {})  # as in a fresh process: no status seen yet
    first, second = (record(status=int("429")) for _ in range(2))
    assert fields(first).status == 429 and first[4] is second[4]


def test_the_allocator_gives_nothing_for_none_and_the_shared_empty_values() -> None:
    assert (held(None), held(b""), held(""), held(())) == (0, 0, 0, 0)


def test_empty_values_python_does_not_share_are_held() -> None:
    # sys.getsizeof: [] is 56 bytes, the int 0 28; rounded up to 16.
    assert (held([]), held(0)) == (64, 32)


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (1, 48),  # 33 bytes of header + 1
        (15, 48),  # 48 exactly
        (16, 64),  # 49: rounded up
        (479, 512),  # 512: still the small-object allocator's
        (480, 528),  # 513: malloc's 8-byte header, then rounded up to 16
        (487, 528),  # 520 + 8 = 528 exactly
        (488, 544),  # 521 + 8 = 529: rounded up
    ],
)
def test_the_bytes_held_round_up_to_16_and_past_512_add_mallocs_header(length: int, expected: int) -> None:
    assert held(b"x" * length) == expected


# A record with id "a", time and query empty, no headers and no bodies packs 69 + 1 bytes (getsizeof 103,
# held 112); its path "/x" is a str of 51 bytes (held 64). Its tuple of 15 references is 160 bytes, and the
# journal's two slots for it are 16: 352 in all.
BARE = {"id": "a", "time": "", "query": "", "path": "/x", "notes": [], "kept": Kept(None, None, None, None)}


@pytest.mark.parametrize(
    ("seq", "expected"),
    [(-6, 384), (-5, 352), (0, 352), (1, 352), (256, 352), (257, 384), (300, 384)],
)
def test_a_sequence_number_outside_pythons_shared_integers_weighs_one_int_more(seq: int, expected: int) -> None:
    assert weight(record(seq=seq, **BARE)) == expected


def test_notes_weigh_their_tuple_and_each_note() -> None:
    # The tuple of two is 56 bytes (64 held); "ab" is 51 (64) and "c" * 20 is 69 (80).
    assert weight(record(seq=1, **(BARE | {"notes": ["ab", "c" * 20]}))) == 352 + 64 + 64 + 80


def test_the_packed_bytes_weigh_what_they_hold() -> None:
    # 40 more bytes of response body: 143 bytes of packed record, 144 held.
    assert weight(record(seq=1, **(BARE | {"kept": Kept(None, None, None, b"y" * 40)}))) == 352 + 32


def entry(number: int, **given: object) -> JournalEntry:
    return JournalEntry(id=f"req-{number}", time="", method="POST", path=f"/ons/t/{number}", **given)  # type: ignore[arg-type]


def test_the_journal_counts_all_its_entries_or_those_a_filter_matches() -> None:
    journal = Journal()
    for number in range(5):
        journal.add(entry(number, status=200 if number % 2 else 404, provider="ons"))
    assert journal.count() == 5
    assert journal.count(JournalFilter(status=404)) == 3
    assert journal.count(JournalFilter(provider="ons", status=200)) == 2


def test_a_body_pattern_matches_the_records_request_body() -> None:
    journal = Journal()
    journal.add(entry(1, raw_body=b'{"name": "alpha"}', raw_headers=((b"content-type", b"application/json"),)))
    journal.add(entry(2, raw_body=b'{"name": "beta"}', raw_headers=((b"content-type", b"application/json"),)))
    assert [e.id for e in journal.find(JournalFilter(body_contains="beta"))] == ["req-2"]
    assert journal.count(JournalFilter(body_json={"name": "alpha"})) == 1
    assert journal.count(JournalFilter(method="post", body_contains="gamma")) == 0


def test_packed_headers_with_a_name_and_no_value_are_refused_not_cut() -> None:
    with pytest.raises(ValueError):
        header_pairs(b"a\x001\0b")
    with pytest.raises(ValueError):
        unsplit(split([(b"a", b"1")]) + b"\x01\0\0\0b")  # then a name of one byte, and no value
