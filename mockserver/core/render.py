"""Rendering helpers shared by the providers: fast JSON and lxml-built XML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import orjson
from starlette.responses import Response

# lxml (a few tens of milliseconds to load) is imported where XML is built or read, not at start.
if TYPE_CHECKING:
    from lxml import etree

JSON_OPTIONS = orjson.OPT_NON_STR_KEYS


def json_bytes(value: Any) -> bytes:
    """Compact JSON bytes; dates and datetimes in ISO form; keys that are not text (numbers, dates) as text.

    The plain call goes first: on the usual all-text keys it writes the same bytes in about half the
    time. A key of another type makes it raise, and the call that converts keys does the work.
    """
    try:
        return orjson.dumps(value)
    except TypeError:
        return orjson.dumps(value, option=JSON_OPTIONS)


class Rendered(Response):
    """A body already rendered, with the two headers Starlette gives it (length, type) made directly.

    Any other header, a status without a body (1xx, 204, 304) or a text type without a charset
    (Starlette adds one) goes through Starlette's own constructor.
    """

    def __init__(
        self,
        body: bytes,
        status: int = 200,
        media_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        text_without_charset = media_type.startswith("text/") and "charset=" not in media_type
        if headers or status < 200 or status in (204, 304) or text_without_charset:
            super().__init__(body, status, headers, media_type)
            return
        self.status_code = status
        self.media_type = media_type
        self.background = None
        self.body = body
        self.raw_headers = [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", media_type.encode("latin-1")),
        ]


def xml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def build_xml(
    parent: etree._Element,
    name: str,
    value: Any,
    item_name: Callable[[str], str] | None = None,
) -> None:
    """Append ``value`` under ``parent`` as element ``name``.

    Mappings become child elements, lists repeat an item element whose name
    ``item_name(list_name)`` gives (default: the list's own name), None is left out.
    """
    from lxml import etree

    _append(etree.SubElement, parent, name, value, item_name)


def _append(
    sub: Callable[..., Any], parent: etree._Element, name: str, value: Any, item_name: Callable[[str], str] | None
) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        node = sub(parent, name)
        for key, child in value.items():
            _append(sub, node, key, child, item_name)
        return
    if isinstance(value, list | tuple):
        node = sub(parent, name)
        child_name = item_name(name) if item_name else name
        for child in value:
            _append(sub, node, child_name, child, item_name)
        return
    sub(parent, name).text = xml_scalar(value)


def xml_document(root_name: str, value: Mapping[str, Any], item_name: Callable[[str], str] | None = None) -> bytes:
    """A whole XML document with ``root_name`` holding ``value``'s fields."""
    from lxml import etree

    root = etree.Element(root_name)
    for key, child in value.items():
        _append(etree.SubElement, root, key, child, item_name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class XmlRefused(ValueError):
    """Well-formed XML that a request body may not be: one with a DOCTYPE (and so, entity declarations)."""


def parse_xml(body: bytes) -> etree._Element:
    """Parse an XML request body safely (no entities, no network, no huge trees).

    A document with a DOCTYPE raises XmlRefused: entities are never expanded, so one declared there would
    silently cut the text it appears in (``a&xxe;b`` read as ``a``). No vendor's API takes a DTD.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    element = etree.fromstring(body, parser=parser)
    # lxml's DocInfo.doctype ("<!DOCTYPE ...>", or "" without one) is missing from its type stubs.
    doctype: object = getattr(element.getroottree().docinfo, "doctype", None) if element is not None else None
    if doctype:
        raise XmlRefused("a DOCTYPE or entity declaration is not accepted in the body")
    return element


def xml_to_data(element: etree._Element) -> Any:
    """Turn an element into plain data: leaves are strings, repeated children become lists."""
    # Entity references and processing instructions are nodes too; only elements carry data.
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return element.text or ""
    result: dict[str, Any] = {}
    for child in children:
        tag = child.tag.rpartition("}")[2]  # the local name ("{namespace}name" -> "name")
        value = xml_to_data(child)
        if tag in result:
            existing = result[tag]
            if not isinstance(existing, list):
                result[tag] = [existing]
            result[tag].append(value)
        else:
            result[tag] = value
    return result
