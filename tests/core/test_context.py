"""query_of: a request's query parameters as one dict, decoded as Starlette decodes them."""

from __future__ import annotations

from mockserver.core.context import header_text, headers_of, query_of


def test_query_of_keeps_the_last_of_a_repeated_name_and_blank_values() -> None:
    assert query_of({"query_string": b"a=1&b=&a=2&c"}) == {"a": "2", "b": "", "c": ""}


def test_query_of_decodes_escapes_as_utf8_and_plus_as_space() -> None:
    assert query_of({"query_string": b"name=Caf%C3%A9+Zo%C3%AB&raw=%ZZ&bad=%FF"}) == {
        "name": "Café Zoë",
        "raw": "%ZZ",
        "bad": "\ufffd",
    }


def test_query_of_no_query_string_is_empty() -> None:
    assert query_of({"query_string": b""}) == {}
    assert query_of({}) == {}


def test_query_of_splits_each_pair_at_its_first_equals_and_skips_empty_pairs() -> None:
    assert query_of({"query_string": b"&&a=b=c&=x&d&"}) == {"a": "b=c", "": "x", "d": ""}
    assert query_of({"query_string": b"a=b%3Dc&d+e=f"}) == {"a": "b=c", "d e": "f"}


def test_headers_of_keeps_the_first_of_a_repeated_header_as_starlette_does() -> None:
    scope = {"headers": [(b"authorization", b"Bearer one"), (b"accept", b"*/*"), (b"authorization", b"Bearer two")]}
    assert headers_of(scope) == {b"authorization": b"Bearer one", b"accept": b"*/*"}


def test_header_text_decodes_latin_1_and_keeps_absence_apart_from_empty() -> None:
    assert header_text(b"caf\xe9") == "café"
    assert header_text(b"") == ""
    assert header_text(None) is None
