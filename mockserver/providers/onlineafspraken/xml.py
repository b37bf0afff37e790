"""The APIREST response envelope: ``<Response><Status>…</Status>`` then the objects.

Shape from the seed and the captured real responses (contracts/onlineafspraken/captures):
Status holds APIVersion, Date (server wall time), Timestamp (Unix seconds) and the status
word; failures add Message and Code, lists add Stats. Objects sit in ``<Objects>`` or,
for some single getters, straight under ``<Response>`` (research §1.4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mockserver.core.xmlchars import replace_invalid_xml_chars
from mockserver.providers.onlineafspraken.localtime import WallTime, fmt_datetime
from mockserver.providers.onlineafspraken.models import Elements

# lxml takes a few tens of milliseconds to load: the first document built loads it, not the start.
if TYPE_CHECKING:
    from lxml import etree

#: ``etree.SubElement``, handed down from the function that imported lxml.
Sub = Callable[..., Any]

API_VERSION = "1.0"
MEDIA_TYPE = "text/xml; charset=UTF-8"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: One object: its element name and its elements.
Item = tuple[str, Elements]


@dataclass(frozen=True)
class Stats:
    limit: int
    offset: int
    records: int
    total: int


@dataclass
class Reply:
    """What a method answers: objects in ``<Objects>``, objects at the root, and paging stats.

    ``objects`` None means no ``<Objects>`` element; an empty list also leaves it out (a real
    empty list has no ``<Objects>``, research §1.4).
    """

    objects: Sequence[Item] | None = None
    root: Sequence[Item] = field(default_factory=list)
    stats: Stats | None = None


def _text(sub: Sub, parent: etree._Element, name: str, value: object) -> None:
    # An empty string (not None) makes lxml write <Name></Name>, as the real server does.
    # Messages echo what the client sent (a parameter named "\x1f"); XML cannot carry every character.
    sub(parent, name).text = "" if value is None else replace_invalid_xml_chars(str(value))


def _item(sub: Sub, parent: etree._Element, name: str, elements: Elements) -> None:
    node = sub(parent, name)
    for key, value in elements.items():
        if isinstance(value, list):
            for child in value:
                _item(sub, node, key, child)
        else:
            _text(sub, node, key, value)


def _status(sub: Sub, root: etree._Element, wall: WallTime, timestamp: float, word: str) -> etree._Element:
    status: etree._Element = sub(root, "Status")
    _text(sub, status, "APIVersion", API_VERSION)
    _text(sub, status, "Date", fmt_datetime(wall.local(timestamp)))
    _text(sub, status, "Timestamp", int(timestamp // 1))
    _text(sub, status, "Status", word)
    return status


def _serialise(root: etree._Element) -> bytes:
    from lxml import etree

    return DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def success_document(reply: Reply, wall: WallTime, timestamp: float) -> bytes:
    from lxml import etree

    sub = etree.SubElement
    root = etree.Element("Response")
    status = _status(sub, root, wall, timestamp, "success")
    if reply.stats is not None:
        stats = sub(status, "Stats")
        _text(sub, stats, "Limit", reply.stats.limit)
        _text(sub, stats, "Offset", reply.stats.offset)
        _text(sub, stats, "Records", reply.stats.records)
        _text(sub, stats, "TotalRecords", reply.stats.total)
    for name, elements in reply.root:
        _item(sub, root, name, elements)
    if reply.objects:
        objects = sub(root, "Objects")
        for name, elements in reply.objects:
            _item(sub, objects, name, elements)
    return _serialise(root)


def failure_document(message: str, code: str, wall: WallTime, timestamp: float) -> bytes:
    """A failed call: the server time is always there, so a client can correct its salt."""
    from lxml import etree

    root = etree.Element("Response")
    status = _status(etree.SubElement, root, wall, timestamp, "failed")
    _text(etree.SubElement, status, "Message", message)
    _text(etree.SubElement, status, "Code", code)
    return _serialise(root)
