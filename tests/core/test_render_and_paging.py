"""JSON/XML rendering helpers, safe XML parsing and limit/offset pages."""

from datetime import UTC, date, datetime

import pytest
from lxml import etree
from starlette.responses import Response

from mockserver.core.pagination import paginate
from mockserver.core.render import Rendered, XmlRefused, json_bytes, parse_xml, xml_document, xml_to_data


def test_json_is_compact() -> None:
    assert json_bytes({"a": [1, True, None]}) == b'{"a":[1,true,null]}'


def test_json_writes_keys_that_are_not_text_as_text() -> None:
    value = {"a": {1: "one", date(2026, 3, 2): "day", None: "none"}, "b": [datetime(2026, 3, 2, 9, 30, tzinfo=UTC)]}
    expected = b'{"a":{"1":"one","2026-03-02":"day","null":"none"},"b":["2026-03-02T09:30:00+00:00"]}'
    assert json_bytes(value) == expected


def test_json_of_a_value_it_cannot_write_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        json_bytes({"a": {1, 2}})


def test_rendered_body_carries_its_length_and_type_and_nothing_else() -> None:
    response = Rendered(b'{"a":1}', 201, "application/json; charset=utf-8")
    assert (response.status_code, response.body, response.background) == (201, b'{"a":1}', None)
    assert response.raw_headers == [(b"content-length", b"7"), (b"content-type", b"application/json; charset=utf-8")]


def test_rendered_defaults_to_200_json() -> None:
    response = Rendered(b"[]")
    assert (response.status_code, response.media_type) == (200, "application/json")
    assert response.raw_headers == [(b"content-length", b"2"), (b"content-type", b"application/json")]


def test_rendered_with_headers_keeps_them_after_length_and_type() -> None:
    response = Rendered(b"{}", 429, "application/json", {"Retry-After": "3"})
    assert response.raw_headers == [
        (b"retry-after", b"3"),
        (b"content-length", b"2"),
        (b"content-type", b"application/json"),
    ]


@pytest.mark.parametrize("status", [101, 204, 304])
def test_rendered_status_without_a_body_has_no_length(status: int) -> None:
    assert Rendered(b"", status).raw_headers == [(b"content-type", b"application/json")]


def test_rendered_text_gets_its_charset() -> None:
    response = Rendered(b"hi", 200, "text/plain")
    assert response.raw_headers == [(b"content-length", b"2"), (b"content-type", b"text/plain; charset=utf-8")]


def test_rendered_text_with_its_charset_is_made_as_starlette_makes_it() -> None:
    response = Rendered(b"<a/>", 200, "text/xml; charset=UTF-8")
    assert response.raw_headers == [(b"content-length", b"4"), (b"content-type", b"text/xml; charset=UTF-8")]
    assert response.raw_headers == Response(b"<a/>", 200, media_type="text/xml; charset=UTF-8").raw_headers


def test_xml_document_repeats_item_elements_and_skips_none() -> None:
    body = xml_document(
        "response", {"clients": [{"id": 1, "active": True, "gone": None}, {"id": 2}]}, item_name=lambda n: n[:-1]
    )
    root = etree.fromstring(body)
    clients = root.find("clients")
    assert clients is not None
    assert [c.tag for c in clients] == ["client", "client"]
    assert [c.findtext("id") for c in clients] == ["1", "2"]
    assert clients[0].findtext("active") == "true"
    assert clients[0].find("gone") is None


def test_xml_to_data_turns_repeated_children_into_lists() -> None:
    data = xml_to_data(parse_xml(b"<a><b>1</b><b>2</b><c><d>x</d></c></a>"))
    assert data == {"b": ["1", "2"], "c": {"d": "x"}}


def test_parse_xml_refuses_a_doctype_instead_of_expanding_entities() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    with pytest.raises(XmlRefused, match="^a DOCTYPE or entity declaration is not accepted in the body$"):
        parse_xml(body)


def test_paginate_slices_and_reports_the_next_offset() -> None:
    page = paginate(list(range(10)), offset=8, limit=5)
    assert list(page.items) == [8, 9]
    assert page.total == 10 and page.next_offset is None
    assert paginate(list(range(10)), 0, 5).next_offset == 5
    assert list(paginate(list(range(3)), 10, 5).items) == []
    with pytest.raises(ValueError):
        paginate([], -1, 5)


def test_paginate_page_ending_exactly_at_the_total_has_no_next_offset() -> None:
    page = paginate(list(range(10)), offset=5, limit=5)
    assert (list(page.items), page.offset, page.limit, page.total, page.next_offset) == (
        [5, 6, 7, 8, 9],
        5,
        5,
        10,
        None,
    )
    assert paginate(list(range(10)), 4, 5).next_offset == 9


def test_paginate_with_limit_zero_counts_without_items_and_offers_no_next_page() -> None:
    # A next offset equal to this one would send a client that follows it round forever.
    page = paginate(list(range(10)), offset=3, limit=0)
    assert (list(page.items), page.offset, page.limit, page.total, page.next_offset) == ([], 3, 0, 10, None)


def test_paginate_refuses_a_negative_limit_with_a_reason() -> None:
    with pytest.raises(ValueError) as raised:
        paginate([1], 0, -1)
    assert str(raised.value) == "offset and limit must not be negative"
