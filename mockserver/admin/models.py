"""Request bodies of the admin API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _text_or_none(value: Any) -> Any:
    if value is not None and not isinstance(value, str):
        raise ValueError("must be an ISO 8601 instant (text)")
    return value


class ClockChange(BaseModel):
    """``freeze`` (at ``at`` or now), ``set`` to ``at``, ``advance`` by ``seconds``, or back to ``system``."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["freeze", "set", "advance", "system"]
    # Only what the document says: an ISO 8601 text for at, a JSON number for seconds (not pydantic's
    # lax readings of a number as Unix seconds or of "5" as 5).
    at: Annotated[datetime | None, BeforeValidator(_text_or_none)] = None
    seconds: float | None = Field(None, strict=True, description="for advance; negative moves back")


class RequestQuery(BaseModel):
    """A journal filter, for POST /__admin/requests/count."""

    model_config = ConfigDict(extra="forbid")

    provider: str | None = None
    method: str | None = None
    path: str | None = Field(None, description="exact path, or a glob such as /ons/t/clients/*")
    status: int | None = Field(None, strict=True)
    tenant: str | None = None
    operation: str | None = None
    body_contains: str | None = Field(None, description="a substring of the (redacted) request body")
    body_json: Any = Field(None, description="a JSON document the request body contains (extra keys ignored)")
    body_xpath: str | None = Field(None, description="an XPath that selects something in an XML request body")
