"""The Onix Work error classes, drawn as the vendor's three answers to a failed call.

seeds/onix-work-openapi-get-started.txt ("Error responses"): 400 is either a ProblemDetails
(validation, or the token call's "Bad Request") or a logic/state error with ``memberNames`` and
``errorMessage``; 401 is a missing token or the wrong scheme; 500 is a system error.

    OnixError
    ├── ProblemError          ProblemDetails: type, title, status, traceId (+ errors)
    │   ├── ValidationFailed  400 "One or more validation errors occurred."
    │   ├── BadRequest        400 "Bad Request" (the token call)
    │   ├── UnsupportedMediaType 415, PayloadTooLarge 413
    │   └── ServerError       500 (scenarios)
    ├── LogicError            400 [{"memberNames": [...], "errorMessage": "..."}]
    │   └── one class per rule (InvalidWorkflowStatusId ...)
    └── EmptyError            no body, as ASP.NET answers them
        ├── Unauthorized      401 with WWW-Authenticate (TokenExpired)
        └── NotFound 404, MethodNotAllowed 405
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import ClassVar

from mockserver.core.errors import MockError

#: ASP.NET Core's ProblemDetails ``type`` per status (the seed's copy lost the link text).
PROBLEM_TYPES = {
    400: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    404: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
    405: "https://tools.ietf.org/html/rfc7231#section-6.5.5",
    413: "https://tools.ietf.org/html/rfc7231#section-6.5.11",
    415: "https://tools.ietf.org/html/rfc7231#section-6.5.13",
    500: "https://tools.ietf.org/html/rfc7231#section-6.6.1",
    502: "https://tools.ietf.org/html/rfc7231#section-6.6.3",
    503: "https://tools.ietf.org/html/rfc7231#section-6.6.4",
    504: "https://tools.ietf.org/html/rfc7231#section-6.6.5",
}


def display_name(field: str) -> str:
    """``erpOrderDate`` -> ``ErpOrderDate``, the form the vendor's messages use."""
    name = field.rsplit(".", 1)[-1]
    name = re.sub(r"\[\d+\]$", "", name)
    return name[:1].upper() + name[1:]


class OnixError(MockError):
    """Base of every Onix Work error; rendered by ``OnixProvider.render_error``."""

    code = "onix_error"
    #: Which of the vendor's bodies this error has: "problem", "logic" or "empty".
    shape: ClassVar[str] = "problem"


class ProblemError(OnixError):
    """An RFC 7807 ProblemDetails body, as ASP.NET Core writes it."""

    status = 500
    code = "problem"

    @property
    def title(self) -> str:
        return self.message

    @property
    def type(self) -> str:
        return PROBLEM_TYPES.get(self.status, "about:blank")


class ValidationFailed(ProblemError):
    """400: request fields of the wrong type, format, length or value."""

    status = 400
    code = "validation"
    message = "One or more validation errors occurred."

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}

    @classmethod
    def one(cls, field: str, text: str) -> ValidationFailed:
        return cls(errors={field: [text]})


class BadRequest(ProblemError):
    """400 from the token call: unknown user, wrong password, or a body that is not the login model."""

    status = 400
    code = "bad_request"
    message = "Bad Request"


class PayloadTooLarge(ProblemError):
    status = 413
    code = "payload_too_large"
    message = "Payload Too Large"


class UnsupportedMediaType(ProblemError):
    """415: the body is not JSON (ASP.NET's [ApiController] answer)."""

    status = 415
    code = "unsupported_media_type"
    message = "Unsupported Media Type"


class ServerError(ProblemError):
    """500: a system error (documented; only scenarios raise it)."""

    status = 500
    code = "server_error"
    message = "An error occurred while processing your request."


