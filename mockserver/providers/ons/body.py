"""Request bodies: size limit, the one Content-Type, and JSON or XML into typed field values."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import ClientDisconnect, Request

from mockserver.core.bodies import BodyTooLarge, read_limited
from mockserver.core.negotiation import BadMediaType, parse_content_type
from mockserver.providers.ons import xml
from mockserver.providers.ons.config import OnsOptions
from mockserver.providers.ons.errors import BadRequest, OnsError, UnsupportedMediaType
from mockserver.providers.ons.models import Resource, coerce

CHARSETS = ("utf-8", "utf8")


def _unsupported(options: OnsOptions, message: str, header: str | None) -> OnsError:
    # The seed's table has no 415: a wrong body is a 400 with an ErrorResponse. 415 is a switch.
    cls = UnsupportedMediaType if options.unsupported_media_type_415 else BadRequest
    return cls(message, field="Content-Type", value=header)


def body_format(request: Request, options: OnsOptions) -> str:
    """ "json" or "xml" from the Content-Type (required on POST and PUT, exactly one, charset optional)."""
    headers = request.headers.getlist("content-type")
    if len(headers) > 1:
        raise _unsupported(options, "Content-Type must be given once", ", ".join(headers))
    header = headers[0] if headers else None
    try:
        media, params = parse_content_type(header)
    except BadMediaType as exc:
        raise _unsupported(options, str(exc), header) from None
    charset = params.get("charset")
    if charset is not None and charset.lower() not in CHARSETS:
        raise _unsupported(options, f"charset {charset!r} is not supported; send UTF-8", header)
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media in ("application/xml", "text/xml") or media.endswith("+xml"):
        return "xml"
    raise _unsupported(
        options, f"Content-Type {media!r} is not supported; send application/json or application/xml", header
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing more than ``limit`` bytes with the vendor's 400."""
    try:
        return await read_limited(request.stream(), request.headers.get("content-length"), limit)
    except BodyTooLarge as exc:
        declared = f"{exc.declared} bytes" if exc.declared is not None else None
        raise BadRequest(str(exc), field="body", value=declared) from None
    except ClientDisconnect:
        raise BadRequest("the client went away before the whole body arrived", field="body") from None


def decode(body: bytes, kind: str, root: str) -> tuple[dict[str, Any], bool]:
    """The body as a mapping, and whether it came from XML (all values are text then)."""
    if not body.strip():
        raise BadRequest("the body is empty", field="body")
    if kind == "xml":
        return xml.parse_body(body, root), True
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}", field="body") from None
    if not isinstance(data, dict):
        raise BadRequest(f"the body must be a JSON object (a {root}), got {type(data).__name__}", field="body")
    return data, False


async def typed_body(request: Request, resource: Resource, options: OnsOptions, limit: int) -> dict[str, Any]:
    """Read, decode and check a ``resource`` body; every bad field becomes one ErrorResponse entry."""
    kind = body_format(request, options)
    raw = await read_body(request, limit)
    data, from_xml = decode(raw, kind, resource.element)
    values, problems = coerce(resource, data, from_xml=from_xml)
    if problems:
        raise BadRequest(entries=problems)
    return values
