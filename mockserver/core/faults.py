"""The closed list of faults a scenario rule may apply, and the delay distributions they share.

    delay        wait (fixed, uniform or log-normal), then answer normally
    respond      the provider's own error: by vendor error name or by HTTP status
    rate_limit   at most ``limit`` requests per ``per_seconds`` of virtual time, then the provider's 429
    in_flight    at most ``limit`` concurrent requests, the next one gets the provider's 429 at once
    locked       423 (the provider's) until ``polls`` polls or ``seconds`` of virtual time have passed
    drop         close the connection before any response
    truncate     announce the full Content-Length, send only part of the body, close
    malformed    a body the client cannot parse
    dribble      the body in several chunks spread over time
    hang         no answer until the client gives up (bounded by ``max_seconds``), then close
    pass         nothing (a step in a ``sequence`` that lets the request through)

Every fault takes an optional ``delay`` before it hits and ``after_commit``: the handler runs first
(the store change is made) and the fault replaces or spoils its answer. Body faults (truncate,
malformed, dribble) always work on the handler's real answer. How each is applied at the ASGI level
lives in ``mockserver.core.fault_asgi``.
"""

from __future__ import annotations

import math
import random
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FixedDelay(_Strict):
    """Always the same wait."""

    type: Literal["fixed"]
    ms: float = Field(ge=0)

    def sample(self, rng: random.Random) -> float:
        return self.ms / 1000


class UniformDelay(_Strict):
    """Any wait between ``min_ms`` and ``max_ms``, equally likely."""

    type: Literal["uniform"]
    min_ms: float = Field(ge=0)
    max_ms: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> UniformDelay:
        if self.max_ms < self.min_ms:
            raise ValueError(f"max_ms ({self.max_ms}) must not be below min_ms ({self.min_ms})")
        return self

    def sample(self, rng: random.Random) -> float:
        return rng.uniform(self.min_ms, self.max_ms) / 1000


class LogNormalDelay(_Strict):
    """Mostly near ``median_ms`` with a long tail (``sigma`` sets its weight), capped at ``max_ms``."""

    type: Literal["lognormal"]
    median_ms: float = Field(gt=0)
    sigma: float = Field(ge=0, le=5)
    max_ms: float | None = Field(None, ge=0)

    def sample(self, rng: random.Random) -> float:
        ms = rng.lognormvariate(math.log(self.median_ms), self.sigma)
        if self.max_ms is not None:
            ms = min(ms, self.max_ms)
        return ms / 1000


Delay = Annotated[FixedDelay | UniformDelay | LogNormalDelay, Field(discriminator="type")]


class _FaultBase(_Strict):
    delay: Delay | None = Field(None, description="wait this long before the fault hits")
    after_commit: bool = Field(False, description="run the handler (commit the change) before the fault hits")


class _ErrorChoice(_Strict):
    """Which of the provider's errors to answer with: a vendor error name, else one picked by status."""

    error: str | None = Field(None, description="a name from the provider's error table")
    message: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)


class DelayFault(_FaultBase):
    type: Literal["delay"]
    delay: Delay

    def label(self) -> str:
        return "delay"


class RespondFault(_FaultBase, _ErrorChoice):
    type: Literal["respond"]
    status: int | None = Field(None, ge=400, le=599)

    @model_validator(mode="after")
    def _status_or_error(self) -> RespondFault:
        if self.status is None and self.error is None:
            raise ValueError("respond needs 'status' or 'error'")
        return self

    def label(self) -> str:
        return f"respond {self.error or self.status}"


CallerKey = Literal["credential", "tenant", "global"]


class RateLimitFault(_FaultBase, _ErrorChoice):
    type: Literal["rate_limit"]
    limit: int = Field(ge=1)
    per_seconds: float = Field(gt=0)
    per: CallerKey = "credential"

    def label(self) -> str:
        return f"rate_limit {self.limit}/{self.per_seconds:g}s"


class InFlightFault(_FaultBase, _ErrorChoice):
    type: Literal["in_flight"]
    limit: int = Field(ge=1)
    per: CallerKey = "credential"

    def label(self) -> str:
        return f"in_flight {self.limit}"


class LockedFault(_FaultBase, _ErrorChoice):
    type: Literal["locked"]
    polls: int | None = Field(None, ge=1, description="refuse this many polls of one resource")
    seconds: float | None = Field(None, gt=0, description="refuse for this long after the first poll")
    status: int = Field(423, ge=400, le=599)

    @model_validator(mode="after")
    def _bounded(self) -> LockedFault:
        if self.polls is None and self.seconds is None:
            raise ValueError("locked needs 'polls' or 'seconds' (or both: whichever comes first)")
        return self

    def label(self) -> str:
        limits = [f"{self.polls} polls" if self.polls else "", f"{self.seconds:g}s" if self.seconds else ""]
        return f"locked {self.error or self.status} for {' or '.join(x for x in limits if x)}"


class DropFault(_FaultBase):
    type: Literal["drop"]

    def label(self) -> str:
        return "drop"


class TruncateFault(_FaultBase):
    type: Literal["truncate"]
    fraction: float = Field(0.5, ge=0, lt=1, description="share of the body that is sent")

    def label(self) -> str:
        return "truncate"


class MalformedFault(_FaultBase):
    type: Literal["malformed"]

    def label(self) -> str:
        return "malformed"


class DribbleFault(_FaultBase):
    type: Literal["dribble"]
    chunks: int = Field(5, ge=2, le=10_000)
    over_ms: float = Field(1000, ge=0, le=600_000)

    def label(self) -> str:
        return f"dribble {self.chunks}x"


class HangFault(_FaultBase):
    type: Literal["hang"]
    max_seconds: float = Field(30, gt=0, le=600)

    def label(self) -> str:
        return "hang"


class PassFault(_FaultBase):
    type: Literal["pass"]

    def label(self) -> str:
        return "pass"


Fault = Annotated[
    DelayFault
    | RespondFault
    | RateLimitFault
    | InFlightFault
    | LockedFault
    | DropFault
    | TruncateFault
    | MalformedFault
    | DribbleFault
    | HangFault
    | PassFault,
    Field(discriminator="type"),
]

FAULT_TYPES = (
    "delay",
    "respond",
    "rate_limit",
    "in_flight",
    "locked",
    "drop",
    "truncate",
    "malformed",
    "dribble",
    "hang",
    "pass",
)
DELAY_TYPES = ("fixed", "uniform", "lognormal")
