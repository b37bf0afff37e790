"""OnCrawl errors: one class per v2 error type, rendered as a v1 or a v2 body by the path asked.

v2 (developer.oncrawl.com, transcribed in research §2.2): ``{"type", "code", "message", "fields"}``
with the type → status table below. v1 (seeds/oncrawl-api-overview.txt): ``{"errors": {field: [...],
"_other": [...]}}``, 422 for invalid payloads or arguments and for exhausted quota, 401 for anything
unauthorized.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import orjson

from mockserver.core.errors import MockError

if TYPE_CHECKING:
    from starlette.responses import Response


class OnCrawlError(MockError):
    """Base of every OnCrawl error; ``type`` is the v2 error type, ``fields`` the offending inputs."""

    status = 500
    type: ClassVar[str] = "internal_error"
    code = "internal_error"
    message = "An internal error occurred."
    #: The v1 status for this error (the v1 overview knows only 401 and 422 for client errors).
    v1_status: ClassVar[int | None] = None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Sequence[Mapping[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        self.code = code if code is not None else type(self).code
        self.fields: list[dict[str, Any]] | None = [dict(f) for f in fields] if fields else None

    def v2_body(self) -> dict[str, Any]:
        return {"type": self.type, "code": self.code, "message": self.message, "fields": self.fields}

    def v1_status_code(self) -> int:
        return self.v1_status if self.v1_status is not None else self.status

    def v1_body(self) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        for field in self.fields or ():
            errors.setdefault(str(field.get("name", "_other")), []).append(str(field.get("message", self.message)))
        if not errors:
            errors["_other"] = [self.v1_message()]
        return {"errors": errors}

    def v1_message(self) -> str:
        return self.message


def field_error(name: str, message: str, kind: str = "invalid") -> dict[str, str]:
    """One entry of ``fields``: which input, what kind of problem, in words."""
    return {"name": name, "type": kind, "message": message}


class Unauthorized(OnCrawlError):
    status = 401
    type = "unauthorized"
    code = "unauthorized"
    message = "A valid token is required: 'Authorization: Bearer <token>' or 'x-oncrawl-token: <session token>'."

    def v1_message(self) -> str:
        return "unauthorized"


class Forbidden(OnCrawlError):
    status = 403
    type = "forbidden"
    code = "unauthorized"
    message = "The token does not grant this operation."
    v1_status = 401

    def v1_message(self) -> str:
        return "unauthorized"


class QuotaError(OnCrawlError):
    status = 403
    type = "quota_error"
    code = "quota_exceeded"
    message = "Not enough remaining quota."
    v1_status = 422

    def v1_message(self) -> str:
        return "not enough remaining quota"


class InvalidRequest(OnCrawlError):
    status = 400
    type = "invalid_request"
    code = "invalid_request"
    message = "The request could not be read."
    v1_status = 422


class InvalidRequestParameters(OnCrawlError):
    status = 400
    type = "invalid_request_parameters"
    code = "invalid_parameters"
    message = "Some request parameters are invalid."
    v1_status = 422


class ResourceNotFound(OnCrawlError):
    status = 404
    type = "resource_not_found"
    code = "not_found"
    message = "Resource not found."


class DuplicateEntry(OnCrawlError):
    status = 400
    type = "duplicate_entry"
    code = "duplicate_entry"
    message = "An entry with the same value already exists."
    v1_status = 422


class InvalidStateForRequest(OnCrawlError):
    status = 409
    type = "invalid_state_for_request"
    code = "invalid_state"
    message = "The resource is not in a state that allows this request."


class MethodNotAllowed(OnCrawlError):
    """Not in the vendor's table: a known path asked with another verb (emulator's choice of type)."""

    status = 405
    type = "invalid_request"
    code = "method_not_allowed"
    message = "Method not allowed."


class TooManyRequests(OnCrawlError):
    """Not in the vendor's table either; clients report 429s (research §2.4), so it carries Retry-After."""

    status = 429
    type = "too_many_requests"
    code = "rate_limited"
    message = "Too many requests; retry later."

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.headers.setdefault("Retry-After", "30")


class InternalError(OnCrawlError):
    status = 500
    type = "internal_error"
    code = "internal_error"
    message = "An internal error occurred."


#: Named errors for scenarios (``respond: {error: QuotaError}``) and the docs table, in table order.
ERRORS: dict[str, type[OnCrawlError]] = {
    cls.__name__: cls
    for cls in (
        Unauthorized,
        Forbidden,
        QuotaError,
        InvalidRequest,
        InvalidRequestParameters,
        ResourceNotFound,
        DuplicateEntry,
        InvalidStateForRequest,
        MethodNotAllowed,
        TooManyRequests,
        InternalError,
    )
}

_BY_STATUS: dict[int, type[OnCrawlError]] = {
    400: InvalidRequest,
    401: Unauthorized,
    403: Forbidden,
    404: ResourceNotFound,
    405: MethodNotAllowed,
    409: InvalidStateForRequest,
    429: TooManyRequests,
}


def error_for_status(status: int, message: str) -> OnCrawlError:
    """A framework-level failure (unknown route, 405, oversized or unreadable body, fault) as a vendor error."""
    if status in (411, 413, 415, 422):
        return InvalidRequest(message)
    cls = _BY_STATUS.get(status)
    if cls is not None:
        return cls(message)
    return InternalError(message, status=status)


def as_oncrawl_error(exc: MockError) -> OnCrawlError:
    """Any error raised under the prefix, as one of ours (keeping its status and headers)."""
    if isinstance(exc, OnCrawlError):
        return exc
    converted = error_for_status(exc.status, exc.message)
    converted.headers.update(exc.headers)
    return converted


def error_response(exc: MockError, v2: bool) -> Response:
    """v2 paths answer ``{type, code, message, fields}``; every other path the v1 ``{"errors": ...}``."""
    from starlette.responses import Response  # the module is read by `mockserver credentials` too

    error = as_oncrawl_error(exc)
    body, status = (error.v2_body(), error.status) if v2 else (error.v1_body(), error.v1_status_code())
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=error.headers)
