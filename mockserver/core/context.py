"""What the pipeline learns about one request, shared by middleware, auth and the journal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

SCOPE_KEY = "mockserver.context"


@dataclass(slots=True)
class RequestContext:
    """Filled in as the request travels: the journal writes it out at the end."""

    request_id: str
    started: float
    provider: str | None = None
    operation: str | None = None
    tenant: str | None = None
    credential: str | None = None
    rule: str | None = None
    fault: str | None = None
    dice: float | None = None
    notes: list[str] = field(default_factory=list)


def context_of(scope: Mapping[str, Any]) -> RequestContext | None:
    ctx = scope.get(SCOPE_KEY)
    return ctx if isinstance(ctx, RequestContext) else None


def headers_of(scope: Mapping[str, Any]) -> dict[bytes, bytes]:
    """The request's headers by (lower-case) name, the first of a repeated one counting: what Starlette's
    ``request.headers.get`` answers, without building its header table."""
    return dict(reversed(scope["headers"]))


def header_text(raw: bytes | None) -> str | None:
    """A header's value as Starlette decodes it (latin-1), None when the header was not sent."""
    return raw.decode("latin-1") if raw is not None else None


def query_of(scope: Mapping[str, Any]) -> dict[str, str]:
    """The query parameters, the last of a repeated name winning: what Starlette's ``request.query_params``
    maps them to (the same decoding), without building its multi-dict."""
    raw: bytes = scope.get("query_string", b"")
    if not raw:
        return {}
    text = raw.decode("latin-1")
    if "%" in text or "+" in text:
        return dict(parse_qsl(text, keep_blank_values=True))
    # Nothing to decode: parse_qsl's pairs, split directly (a missing "=" is a blank value).
    return {name: value for name, _, value in (part.partition("=") for part in text.split("&") if part)}
