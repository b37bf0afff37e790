"""Every failure the emulated APIREST answers with: one table, one class per code.

The real server reports failures inside the XML body (``<Status>failed</Status>`` with a
``<Message>`` and a ``<Code>``) and, as far as any client shows, always with HTTP 200
(research/provider-onlineafspraken-oncrawl.md §1.1). Only ``B57`` is documented by the vendor
(seeds/onlineafspraken-how-the-api-works.txt: "API required parameter id not found.");
every ``M..`` code below belongs to this emulator and is listed in docs/onlineafspraken.md.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mockserver.core.errors import MockError


class OnlineAfsprakenError(MockError):
    """A failed APIREST call. HTTP 200 unless a fault injects a transport-level status."""

    status = 200
    code = "M99"
    message = "API call failed."
    #: Short name used in the docs table and by scenarios (``respond: {error: Name}``).
    name: ClassVar[str] = "OnlineAfsprakenError"


class RequiredParameterMissing(OnlineAfsprakenError):
    code = "B57"
    name = "RequiredParameterMissing"

    def __init__(self, parameter: str = "id", **kwargs: Any) -> None:
        super().__init__(f"API required parameter {parameter} not found.", **kwargs)
        self.parameter = parameter


class UnknownApiKey(OnlineAfsprakenError):
    code = "M01"
    message = "API key is not valid."
    name = "UnknownApiKey"


class InvalidSalt(OnlineAfsprakenError):
    code = "M02"
    message = "API salt must be a Unix timestamp in seconds."
    name = "InvalidSalt"


class SaltExpired(OnlineAfsprakenError):
    code = "M03"
    message = "API salt is more than 300 seconds older than the server time."
    name = "SaltExpired"


class SaltInFuture(OnlineAfsprakenError):
    code = "M04"
    message = "API salt is later than the server time."
    name = "SaltInFuture"


class InvalidSignature(OnlineAfsprakenError):
    code = "M05"
    message = "API signature is not valid."
    name = "InvalidSignature"


class DuplicateParameter(OnlineAfsprakenError):
    code = "M06"
    message = "A parameter was given more than once."
    name = "DuplicateParameter"


class UnknownMethod(OnlineAfsprakenError):
    code = "M07"
    message = "API method does not exist."
    name = "UnknownMethod"


class InvalidParameter(OnlineAfsprakenError):
    code = "M08"
    message = "A parameter has an invalid value."
    name = "InvalidParameter"


class ObjectNotFound(OnlineAfsprakenError):
    code = "M09"
    message = "Object not found."
    name = "ObjectNotFound"


class SlotNotBookable(OnlineAfsprakenError):
    code = "M10"
    message = "The requested time is not bookable."
    name = "SlotNotBookable"


class InvalidAppointmentState(OnlineAfsprakenError):
    code = "M11"
    message = "The appointment cannot be changed in its current state."
    name = "InvalidAppointmentState"


class LoginFailed(OnlineAfsprakenError):
    code = "M12"
    message = "Username or password is incorrect."
    name = "LoginFailed"


class UsernameTaken(OnlineAfsprakenError):
    code = "M13"
    message = "The username is already in use."
    name = "UsernameTaken"


class MalformedRequest(OnlineAfsprakenError):
    code = "M14"
    message = "The request could not be read."
    name = "MalformedRequest"


class UnknownEndpoint(OnlineAfsprakenError):
    code = "M15"
    message = "No such API endpoint."
    name = "UnknownEndpoint"


class EmulatorFailure(OnlineAfsprakenError):
    code = "M16"
    message = "The server could not complete the call."
    name = "EmulatorFailure"


#: The one table of failure codes, in code order (docs/onlineafspraken.md mirrors it).
ERRORS: tuple[type[OnlineAfsprakenError], ...] = (
    RequiredParameterMissing,
    UnknownApiKey,
    InvalidSalt,
    SaltExpired,
    SaltInFuture,
    InvalidSignature,
    DuplicateParameter,
    UnknownMethod,
    InvalidParameter,
    ObjectNotFound,
    SlotNotBookable,
    InvalidAppointmentState,
    LoginFailed,
    UsernameTaken,
    MalformedRequest,
    UnknownEndpoint,
    EmulatorFailure,
)

ERRORS_BY_NAME: dict[str, type[OnlineAfsprakenError]] = {cls.name: cls for cls in ERRORS}


def error_for_status(status: int, message: str) -> OnlineAfsprakenError:
    """A framework-level failure (unknown path, 405, bad body, crash) as a failed APIREST call.

    The vendor answers such calls with HTTP 200 and a failed body; statuses a fault
    injects on purpose (429, 502, 503, 504 ...) keep their HTTP status.
    """
    if status in (404, 405):
        return UnknownEndpoint(message)
    if status in (400, 411, 413, 415, 422):
        return MalformedRequest(message)
    if status == 500:
        return EmulatorFailure(message)
    return EmulatorFailure(message, status=status)
