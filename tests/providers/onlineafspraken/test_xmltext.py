"""The text writer against lxml: the same trees give the same bytes, awkward text included."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from lxml import etree

from mockserver.providers.onlineafspraken.localtime import WallTime
from mockserver.providers.onlineafspraken.xml import Reply, Stats, failure_document, success_document
from mockserver.providers.onlineafspraken.xmltext import text, write

#: lxml's own rendering of a tree: the oracle. None and empty text both give ``<Name></Name>``; control
#: characters lxml refuses become U+FFFD first (the replacement is written out here, not imported).
INVALID = {chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF, 0xD800, 0xDBFF, 0xDFFF)}


def oracle_text(value: object) -> str:
    return "" if value is None else "".join("\ufffd" if c in INVALID else c for c in str(value))


def oracle_item(parent: Any, name: str, elements: Mapping[str, object]) -> None:
    node = etree.SubElement(parent, name)
    for key, value in elements.items():
        if isinstance(value, Mapping):
            oracle_item(node, key, value)
        elif isinstance(value, list):
            for child in value:
                oracle_item(node, key, child)
        else:
            etree.SubElement(node, key).text = oracle_text(value)


def lxml_bytes(name: str, elements: Mapping[str, object]) -> str:
    holder = etree.Element("Holder")
    oracle_item(holder, name, elements)
    return etree.tostring(holder[0], encoding="UTF-8", pretty_print=True).decode("utf-8")


def written(name: str, elements: Mapping[str, object], depth: int = 0) -> str:
    out: list[str] = []
    write(out, depth, name, elements)
    return "".join(out)


AWKWARD = [
    "a&b",
    "<tag>",
    "x > y",
    "&amp; already",
    "\"double\" and 'single'",
    "line\r\nbreak",
    "\r",
    "tab\there",
    "new\nline",
    "  leading and trailing  ",
    " ",
    "café ☕ 𝄞 €",
    "\x00\x01\x08\x0b\x0c\x0e\x1f",
    "bad\ufffe\uffffend",
    "lone \ud800 and \udfff surrogates",
    "\x7f\x85\u2028\u00a0",
    "]]>",
    "",
    None,
    0,
    -12,
    True,
    3.5,
]

TREES: dict[str, tuple[str, Mapping[str, object]]] = {
    "empty-object": ("Agenda", {}),
    "only-empty-lists": ("Appointment", {"Resources": [], "Fields": []}),
    "flat": ("Agenda", {"Id": 1, "Name": "Main", "Description": None, "Empty": ""}),
    "awkward-text": ("Status", {f"T{i}": value for i, value in enumerate(AWKWARD)}),
    "nested-lists": (
        "Appointment",
        {
            "Id": 7,
            "Resources": [{"ResourceId": 3, "Start": "2026-03-02 10:00:00"}, {}, {"ResourceId": 4}],
            "Blocks": [{"Inner": [{"Deep": "x&y"}, {}]}],
            "After": "end",
        },
    ),
    "nested-mapping": ("Status", {"Status": "success", "Stats": {"Limit": 100, "Offset": 0}, "Empty": {}}),
}


@pytest.mark.parametrize(("name", "elements"), TREES.values(), ids=TREES.keys())
def test_writer_gives_the_bytes_lxml_pretty_print_gives(name: str, elements: Mapping[str, object]) -> None:
    assert written(name, elements) == lxml_bytes(name, elements)


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_each_awkward_value_is_written_as_lxml_writes_it(value: object) -> None:
    assert written("Outer", {"Value": value}) == lxml_bytes("Outer", {"Value": value})


def test_text_escapes_what_libxml2_escapes_and_nothing_more() -> None:
    assert text("a&b<c>d\re") == "a&amp;b&lt;c&gt;d&#13;e"
    assert text("\"'\t\n") == "\"'\t\n"
    assert text("x\x01y\ufffez") == "x\ufffdy\ufffdz"
    assert text("<\x02>") == "&lt;\ufffd&gt;"
    assert text(None) == ""
    assert text(42) == "42"
    assert text(False) == "False"


def test_writer_indents_two_spaces_a_level_from_the_depth_given() -> None:
    tree = {"Id": 1, "Resources": [{"ResourceId": 2}], "None": {}}
    assert written("Agenda", tree, depth=2) == (
        "    <Agenda>\n"
        "      <Id>1</Id>\n"
        "      <Resources>\n"
        "        <ResourceId>2</ResourceId>\n"
        "      </Resources>\n"
        "      <None/>\n"
        "    </Agenda>\n"
    )


def test_element_without_children_closes_itself_and_empty_text_does_not() -> None:
    assert written("Agenda", {}) == "<Agenda/>\n"
    assert written("Agenda", {"Resources": []}) == "<Agenda/>\n"
    assert written("Agenda", {"Name": ""}) == "<Agenda>\n  <Name></Name>\n</Agenda>\n"


# -- whole documents -------------------------------------------------------------------------

#: 2026-03-02 09:30 UTC; the server's wall time is GMT+1 (no summer time in March).
AT = 1772443800.75
STATUS = {"APIVersion": "1.0", "Date": "2026-03-02 10:30:00", "Timestamp": 1772443800}


def lxml_document(status: Mapping[str, object], root: list[Any], objects: list[Any] | None) -> bytes:
    response = etree.Element("Response")
    oracle_item(response, "Status", status)
    for name, elements in root:
        oracle_item(response, name, elements)
    if objects:
        holder = etree.SubElement(response, "Objects")
        for name, elements in objects:
            oracle_item(holder, name, elements)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(response, encoding="UTF-8", pretty_print=True)


def test_success_document_with_stats_root_items_and_objects_matches_lxml() -> None:
    root = [("Agenda", {"Id": 1, "Name": "R&D <west>"})]
    objects = [("Agenda", {"Id": 2, "Resources": [{"ResourceId": 5}]}), ("Agenda", {}), ("Resource", {"Id": 3})]
    reply = Reply(objects=objects, root=root, stats=Stats(limit=10, offset=20, records=3, total=33))
    status = {**STATUS, "Status": "success", "Stats": {"Limit": 10, "Offset": 20, "Records": 3, "TotalRecords": 33}}
    assert success_document(reply, WallTime(), AT) == lxml_document(status, root, objects)


@pytest.mark.parametrize("objects", [None, []], ids=["none", "empty"])
def test_success_document_without_objects_has_no_objects_element(objects: list[Any] | None) -> None:
    assert success_document(Reply(objects=objects), WallTime(), AT) == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b"<Response>\n"
        b"  <Status>\n"
        b"    <APIVersion>1.0</APIVersion>\n"
        b"    <Date>2026-03-02 10:30:00</Date>\n"
        b"    <Timestamp>1772443800</Timestamp>\n"
        b"    <Status>success</Status>\n"
        b"  </Status>\n"
        b"</Response>\n"
    )


def test_failure_document_echoing_awkward_input_matches_lxml() -> None:
    message = "API parameter \x1f & <b> was given\r\nmore than once: ‘é’"
    expected = lxml_document({**STATUS, "Status": "failed", "Message": message, "Code": "M02"}, [], None)
    assert failure_document(message, "M02", WallTime(), AT) == expected


def status_lines(document: bytes) -> list[str]:
    return [line.strip() for line in document.decode().splitlines()[3:7]]


# (summer time, UTC moment as Unix seconds, Date, Timestamp): 2026-07-10 12:00 UTC is 1783684800.
HEADS = [
    (False, 1783684800, "2026-07-10 13:00:00", "1783684800"),
    (True, 1783684800, "2026-07-10 14:00:00", "1783684800"),
    (True, 1783684800.999, "2026-07-10 14:00:00", "1783684800"),
    (True, 1783684801, "2026-07-10 14:00:01", "1783684801"),
    (False, 1783684801, "2026-07-10 13:00:01", "1783684801"),
    (False, 1783684800, "2026-07-10 13:00:00", "1783684800"),
    (False, 0, "1970-01-01 01:00:00", "0"),
    (False, -1, "1970-01-01 00:59:59", "-1"),
    (False, -1.5, "1970-01-01 00:59:58", "-2"),
    (True, 1783684800, "2026-07-10 14:00:00", "1783684800"),
]


def test_status_head_follows_the_second_and_the_summer_time_of_each_reply() -> None:
    # One after the other, as a server answers them: a head kept from an earlier reply must never show.
    for summer, at, date, timestamp in HEADS:
        assert status_lines(failure_document("m", "M01", WallTime(summer), at)) == [
            "<APIVersion>1.0</APIVersion>",
            f"<Date>{date}</Date>",
            f"<Timestamp>{timestamp}</Timestamp>",
            "<Status>failed</Status>",
        ]
        assert status_lines(success_document(Reply(), WallTime(summer), at))[1:3] == [
            f"<Date>{date}</Date>",
            f"<Timestamp>{timestamp}</Timestamp>",
        ]