class LogicError(OnixError):
    """400: the request is well formed but the company's data refuses it."""

    status = 400
    code = "logic"
    shape = "logic"
    message = "The request could not be processed."
    member_names: tuple[str, ...] = ()

    def __init__(
        self,
        message: str | None = None,
        *,
        member_names: Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        if member_names is not None:
            self.member_names = tuple(member_names)


class InvalidWorkflowStatusId(LogicError):
    message = "Invalid Workflow Status Id"
    member_names = ("workflowStatusId",)


class InvalidOrderId(LogicError):
    message = "Invalid Order Id"
    member_names = ("orderId",)


class InvalidOrderImportId(LogicError):
    message = "Invalid Order Import Id"
    member_names = ("orderImportId",)


class InvalidOrderLineId(LogicError):
    message = "Invalid Order Line Id"
    member_names = ("orderLineId",)


class InvalidOrderLineImportId(LogicError):
    message = "Invalid Order Line Import Id"
    member_names = ("orderLineImportId",)


class OrderLineNotInOrder(LogicError):
    message = "The order line does not belong to the order"
    member_names = ("orderLineId", "orderId")


class InvalidProductId(LogicError):
    message = "Invalid Product Id"
    member_names = ("productId",)


class InvalidProductImportId(LogicError):
    message = "Invalid Import Id"
    member_names = ("importId",)


class InvalidProductNo(LogicError):
    message = "Invalid Product No"
    member_names = ("productNo",)


class ProductNoExists(LogicError):
    message = "Product No already exists"
    member_names = ("productNo",)


class InvalidControlCategoryId(LogicError):
    message = "Invalid Control Category Id"
    member_names = ("controlCategoryId",)


class InvalidCompanyLink(LogicError):
    """An external company id with no company link, or a link of the other type (supplier/customer)."""

    message = "Invalid Company Link"
    member_names = ("erpCustomerId",)


class InvalidContactLink(LogicError):
    message = "Invalid Contact Link"
    member_names = ("erpCustomerContactId",)


class OrderClosed(LogicError):
    message = "The order's workflow status is Closed"
    member_names = ("orderId",)


class OrderLineClosed(LogicError):
    message = "The order line's workflow status is Closed"
    member_names = ("orderLineId",)


class ItemsNotNumbered(LogicError):
    """Non-unique equipment (consumables, stock goods) has no serial or batch numbers (seed glossary)."""

    message = "Non-unique equipment has no serial or batch numbers"
    member_names = ("items",)


class TooManyItems(LogicError):
    message = "More items than the order line's quantity"
    member_names = ("items",)


class DuplicateSerialNo(LogicError):
    message = "Duplicate Serial No"
    member_names = ("items",)


class WholeQuantityRequired(LogicError):
    """Only consumable goods are uncountable (seed glossary); everything else comes in whole units."""

    message = "Quantity must be a whole number for countable products"
    member_names = ("quantity",)


class InvalidFormName(LogicError):
    message = "Invalid Form Name"
    member_names = ("formName",)


class EmptyError(OnixError):
    """An answer without a body, as ASP.NET Core gives for 401, 404 and 405."""

    shape = "empty"


class Unauthorized(EmptyError):
    """401: no token, an unknown or expired one, or the wrong scheme for its kind."""

    status = 401
    code = "unauthorized"
    message = "Unauthorized"

    def __init__(
        self,
        message: str | None = None,
        *,
        scheme: str = "Bearer",
        error: str | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, headers=headers, status=status)
        # ASP.NET's JwtBearer challenge: the reason travels in WWW-Authenticate, the body stays empty.
        challenge = scheme
        if error is not None:
            challenge += f' error="{error}"'
            if message:
                challenge += f', error_description="{message}"'
        self.headers.setdefault("WWW-Authenticate", challenge)


class TokenExpired(Unauthorized):
    """401: a short-lived token used after its 60 minutes (seed: "expiration time set to 60 minutes")."""

    code = "token_expired"
    message = "The token expired"

    def __init__(
        self, message: str | None = None, *, headers: Mapping[str, str] | None = None, status: int | None = None
    ) -> None:
        super().__init__(message or self.message, error="invalid_token", headers=headers, status=status)


class NotFound(EmptyError):
    status = 404
    code = "not_found"
    message = "Not Found"


class MethodNotAllowed(EmptyError):
    status = 405
    code = "method_not_allowed"
    message = "Method Not Allowed"


ERRORS: dict[str, type[OnixError]] = {
    cls.__name__: cls
    for cls in (
        ValidationFailed,
        BadRequest,
        PayloadTooLarge,
        UnsupportedMediaType,
        ServerError,
        LogicError,
        InvalidWorkflowStatusId,
        InvalidOrderId,
        InvalidOrderImportId,
        InvalidOrderLineId,
        InvalidOrderLineImportId,
        OrderLineNotInOrder,
        InvalidProductId,
        InvalidProductImportId,
        InvalidProductNo,
        ProductNoExists,
        InvalidControlCategoryId,
        InvalidCompanyLink,
        InvalidContactLink,
        OrderClosed,
        OrderLineClosed,
        ItemsNotNumbered,
        TooManyItems,
        DuplicateSerialNo,
        WholeQuantityRequired,
        InvalidFormName,
        Unauthorized,
        TokenExpired,
        NotFound,
        MethodNotAllowed,
    )
}


def error_for_status(status: int, message: str) -> OnixError:
    """The Onix answer for a framework-level failure (unknown route, 405, bad body, crash, a scenario's status)."""
    if status == 404:
        return NotFound(message)
    if status == 405:
        return MethodNotAllowed(message)
    if status == 401:
        return Unauthorized(message)
    if status in (400, 422):
        return ValidationFailed(errors={"$": [message]})
    if status == 413:
        return PayloadTooLarge()
    if status == 415:
        return UnsupportedMediaType()
    if status == 500:
        return ServerError()
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = message
    return ProblemError(title, status=status)
