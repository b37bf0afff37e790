"""Accept with q-weights and wildcards; Content-Type parsing."""

import pytest

from mockserver.core.negotiation import BadMediaType, choose, parse_content_type

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
