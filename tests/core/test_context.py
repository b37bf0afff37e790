"""query_of: a request's query parameters as one dict, decoded as Starlette decodes them."""

from __future__ import annotations

from mockserver.core.context import query_of


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
