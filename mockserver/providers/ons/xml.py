"""Ons XML: objects as ``<client>…</client>``, lists as ``<clients><client>…</client></clients>``.

contracts/ons/*.yml give the element names (``xml: name``) and mark nested lists as
wrapped; research/provider-ons.md §4.7: no namespace, fields as child elements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockserver.core.render import XmlRefused, build_xml, parse_xml, xml_to_data
from mockserver.core.xmlchars import replace_invalid_xml_chars
from mockserver.providers.ons.errors import BadRequest
from mockserver.providers.ons.models import XML_ITEM_NAMES

XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def item_name(list_name: str) -> str:
    return XML_ITEM_NAMES.get(list_name, list_name)


def clean(value: Any) -> Any:
    """Replace characters XML 1.0 cannot carry (an echoed bad input must still render)."""
    if isinstance(value, str):
        return replace_invalid_xml_chars(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, Mapping):
        return {k: clean(v) for k, v in value.items()}
    return value


def element_bytes(name: str, value: Mapping[str, Any]) -> bytes:
    """One element without a declaration (a stream writes these one by one)."""
    from lxml import etree

    holder = etree.Element("holder")
    build_xml(holder, name, clean(value), item_name)
    return b"".join(etree.tostring(child, encoding="UTF-8") for child in holder)


def document(name: str, value: Mapping[str, Any]) -> bytes:
    """A whole document: root ``name`` with ``value``'s fields (lists wrapped)."""
    return XML_DECLARATION + element_bytes(name, value)


def list_document(wrapper: str, element: str, items: Sequence[Mapping[str, Any]]) -> bytes:
    """``<clients><client>…</client>…</clients>``."""
    return (
        XML_DECLARATION
        + b"<"
        + wrapper.encode()
        + b">"
        + b"".join(element_bytes(element, item) for item in items)
        + b"</"
        + wrapper.encode()
        + b">"
    )


def parse_body(body: bytes, root: str) -> dict[str, Any]:
    """An XML request body as field -> text; the root element must be ``root``. Raises BadRequest."""
    from lxml import etree

    try:
        element = parse_xml(body)
    except XmlRefused as exc:
        raise BadRequest(str(exc), field="body") from None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise BadRequest(f"the body is not well-formed XML: {exc}", field="body") from None
    if element is None:
        raise BadRequest("the body is not well-formed XML", field="body")
    tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if tag != root:
        raise BadRequest(f"expected root element <{root}>, got <{tag}>", field="body", value=tag)
    data = xml_to_data(element)
    if not isinstance(data, dict):
        return {}
    return data
