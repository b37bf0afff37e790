"""The LeanLaw error classes: one per status of the vendor's status-code list, plus the refused business rules.

seeds/leanlaw-request-response-patterns.txt lists 400, 401, 403, 429 and 500 (and the OpenAPI
document declares none of them). LeanLaw publishes no error body, so the body is ours, in the
shape ASP.NET gives a problem: ``{type, title, status, traceId, errors: {field: [message]}}``.

    LeanLawError
    ├── InvalidRequest (400)          bad parameters or body
    │   └── BusinessRuleViolation     a delete or update the vendor refuses (client with matters ...)
    ├── MissingAuthentication (401)   no API key
    ├── NotAuthorized (403)           unknown key, wrong scheme, or a permission the key lacks
    ├── NotFound (404)                unknown id or route
    ├── MethodNotAllowed (405)
    ├── PayloadTooLarge (413)
    ├── Throttled (429)               scenarios and the optional window per key
    ├── ServerError (500)
    └── ServiceUnavailable (503)      scenarios (maintenance)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from mockserver.core.errors import MockError


class LeanLawError(MockError):
    """Base of every LeanLaw error; ``errors`` maps a field (or ``request``) to its messages."""

    status = 500
    code = "ServerError"
    message = "An error occurred while processing the request."
    title: ClassVar[str] = "Server error"
    type_uri: ClassVar[str] = "https://tools.ietf.org/html/rfc9110#section-15.6.1"
    #: The field a message is filed under when the raiser names none.
    default_field: ClassVar[str] = "request"

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        self.errors: dict[str, list[str]] = (
            {k: list(v) for k, v in errors.items()} if errors else {field or self.default_field: [self.message]}
        )

    def body(self, trace_id: str) -> dict[str, Any]:
        """The error body; ``traceId`` repeats the ``x-leanlaw-traceid`` header."""
        return {
            "type": self.type_uri,
            "title": self.title,
            "status": self.status,
            "traceId": trace_id,
            "errors": self.errors,
        }


class InvalidRequest(LeanLawError):
    status = 400
    code = "InvalidRequest"
    message = "The request is invalid."
    title = "One or more validation errors occurred."
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.1"


class BusinessRuleViolation(InvalidRequest):
    """400 for a change the vendor's rules refuse (the operation descriptions in the OpenAPI document)."""

    code = "BusinessRuleViolation"
    message = "The change is not allowed."
    title = "The request could not be completed."
    default_field = "id"


class MissingAuthentication(LeanLawError):
    status = 401
    code = "MissingAuthentication"
    message = "No API key was provided. Send 'Authorization: Bearer <api key>'."
    title = "Unauthorized"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.2"
    default_field = "authorization"


class NotAuthorized(LeanLawError):
    status = 403
    code = "NotAuthorized"
    message = "The API key is not valid or not authorized to perform this action."
    title = "Forbidden"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.4"
    default_field = "authorization"


class NotFound(LeanLawError):
    status = 404
    code = "NotFound"
    message = "The requested resource was not found."
    title = "Not Found"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.5"
    default_field = "id"


class MethodNotAllowed(LeanLawError):
    status = 405
    code = "MethodNotAllowed"
    message = "The method is not allowed on this resource."
    title = "Method Not Allowed"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.6"


class PayloadTooLarge(LeanLawError):
    status = 413
    code = "PayloadTooLarge"
    message = "The request body is too large."
    title = "Content Too Large"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.5.14"


class Throttled(LeanLawError):
    """429. The vendor sends no Retry-After ("initiate a backup retry strategy"); ours only when asked."""

    status = 429
    code = "Throttled"
    message = "Too many requests. Initiate a backoff retry strategy."
    title = "Too Many Requests"
    type_uri = "https://tools.ietf.org/html/rfc6585#section-4"


class ServerError(LeanLawError):
    pass


class ServiceUnavailable(LeanLawError):
    status = 503
    code = "ServiceUnavailable"
    message = "The service is temporarily unavailable."
    title = "Service Unavailable"
    type_uri = "https://tools.ietf.org/html/rfc9110#section-15.6.4"


ERROR_CLASSES: tuple[type[LeanLawError], ...] = (
    InvalidRequest,
    BusinessRuleViolation,
    MissingAuthentication,
    NotAuthorized,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Throttled,
    ServerError,
    ServiceUnavailable,
)

#: Scenario names (``respond: {error: Throttled}``) to classes.
ERRORS: dict[str, type[LeanLawError]] = {cls.code: cls for cls in ERROR_CLASSES}

_BY_STATUS: dict[int, type[LeanLawError]] = {
    400: InvalidRequest,
    401: MissingAuthentication,
    403: NotAuthorized,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
    429: Throttled,
    500: ServerError,
    503: ServiceUnavailable,
}


def error_for_status(status: int, message: str) -> LeanLawError:
    """A framework-level failure (unknown route, 405, bad body, crash, injected status) as a LeanLaw error."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        return ServerError(message, status=status, field="request")
    return cls(message, field="request")
