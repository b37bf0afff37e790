"""Skeleton errors, one class per vendor error, and the one envelope they leave in."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from mockserver.core.errors import MockError


class SkeletonError(MockError):
    """Base of every Skeleton error: ``{"error": {"code": ..., "message": ...}}``."""

    code = "internal_error"


class BadRequest(SkeletonError):
    status = 400
    code = "bad_request"
    message = "The request is not valid."


class Unauthorized(SkeletonError):
    status = 401
    code = "unauthorized"
    message = "A valid token is required."


class NotFound(SkeletonError):
    status = 404
    code = "not_found"
    message = "No such resource."


class MethodNotAllowed(SkeletonError):
    status = 405
    code = "method_not_allowed"


class TooManyRequests(SkeletonError):
    status = 429
    code = "rate_limited"
    message = "Too many requests."


class Unavailable(SkeletonError):
    status = 503
    code = "unavailable"
    message = "The service is unavailable."


#: The names scenarios may use (``respond: {error: NotFound}``).
ERRORS: dict[str, type[MockError]] = {
    cls.__name__: cls for cls in (BadRequest, Unauthorized, NotFound, MethodNotAllowed, TooManyRequests, Unavailable)
}
_BY_STATUS: dict[int, type[SkeletonError]] = {400: BadRequest, 401: Unauthorized, 404: NotFound, 405: MethodNotAllowed}


def error_for_status(status: int, message: str) -> MockError:
    """The vendor error for a framework-level failure (unknown route, 405, validation ...)."""
    cls = _BY_STATUS.get(status, SkeletonError)
    return cls(message, status=status)


def error_response(exc: MockError) -> Response:
    code = exc.code if isinstance(exc, SkeletonError) else f"http_{exc.status}"
    body = {"error": {"code": code, "message": exc.message}}
    return JSONResponse(body, status_code=exc.status, headers=exc.headers)
