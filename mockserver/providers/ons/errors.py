"""The Ons error classes: one per status of the vendor's response-code table.

Source: seeds/ons-api-properties.txt ("HTTP Response codes"). Note the vendor's own
wording, kept here on purpose: 401 means *insufficient rights*, 403 means
*authentication unsuccessful*.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mockserver.core.errors import MockError


@dataclass(frozen=True)
class ErrorEntry:
    """One line of the vendor's ErrorResponse: which field, what value, what is wrong."""

    message: str
    field: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "value": self.value, "message": self.message}


class OnsError(MockError):
    """Base of every Ons error; rendered as an ErrorResponse by ``OnsProvider.render_error``."""

    code = "ons_error"

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        value: object = None,
        entries: Sequence[ErrorEntry] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        if entries:
            self.entries: list[ErrorEntry] = list(entries)
        else:
            shown = None if value is None else str(value)
            self.entries = [ErrorEntry(self.message, field, shown)]


class BadRequest(OnsError):
    """400: invalid query parameters (GET) or incorrect content (POST/PUT)."""

    status = 400
    code = "bad_request"
    message = "Bad request"


class InsufficientRights(OnsError):
    """401: the connector's rights do not cover this resource (the vendor's meaning of 401)."""

    status = 401
    code = "insufficient_rights"
    message = "Insufficient rights to access this resource"


class PaymentRequired(OnsError):
    """402: listed by the vendor as reserved for future use; only scenarios raise it."""

    status = 402
    code = "payment_required"
    message = "Payment required"


class AuthenticationFailed(OnsError):
    """403: no certificate, or one the vendor does not know (the vendor's meaning of 403)."""

    status = 403
    code = "authentication_failed"
    message = "Authentication unsuccessful"


class NotFound(OnsError):
    """404: the requested resource was not found."""

    status = 404
    code = "not_found"
    message = "Not found"


class MethodNotAllowed(OnsError):
    """405: a known path asked with a method it does not have."""

    status = 405
    code = "method_not_allowed"
    message = "Method not allowed"


class NotAcceptable(OnsError):
    """406: the Accept header names nothing this resource can give."""

    status = 406
    code = "not_acceptable"
    message = "Not acceptable"


class Conflict(OnsError):
    """409: the resource already exists, or was changed by another call."""

    status = 409
    code = "conflict"
    message = "Conflict"


class UnsupportedMediaType(OnsError):
    """415: only with the ``unsupported_media_type_415`` switch (the vendor answers 400)."""

    status = 415
    code = "unsupported_media_type"
    message = "Unsupported media type"


class Locked(OnsError):
    """423: a delayed job that is not ready yet; ``Retry-After`` says when to poll again (1 s unless told)."""

    status = 423
    code = "locked"
    message = "The resource is not ready yet"

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: int = 1,
        field: str | None = None,
        value: object = None,
        entries: Sequence[ErrorEntry] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        headers = {"Retry-After": str(retry_after), **(headers or {})}
        super().__init__(message, field=field, value=value, entries=entries, headers=headers, status=status)


class TooManyRequests(OnsError):
    """429: rate limited (4 requests in flight per certificate)."""

    status = 429
    code = "too_many_requests"
    message = "Too many requests"


class InternalServerError(OnsError):
    """500: something blew up on the vendor's side."""

    status = 500
    code = "internal_server_error"
    message = "Internal server error"


class BadGateway(OnsError):
    """502: invalid upstream; the vendor says this happens during updates."""

    status = 502
    code = "bad_gateway"
    message = "Bad gateway"


class ServiceUnavailable(OnsError):
    """503: a service is down, during updates."""

    status = 503
    code = "service_unavailable"
    message = "Service unavailable"


class GatewayTimeout(OnsError):
    """504: a timeout in the vendor's infrastructure or a congested network."""

    status = 504
    code = "gateway_timeout"
    message = "Gateway timeout"


ERRORS: dict[str, type[OnsError]] = {
    cls.__name__: cls
    for cls in (
        BadRequest,
        InsufficientRights,
        PaymentRequired,
        AuthenticationFailed,
        NotFound,
        MethodNotAllowed,
        NotAcceptable,
        Conflict,
        UnsupportedMediaType,
        Locked,
        TooManyRequests,
        InternalServerError,
        BadGateway,
        ServiceUnavailable,
        GatewayTimeout,
    )
}

BY_STATUS: dict[int, type[OnsError]] = {cls.status: cls for cls in ERRORS.values()}


def error_for_status(status: int, message: str) -> OnsError:
    """The Ons error for a framework-level failure; an oversized body (413) is the vendor's 400."""
    if status in (413, 422):
        return BadRequest(message)
    cls = BY_STATUS.get(status)
    if cls is None:
        return OnsError(message, status=status)
    return cls(message)
