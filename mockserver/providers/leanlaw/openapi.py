"""The OpenAPI document this emulator serves for LeanLaw: the vendor's, adjusted to what it answers.

The vendor's document (OpenAPI 3.0, shipped beside this module) declares only 200 answers. The
served one says what the emulator does: POST answers 201 (or 200 with ``post_status=200``), every
operation may answer the error body on 400, 401, 403, 404, 405, 413, 429, 500 and 503, every
answer carries ``x-leanlaw-traceid``; it is OpenAPI 3.1, so ``nullable`` becomes a ``null`` type.
Times of day are written as the vendor's .NET ``TimeOnly`` does (``13:50:00``, no offset), which
JSON Schema's ``time`` format (RFC 3339, offset required) refuses: they get a pattern instead.
"""

from __future__ import annotations

import copy
from typing import Any

from mockserver.providers.leanlaw import schema

ERROR_STATUSES = {
    "400": "Invalid request: bad parameters or body, or a change the business rules refuse",
    "401": "No API key was provided",
    "403": "The key is not valid, uses another scheme, or lacks the permission",
    "404": "No record with that id in the firm",
    "405": "The method is not allowed on this path",
    "413": "The request body is too large",
    "429": "Throttled (no Retry-After unless the emulator is asked to send one)",
    "500": "Server-side error",
    "503": "Service unavailable (scenarios)",
}

#: Query parameters whose empty value is a 400 (the others read it as left out).
NO_EMPTY_VALUE = ("limit", "offset")

TRACE_HEADER = {
    "x-leanlaw-traceid": {
        "description": "The request's trace id (32 hex digits); error bodies repeat it as traceId.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    }
}

ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "title", "status", "traceId", "errors"],
    "description": "The emulator's error body (LeanLaw publishes none), shaped like an ASP.NET problem.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "traceId": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
        "errors": {
            "type": "object",
            "description": "Messages by parameter, property or header (request: the request as a whole).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def served_document(post_status: int = 201) -> dict[str, Any]:
    """The document served at the provider's OpenAPI route, for the ``post_status`` in force."""
    document: dict[str, Any] = _nullable_as_type(copy.deepcopy(schema.document()))
    document["openapi"] = "3.1.0"
    document["components"]["schemas"]["Error"] = copy.deepcopy(ERROR_SCHEMA)
    for path_item in document["paths"].values():
        for method, operation in path_item.items():
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "query" and parameter["name"] not in NO_EMPTY_VALUE:
                    # An empty filter, select or sort is read as left out (``?clientId=`` filters nothing).
                    parameter["schema"] = {"anyOf": [parameter["schema"], {"type": "string", "maxLength": 0}]}
            responses = operation["responses"]
            success = responses.pop("200")
            success["headers"] = copy.deepcopy(TRACE_HEADER)
            responses[str(post_status) if method == "post" else "200"] = success
            for status, description in ERROR_STATUSES.items():
                responses[status] = {
                    "description": description,
                    "headers": copy.deepcopy(TRACE_HEADER),
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
    return document


TIME_OF_DAY = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,7})?$"


def _nullable_as_type(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable: true`` as 3.1 spells it: ``null`` among the types (or the enum)."""
    if isinstance(node, list):
        return [_nullable_as_type(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _nullable_as_type(value) for key, value in node.items() if key != "nullable"}
    if out.get("format") == "time":
        del out["format"]
        out["pattern"] = TIME_OF_DAY
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "oneOf" in out:
            out["oneOf"] = [*out["oneOf"], {"type": "null"}]
    return out
