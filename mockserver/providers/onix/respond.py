"""The bytes Onix answers with: bare JSON values on success, the three error bodies on failure."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import orjson
from starlette.responses import Response

from mockserver.providers.onix.errors import LogicError, OnixError, ProblemError, ValidationFailed

JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json; charset=utf-8"


def trace_id(request_id: str) -> str:
    """A W3C traceparent (``00-<32 hex>-<16 hex>-00``), as ASP.NET puts in ``traceId``; stable per request."""
    digest = hashlib.sha256(f"onix:{request_id}".encode()).hexdigest()
    return f"00-{digest[:32]}-{digest[32:48]}-00"


def value(answer: Any) -> Response:
    """A success: always 200 with the bare value (seed: "Success responses")."""
    return Response(orjson.dumps(answer), media_type=JSON)


def key_values(pairs: Sequence[tuple[str, str]], shape: str) -> list[dict[str, str]] | dict[str, str]:
    """A string-to-string list: List<KeyValuePair> serialises as [{"key", "value"}]; ``object`` as a map."""
    if shape == "object":
        return dict(pairs)
    return [{"key": k, "value": v} for k, v in pairs]


def error_body(exc: OnixError, trace: str) -> bytes | None:
    if isinstance(exc, LogicError):
        # The seed shows the members of one entry; they come as a list of such entries.
        return orjson.dumps([{"memberNames": list(exc.member_names), "errorMessage": exc.message}])
    if exc.shape == "empty":
        return None
    problem = exc if isinstance(exc, ProblemError) else ProblemError(exc.message, status=exc.status)
    # Member order as the seed shows it: type, title, status, traceId, errors.
    body: dict[str, Any] = {"type": problem.type, "title": problem.title, "status": problem.status, "traceId": trace}
    if isinstance(exc, ValidationFailed):
        body["errors"] = exc.errors
    return orjson.dumps(body)


def error(exc: OnixError, trace: str) -> Response:
    body = error_body(exc, trace)
    if body is None:
        return Response(status_code=exc.status, headers=exc.headers)
    media_type = JSON if isinstance(exc, LogicError) else PROBLEM_JSON
    return Response(body, status_code=exc.status, media_type=media_type, headers=exc.headers)
