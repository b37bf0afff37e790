"""Request bodies of the admin API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ClockChange(BaseModel):
    """``freeze`` (at ``at`` or now), ``set`` to ``at``, ``advance`` by ``seconds``, or back to ``system``."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["freeze", "set", "advance", "system"]
    at: datetime | None = None
    seconds: float | None = Field(None, description="for advance; negative moves back")


class RequestQuery(BaseModel):
    """A journal filter, for POST /__admin/requests/count."""

    model_config = ConfigDict(extra="forbid")

    provider: str | None = None
    method: str | None = None
    path: str | None = Field(None, description="exact path, or a glob such as /ons/t/clients/*")
    status: int | None = None
    tenant: str | None = None
    operation: str | None = None
