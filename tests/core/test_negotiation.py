"""Accept with q-weights and wildcards; Content-Type parsing."""

import pytest

from mockserver.core.negotiation import BadMediaType, MediaRange, choose, parse_accept, parse_content_type

OFFERED = ["application/json", "application/xml"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/xml", "application/xml"),
        ("application/json,application/xml", "application/json"),
        ("application/xml,application/json", "application/xml"),
        ("application/json;q=0.5,application/xml", "application/xml"),
        ("application/json;q=0.9, application/xml;q=0.8", "application/json"),
        ("application/*", "application/json"),
        ("text/html,application/xml;q=0.1", "application/xml"),
        ("application/*;q=0.5,application/xml", "application/xml"),
        ("*/*;q=0.1,application/json;q=0", "application/xml"),
        ("text/html", None),
        ("application/json;q=0", None),
        ("image/png, text/*", None),
        ("APPLICATION/XML", "application/xml"),
        ("application/xml;charset=utf-8", "application/xml"),
        ("garbage", None),
    ],
)
def test_choose_honours_order_weights_and_wildcards(accept: str | None, expected: str | None) -> None:
    assert choose(accept, OFFERED) == expected


def test_choose_with_unparsable_weight_treats_the_range_as_refused() -> None:
    assert choose("application/json;q=abc", OFFERED) is None


# RFC 9110 §12.5.1 and the edges mutation testing found unpinned. A range that does not parse is
# skipped; it never takes the ranges after it down with it.
@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("*", "application/json"),  # a bare star, as some clients send, means */*
        ("*;q=0.5, application/xml", "application/xml"),
        ("text/html, *;q=0.1", "application/json"),
        ("*;q=0", None),
        (",application/xml", "application/xml"),
        (" , ;q=1, application/xml", "application/xml"),
        ("garbage, application/xml", "application/xml"),
        ("application/, /xml, application/xml", "application/xml"),
        ("*/json", None),  # a wildcard type needs a wildcard subtype
        ("*/json, application/xml;q=0.5", "application/xml"),
        ("application/json;q=1, application/xml", "application/json"),  # q=1 is the default: order decides
        ("application/xml, application/json;q=1", "application/xml"),
        ("application/xml;q=1.0, application/json;q=0.999", "application/xml"),
        ("application/json, application/xml;q=5", "application/json"),  # q above 1 counts as 1
        ("application/xml;q=0.5, */*;q=0.5", "application/xml"),  # equal weights: the range listed first
        ("*/*;q=0.5, application/xml;q=0.5", "application/json"),
        ("*/*;q=0.5, application/xml;q=0.6", "application/xml"),
        ("*/*, application/*;q=0", None),  # the most specific range decides
        ("*/*;q=0, application/json", "application/json"),
        ("application/json; Q = 0 , application/xml;q=0.1", "application/xml"),
        ("application/json;level=1;q=0, application/xml;q=0.1", "application/xml"),
        ("application/json;q=-1, application/xml;q=0.1", "application/xml"),
        ("application/json;q=nan, application/xml;q=0.1", "application/xml"),  # NaN weighs nothing
        ("application/json;q==0.5, application/xml;q=0.1", "application/xml"),  # a malformed weight refuses
        ("application/json;q=0, application/json, application/xml;q=0.1", "application/xml"),  # first one counts
        ("application/json/x, application/xml;q=0.1", "application/xml"),
    ],
)
def test_choose_edge_cases(accept: str, expected: str | None) -> None:
    assert choose(accept, OFFERED) == expected


def test_parse_accept_keeps_each_range_with_its_weight_and_place() -> None:
    assert parse_accept("*, bad, text/*;q=0.2, APPLICATION/XML;q=7") == [
        MediaRange("*", "*", 1.0, 0),
        MediaRange("text", "*", 0.2, 2),
        MediaRange("application", "xml", 1.0, 3),
    ]
    assert parse_accept("  ") == [MediaRange("*", "*", 1.0, 0)]


@pytest.mark.parametrize("header", ["a/b/c", "/xml", "application/", "text /xml", "*/json", "a b/c", "", ";q=1"])
def test_parse_accept_skips_ranges_that_are_no_media_range(header: str) -> None:
    assert parse_accept(f"{header}, text/xml") == [MediaRange("text", "xml", 1.0, 1)]


def test_media_range_specificity_and_matching() -> None:
    assert [MediaRange(t, s, 1.0, 0).specificity for t, s in [("*", "*"), ("text", "*"), ("text", "xml")]] == [0, 1, 2]
    assert MediaRange("text", "*", 1.0, 0).matches("text/xml")
    assert not MediaRange("text", "*", 1.0, 0).matches("application/xml")
    assert not MediaRange("application", "json", 1.0, 0).matches("application/xml")


def test_choose_breaks_full_ties_by_the_order_offered() -> None:
    assert choose("*/*", ["application/xml", "application/json"]) == "application/xml"
    assert choose("application/*", ["text/xml", "application/xml", "application/json"]) == "application/xml"


@pytest.mark.parametrize(
    ("header", "media", "params"),
    [
        ("application/json", "application/json", {}),
        ("application/xml;charset=utf-8", "application/xml", {"charset": "utf-8"}),
        ('Application/JSON; charset="UTF-8"', "application/json", {"charset": "UTF-8"}),
    ],
)
def test_parse_content_type_accepts_one_type_with_optional_charset(
    header: str, media: str, params: dict[str, str]
) -> None:
    assert parse_content_type(header) == (media, params)


@pytest.mark.parametrize(
    "header", [None, "", "json", "application/json, application/xml", "application/*", "text/plain;charset"]
)
def test_parse_content_type_refuses_missing_or_ambiguous_types(header: str | None) -> None:
    with pytest.raises(BadMediaType):
        parse_content_type(header)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Content-Type header is missing"),
        ("  ", "Content-Type header is missing"),
        ("a/b, c/d", "Content-Type must name exactly one media type, got 'a/b, c/d'"),
        ("json", "Content-Type 'json' is not a media type"),
        ("/json", "Content-Type '/json' is not a media type"),
        ("application/", "Content-Type 'application/' is not a media type"),
        ("*/*", "Content-Type '*/*' is not a media type"),
        ("text/plain;charset", "Content-Type parameter 'charset' has no value"),
        ("text/plain/x", "Content-Type 'text/plain/x' is not a media type"),
        ("text/*", "Content-Type 'text/*' is not a media type"),
    ],
)
def test_parse_content_type_says_what_is_wrong(header: str | None, message: str) -> None:
    with pytest.raises(BadMediaType) as raised:
        parse_content_type(header)
    assert str(raised.value) == message


def test_parse_content_type_skips_empty_parameters_and_keeps_the_last_of_a_name() -> None:
    assert parse_content_type("text/xml;; Charset = utf-8 ;charset=latin-1") == ("text/xml", {"charset": "latin-1"})


def test_parse_content_type_keeps_quoted_values_whole() -> None:
    header = 'multipart/form-data; boundary="a=b"; profile=XML'
    assert parse_content_type(header) == ("multipart/form-data", {"boundary": "a=b", "profile": "XML"})
