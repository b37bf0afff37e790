"""Ons responses: negotiate JSON or XML by Accept, render objects, lists and the ErrorResponse."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from starlette.responses import Response

from mockserver.core.errors import MockError
from mockserver.core.negotiation import choose
from mockserver.core.render import json_bytes
from mockserver.providers.ons import xml
from mockserver.providers.ons.errors import ErrorEntry, NotAcceptable
from mockserver.providers.ons.models import Resource
from mockserver.providers.ons.rendered import UNCACHED, Renderer

JSON = "application/json"
XML = "application/xml"
TEXT_XML = "text/xml"
NDJSON = "application/x-ndjson"
TEXT = "text/plain"

#: seeds/ons-api-properties.txt: "For most cases requesting json or xml will be enough".
OBJECT_TYPES = [JSON, XML, TEXT_XML]
#: contracts/ons/*.yml: streams produce application/json and application/x-ndjson (XML by the seed's data.xml).
STREAM_TYPES = [JSON, NDJSON, XML, TEXT_XML]

CONTENT_TYPES = {
    JSON: "application/json",
    XML: "application/xml; charset=UTF-8",
    TEXT_XML: "text/xml; charset=UTF-8",
    NDJSON: "application/x-ndjson",
    TEXT: "text/plain; charset=UTF-8",
}


def is_xml(media: str) -> bool:
    return media in (XML, TEXT_XML)


@lru_cache(maxsize=1024)
def _preferred(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """choose() remembered: clients send the same few Accept headers again and again."""
    return choose(accept, list(offered))


def negotiate(accept: str | None, offered: Sequence[str]) -> str:
    """The offered type the client prefers (q-weights, wildcards); 406 when none is acceptable."""
    chosen = _preferred(accept, tuple(offered))
    if chosen is None:
        raise NotAcceptable(
            f"cannot answer with any of {accept!r}; this resource gives {', '.join(offered)}",
            field="Accept",
            value=accept,
        )
    return chosen


def body_response(body: bytes, media: str, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type=CONTENT_TYPES[media], headers=dict(headers or {}))


def object_body(resource: Resource, record: Mapping[str, Any], media: str, renderer: Renderer = UNCACHED) -> bytes:
    if is_xml(media):
        return xml.XML_DECLARATION + renderer.xml_element(resource, record)
    return renderer.json(resource, record)


def object_response(
    resource: Resource, record: Mapping[str, Any], media: str, status: int = 200, renderer: Renderer = UNCACHED
) -> Response:
    return body_response(object_body(resource, record, media, renderer), media, status)


def list_body(
    resource: Resource, records: Sequence[Mapping[str, Any]], media: str, renderer: Renderer = UNCACHED
) -> bytes:
    return renderer.list_body(resource, records, is_xml(media))


def list_response(
    resource: Resource, records: Sequence[Mapping[str, Any]], media: str, renderer: Renderer = UNCACHED
) -> Response:
    """Lists are wrapper objects: {"clients": [...]}, <clients><client>…</client></clients>."""
    return body_response(list_body(resource, records, media, renderer), media)


def empty(status: int, headers: Mapping[str, str] | None = None) -> Response:
    """201, 202 and 204 carry no body (seeds/ons-api-properties.txt)."""
    return Response(status_code=status, headers=dict(headers or {}))


def error_entries(exc: MockError) -> list[ErrorEntry]:
    entries = getattr(exc, "entries", None)
    if entries:
        return list(entries)
    return [ErrorEntry(exc.message)]


def error_response(exc: MockError, accept: str | None) -> Response:
    """The vendor's ErrorResponse in the negotiated format; JSON when Accept allows neither."""
    media = choose(accept, OBJECT_TYPES) or JSON
    entries = [e.to_dict() for e in error_entries(exc)]
    if is_xml(media):
        body = xml.document("errorResponse", {"errorResponseEntries": entries})
    else:
        body = json_bytes({"errorResponseEntries": entries})
    return body_response(body, media, exc.status, exc.headers)
